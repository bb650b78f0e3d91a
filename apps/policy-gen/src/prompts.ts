/** What the model is told: the project's rules for identity policies, and each question's input. */
import type { PolicyDocument } from '@llm/iam-eval';
import { CONDITION_OPERATORS } from './answers';

export const POLICY_INSTRUCTIONS = `You write AWS IAM identity policies for the workloads of the llm-platform project, which grants least privilege only.
Rules (a validator checks every one; an answer that breaks one is rejected):
1. List every action by its exact name, service:Action (s3:PutObject). Never use wildcards in actions: no "*", "s3:*", "s3:Get*".
2. Grant only the resources given, or resources under them: the objects of a given bucket as "<bucket ARN>/<prefix>*", the log streams of a given log group as "<log group ARN>:*". Scope to the narrowest prefix the description allows.
3. Match each action to the resource type it acts on: object actions (s3:GetObject, s3:PutObject) on object ARNs, bucket actions (s3:ListBucket) on the bucket ARN, logs:PutLogEvents and logs:CreateLogStream on log streams.
4. Use Resource "*" only for actions that have no resource type (xray:PutTraceSegments, ecr:GetAuthorizationToken), in a statement of their own.
5. Add conditions where they narrow a grant usefully: s3:prefix on s3:ListBucket, kms:ViaService when a key is used through a service, aws:ResourceAccount. Use only these operators: ${CONDITION_OPERATORS.filter((operator) => !operator.includes(':') && !operator.endsWith('IfExists')).join(', ')} (with IfExists, ForAnyValue: or ForAllValues: where needed). Condition keys must exist for the statement's actions.
6. No policy variables (\${...}), no NotAction or NotResource in Allow statements, no Principal.
7. Give each statement a Sid of letters and digits that says what it grants; Sids are unique.
8. Grant nothing the description does not need: no delete, no write where reading suffices.`;

export const REQUESTS_INSTRUCTIONS = `You test AWS IAM identity policies for least privilege. Given a workload description and the policy written for it, list:
- must_allow: the concrete requests the workload makes. Every action the policy grants appears at least once, on a concrete resource (a real object key such as "<bucket ARN>/generations/2024/a.json", not a pattern).
- must_deny: near misses an over-broad policy would allow: actions the workload does not need on the same resources (deletes, writes where it only reads), the same actions on other buckets, other prefixes, other log groups, other accounts or regions.
Each request names one exact action, one concrete ARN (no wildcards; "*" only for an action without a resource type), and the condition keys it carries with their values (s3:prefix for s3:ListBucket, kms:ViaService for KMS through a service); leave the context empty when none apply.`;

export interface Feedback {
  /** The previous answer, as the model gave it. */
  readonly previous: string;
  readonly problems: readonly string[];
}

export function policyInput(description: string, resources: readonly string[], feedback?: Feedback): string {
  const lines = [
    `Workload: ${description}`,
    '',
    'Resources it may use (grant these or what lies under them, nothing else):',
    ...resources.map((arn) => `- ${arn}`),
  ];
  if (feedback) {
    lines.push(
      '',
      'Your previous answer was rejected:',
      feedback.previous,
      '',
      'Problems found (fix every one; keep what was right):',
      ...feedback.problems.map((problem) => `- ${problem}`),
    );
  }
  return lines.join('\n');
}

export function requestsInput(description: string, resources: readonly string[], policy: PolicyDocument): string {
  return [`Workload: ${description}`, '', 'Resources it may use:', ...resources.map((arn) => `- ${arn}`), '', 'Policy:', JSON.stringify(policy, null, 2)].join(
    '\n',
  );
}
