/** iam-broadening: a policy change that grants more: new actions, wildcards, new trusted principals, conditions that let more through, Deny statements removed. */
import { broadeningOfAttachments, broadeningOfDocument, documentLabel } from '../iam/broadening';
import { isPolicyAttribute, unknownPolicyPaths } from '../iam/documents';
import type { ChangeView } from '../review/change-view';
import { violation, type ChangeRule, type PlanContext, type RuleOutcome, type Violation } from './rule';

/** Resources whose deletion lifts a guardrail: an SCP or RCP, or its attachment to an account or OU. */
const GUARDRAIL_ATTACHMENT = 'aws_organizations_policy_attachment';
const GUARDRAIL_POLICY = 'aws_organizations_policy';

export const iamBroadening: ChangeRule = {
  id: 'iam-broadening',
  subject: 'change',
  gate: 'broadening',
  info: 'A permission is broadened.',
  explanation:
    'New actions, wildcards, new principals in a trust policy, conditions that let more requests through, removed Deny statements and lifted organization guardrails widen what someone can do; like `cdk diff --require-approval broadening`, they need a second pair of eyes, and so does a policy broadened by hand outside Terraform or one that cannot be read yet.',
  check(change, context) {
    if (!change.isManaged) return 'not-applicable';
    if (change.isDelete) return liftedGuardrail(change);
    if (!change.writes) return 'not-applicable';
    return broadening(change, unreviewable(change, context));
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

/**
 * Policies this plan cannot show: known only after apply (a document built from ARNs of resources
 * not created yet), or marked sensitive (masked before any rule reads it). Either is said, never skipped.
 */
function unreviewable(change: ChangeView, context: PlanContext): Violation[] {
  const unknown = unknownPolicyPaths(change.type, change.afterUnknown, (attribute) => context.configures(change.address, attribute)).map((path) =>
    violation('low', `${path} is known only after apply, so it cannot be reviewed until apply`),
  );
  if (change.sensitivePaths.size === 0) return unknown;
  const sensitive = [...change.sensitivePaths]
    .filter((path) => isPolicyAttribute(change.type, /^[^.[]+/.exec(path)?.[0] ?? path) && isPolicyPath(path))
    .sort()
    .map((path) =>
      violation(
        'medium',
        `${path} is marked sensitive, so its statements are hidden from this review and cannot be checked; review the policy where it is written`,
      ),
    );
  return [...unknown, ...sensitive];
}

/** `policy`, `inline_policy[0].policy`, `content`: the document itself or the block holding it, not a neighbour such as `policy_arn`. */
function isPolicyPath(path: string): boolean {
  const last =
    path
      .replace(/\[[^\]]*\]$/, '')
      .split(/[.[]/)
      .pop() ?? '';
  return /polic(y|ies)(_document|_json)?$/i.test(last) || last === 'content';
}

/** Deleting an SCP or RCP, or detaching one, gives back what it denied. */
function liftedGuardrail(change: ChangeView): RuleOutcome {
  if (change.type === GUARDRAIL_ATTACHMENT) {
    const policy = typeof change.before?.policy_id === 'string' ? ` ${change.before.policy_id}` : '';
    const target = typeof change.before?.target_id === 'string' ? ` from ${change.before.target_id}` : '';
    return [violation('medium', `organization policy${policy} detached${target}: what it denied there is allowed again`)];
  }
  if (change.type !== GUARDRAIL_POLICY) return 'not-applicable';
  const [diff] = change.policyDiffs;
  const denies = diff ? diff.removed.filter((statement) => statement.effect === 'Deny').length : 0;
  if (!diff || denies === 0) return 'compliant';
  return [violation('medium', `${documentLabel(diff)} deleted with ${denies} Deny statement${denies === 1 ? '' : 's'}: what they denied is allowed again`)];
}
