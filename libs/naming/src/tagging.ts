/** The tags every taggable resource carries, applied once through the provider's default_tags. */
import type { EnvironmentConfig } from '@llm/config';
import { PROJECT_NAME, type StackScope } from './naming';

export const MANAGED_BY = 'terraform-cdktf';

/** Keys every taggable resource must carry, whatever its scope. */
export const REQUIRED_TAG_KEYS = ['Project', 'Environment', 'Owner', 'CostCenter', 'ManagedBy'] as const;
/** A resource also carries one of these: Region for regional stacks, Scope for account-wide ones. */
export const LOCATION_TAG_KEYS = ['Region', 'Scope'] as const;

export function standardTags(env: EnvironmentConfig, scope: StackScope, isRegional: boolean): Record<string, string> {
  return {
    Project: PROJECT_NAME,
    Environment: env.name,
    ...(isRegional ? { Region: scope } : { Scope: scope }),
    Owner: env.tags.owner,
    CostCenter: env.tags.costCenter,
    ManagedBy: MANAGED_BY,
  };
}

/** Required keys missing from a resource's effective tags (`tags_all`). */
export function missingTagKeys(tags: Record<string, unknown> | null | undefined): string[] {
  const present = tags ?? {};
  const missing: string[] = REQUIRED_TAG_KEYS.filter((key) => !(key in present));
  if (!LOCATION_TAG_KEYS.some((key) => key in present)) missing.push(LOCATION_TAG_KEYS.join(' or '));
  return missing;
}
