/** Hand-made minimal Terraform JSON for the unit tests: only the fields the rules read. */
import { missingTagKeys } from '@llm/naming';
import type { ChangeAction, PlanJson, ResourceChangeJson, StateJson } from '../input/terraform-json';
import type { StateResource } from '../input/state';
import { ChangeView } from '../review/change-view';
import { driftContext, driftViews } from '../review/drift-view';
import { planContext } from '../review/plan-context';
import type { ChangeRule, DriftRule, RuleOutcome, StateContext, StateRule } from '../rules/rule';

export const COMPLETE_TAGS = {
  Project: 'llm-platform',
  Environment: 'dev',
  Region: 'eu-west-1',
  Owner: 'team',
  CostCenter: 'CC-1',
  ManagedBy: 'terraform-cdktf',
};

export function resourceChange(
  address: string,
  actions: ChangeAction[],
  before: Record<string, unknown> | null,
  after: Record<string, unknown> | null,
  extra: Partial<ResourceChangeJson> & { readonly after_unknown?: Record<string, unknown>; readonly replace_paths?: Array<Array<string | number>> } = {},
): ResourceChangeJson {
  const { after_unknown, replace_paths, ...rest } = extra;
  const type = address.replace(/^data\./, '').split('.')[0];
  return {
    address,
    mode: address.startsWith('data.') ? 'data' : 'managed',
    type,
    name: address.split('.').pop(),
    change: { actions, before, after, after_unknown: after_unknown ?? {}, ...(replace_paths ? { replace_paths } : {}) },
    ...rest,
  };
}

export function planOf(changes: ResourceChangeJson[], extra: Partial<PlanJson> = {}): PlanJson {
  return { format_version: '1.2', terraform_version: '1.11.4', planned_values: {}, resource_changes: changes, ...extra } as PlanJson;
}

export function policy(...statements: Array<Record<string, unknown>>): string {
  return JSON.stringify({ Version: '2012-10-17', Statement: statements });
}

/** Runs a change rule on one change, in the context of a plan holding it (and `others`). */
export function checkChange(rule: ChangeRule, raw: ResourceChangeJson, others: ResourceChangeJson[] = [], plan: Partial<PlanJson> = {}): RuleOutcome {
  const changes = [raw, ...others].map((entry) => new ChangeView(entry));
  const context = planContext(planOf([raw, ...others], plan), changes, missingTagKeys);
  return rule.check(changes[0], context);
}

/**
 * Runs a drift rule, or a change rule's drift check, on one drift entry the way the review does:
 * mirrored attributes taken out with the help of the plan's other resources (`prior_state`).
 */
export function checkDrift(rule: DriftRule | ChangeRule, raw: ResourceChangeJson, plan: Partial<PlanJson> = {}): RuleOutcome {
  const whole = planOf([], { ...plan, resource_drift: [raw, ...(plan.resource_drift ?? [])] });
  const entry = driftViews(whole)[0];
  const context = driftContext(whole, missingTagKeys);
  if (rule.subject === 'drift') return rule.check(entry, context);
  return rule.checkDrift ? rule.checkDrift(entry, context) : 'not-applicable';
}

/** A refreshed `prior_state` holding these managed resources. */
export function priorState(resources: Record<string, Record<string, unknown>>): StateJson {
  return {
    format_version: '1.0',
    values: {
      root_module: {
        resources: Object.entries(resources).map(([address, values]) => ({
          address,
          mode: 'managed' as const,
          type: address.split('.')[0],
          name: address.split('.')[1],
          values,
        })),
      },
    },
  };
}

export function stateResource(address: string, values: Record<string, unknown>, sensitive: string[] = []): StateResource {
  return {
    address,
    mode: address.startsWith('data.') ? 'data' : 'managed',
    type: address.replace(/^data\./, '').split('.')[0],
    values,
    sensitivePaths: new Set(sensitive),
  };
}

export function checkState(rule: StateRule, resource: StateResource, context: Partial<StateContext> = {}): RuleOutcome {
  return rule.check(resource, { missingTags: missingTagKeys, configuration: undefined, ...context });
}

/** The messages of an outcome, or the outcome itself when it is not-applicable or compliant. */
export function messages(outcome: RuleOutcome): string | string[] {
  return typeof outcome === 'string' ? outcome : outcome.map((item) => `${item.severity}: ${item.message}`);
}
