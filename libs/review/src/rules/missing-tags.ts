/** missing-tags: a taggable resource created or updated whose effective tags (`tags_all`) lack required keys. */
import { isObject } from '../input/terraform-json';
import { listed } from '../text';
import type { ChangeRule } from './rule';

export const missingTags: ChangeRule = {
  id: 'missing-tags',
  subject: 'change',
  info: 'A taggable resource lacks required tags.',
  explanation: 'Costs, ownership and incident routing are found by tags; a resource without them is paid for by no one and owned by no one.',
  check(change, context) {
    if (!change.isManaged || !change.writes || !change.after || !('tags_all' in change.after)) return 'not-applicable';
    // Tags Terraform knows only after apply cannot be judged; partly unknown maps still name their keys.
    const unknown = change.afterUnknown?.tags_all;
    if (unknown === true) return 'not-applicable';
    const tags = { ...(isObject(change.after.tags_all) ? change.after.tags_all : {}), ...(isObject(unknown) ? unknown : {}) };
    const missing = context.missingTags(tags);
    if (missing.length === 0) return 'compliant';
    return [{ severity: 'low', message: `tags_all lacks ${listed(missing, 6)}` }];
  },
};
