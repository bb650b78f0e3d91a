/** destructive-change: every delete and replace, with Terraform's reason; high when the resource holds data or identity. */
import { statefulReason } from '../aws/stateful-types';
import { formatPath } from '../input/paths';
import type { ChangeView } from '../review/change-view';
import { listed } from '../text';
import { violation, type ChangeRule } from './rule';

const REASONS: Readonly<Record<string, string>> = {
  replace_because_cannot_update: 'an argument cannot be updated in place',
  replace_because_tainted: 'it is tainted',
  replace_by_request: 'replacement was requested (-replace)',
  replace_by_triggers: 'replace_triggered_by fired',
  delete_because_no_resource_config: 'it is no longer in the configuration',
  delete_because_no_module: 'its module is no longer in the configuration',
  delete_because_wrong_repetition: 'count/for_each was added or removed',
  delete_because_count_index: 'its count index is out of range',
  delete_because_each_key: 'its for_each key is gone',
  delete_because_no_move_target: 'its moved block has no target',
};

export const destructiveChange: ChangeRule = {
  id: 'destructive-change',
  subject: 'change',
  gate: 'destructive',
  info: 'A resource is deleted or replaced.',
  explanation:
    'Deleting or replacing a resource that holds data or identity (buckets, tables, keys, secrets, log groups, roles in use) loses it for good; a replace also changes ids and ARNs that others may hold.',
  check(change, context) {
    if (!change.isManaged || !change.actions.includes('delete')) return 'not-applicable';
    const what = change.isReplace ? replaceText(change) : deleteText(change);
    const stateful = statefulReason(change.type);
    if (stateful) return [violation('high', `${what}; ${stateful}`)];
    if (change.type === 'aws_iam_role') {
      const users = context.usersOfRole(change);
      if (users.length > 0) return [violation('high', `${what}; the role is in use by ${listed(users, 3)}`)];
    }
    return [violation('medium', what)];
  },
};

function replaceText(change: ChangeView): string {
  const order = change.actions[0] === 'create' ? 'create before destroy' : 'destroy before create';
  const paths = change.replacePaths.map((path) => formatPath(path)).filter(Boolean);
  const forcedBy = paths.length > 0 ? `: ${listed(paths, 3)} forces replacement` : '';
  const reason = change.actionReason && REASONS[change.actionReason] && !forcedBy ? `: ${REASONS[change.actionReason]}` : forcedBy;
  return `replaced (${order})${reason}`;
}

function deleteText(change: ChangeView): string {
  const reason = change.actionReason ? (REASONS[change.actionReason] ?? change.actionReason) : undefined;
  return reason ? `deleted: ${reason}` : 'deleted';
}
