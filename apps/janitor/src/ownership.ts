/**
 * What the janitor may touch: a resource with the environment's worker tags (Project, Environment,
 * Role=worker) and never one Terraform manages (ManagedBy=terraform-cdktf: the stack's own worker
 * security group carries the worker tags too). Describe calls filter on the tags server-side;
 * {@link ownershipProblem} checks them again on the tags AWS returned, before every mutation.
 */
import type { Filter, Tag } from '@aws-sdk/client-ec2';
import { MANAGED_BY, workerTags } from '@llm/naming';

export type Tags = Readonly<Record<string, string>>;

export function tagMap(tags: readonly Tag[] | undefined): Record<string, string> {
  const map: Record<string, string> = {};
  for (const { Key, Value } of tags ?? []) if (Key !== undefined) map[Key] = Value ?? '';
  return map;
}

/** Server-side filters: only the environment's workers come back (a first line, not the only one). */
export function workerFilters(environment: string): Filter[] {
  return Object.entries(workerTags({ name: environment })).map(([key, value]) => ({ Name: `tag:${key}`, Values: [value] }));
}

/** Why the janitor must leave a resource alone, or undefined when it is the environment's worker resource. */
export function ownershipProblem(tags: Tags, environment: string): string | undefined {
  if (tags.ManagedBy === MANAGED_BY) return `tagged ManagedBy=${MANAGED_BY}: Terraform owns it`;
  const wrong = Object.entries(workerTags({ name: environment })).filter(([key, value]) => tags[key] !== value);
  if (wrong.length === 0) return undefined;
  return `not a worker resource of environment ${environment} (${wrong
    .map(([key, value]) => `${key} is ${key in tags ? `"${tags[key]}"` : 'missing'}, not "${value}"`)
    .join(', ')})`;
}
