/** The review's vocabulary: findings, per-stack reports and the report handed to the formats. */
import { compareText } from './text';

export type Severity = 'high' | 'medium' | 'low';

/** Highest first: the order every format lists findings in. */
export const SEVERITIES: readonly Severity[] = ['high', 'medium', 'low'];

export interface Finding {
  readonly severity: Severity;
  /** Stable rule id, e.g. `destructive-change`. */
  readonly rule: string;
  /** Terraform address (`aws_s3_bucket.data`, `output.bucket_name`). */
  readonly address: string;
  /** One line, never a secret value. */
  readonly message: string;
}

export interface SuppressedFinding extends Finding {
  readonly reason: string;
}

/** Managed resources by planned action; a replace counts once, as a replace. */
export interface ChangeSummary {
  readonly create: number;
  readonly update: number;
  readonly delete: number;
  readonly replace: number;
  readonly noop: number;
  /**
   * Resources removed from state without being destroyed (`removed` blocks with `destroy = false`).
   * Present only when the plan forgets something, so reports without forgets keep their old shape.
   */
  readonly forget?: number;
}

export type OutputAction = 'create' | 'update' | 'delete';

export interface OutputChange {
  readonly name: string;
  readonly action: OutputAction;
}

export interface StatementView {
  readonly effect: string;
  readonly actions: readonly string[];
  readonly resources: readonly string[];
  readonly principals: readonly string[];
  readonly conditions: readonly string[];
}

/**
 * One policy document of one resource that gained or lost statements, or the managed policies
 * attached to or detached from an identity: a row group of the `cdk diff` security table.
 */
export interface PolicyChange {
  readonly address: string;
  /** Where the document lives: `policy`, `assume_role_policy`, `inline_policy["read"].policy`; `managed policies` for attachments. */
  readonly document: string;
  readonly added: readonly StatementView[];
  readonly removed: readonly StatementView[];
  /** Managed policy ARNs attached by this change. */
  readonly attached: readonly string[];
  readonly detached: readonly string[];
}

export interface StateInventory {
  readonly resources: number;
  /** Managed resources per type, most numerous first. */
  readonly byType: ReadonlyArray<readonly [type: string, count: number]>;
}

export interface CostLine {
  readonly address: string;
  /** The resource type, or `openai` for the tokens a function spends. */
  readonly type: string;
  readonly monthlyUsd: number;
  /** The fixed part of monthlyUsd; the rest is usage. */
  readonly fixedUsd: number;
  /** How the figure was reached: counts, hours and unit prices. */
  readonly basis: string;
}

/** A stack's monthly cost estimate, USD (libs/pricing). */
export interface StackCost {
  readonly region: string;
  /** Present when the stack's cost context names it. */
  readonly environment?: string;
  readonly monthlyUsd: { readonly before: number; readonly after: number; readonly delta: number };
  /** Fixed and usage parts of `monthlyUsd.after`. */
  readonly fixedUsd: number;
  readonly usageUsd: number;
  /** Resource types the price table does not know: not in the figures, never counted as 0. */
  readonly unpriced: readonly string[];
  /** What costs money after the plan, priciest first. */
  readonly lines: readonly CostLine[];
  readonly notes?: readonly string[];
}

/** An environment's estimate against its budget, over the stacks reviewed. */
export interface EnvironmentCost {
  readonly name: string;
  readonly monthlyUsd: number;
  readonly fixedUsd: number;
  readonly usageUsd: number;
  readonly deltaUsd: number;
  readonly budgetUsd: number;
  /** monthlyUsd / budgetUsd. */
  readonly share: number;
  /** Stacks of the environment reviewed, of how many it has: the total is partial when fewer. */
  readonly stacks: number;
  readonly stacksInEnvironment: number;
}

export interface StackReport {
  readonly name: string;
  /** The files (or in-memory sources) this stack's review read. */
  readonly sources: readonly string[];
  readonly summary: ChangeSummary;
  readonly outputs: readonly OutputChange[];
  readonly iam: readonly PolicyChange[];
  /** Present when a state was reviewed for this stack. */
  readonly inventory?: StateInventory;
  /** Sorted: severity, then rule, then address. */
  readonly findings: readonly Finding[];
  readonly suppressed: readonly SuppressedFinding[];
  /** What could not be checked and why, e.g. a state without a configuration to compare with. */
  readonly notes: readonly string[];
  /** The monthly cost estimate; absent when the plan's region has no prices (see notes). */
  readonly cost?: StackCost;
}

export interface Report {
  readonly stacks: readonly StackReport[];
  /** Per environment, the estimate against its budget; present when stacks carry a cost context. */
  readonly environments?: readonly EnvironmentCost[];
}

export const EMPTY_SUMMARY: ChangeSummary = { create: 0, update: 0, delete: 0, replace: 0, noop: 0 };

export function severityRank(severity: Severity): number {
  return SEVERITIES.indexOf(severity);
}

export function compareFindings(a: Finding, b: Finding): number {
  return (
    severityRank(a.severity) - severityRank(b.severity) || compareText(a.rule, b.rule) || compareText(a.address, b.address) || compareText(a.message, b.message)
  );
}

export function countBySeverity(findings: readonly Finding[]): Record<Severity, number> {
  const counts: Record<Severity, number> = { high: 0, medium: 0, low: 0 };
  for (const finding of findings) counts[finding.severity]++;
  return counts;
}
