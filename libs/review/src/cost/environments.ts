/**
 * Environment totals: the stacks of one environment added up and held against its budget. An
 * estimate past the budget is a high cost-increase finding on the environment's costliest change.
 */
import { compareFindings, type EnvironmentCost, type Report, type StackReport } from '../model';
import { COST_ADDRESS, costIncrease } from '../rules/cost-increase';
import { suppressionFor, type Suppression } from '../review/options';
import type { CostContext } from './context';
import { formatUsd, percent, roundCents } from './money';

/** The report with `environments` and the over-budget findings; stacks without a cost context count for none. */
export function withEnvironmentCosts(report: Report, contexts: ReadonlyMap<string, CostContext>, suppressions: readonly Suppression[] = []): Report {
  const byEnvironment = new Map<string, { context: CostContext; stacks: StackReport[] }>();
  for (const stack of report.stacks) {
    const context = contexts.get(stack.name);
    if (!context || !stack.cost) continue;
    const entry = byEnvironment.get(context.environment) ?? { context, stacks: [] };
    entry.stacks.push(stack);
    byEnvironment.set(context.environment, entry);
  }
  if (byEnvironment.size === 0) return report;
  const environments: EnvironmentCost[] = [];
  const overBudget = new Map<string, string>();
  for (const [name, { context, stacks }] of byEnvironment) {
    const sum = (pick: (stack: StackReport) => number) => roundCents(stacks.reduce((total, stack) => total + pick(stack), 0));
    const monthlyUsd = sum((stack) => stack.cost?.monthlyUsd.after ?? 0);
    const environment: EnvironmentCost = {
      name,
      monthlyUsd,
      fixedUsd: sum((stack) => stack.cost?.fixedUsd ?? 0),
      usageUsd: sum((stack) => stack.cost?.usageUsd ?? 0),
      deltaUsd: sum((stack) => stack.cost?.monthlyUsd.delta ?? 0),
      budgetUsd: context.budgetUsd,
      share: roundCents(monthlyUsd / context.budgetUsd),
      stacks: stacks.length,
      stacksInEnvironment: context.environmentStacks,
    };
    environments.push(environment);
    if (monthlyUsd > context.budgetUsd) {
      // On the stack whose change adds most, else the costliest: where a reviewer can act.
      const target = [...stacks].sort(
        (a, b) => (b.cost?.monthlyUsd.delta ?? 0) - (a.cost?.monthlyUsd.delta ?? 0) || (b.cost?.monthlyUsd.after ?? 0) - (a.cost?.monthlyUsd.after ?? 0),
      )[0];
      const partial =
        environment.stacks < environment.stacksInEnvironment ? ` over ${environment.stacks} of its ${environment.stacksInEnvironment} stacks` : '';
      overBudget.set(
        target.name,
        `${name}: the estimate of ~${formatUsd(monthlyUsd)} a month${partial} passes the budget of ${formatUsd(context.budgetUsd)} (${percent(
          environment.share,
        )})`,
      );
    }
  }
  const stacks = report.stacks.map((stack) => {
    const message = overBudget.get(stack.name);
    if (!message) return stack;
    const finding = { severity: 'high' as const, rule: costIncrease.id, address: COST_ADDRESS, message };
    // Suppressed like any finding (`--suppress "cost-increase:monthly cost=REASON"`).
    const suppression = suppressionFor(finding, stack.name, suppressions);
    if (suppression) return { ...stack, suppressed: [...stack.suppressed, { ...finding, reason: suppression.reason.trim() }].sort(compareFindings) };
    return { ...stack, findings: [...stack.findings, finding].sort(compareFindings) };
  });
  return { ...report, stacks, environments };
}
