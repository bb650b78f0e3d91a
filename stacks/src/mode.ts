/** Real mode plans against AWS with the S3 backend; offline mode plans with no AWS account at all. */

export type DeploymentMode = 'real' | 'offline';

/** `INFRA_OFFLINE=1` (or `true`) selects offline mode; unset, empty or `0` selects real mode. */
export function modeFromEnvironment(variables: NodeJS.ProcessEnv = process.env): DeploymentMode {
  const value = (variables.INFRA_OFFLINE ?? '').trim().toLowerCase();
  if (value === '1' || value === 'true') return 'offline';
  if (value === '' || value === '0' || value === 'false') return 'real';
  throw new Error(`INFRA_OFFLINE must be 1/true (offline) or 0/false/unset (real), got "${variables.INFRA_OFFLINE}"`);
}
