/** Reviews one stack: its plan, and any states of it, against the rule pack; returns its StackReport. */
import { declaredInPlan, declaredInTerraformJson, type DeclaredConfiguration, type StateFate } from '../input/configuration';
import { asPlan, asStateDocument } from '../input/detect';
import { resourcesOfRawState, resourcesOfShownState, type StateResource } from '../input/state';
import type { PlanJson } from '../input/terraform-json';
import {
  compareFindings,
  EMPTY_SUMMARY,
  type Finding,
  type PolicyChange,
  type Report,
  type StackCost,
  type StackReport,
  type StateInventory,
  type SuppressedFinding,
} from '../model';
import type { CostContext } from '../cost/context';
import { withEnvironmentCosts } from '../cost/environments';
import { estimateStackCost } from '../cost/estimate';
import { COST_ADDRESS } from '../rules/cost-increase';
import { CHANGE_RULES, COST_RULES, DRIFT_RULES, OUTPUT_RULES, STATE_RULES } from '../rules/pack';
import type { Rule, RuleOutcome, StateContext } from '../rules/rule';
import { ChangeView } from './change-view';
import { driftContext, driftViews } from './drift-view';
import { policyChanges } from './iam-table';
import { missingTagsFunction, suppressionFor, validateSuppressions, type ReviewOptions } from './options';
import { planContext } from './plan-context';
import { outputChanges, summarize } from './summary';
import { compareText } from '../text';

export interface StateInput {
  /** Parsed JSON: `terraform show -json` of a state, or a raw state file (version 4). */
  readonly state: unknown;
  /** Where it came from, for messages. */
  readonly source: string;
}

export interface StackInput {
  readonly name: string;
  /** Parsed `terraform show -json <planfile>` (format 1.x). */
  readonly plan?: unknown;
  /** @default - `plan of <name>` */
  readonly planSource?: string;
  /** States of this stack to review (inventory, secrets, tags, resources no longer declared). */
  readonly states?: readonly StateInput[];
  /**
   * The synthesized configuration (cdk.tf.json, parsed) the states are compared with, or a
   * function that reads it, called only when there is a state to compare.
   * @default - the plan's own configuration, when there is a plan
   */
  readonly configuration?: unknown | (() => unknown);
  /** @default - `cdk.tf.json of <name>` */
  readonly configurationSource?: string;
  /** Environment, region, usage share and budget for the cost estimate. @default - region from the plan, no usage */
  readonly costContext?: CostContext;
}

/** The review threshold of plans that come with no cost context (budget.reviewThresholdUsd's default). */
export const DEFAULT_REVIEW_THRESHOLD_USD = 50;

/** Reviews stacks already in memory, such as the plans the planner has just made. */
export function reviewStacks(inputs: readonly StackInput[], options: ReviewOptions = {}): Report {
  const contexts = new Map(inputs.flatMap((input) => (input.costContext ? [[input.name, input.costContext] as const] : [])));
  return withEnvironmentCosts({ stacks: inputs.map((input) => reviewStack(input, options)) }, contexts, options.suppressions);
}

