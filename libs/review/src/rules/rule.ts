/**
 * What a rule is: a pure function of one subject (a resource change, a drift entry, an output
 * change, or a resource in state) that says not-applicable, compliant, or what is wrong. A change
 * rule may check drift entries too (`checkDrift`), so one rule id covers a port opened by a plan
 * and one opened by hand.
 */
import type { DeclaredConfiguration, StateFate } from '../input/configuration';
import type { StateResource } from '../input/state';
import type { ChangeAction } from '../input/terraform-json';
import type { Severity, StackCost } from '../model';
import type { ChangeView } from '../review/change-view';

/** What `--fail-on` can name, besides `any`. */
export type Gate = 'destructive' | 'broadening' | 'exposure' | 'drift' | 'cost';

export interface Violation {
  readonly severity: Severity;
  readonly message: string;
  /**
   * What the violation is about within its resource, when two sources can report it in other
   * words (the same secret found in a plan's prior state and in a state file): one is kept.
   * @default - the message
   */
  readonly subject?: string;
}

export type RuleOutcome = 'not-applicable' | 'compliant' | readonly Violation[];

export interface PlanContext {
  /** Required tag keys missing from a resource's effective tags. */
  readonly missingTags: (tags: Record<string, unknown>) => readonly string[];
  /** Resources that use an IAM role this plan deletes or replaces, and are not deleted with it. */
  readonly usersOfRole: (role: ChangeView) => readonly string[];
  /**
   * Whether the configuration sets a top-level attribute of a resource (an unknown value it does
   * not set is the provider's to compute); undefined when the plan does not tell.
   */
  readonly configures: (address: string, attribute: string) => boolean | undefined;
  /** Whether this plan deletes (and does not re-create) the S3 bucket of that name. */
  readonly deletesBucket: (name: string) => boolean;
}

export interface DriftContext {
  readonly missingTags: (tags: Record<string, unknown>) => readonly string[];
  /**
   * What the plan does to a resource after refresh; undefined when the plan has no change for
   * it (a refresh-only plan has none), so its drift cannot be said to be kept or undone.
   */
  readonly plannedActions: (address: string) => readonly ChangeAction[] | undefined;
}

export interface StateContext {
  readonly missingTags: (tags: Record<string, unknown>) => readonly string[];
  /** The configuration the state is compared with; undefined when none was given. */
  readonly configuration: DeclaredConfiguration | undefined;
  /**
   * What the reviewed plan does to a state address: moves it (`previous_address`) or forgets it.
   * @default - nothing known: no plan was reviewed with the state
   */
  readonly plannedFate?: (address: string) => StateFate | undefined;
}

interface RuleInfo {
  /** Stable id, the file's name: used in reports, gates and suppressions. */
  readonly id: string;
  /** What is wrong, in a few words. */
  readonly info: string;
  /** Why it matters. */
  readonly explanation: string;
  /** The `--fail-on` value that fails on this rule's findings (every finding fails `any`). */
  readonly gate?: Gate;
}

export interface ChangeRule extends RuleInfo {
  readonly subject: 'change';
  readonly check: (change: ChangeView, context: PlanContext) => RuleOutcome;
  /**
   * The same concern on a drift entry (before: the state of the last apply, after: what refresh
   * read), worded as done outside Terraform. Absent when the concern is only about plans.
   */
  readonly checkDrift?: (drift: ChangeView, context: DriftContext) => RuleOutcome;
}

export interface DriftRule extends RuleInfo {
  readonly subject: 'drift';
  readonly check: (drift: ChangeView, context: DriftContext) => RuleOutcome;
}

export interface OutputRule extends RuleInfo {
  readonly subject: 'output';
  readonly check: (name: string, actions: readonly string[]) => RuleOutcome;
}

export interface StateRule extends RuleInfo {
  readonly subject: 'state';
  readonly check: (resource: StateResource, context: StateContext) => RuleOutcome;
}

export interface CostRuleContext {
  /** A change adding more than this a month is worth a reviewer's look. */
  readonly reviewThresholdUsd: number;
}

export interface CostRule extends RuleInfo {
  readonly subject: 'cost';
  readonly check: (cost: StackCost, context: CostRuleContext) => RuleOutcome;
}

export type Rule = ChangeRule | DriftRule | OutputRule | StateRule | CostRule;

export function violation(severity: Severity, message: string): Violation {
  return { severity, message };
}
