/**
 * The proof's verdict, a pure function of what the plans and the review found: findings that
 * delete or replace (destructive-change), broaden IAM (iam-broadening) or expose something
 * publicly (public-exposure), and a monthly estimate above the environment's budget, fail it
 * unless the user accepted that kind in advance (--accept). Everything else is shown, not judged.
 */
import { RULES, type ChangeSummary, type Finding, type StackReport } from '@llm/review';

type StackCost = NonNullable<StackReport['cost']>;

export const ACCEPTABLE = ['destructive', 'broadening', 'exposure', 'cost'] as const;
export type Acceptable = (typeof ACCEPTABLE)[number];

/** How a stack differs between the unchanged and the changed configuration. */
export type StackKind = 'changed' | 'added' | 'removed' | 'unchanged';

export interface StackOutcome {
  readonly name: string;
  readonly kind: StackKind;
  readonly summary: ChangeSummary;
  /** The review's findings about this change (none for an unchanged stack). */
  readonly findings: readonly Finding[];
  readonly cost: StackCost | undefined;
}

export interface CostVerdict {
  readonly beforeUsd: number;
  readonly afterUsd: number;
  readonly deltaUsd: number;
  readonly budgetUsd: number;
  /** Resource types without prices, over all stacks: not in the figures. */
  readonly unpriced: readonly string[];
}

export interface Verdict {
  readonly failures: readonly string[];
  /** What would have failed the proof but was accepted with --accept. */
  readonly accepted: readonly string[];
  readonly cost: CostVerdict;
}

/** The --accept kind a finding fails under, or undefined when it only informs. */
export function gateOf(finding: Finding): Exclude<Acceptable, 'cost'> | undefined {
  const gate = RULES.find((rule) => rule.id === finding.rule)?.gate;
  return gate === 'destructive' || gate === 'broadening' || gate === 'exposure' ? gate : undefined;
}

const round = (usd: number) => Math.round(usd * 100) / 100;

/**
 * The environment's monthly estimate before and after: an unchanged stack counts the same on both
 * sides (its plan from empty state prices what it holds), a changed one its plan's before and
 * after, an added one only after, a removed one only before.
 */
export function costVerdict(stacks: readonly StackOutcome[], budgetUsd: number): CostVerdict {
  let beforeUsd = 0;
  let afterUsd = 0;
  for (const stack of stacks) {
    if (!stack.cost) continue;
    if (stack.kind === 'unchanged') {
      beforeUsd += stack.cost.monthlyUsd.after;
      afterUsd += stack.cost.monthlyUsd.after;
    } else {
      beforeUsd += stack.cost.monthlyUsd.before;
      afterUsd += stack.cost.monthlyUsd.after;
    }
  }
  const unpriced = [...new Set(stacks.flatMap((stack) => stack.cost?.unpriced ?? []))].sort();
  return { beforeUsd: round(beforeUsd), afterUsd: round(afterUsd), deltaUsd: round(afterUsd - beforeUsd), budgetUsd, unpriced };
}

export function verdict(stacks: readonly StackOutcome[], budgetUsd: number, accept: readonly Acceptable[]): Verdict {
  const failures: string[] = [];
  const accepted: string[] = [];
  for (const stack of stacks) {
    if (stack.kind === 'unchanged') continue;
    for (const finding of stack.findings) {
      const gate = gateOf(finding);
      if (!gate) continue;
      const line = `${gate}: ${stack.name} ${finding.address}: ${finding.message} (${finding.rule}, ${finding.severity})`;
      (accept.includes(gate) ? accepted : failures).push(line);
    }
  }
  const cost = costVerdict(stacks, budgetUsd);
  if (cost.afterUsd > budgetUsd) {
    const line = `cost: the monthly estimate of ${usd(cost.afterUsd)} (${cost.deltaUsd >= 0 ? '+' : ''}${usd(cost.deltaUsd)}) is above the budget of ${usd(budgetUsd)}`;
    (accept.includes('cost') ? accepted : failures).push(line);
  }
  return { failures, accepted, cost };
}

export function usd(amount: number): string {
  return `${amount < 0 ? '-' : ''}$${Math.abs(amount).toFixed(2)}`;
}
