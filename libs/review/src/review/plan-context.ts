/** What rules may ask about the plan as a whole, worked out lazily: most plans delete no role and never pay for it. */
import { configuredAttributes, referrersInConfiguration } from '../input/configuration';
import { withoutInstanceKeys } from '../input/paths';
import type { PlanJson } from '../input/terraform-json';
import type { PlanContext } from '../rules/rule';
import type { ChangeView } from './change-view';

export function planContext(plan: PlanJson, changes: readonly ChangeView[], missingTags: PlanContext['missingTags']): PlanContext {
  let users: Map<string, string[]> | undefined;
  let configured: { value: Map<string, ReadonlySet<string>> | undefined } | undefined;
  let deletedBuckets: Set<string> | undefined;
  return {
    missingTags,
    usersOfRole(role) {
      users ??= usersOfRemovedRoles(plan, changes);
      return users.get(role.address) ?? [];
    },
    configures(address, attribute) {
      configured ??= { value: configuredAttributes(plan) };
      return configured.value?.get(withoutInstanceKeys(address))?.has(attribute);
    },
    deletesBucket(name) {
      deletedBuckets ??= new Set(
        changes
          .filter((change) => change.isManaged && change.type === 'aws_s3_bucket' && change.isDelete)
          .flatMap((change) => [change.before?.bucket, change.before?.id].filter((value): value is string => typeof value === 'string' && value !== '')),
      );
      return deletedBuckets.has(name);
    },
  };
}

/** Policies and attachments belong to a role; they do not use it the way a function or a task does. */
const ATTACHMENT = /^aws_iam_(role_polic|policy_attachment)/;

/**
 * For each role the plan deletes or replaces: the resources that still use it after apply, found
 * by configuration references and by the role's name or ARN in other resources' values.
 */
function usersOfRemovedRoles(plan: PlanJson, changes: readonly ChangeView[]): Map<string, string[]> {
  const roles = changes.filter((change) => change.isManaged && change.type === 'aws_iam_role' && change.actions.includes('delete'));
  const result = new Map<string, string[]>();
  if (roles.length === 0) return result;
  const deleted = new Set(changes.filter((change) => change.isDelete).map((change) => withoutInstanceKeys(change.address)));
  const byIdentifier = new Map<string, string>();
  for (const role of roles) {
    for (const key of ['name', 'arn', 'id']) {
      const value = role.before?.[key];
      if (typeof value === 'string' && value !== '') byIdentifier.set(value, role.address);
    }
  }
  const users = new Map<string, Set<string>>(roles.map((role) => [role.address, new Set<string>()]));
  const referrers = referrersInConfiguration(plan);
  for (const role of roles) {
    for (const referrer of referrers.get(withoutInstanceKeys(role.address)) ?? []) {
      if (!deleted.has(referrer) && !ATTACHMENT.test(referrer)) users.get(role.address)!.add(referrer);
    }
  }
  const roleAddresses = new Set(roles.map((role) => role.address));
  for (const change of changes) {
    if (change.isDelete || roleAddresses.has(change.address) || ATTACHMENT.test(change.type)) continue;
    const values = change.before ?? change.after ?? {};
    for (const key of Object.keys(values)) {
      const value = values[key];
      // Every value of every change is looked at: no list is made for a single one.
      if (typeof value === 'string') addUser(users, byIdentifier.get(value), change.address);
      else if (Array.isArray(value))
        for (const candidate of value) if (typeof candidate === 'string') addUser(users, byIdentifier.get(candidate), change.address);
    }
  }
  for (const [role, set] of users) result.set(role, [...set].sort());
  return result;
}

function addUser(users: ReadonlyMap<string, Set<string>>, role: string | undefined, user: string): void {
  if (role) users.get(role)!.add(user);
}
