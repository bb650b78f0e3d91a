/**
 * Finds the IAM policy documents held in a resource's attributes: `policy`, `assume_role_policy`,
 * `inline_policy[*].policy`, `access_policies`, an organization policy's `content` and the like,
 * as JSON strings Terraform stores.
 */
import { formatPath, type PathStep } from '../input/paths';
import { isObject } from '../input/terraform-json';
import { parsePolicy, type Statement } from './policy';

/**
 * `trust`: who may assume a role; `identity`: what a principal may do; `resource`: who may use a
 * resource; `scp` / `rcp`: an organization's service and resource control policies, which grant
 * nothing themselves but cap what every account under them may do or let be done.
 */
export type DocumentKind = 'trust' | 'identity' | 'resource' | 'scp' | 'rcp';

export interface PolicyDocument {
  /** `policy`, `assume_role_policy`, `inline_policy["read"].policy`, `content`. */
  readonly path: string;
  readonly kind: DocumentKind;
  readonly statements: readonly Statement[];
}

const POLICY_KEY = /polic(y|ies)(_document|_json)?$/i;

/** Types whose policy documents are identity policies although they are not `aws_iam_*`. */
const IDENTITY_TYPES = new Set(['aws_ssoadmin_permission_set_inline_policy']);

const ORGANIZATIONS_POLICY = 'aws_organizations_policy';
/** Organization policy types that hold IAM policy language; tag and backup policies do not. */
const CONTROL_KINDS: Readonly<Record<string, DocumentKind>> = { SERVICE_CONTROL_POLICY: 'scp', RESOURCE_CONTROL_POLICY: 'rcp' };

export function isControlKind(kind: DocumentKind): boolean {
  return kind === 'scp' || kind === 'rcp';
}

/** The documents of a resource that holds none, which most resources are. */
const NO_DOCUMENTS: ReadonlyMap<string, PolicyDocument> = new Map();

/** Policy documents by path; attributes that hold no parsable document are left out. */
export function policyDocuments(type: string, values: unknown): ReadonlyMap<string, PolicyDocument> {
  if (!isObject(values)) return NO_DOCUMENTS;
  const documents = new Map<string, PolicyDocument>();
  if (type === ORGANIZATIONS_POLICY) {
    // The provider's default type is SERVICE_CONTROL_POLICY.
    const kind = CONTROL_KINDS[typeof values.type === 'string' ? values.type : 'SERVICE_CONTROL_POLICY'];
    const statements = kind && typeof values.content === 'string' ? parsePolicy(values.content) : undefined;
    if (kind && statements) documents.set('content', { path: 'content', kind, statements });
    return documents;
  }
  // Keys, not entries: every change of a big plan passes here, and most hold no policy at all.
  for (const key of Object.keys(values)) if (POLICY_KEY.test(key)) visitDocuments(type, key, values[key], [key], 0, documents);
  return documents.size > 0 ? documents : NO_DOCUMENTS;
}

function visitDocuments(type: string, key: string, value: unknown, steps: PathStep[], depth: number, documents: Map<string, PolicyDocument>): void {
  // Only attributes named like a policy hold one, or the blocks that do (inline_policy).
  if (!POLICY_KEY.test(key)) return;
  if (typeof value === 'string') {
    const statements = parsePolicy(value);
    if (statements) documents.set(formatPath(steps), { path: formatPath(steps), kind: kindOf(type, key), statements });
    return;
  }
  if (depth >= 2 || !Array.isArray(value)) return;
  // Nested blocks such as inline_policy are sets: name elements by their `name`, not their position.
  value.forEach((element, index) => {
    if (!isObject(element)) return;
    const step: PathStep = typeof element.name === 'string' && element.name !== '' ? { key: element.name } : index;
    for (const [childKey, child] of Object.entries(element)) visitDocuments(type, childKey, child, [...steps, step, childKey], depth + 1, documents);
  });
}

function kindOf(type: string, key: string): DocumentKind {
  if (key === 'assume_role_policy') return 'trust';
  return type.startsWith('aws_iam_') || IDENTITY_TYPES.has(type) ? 'identity' : 'resource';
}

/** Whether an attribute (top level, as configured) holds a policy document of this type. */
export function isPolicyAttribute(type: string, attribute: string): boolean {
  return type === ORGANIZATIONS_POLICY ? attribute === 'content' : POLICY_KEY.test(attribute);
}

/**
 * Where the policy is the point of the resource (an IAM policy, a bucket policy, an SCP), so an
 * unknown value is worth saying even when the plan does not tell whether it was configured.
 */
function isEssentialPolicy(type: string, attribute: string): boolean {
  if (type === ORGANIZATIONS_POLICY) return attribute === 'content';
  if (IDENTITY_TYPES.has(type)) return attribute === 'inline_policy';
  return (type.startsWith('aws_iam_') && (attribute === 'policy' || attribute === 'assume_role_policy')) || (/_policy$/.test(type) && attribute === 'policy');
}

/**
 * Policy attributes that Terraform will know only after apply (`after_unknown`), as paths. An
 * attribute the configuration does not set is the provider's to compute (a bucket's legacy
 * `policy`, an endpoint's default policy): left out. `configured` says whether the configuration
 * sets an attribute, or undefined when the plan does not tell.
 */
export function unknownPolicyPaths(type: string, afterUnknown: unknown, configured: (attribute: string) => boolean | undefined): string[] {
  if (!isObject(afterUnknown)) return [];
  const paths: string[] = [];
  for (const attribute of Object.keys(afterUnknown)) {
    if (!isPolicyAttribute(type, attribute)) continue;
    const unknown = afterUnknown[attribute];
    const set = configured(attribute);
    if (set === false || (set === undefined && !isEssentialPolicy(type, attribute))) continue;
    if (unknown === true) paths.push(attribute);
    else if (Array.isArray(unknown)) {
      unknown.forEach((element, index) => {
        if (!isObject(element)) return;
        for (const [key, value] of Object.entries(element)) if (value === true && POLICY_KEY.test(key)) paths.push(formatPath([attribute, index, key]));
      });
    }
  }
  return paths;
}
