/**
 * Whether a policy change grants more than before, in the spirit of `cdk diff --require-approval
 * broadening`: new actions, wildcards, new principals, conditions that let more through, Deny
 * statements removed or narrowed. Statements are matched by what they grant, not by their Sid.
 */
import type { Severity } from '../model';
import { listed } from '../text';
import { conditionBroadening, conditionChanges } from './condition-broadening';
import { compareConditions } from './conditions';
import type { AttachmentDiff, DocumentDiff } from './diff';
import { isControlKind, type DocumentKind } from './documents';
import { grantCovers } from './grants';
import { isPublicPrincipal, wildcardMatches, type Statement } from './policy';

export interface Broadening {
  readonly severity: Severity;
  readonly message: string;
}

/** Managed policies that grant (nearly) everything. */
const ADMIN_POLICY = /:policy\/(AdministratorAccess|PowerUserAccess|IAMFullAccess)$/;

export function documentLabel(diff: Pick<DocumentDiff, 'path' | 'kind'>): string {
  if (diff.kind === 'trust') return `trust policy (${diff.path})`;
  if (diff.kind === 'scp') return `service control policy (${diff.path})`;
  if (diff.kind === 'rcp') return `resource control policy (${diff.path})`;
  return diff.path;
}

export function broadeningOfDocument(diff: DocumentDiff): Broadening[] {
  const found: Broadening[] = [];
  const beforeAllows = diff.before.filter((statement) => statement.effect === 'Allow');
  for (const statement of diff.added) {
    if (statement.effect !== 'Allow') continue;
    const result = broadeningOfStatement(statement, beforeAllows, diff.kind);
    // A control policy grants nothing by itself: what it lets through more is a cap raised, never high.
    const severity = result && isControlKind(diff.kind) && result.severity === 'high' ? 'medium' : result?.severity;
    if (result && severity) found.push({ severity, message: `${documentLabel(diff)}: ${result.message}` });
  }
  const afterDenies = diff.after.filter((statement) => statement.effect === 'Deny');
  for (const statement of diff.removed) {
    if (statement.effect !== 'Deny') continue;
    const result = lostDenial(statement, afterDenies);
    if (result) found.push({ severity: result.severity, message: `${documentLabel(diff)}: ${result.message}` });
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
  const conditions = conditionBroadening(statement, beforeAllows, kind);
  if (conditions) {
    parts.push(conditions.message);
    if (conditions.severity === 'high') high = true;
  }
  if (parts.length === 0) return undefined;
  const name = statement.sid ? ` (statement ${statement.sid})` : '';
  const severity: Severity = high ? 'high' : parts.length === 1 && conditions?.severity === 'low' ? 'low' : 'medium';
  return { severity, message: `${parts.join('; ')}${name}` };
}

/**
 * A removed Deny statement, unless the Deny statements left still deny all it denied: as much
 * of the actions, resources and principals, under conditions that match at least the same requests.
 */
function lostDenial(removed: Statement, afterDenies: readonly Statement[]): Broadening | undefined {
  const name = removed.sid ? ` ${removed.sid}` : '';
  const what = listed([...removed.actions, ...removed.notActions.map((action) => `all but ${action}`)]);
  const candidates = afterDenies.filter((candidate) => grantCovers(candidate, removed));
  if (candidates.length > 0) {
    const verdict = compareConditions(candidates, removed);
    if (verdict.verdict === 'same' || verdict.verdict === 'narrower') return undefined;
    const changes = conditionChanges([removed], candidates[0]);
    if (verdict.verdict === 'undecided') {
      return {
        severity: 'low',
        message: `could not decide whether Deny statement${name} still denies all it did (${changes.text}): ${verdict.reasons.join('; ')}`,
      };
    }
    return { severity: 'medium', message: `Deny statement${name} narrowed: its conditions now match fewer requests (${changes.text}; it denies ${what})` };
  }
  return { severity: 'medium', message: `Deny statement${name} removed or narrowed (it denied ${what})` };
}

export function broadeningOfAttachments(diff: AttachmentDiff): Broadening[] {
  const found: Broadening[] = diff.attached.map((arn) => ({
    severity: ADMIN_POLICY.test(arn) ? 'high' : 'medium',
    message: `attaches ${arn.startsWith('arn:') ? `managed policy ${arn}` : arn}${diff.target ? ` to ${diff.target}` : ''}`,
  }));
  if (diff.boundaryRemoved) found.push({ severity: 'high', message: `permissions boundary ${diff.boundaryRemoved} removed` });
  return found;
}
