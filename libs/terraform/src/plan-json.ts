/** The parts of `terraform show -json <plan>` (format 1.x) this project reads, and Terraform's own counts. */

export type PlanAction = 'no-op' | 'create' | 'read' | 'update' | 'delete';

export interface PlanResourceChange {
  readonly address: string;
  readonly type: string;
  readonly mode?: 'managed' | 'data';
  readonly change: {
    readonly actions: readonly PlanAction[];
    readonly before?: Record<string, unknown> | null;
    readonly after?: Record<string, unknown> | null;
    readonly after_unknown?: Record<string, unknown> | null;
  };
}

export interface PlanJson {
  readonly format_version: string;
  readonly resource_changes?: readonly PlanResourceChange[];
}

export interface ChangeCounts {
  readonly add: number;
  readonly change: number;
  readonly destroy: number;
}

/** Counts the way Terraform's "Plan: X to add, Y to change, Z to destroy." does: a replace adds one and destroys one. */
export function countChanges(plan: PlanJson): ChangeCounts {
  let add = 0;
  let change = 0;
  let destroy = 0;
  for (const resource of plan.resource_changes ?? []) {
    if (resource.mode === 'data') continue;
    const actions = resource.change.actions;
    if (actions.includes('create')) add++;
    if (actions.includes('delete')) destroy++;
    if (actions.includes('update')) change++;
  }
  return { add, change, destroy };
}

export function parsePlanJson(text: string, source: string): PlanJson {
  let parsed: unknown;
  try {
    parsed = JSON.parse(text);
  } catch (error) {
    throw new Error(`${source} is not JSON: ${(error as Error).message}`, { cause: error });
  }
  const formatVersion = (parsed as { format_version?: unknown }).format_version;
  if (typeof formatVersion !== 'string' || !formatVersion.startsWith('1.')) {
    throw new Error(`${source} is not a Terraform JSON plan of format 1.x (format_version: ${JSON.stringify(formatVersion)})`);
  }
  return parsed as PlanJson;
}
