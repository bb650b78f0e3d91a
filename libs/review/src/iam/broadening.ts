/**
 * Whether a policy change grants more than before, in the spirit of `cdk diff --require-approval
 * broadening`: new actions, wildcards, new principals, conditions removed, Deny statements removed.
 */
import type { Severity } from '../model';
import { listed } from '../text';
import type { AttachmentDiff, DocumentDiff } from './diff';
import type { DocumentKind } from './documents';
import { isPublicPrincipal, wildcardMatches, type Statement } from './policy';

export interface Broadening {
  readonly severity: Severity;
  readonly message: string;
}

/** Managed policies that grant (nearly) everything. */
const ADMIN_POLICY = /:policy\/(AdministratorAccess|PowerUserAccess|IAMFullAccess)$/;

export function documentLabel(diff: Pick<DocumentDiff, 'path' | 'kind'>): string {
  return diff.kind === 'trust' ? `trust policy (${diff.path})` : diff.path;
}

export function broadeningOfDocument(diff: DocumentDiff): Broadening[] {
  const found: Broadening[] = [];
  const beforeAllows = diff.before.filter((statement) => statement.effect === 'Allow');
  for (const statement of diff.added) {
    if (statement.effect !== 'Allow') continue;
    const result = broadeningOfStatement(statement, beforeAllows, diff.kind);
    if (result) found.push({ severity: result.severity, message: `${documentLabel(diff)}: ${result.message}` });
  }
  for (const statement of diff.removed) {
    if (statement.effect !== 'Deny') continue;
    if (diff.after.some((candidate) => candidate.effect === 'Deny' && deniesAtLeast(candidate, statement))) continue;
    const name = statement.sid ? ` ${statement.sid}` : '';
    found.push({
      severity: 'medium',
      message: `${documentLabel(diff)}: Deny statement${name} removed or narrowed (it denied ${listed([...statement.actions, ...statement.notActions.map((action) => `all but ${action}`)])})`,
    });
  }
  return found;
}

function broadeningOfStatement(statement: Statement, beforeAllows: readonly Statement[], kind: DocumentKind): Broadening | undefined {
  const trust = kind === 'trust';
  const parts: string[] = [];
  let high = false;
  const resources = statement.resources.length > 0 ? ` on ${listed(statement.resources, 2)}` : '';
  if (statement.notActions.length > 0) {
    parts.push(`Allow with NotAction: every action except ${listed(statement.notActions)}${resources}`);
    high = true;
  }
  if (statement.notResources.length > 0) {
    parts.push(`Allow with NotResource: every resource except ${listed(statement.notResources, 2)}`);
    high = true;
  }
  const newPrincipals = statement.principals.filter((principal) => !beforeAllows.some((old) => old.principals.includes(principal)));
  const newActions = statement.actions.filter((action) => !beforeAllows.some((old) => old.actions.some((pattern) => wildcardMatches(pattern, action))));
  // In a trust policy the actions are sts:AssumeRole and friends: who may assume is what matters.
  const actionsMatter = !trust || newPrincipals.length === 0;
  if (actionsMatter && newActions.length > 0) {
    parts.push(`new action${newActions.length === 1 ? '' : 's'} ${listed(newActions)}${resources}`);
    // In a resource policy, Resource "*" means the resource itself; in an identity policy it means every resource.
    const anyResource = kind === 'identity' && (statement.resources.includes('*') || statement.notResources.length > 0);
    if (newActions.some((action) => action === '*' || (anyResource && action.endsWith('*')))) high = true;
  } else if (actionsMatter && statement.resources.length > 0) {
    const newResources = statement.resources.filter(
      (resource) => !beforeAllows.some((old) => old.resources.some((pattern) => wildcardMatches(pattern, resource))),
    );
    if (newResources.length > 0) parts.push(`${listed(statement.actions)} on new resource${newResources.length === 1 ? '' : 's'} ${listed(newResources, 2)}`);
    if (kind === 'identity' && newResources.includes('*') && statement.actions.some((action) => action.includes('*'))) high = true;
  }
  if (newPrincipals.length > 0) {
    const noun = trust ? 'may now be assumed by' : `new principal${newPrincipals.length === 1 ? '' : 's'}`;
    parts.push(`${noun} ${listed(newPrincipals)}`);
    if (newPrincipals.some(isPublicPrincipal) && statement.conditions.length === 0) high = true;
  }
  const counterpart = beforeAllows.find((old) => sameGrant(old, statement));
  if (counterpart) {
    const removed = counterpart.conditionKeys.filter((key) => !statement.conditionKeys.includes(key));
    if (removed.length > 0) {
      const shown = counterpart.conditions.filter((condition) => removed.includes(condition.slice(0, condition.indexOf(' = ')).toLowerCase()));
      parts.push(`condition${removed.length === 1 ? '' : 's'} removed: ${listed(shown, 2)}`);
      if (statement.conditions.length === 0 && statement.principals.some(isPublicPrincipal)) high = true;
    }
  }
  if (parts.length === 0) return undefined;
  const name = statement.sid ? ` (statement ${statement.sid})` : '';
  return { severity: high ? 'high' : 'medium', message: `${parts.join('; ')}${name}` };
}

/** The statement that a changed statement replaces: same Sid, or the same actions, resources and principals. */
function sameGrant(old: Statement, current: Statement): boolean {
  if (old.sid && current.sid) return old.sid === current.sid;
  const grant = (statement: Statement) =>
    JSON.stringify([statement.actions.map((action) => action.toLowerCase()), statement.notActions, statement.resources, statement.principals]);
  return grant(old) === grant(current);
}

/** Whether `candidate` denies everything `removed` denied: same or more actions and resources, same or fewer conditions. */
function deniesAtLeast(candidate: Statement, removed: Statement): boolean {
  if (candidate.notActions.length > 0 || removed.notActions.length > 0 || candidate.notResources.length > 0 || removed.notResources.length > 0) return false;
  const covers = (patterns: readonly string[], values: readonly string[]) =>
    values.every((value) => patterns.some((pattern) => wildcardMatches(pattern, value)));
  return (
    covers(candidate.actions, removed.actions) &&
    covers(candidate.resources, removed.resources) &&
    candidate.principals.every((principal) => removed.principals.includes(principal) || isPublicPrincipal(principal)) &&
    candidate.conditionKeys.every((key) => removed.conditionKeys.includes(key))
  );
}

export function broadeningOfAttachments(diff: AttachmentDiff): Broadening[] {
  const found: Broadening[] = diff.attached.map((arn) => ({
    severity: ADMIN_POLICY.test(arn) ? 'high' : 'medium',
    message: `attaches managed policy ${arn}`,
  }));
  if (diff.boundaryRemoved) found.push({ severity: 'high', message: `permissions boundary ${diff.boundaryRemoved} removed` });
  return found;
}
