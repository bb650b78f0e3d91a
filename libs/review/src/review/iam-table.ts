/** The rows of the IAM security table: statements added and removed, managed policies attached and detached, per resource. */
import { documentLabel } from '../iam/broadening';
import { statementView } from '../iam/policy';
import type { PolicyChange } from '../model';
import type { ChangeView } from './change-view';

// Shared by the rows of every change: a big plan attaches tens of thousands of policies.
const NONE: readonly never[] = [];

export function policyChanges(change: ChangeView): readonly PolicyChange[] {
  if (!change.isManaged) return NONE;
  const attachments = change.attachments;
  const attaches = attachments !== undefined && (attachments.attached.length > 0 || attachments.detached.length > 0);
  if (change.policyDiffs.length === 0 && !attaches) return NONE;
  const rows: PolicyChange[] = change.policyDiffs.map((diff) => ({
    address: change.address,
    document: documentLabel(diff),
    added: diff.added.map(statementView),
    removed: diff.removed.map(statementView),
    attached: NONE,
    detached: NONE,
  }));
  if (attaches) {
    rows.push({
      address: change.address,
      document: 'managed policies',
      added: NONE,
      removed: NONE,
      attached: attachments.attached,
      detached: attachments.detached,
    });
  }
  return rows;
}
