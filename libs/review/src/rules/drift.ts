/** drift: a resource changed or deleted outside Terraform, as a plan made with refresh reports it (`resource_drift`). */
import { listed } from '../text';
import type { DriftRule } from './rule';

export const drift: DriftRule = {
  id: 'drift',
  subject: 'drift',
  info: 'A resource was changed outside Terraform.',
  explanation:
    'Someone changed or deleted it by hand or another tool; applying this plan puts the configuration back and may undo a fix made in an emergency, so find out why first.',
  check(entry) {
    if (!entry.isManaged) return 'not-applicable';
    if (!entry.after || entry.actions.includes('delete')) return [{ severity: 'medium', message: 'deleted outside Terraform' }];
    const before = entry.before ?? {};
    const changed = Object.keys({ ...before, ...entry.after }).filter((key) => JSON.stringify(before[key]) !== JSON.stringify(entry.after![key])).sort();
    if (changed.length === 0) return 'compliant';
    // tags_all follows tags: naming both says the same thing twice.
    const attributes = changed.includes('tags') ? changed.filter((key) => key !== 'tags_all') : changed;
    return [{ severity: 'medium', message: `changed outside Terraform: ${listed(attributes, 6)}` }];
  },
};
