/** Every taggable resource carries the standard tags, from the provider's default_tags or its own. */
import { missingTagKeys } from '@llm/naming';
import { COMPLIANT, defineRule, nonCompliant } from '../rule';
import { isRecord } from '../stack-view';

export const requiredTags = defineRule(__filename, 'taggable', (resource, stack) => {
  const defaults = stack.defaultTagsOf(resource);
  // The usual case: the provider's default_tags already cover everything, nothing to resolve.
  if (missingTagKeys(defaults).length === 0) return COMPLIANT;
  const own = isRecord(resource.config.tags) ? resource.config.tags : {};
  const effective = Object.fromEntries(Object.entries({ ...defaults, ...own }).filter(([, value]) => value !== null && value !== undefined));
  const missing = missingTagKeys(effective);
  if (missing.length === 0) return COMPLIANT;
  return nonCompliant(
    `lacks the required tag(s) ${missing.join(', ')}: neither the provider's default_tags nor the resource's own tags set them`,
    "give the stack's AwsProvider defaultTags: [{ tags: standardTags(env, scope, isRegional) }] (@llm/naming), as ProjectStack does, or set the missing keys in the resource's tags",
  );
});
