/** iam-broadening: a policy change that grants more: new actions, wildcards, new trusted principals, conditions or Deny statements removed. */
import { unknownPolicyPaths } from '../iam/documents';
import { broadeningOfAttachments, broadeningOfDocument } from '../iam/broadening';
import type { ChangeView } from '../review/change-view';
import { violation, type ChangeRule, type RuleOutcome, type Violation } from './rule';

export const iamBroadening: ChangeRule = {
  id: 'iam-broadening',
  subject: 'change',
  gate: 'broadening',
  info: 'A permission is broadened.',
  explanation:
    'New actions, wildcards, new principals in a trust policy, removed conditions and removed Deny statements widen what someone can do; like `cdk diff --require-approval broadening`, they need a second pair of eyes, and so does a policy broadened by hand outside Terraform.',
  check(change) {
    if (!change.isManaged || !change.writes) return 'not-applicable';
    const unknown = unknownPolicyPaths(change.type, change.afterUnknown);
    return broadening(change, unknown.map((path) => violation('low', `${path} is known only after apply, so it cannot be reviewed here`)));
  },
  checkDrift(entry) {
    // Drift entries know every value: refresh read them.
    if (!entry.isManaged || !entry.writes) return 'not-applicable';
    const outcome = broadening(entry, []);
    return typeof outcome === 'string' ? outcome : outcome.map((item) => ({ ...item, message: `broadened outside Terraform: ${item.message}` }));
  },
};

/** Statements and managed policies that grant more after than before, a change or a drift entry alike. */
function broadening(change: ChangeView, unknown: readonly Violation[]): RuleOutcome {
  const diffs = change.policyDiffs;
  const attachments = change.attachments;
  if (diffs.length === 0 && !attachments && unknown.length === 0) return 'not-applicable';
  const found: Violation[] = [...diffs.flatMap(broadeningOfDocument), ...(attachments ? broadeningOfAttachments(attachments) : []), ...unknown];
  return found.length > 0 ? found : 'compliant';
}
