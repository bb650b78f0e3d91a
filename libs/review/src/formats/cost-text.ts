/** The cost estimate in words, the same in every format (and in `npm start`'s summary). */
import { formatUsd, percent, roughUsd } from '../cost/money';
import type { CostLine, EnvironmentCost, StackCost } from '../model';

/** `prod: ~648 USD/month fixed + ~822 usage (74% of the 2,000 USD budget)`, with the change's delta when it is not the whole. */
export function environmentLine(env: EnvironmentCost): string {
  const budget = `${env.budgetUsd.toLocaleString('en-US')} USD`;
  const partial = env.stacks < env.stacksInEnvironment ? `, ${env.stacks} of ${env.stacksInEnvironment} stacks` : '';
  const delta = env.deltaUsd !== env.monthlyUsd ? `; this change ${signed(env.deltaUsd)}` : '';
  return `${env.name}: ${roughUsd(env.fixedUsd)} USD/month fixed + ${roughUsd(env.usageUsd)} usage (${percent(env.share)} of the ${budget} budget${partial})${delta}`;
}

/** `489.36 USD/month (+489.36): 215.33 fixed + 274.03 usage` */
export function stackCostLine(cost: StackCost): string {
  return `${formatUsd(cost.monthlyUsd.after)}/month (${signed(cost.monthlyUsd.delta)}): ${formatUsd(cost.fixedUsd)} fixed + ${formatUsd(cost.usageUsd)} usage, ${cost.region}`;
}

/** A change in USD with its sign: `+12.30 USD`, `-4.00 USD`, `±0.00 USD`. */
export function signed(value: number): string {
  if (value === 0) return `±${formatUsd(0)}`;
  return `${value > 0 ? '+' : '-'}${formatUsd(Math.abs(value))}`;
}

/** The costliest lines that cost something, at most `max`. */
export function priciest(cost: StackCost, max: number): CostLine[] {
  return cost.lines.filter((line) => line.monthlyUsd > 0).slice(0, max);
}

export function unpricedText(cost: StackCost): string | undefined {
  return cost.unpriced.length > 0 ? `unpriced (not in the figures): ${cost.unpriced.join(', ')}` : undefined;
}
