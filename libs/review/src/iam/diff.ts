/** Statements added and removed per policy document of one resource change, and managed policies attached or detached. */
import { withImplicitPolicies } from '../aws/default-policies';
import { isObject } from '../input/terraform-json';
import { policyDocuments, type DocumentKind } from './documents';
import type { Statement } from './policy';

export interface DocumentDiff {
  readonly path: string;
  readonly kind: DocumentKind;
  readonly before: readonly Statement[];
  readonly after: readonly Statement[];
  readonly added: readonly Statement[];
  readonly removed: readonly Statement[];
}

/**
 * Documents whose statements changed; a document created or deleted whole counts as all added or
 * all removed. A policy AWS applies when none is given (a VPC endpoint's) counts on both sides, so
 * writing it out is no change.
 */
export function diffPolicyDocuments(type: string, before: unknown, after: unknown): DocumentDiff[] {
  const writes = isObject(after);
  const old = policyDocuments(type, writes ? withImplicitPolicies(type, before) : before);
  const current = policyDocuments(type, writes ? withImplicitPolicies(type, after) : after);
  // Most resources hold no policy at all.
  if (old.size === 0 && current.size === 0) return [];
  const diffs: DocumentDiff[] = [];
  for (const path of new Set([...old.keys(), ...current.keys()])) {
    const beforeStatements = old.get(path)?.statements ?? [];
    const afterStatements = current.get(path)?.statements ?? [];
    const beforeKeys = new Set(beforeStatements.map((statement) => statement.key));
    const afterKeys = new Set(afterStatements.map((statement) => statement.key));
    const added = afterStatements.filter((statement) => !beforeKeys.has(statement.key));
    const removed = beforeStatements.filter((statement) => !afterKeys.has(statement.key));
    if (added.length === 0 && removed.length === 0) continue;
    const kind = (current.get(path) ?? old.get(path))!.kind;
    diffs.push({ path, kind, before: beforeStatements, after: afterStatements, added, removed });
  }
  return diffs;
}

export interface AttachmentDiff {
  readonly attached: readonly string[];
  readonly detached: readonly string[];
  /** What the policies are attached to, when it is not the resource itself: `IAM Identity Center permission set <arn>`. */
  readonly target?: string;
  /** The permissions boundary that was set before and is gone after. */
  readonly boundaryRemoved?: string;
}

/** Attachment resources of one managed policy, and the attribute holding its ARN. */
const SINGLE_ATTACHMENT_KEYS: Readonly<Record<string, string>> = {
  aws_iam_role_policy_attachment: 'policy_arn',
  aws_iam_user_policy_attachment: 'policy_arn',
  aws_iam_group_policy_attachment: 'policy_arn',
  aws_iam_policy_attachment: 'policy_arn',
  // IAM Identity Center: the permission set grants the policy in every account it is assigned to.
  aws_ssoadmin_managed_policy_attachment: 'managed_policy_arn',
};
const LIST_ATTACHMENT_KEYS: Readonly<Record<string, string>> = {
  aws_iam_role: 'managed_policy_arns',
  aws_iam_role_policy_attachments_exclusive: 'policy_arns',
  aws_iam_user_policy_attachments_exclusive: 'policy_arns',
  aws_iam_group_policy_attachments_exclusive: 'policy_arns',
};

const CUSTOMER_MANAGED_ATTACHMENT = 'aws_ssoadmin_customer_managed_policy_attachment';

/** Types that can attach a policy or lose a permissions boundary: every other type is answered without a look at its values. */
function mayAttach(type: string): boolean {
  return (
    Object.hasOwn(SINGLE_ATTACHMENT_KEYS, type) || Object.hasOwn(LIST_ATTACHMENT_KEYS, type) || type === CUSTOMER_MANAGED_ATTACHMENT || type === 'aws_iam_user'
  );
}

function attachedArns(type: string, values: unknown): string[] {
  if (!isObject(values)) return [];
  const single = SINGLE_ATTACHMENT_KEYS[type];
  if (single) return typeof values[single] === 'string' ? [values[single] as string] : [];
  if (type === CUSTOMER_MANAGED_ATTACHMENT) return customerManagedPolicies(values);
  const key = LIST_ATTACHMENT_KEYS[type];
  const list = key ? values[key] : undefined;
  return Array.isArray(list) ? list.filter((item): item is string => typeof item === 'string') : [];
}

/** Managed policies attached to or detached from an identity by this change, or undefined when none. */
export function diffAttachments(type: string, before: unknown, after: unknown): AttachmentDiff | undefined {
  if (!mayAttach(type)) return undefined;
  const old = new Set(attachedArns(type, before));
  const current = new Set(attachedArns(type, after));
  const attached = [...current].filter((arn) => !old.has(arn)).sort();
  const detached = [...old].filter((arn) => !current.has(arn)).sort();
  const boundaryBefore = isObject(before) && typeof before.permissions_boundary === 'string' ? before.permissions_boundary : '';
  const boundaryAfter = isObject(after) && typeof after.permissions_boundary === 'string' ? after.permissions_boundary : '';
  const boundaryRemoved =
    (type === 'aws_iam_role' || type === 'aws_iam_user') && isObject(after) && boundaryBefore !== '' && boundaryAfter === '' ? boundaryBefore : undefined;
  if (attached.length === 0 && detached.length === 0 && !boundaryRemoved) return undefined;
  const target = type.startsWith('aws_ssoadmin_') ? (permissionSet(after) ?? permissionSet(before)) : undefined;
  return { attached, detached, ...(target ? { target } : {}), ...(boundaryRemoved ? { boundaryRemoved } : {}) };
}

/** A customer managed policy of a permission set is named, not given by ARN: `<path><name>` in each account. */
function customerManagedPolicies(values: Record<string, unknown>): string[] {
  const references = Array.isArray(values.customer_managed_policy_reference) ? values.customer_managed_policy_reference.filter(isObject) : [];
  return references.flatMap((reference) =>
    typeof reference.name === 'string' ? [`customer managed policy ${typeof reference.path === 'string' ? reference.path : '/'}${reference.name}`] : [],
  );
}

function permissionSet(values: unknown): string | undefined {
  const arn = isObject(values) && typeof values.permission_set_arn === 'string' ? values.permission_set_arn : undefined;
  return `IAM Identity Center permission set${arn ? ` ${arn}` : ''}`;
}
