/**
 * Audits every IAM policy document in a synthesized stack (cdk.tf.json): no action wildcards in
 * what is granted, and `Resource: "*"` only for the actions listed in UNSCOPED_ACTIONS. The few
 * documents where AWS semantics differ are exempted here, in one place, each with its reason.
 */
import { asList, leastPrivilegeViolation, type PolicyDocument, type PolicyStatement } from './policy-document';

/** Resource types and the attributes that hold policy JSON. */
export const POLICY_ATTRIBUTES: Readonly<Record<string, readonly string[]>> = {
  aws_iam_policy: ['policy'],
  aws_iam_role_policy: ['policy'],
  aws_iam_role: ['assume_role_policy'],
  aws_s3_bucket_policy: ['policy'],
  aws_sns_topic_policy: ['policy'],
  aws_kms_key: ['policy'],
  aws_secretsmanager_secret: ['policy'],
  aws_ecr_repository_policy: ['policy'],
};

interface Exemption {
  readonly reason: string;
  readonly applies: (resourceType: string, statement: PolicyStatement, policyName: string | undefined) => boolean;
}

export const POLICY_EXEMPTIONS: readonly Exemption[] = [
  {
    reason: 'a permission boundary caps what roles may do; its Allow * grants nothing by itself',
    applies: (type, statement, name) => type === 'aws_iam_policy' && (name ?? '').endsWith('-permission-boundary') && statement.Sid === 'AllowWithinBoundary',
  },
  {
    reason: 'a KMS key policy must let the account root administer the key through IAM, or the key becomes unmanageable',
    applies: (type, statement) => type === 'aws_kms_key' && isAccountRoot(statement.Principal),
  },
  {
    reason: 'in a KMS key policy, Resource "*" means this key and nothing else',
    applies: (type, statement) => type === 'aws_kms_key' && asList(statement.Action).every((action) => !action.includes('*')),
  },
];

export interface PolicyViolation {
  readonly address: string;
  readonly attribute: string;
  readonly statement: string;
  readonly problem: string;
}

export function auditStackPolicies(stackJson: { resource?: Record<string, Record<string, Record<string, unknown>>> }): PolicyViolation[] {
  const violations: PolicyViolation[] = [];
  for (const [type, attributes] of Object.entries(POLICY_ATTRIBUTES)) {
    for (const [name, resource] of Object.entries(stackJson.resource?.[type] ?? {})) {
      for (const attribute of attributes) {
        const text = resource[attribute];
        if (text === undefined) continue;
        const address = `${type}.${name}`;
        const document = parseDocument(text);
        if (typeof document === 'string') {
          violations.push({ address, attribute, statement: '-', problem: document });
          continue;
        }
        for (const statement of document.Statement) {
          if (POLICY_EXEMPTIONS.some((exemption) => exemption.applies(type, statement, resource.name as string | undefined))) continue;
          const problem = leastPrivilegeViolation(statement);
          if (problem) violations.push({ address, attribute, statement: statement.Sid ?? '(no Sid)', problem });
        }
      }
    }
  }
  return violations;
}

function parseDocument(text: unknown): PolicyDocument | string {
  if (typeof text !== 'string') return 'is not a JSON string';
  try {
    const parsed = JSON.parse(text) as PolicyDocument;
    return Array.isArray(parsed.Statement) ? parsed : { ...parsed, Statement: [parsed.Statement as unknown as PolicyStatement] };
  } catch {
    return `is not literal JSON (${text.slice(0, 40)}...), so it cannot be audited before apply`;
  }
}

function isAccountRoot(principal: PolicyStatement['Principal']): boolean {
  if (principal === undefined || principal === '*') return false;
  return asList(principal.AWS).some((arn) => /^arn:aws[a-z-]*:iam::\d{12}:root$/.test(arn));
}