export function reviewStack(input: StackInput, options: ReviewOptions = {}): StackReport {
  const suppressions = options.suppressions ?? [];
  validateSuppressions(suppressions);
  const missingTags = missingTagsFunction(options);
  // One finding per rule, address and subject: the first source to report it wins.
  const found = new Map<string, Finding>();
  const add = (rule: Rule, address: string, outcome: RuleOutcome) => {
    if (typeof outcome === 'string') return;
    for (const item of outcome) {
      const key = `${rule.id}\u0000${address}\u0000${item.subject ?? item.message}`;
      if (!found.has(key)) found.set(key, { severity: item.severity, rule: rule.id, address, message: item.message });
    }
  };
  const notes: string[] = [];
  const sources: string[] = [];

  let plan: PlanJson | undefined;
  let summary = EMPTY_SUMMARY;
  let outputs: StackReport['outputs'] = [];
  let cost: StackCost | undefined;
  const iam: PolicyChange[] = [];
  if (input.plan !== undefined) {
    const planSource = input.planSource ?? `plan of ${input.name}`;
    sources.push(planSource);
    plan = asPlan(input.plan, planSource);
    const changes = (plan.resource_changes ?? []).map((raw) => new ChangeView(raw));
    const context = planContext(plan, changes, missingTags);
    for (const change of changes) {
      for (const rule of CHANGE_RULES) add(rule, change.address, rule.check(change, context));
      for (const row of policyChanges(change)) iam.push(row);
    }
    const drift = driftContext(plan, missingTags);
    for (const entry of driftViews(plan)) {
      for (const rule of DRIFT_RULES) add(rule, entry.address, rule.check(entry, drift));
      // Before: the last apply; after: what refresh read. A port opened by hand is as open as a planned one.
      for (const rule of CHANGE_RULES) if (rule.checkDrift) add(rule, entry.address, rule.checkDrift(entry, drift));
    }
    for (const [name, change] of Object.entries(plan.output_changes ?? {})) {
      for (const rule of OUTPUT_RULES) add(rule, `output.${name}`, rule.check(name, change.actions));
    }
    // The prior state is a state too: a plan made against real state carries its secrets.
    const priorContext: StateContext = { missingTags, configuration: undefined };
    const secretRules = STATE_RULES.filter((rule) => rule.id === 'secret-in-state');
    for (const resource of resourcesOfShownState(plan.prior_state)) {
      for (const rule of secretRules) add(rule, resource.address, rule.check(resource, priorContext));
    }
    summary = summarize(changes);
    outputs = outputChanges(plan);
    const estimate = estimateStackCost(plan, changes, input.costContext);
    cost = estimate.cost;
    if (estimate.note) notes.push(estimate.note);
    if (cost) {
      const costContext = { reviewThresholdUsd: input.costContext?.reviewThresholdUsd ?? DEFAULT_REVIEW_THRESHOLD_USD };
      for (const rule of COST_RULES) add(rule, COST_ADDRESS, rule.check(cost, costContext));
    }
  }

  let inventory: StateInventory | undefined;
  if (input.states && input.states.length > 0) {
    const configuration = configurationFor(input, plan);
    if (!configuration) notes.push('no configuration to compare the state with: resources no longer declared were not checked');
    const context: StateContext = { missingTags, configuration, ...(plan ? { plannedFate: plannedFates(plan) } : {}) };
    const resources: StateResource[] = [];
    for (const { state, source } of input.states) {
      sources.push(source);
      const document = asStateDocument(state, source);
      resources.push(...(document.kind === 'raw-state' ? resourcesOfRawState(document.state) : resourcesOfShownState(document.state)));
    }
    for (const resource of resources) for (const rule of STATE_RULES) add(rule, resource.address, rule.check(resource, context));
    inventory = inventoryOf(resources);
  }

  const findings: Finding[] = [];
  const suppressed: SuppressedFinding[] = [];
  for (const finding of found.values()) {
    const suppression = suppressionFor(finding, input.name, suppressions);
    if (suppression) suppressed.push({ ...finding, reason: suppression.reason.trim() });
    else findings.push(finding);
  }
  return {
    name: input.name,
    sources,
    summary,
    outputs,
    iam,
    ...(inventory ? { inventory } : {}),
    findings: findings.sort(compareFindings),
    suppressed: suppressed.sort(compareFindings),
    notes,
    ...(cost ? { cost } : {}),
  };
}

/** State addresses the plan moves away from (`previous_address`) or forgets. */
function plannedFates(plan: PlanJson): (address: string) => StateFate | undefined {
  const fates = new Map<string, StateFate>();
  for (const change of plan.resource_changes ?? []) {
    if (change.previous_address && change.previous_address !== change.address) fates.set(change.previous_address, { kind: 'moved', to: change.address });
    if (change.change.actions.includes('forget')) fates.set(change.address, { kind: 'forgotten' });
  }
  return (address) => fates.get(address);
}

function configurationFor(input: StackInput, plan: PlanJson | undefined): DeclaredConfiguration | undefined {
  if (input.configuration !== undefined) {
    const value = typeof input.configuration === 'function' ? (input.configuration as () => unknown)() : input.configuration;
    if (value !== undefined) return declaredInTerraformJson(value, input.configurationSource ?? `cdk.tf.json of ${input.name}`);
  }
  return plan ? declaredInPlan(plan, "the plan's configuration") : undefined;
}

function inventoryOf(resources: readonly StateResource[]): StateInventory {
  const counts = new Map<string, number>();
  for (const resource of resources) if (resource.mode === 'managed') counts.set(resource.type, (counts.get(resource.type) ?? 0) + 1);
  const byType = [...counts].sort((a, b) => b[1] - a[1] || compareText(a[0], b[0]));
  return { resources: byType.reduce((sum, [, count]) => sum + count, 0), byType };
}
