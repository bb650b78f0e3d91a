/** iam-broadening: a policy change that grants more: new actions, wildcards, new trusted principals, conditions or Deny statements removed. */
import { unknownPolicyPaths } from '../iam/documents';
import { broadeningOfAttachments, broadeningOfDocument } from '../iam/broadening';
import { violation, type ChangeRule, type Violation } from './rule';

export const iamBroadening: ChangeRule = {
  id: 'iam-broadening',
  subject: 'change',
  gate: 'broadening',
  info: 'A permission is broadened.',
  explanation:
    'New actions, wildcards, new principals in a trust policy, removed conditions and removed Deny statements widen what someone can do; like `cdk diff --require-approval broadening`, they need a second pair of eyes.',
  check(change) {
    if (!change.isManaged || !change.writes) return 'not-applicable';
    const diffs = change.policyDiffs;
    const attachments = change.attachments;
    const unknown = unknownPolicyPaths(change.type, change.afterUnknown);
    if (diffs.length === 0 && !attachments && unknown.length === 0) return 'not-applicable';
    const found: Violation[] = [
      ...diffs.flatMap(broadeningOfDocument),
      ...(attachments ? broadeningOfAttachments(attachments) : []),
      ...unknown.map((path) => violation('low', `${path} is known only after apply, so it cannot be reviewed here`)),
    ];
    return found.length > 0 ? found : 'compliant';
  },
};
