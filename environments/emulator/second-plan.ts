/**
 * What a plan right after an apply may still change: only the emulator's named fidelity gaps
 * (EMULATOR_FIDELITY_GAPS). Anything else is a perpetual diff of ours, which AWS would show too.
 */
import { EMULATOR_FIDELITY_GAPS, type FidelityGap } from '@llm/stacks';
import type { PlanJson } from '@llm/terraform';

export interface SecondPlanVerdict {
  /** `<address>: <action> <attributes>` for every change no fidelity gap explains. */
  readonly unexplained: string[];
  /** The gaps this plan showed. */
  readonly seen: FidelityGap[];
}

export function judgeSecondPlan(plan: PlanJson): SecondPlanVerdict {
  const unexplained: string[] = [];
  const seen = new Set<FidelityGap>();
  for (const resource of plan.resource_changes ?? []) {
    if (resource.mode === 'data') continue;
    const actions = resource.change.actions;
    if (actions.length === 1 && actions[0] === 'no-op') continue;
    if (!(actions.length === 1 && actions[0] === 'update')) {
      unexplained.push(`${resource.address}: ${actions.join('+')}`);
      continue;
    }
    const attributes = changedAttributes(resource.change.before ?? {}, resource.change.after ?? {}, resource.change.after_unknown ?? {});
    const unmatched = attributes.filter((attribute) => {
      const gap = EMULATOR_FIDELITY_GAPS.find((entry) => entry.resourceType === resource.type && entry.attribute === attribute);
      if (gap) seen.add(gap);
      return !gap;
    });
    if (unmatched.length > 0) unexplained.push(`${resource.address}: update ${unmatched.join(', ')}`);
  }
  return { unexplained, seen: [...seen] };
}

/** The gaps a stack of this packaging must show: an entry that never shows is stale. */
export function expectedGaps(resourceTypes: ReadonlySet<string>, packaging: 'zip' | 'image'): FidelityGap[] {
  return EMULATOR_FIDELITY_GAPS.filter((gap) => resourceTypes.has(gap.resourceType) && (gap.packaging === undefined || gap.packaging === packaging));
}

function changedAttributes(before: Record<string, unknown>, after: Record<string, unknown>, unknown: Record<string, unknown>): string[] {
  const keys = new Set([...Object.keys(before), ...Object.keys(after)]);
  return [...keys].filter((key) => unknown[key] === true || JSON.stringify(before[key] ?? null) !== JSON.stringify(after[key] ?? null)).sort();
}
