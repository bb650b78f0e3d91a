/** The rows of the IAM security table: statements added and removed, managed policies attached and detached, per resource. */
import { documentLabel } from '../iam/broadening';
import { statementView } from '../iam/policy';
import type { PolicyChange } from '../model';
import type { ChangeView } from './change-view';

export function policyChanges(change: ChangeView): PolicyChange[] {
  if (!change.isManaged) return [];
  const rows: PolicyChange[] = change.policyDiffs.map((diff) => ({
    address: change.address,
    document: documentLabel(diff),
    added: diff.added.map(statementView),
    removed: diff.removed.map(statementView),
    attached: [],
    detached: [],
  }));
  const attachments = change.attachments;
  if (attachments && (attachments.attached.length > 0 || attachments.detached.length > 0)) {
    rows.push({
      address: change.address,
      document: 'managed policies',
      added: [],
      removed: [],
      attached: attachments.attached,
      detached: attachments.detached,
    });
  }
  return rows;
}
