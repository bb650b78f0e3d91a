/** The review's rule pack: every rule registered once, in the order reports explain them. */
import { costIncrease } from './cost-increase';
import { destructiveChange } from './destructive-change';
import { drift } from './drift';
import { forgottenResource } from './forgotten-resource';
import { iamBroadening } from './iam-broadening';
import { missingTags } from './missing-tags';
import { movedResource } from './moved-resource';
import { orphanedInState } from './orphaned-in-state';
import { publicExposure } from './public-exposure';
import { removedOutput } from './removed-output';
import type { ChangeRule, CostRule, DriftRule, OutputRule, Rule, StateRule } from './rule';
import { secretInState } from './secret-in-state';
import { untaggedInState } from './untagged-in-state';

export const RULES: readonly Rule[] = [
  destructiveChange,
  forgottenResource,
  movedResource,
  iamBroadening,
  publicExposure,
  missingTags,
  drift,
  removedOutput,
  secretInState,
  orphanedInState,
  untaggedInState,
  costIncrease,
];

export const RULE_IDS: readonly string[] = RULES.map((rule) => rule.id);

export const CHANGE_RULES = RULES.filter((rule): rule is ChangeRule => rule.subject === 'change');
export const DRIFT_RULES = RULES.filter((rule): rule is DriftRule => rule.subject === 'drift');
export const OUTPUT_RULES = RULES.filter((rule): rule is OutputRule => rule.subject === 'output');
export const STATE_RULES = RULES.filter((rule): rule is StateRule => rule.subject === 'state');
export const COST_RULES = RULES.filter((rule): rule is CostRule => rule.subject === 'cost');

export function ruleById(id: string): Rule | undefined {
  return RULES.find((rule) => rule.id === id);
}
