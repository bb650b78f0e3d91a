/**
 * A plan's `resource_drift` as the rules read it: each entry without the attributes the provider
 * mirrors from resources managed on their own (aws/mirrors.ts), found among the resources of the
 * plan's refreshed `prior_state`, so that what is left is what changed on this resource.
 */
import { withoutMirrors, type KnownResource } from '../aws/mirrors';
import { resourcesOfShownState } from '../input/state';
import { isObject, type ChangeAction, type PlanJson, type ResourceChangeJson } from '../input/terraform-json';
import type { DriftContext } from '../rules/rule';
import { ChangeView } from './change-view';

export function driftViews(plan: PlanJson): ChangeView[] {
  const entries = plan.resource_drift ?? [];
  if (entries.length === 0) return [];
  const resourcesOfType = knownResources(plan);
  return entries.map((raw) => new ChangeView(withoutMirroredValues(raw, resourcesOfType)));
}

export function driftContext(plan: PlanJson, missingTags: DriftContext['missingTags']): DriftContext {
  // Built when a drift entry first asks: most plans have no drift, and a big one has many changes to index.
  let planned: Map<string, readonly ChangeAction[]> | undefined;
  return {
    missingTags,
    plannedActions(address): readonly ChangeAction[] | undefined {
      // A refresh-only plan proposes nothing and has no resource_changes: nothing is kept or undone yet.
      planned ??= new Map((plan.resource_changes ?? []).map((change) => [change.address, change.change.actions]));
      return planned.get(address);
    },
  };
}

/**
 * The plan's managed resources by type. `prior_state` is the state after refresh (the drift's
 * `after` side), which is what mirrors show; drift entries fill in when a plan has no prior state.
 */
function knownResources(plan: PlanJson): (type: string) => readonly KnownResource[] {
  const byAddress = new Map<string, KnownResource>();
  for (const raw of plan.resource_drift ?? []) {
    const values = raw.change.after;
    if (raw.mode !== 'data' && isObject(values)) byAddress.set(raw.address, { address: raw.address, type: raw.type, values });
  }
  for (const resource of resourcesOfShownState(plan.prior_state)) {
    if (resource.mode === 'managed') byAddress.set(resource.address, { address: resource.address, type: resource.type, values: resource.values });
  }
  const byType = new Map<string, KnownResource[]>();
  for (const resource of byAddress.values()) byType.set(resource.type, [...(byType.get(resource.type) ?? []), resource]);
  return (type) => byType.get(type) ?? [];
}

function withoutMirroredValues(raw: ResourceChangeJson, resourcesOfType: (type: string) => readonly KnownResource[]): ResourceChangeJson {
  const { before, after } = raw.change;
  const identity = isObject(after) ? after : isObject(before) ? before : undefined;
  if (raw.mode === 'data' || !identity) return raw;
  const clean = (values: unknown) => (isObject(values) ? withoutMirrors(raw.type, values, identity, resourcesOfType) : values);
  return { ...raw, change: { ...raw.change, before: clean(before), after: clean(after) } };
}
