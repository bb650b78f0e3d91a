/** drift: a resource changed or deleted outside Terraform, as a plan made with refresh reports it (`resource_drift`). */
import { differences, type Difference } from '../drift/differences';
import { isObject } from '../input/terraform-json';
import type { ChangeView } from '../review/change-view';
import { listed } from '../text';
import { violation, type DriftContext, type DriftRule } from './rule';

export const drift: DriftRule = {
  id: 'drift',
  subject: 'drift',
  gate: 'drift',
  info: 'A resource was changed outside Terraform.',
  explanation:
    'Someone changed or deleted it by hand or another tool; applying this plan puts the configuration back and may undo a fix made in an emergency, or leave a change it does not manage in place, so find out why first.',
  check(entry, context) {
    if (!entry.isManaged) return 'not-applicable';
    if (!entry.after || entry.actions.includes('delete')) return [violation('medium', 'deleted outside Terraform')];
    // The entry comes without mirrored attributes (review/drift-view.ts); what still differs after normalisation is drift.
    let found = differences(entry.before ?? {}, entry.after, entry.sensitivePaths, entry.sensitiveChanges);
    // tags_all follows tags: naming both says the same thing twice.
    if (found.some((difference) => within(difference, 'tags'))) found = found.filter((difference) => !within(difference, 'tags_all'));
    if (found.length === 0) return 'compliant';
    return [
      violation(
        'medium',
        `changed outside Terraform: ${listed(
          found.map((difference) => difference.text),
          4,
        )}${lostTags(entry, context)}${kept(entry, context)}`,
      ),
    ];
  },
};

function within(difference: Difference, attribute: string): boolean {
  return difference.path === attribute || difference.path.startsWith(`${attribute}[`) || difference.path.startsWith(`${attribute}.`);
}

/** Required tags the resource had at the last apply and has no longer. */
function lostTags(entry: ChangeView, context: DriftContext): string {
  const tags = (values: ChangeView['before']) => (values && isObject(values.tags_all) ? values.tags_all : undefined);
  const before = tags(entry.before);
  const after = tags(entry.after);
  if (!before || !after) return '';
  const missingBefore = new Set(context.missingTags(before));
  const lost = context.missingTags(after).filter((key) => !missingBefore.has(key));
  return lost.length === 0 ? '' : `; required tag${lost.length === 1 ? '' : 's'} ${listed(lost, 6)} now missing`;
}

/** Drift of an attribute the configuration does not set (a hand-made ingress rule) survives the apply: say so. */
function kept(entry: ChangeView, context: DriftContext): string {
  const actions = context.plannedActions(entry.address);
  return actions && actions.length > 0 && actions.every((action) => action === 'no-op') ? '; this plan leaves it as it is' : '';
}
