/**
 * cost-increase: a change adds more to the monthly estimate than the environment's review
 * threshold (medium); the environment's estimate passes its budget (high, added with the
 * environment totals, see cost/environments.ts).
 */
import { formatUsd } from '../cost/money';
import type { CostRule } from './rule';

/** Where cost findings point: the stack as a whole, not one resource. */
export const COST_ADDRESS = 'monthly cost';

export const costIncrease: CostRule = {
  id: 'cost-increase',
  subject: 'cost',
  gate: 'cost',
  info: 'A change raises the monthly cost estimate by more than the review threshold, or past the budget.',
  explanation:
    'NAT gateways, public addresses, interface endpoints and keys bill every hour whether used or not, and usage grows with the model mix; ' +
    'a reviewer should see what a change costs a month before it is applied, not on the next invoice.',
  check(cost, context) {
    if (cost.monthlyUsd.delta <= 0) return cost.monthlyUsd.after > 0 ? 'compliant' : 'not-applicable';
    if (cost.monthlyUsd.delta <= context.reviewThresholdUsd) return 'compliant';
    return [
      {
        severity: 'medium',
        message: `adds ~${formatUsd(cost.monthlyUsd.delta)} a month (${formatUsd(cost.monthlyUsd.before)} -> ${formatUsd(
          cost.monthlyUsd.after,
        )}), above the review threshold of ${formatUsd(context.reviewThresholdUsd)}`,
      },
    ];
  },
};
