/** untagged-in-state: a taggable resource in state whose effective tags (`tags_all`) lack required keys. */
import { isObject } from '../input/terraform-json';
import { listed } from '../text';
import type { StateRule } from './rule';

export const untaggedInState: StateRule = {
  id: 'untagged-in-state',
  subject: 'state',
  info: 'A resource in state lacks required tags.',
  explanation: 'Resources that exist without owner and cost tags are the ones no one claims when the bill or the incident comes.',
  check(resource, context) {
    if (resource.mode !== 'managed' || !('tags_all' in resource.values)) return 'not-applicable';
    const tags = isObject(resource.values.tags_all) ? resource.values.tags_all : {};
    const missing = context.missingTags(tags);
    if (missing.length === 0) return 'compliant';
    return [{ severity: 'low', message: Object.keys(tags).length === 0 ? 'untagged (tags_all is empty)' : `tags_all lacks ${listed(missing, 6)}` }];
  },
};
