/** Counts per planned action and the outputs a plan changes. */
import type { OutputChangeJson, PlanJson } from '../input/terraform-json';
import type { ChangeSummary, OutputAction, OutputChange } from '../model';
import type { ChangeView } from './change-view';
import { compareText } from '../text';

export function summarize(changes: readonly ChangeView[]): ChangeSummary {
  let create = 0;
  let update = 0;
  let remove = 0;
  let replace = 0;
  let noop = 0;
  let forget = 0;
  for (const change of changes) {
    if (!change.isManaged) continue;
    // Counted apart: a forget destroys nothing, and Terraform's own summary counts it apart too.
    if (change.isForget) forget++;
    if (change.isReplace) replace++;
    else if (change.isCreate) create++;
    else if (change.isDelete) remove++;
    else if (change.isUpdate) update++;
    else if (change.actions.includes('no-op')) noop++;
  }
  return { create, update, delete: remove, replace, noop, ...(forget > 0 ? { forget } : {}) };
}

export function outputChanges(plan: PlanJson): OutputChange[] {
  return Object.entries(plan.output_changes ?? {})
    .map(([name, change]) => ({ name, action: outputAction(change) }))
    .filter((entry): entry is OutputChange => entry.action !== undefined)
    .sort((a, b) => compareText(a.name, b.name));
}

function outputAction(change: OutputChangeJson): OutputAction | undefined {
  const actions = change.actions;
  if (actions.includes('create') && actions.includes('delete')) return 'update';
  if (actions.includes('create')) return 'create';
  if (actions.includes('delete')) return 'delete';
  if (actions.includes('update')) return 'update';
  return undefined;
}
