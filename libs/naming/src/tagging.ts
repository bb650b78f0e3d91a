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

/**
 * Tags of on-demand workers and what they leave behind (volumes, key pairs, security groups).
 * The janitor touches only resources with the project's Project and Environment tags and
 * Role=worker, and never one Terraform manages (ManagedBy=terraform-cdktf): its IAM policy says the same.
 */
export const WORKER_TAGS = {
  roleKey: 'Role',
  roleValue: 'worker',
  /** ISO 8601 UTC time after which the janitor terminates the instance, e.g. 2026-12-03T20:00:00Z. */
  expiresAt: 'ExpiresAt',
  /** Who launched it (the caller's ARN). */
  launchedBy: 'LaunchedBy',
  /** Set by the janitor on a volume, key pair or security group it first finds unused; it deletes one unused for over an hour. */
  unusedSince: 'JanitorUnusedSince',
} as const;

/** The tags that make an EC2 resource a worker of this environment, with the values the janitor and its policy match. */
export function workerTags(env: Pick<EnvironmentConfig, 'name'>): Record<string, string> {
  return { Project: PROJECT_NAME, Environment: env.name, [WORKER_TAGS.roleKey]: WORKER_TAGS.roleValue };
}
