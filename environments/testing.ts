/**
 * What the environment-wide integration tests cover: every environment, or only those named in
 * INFRA_ENVIRONMENTS (how each env-<name> Nx project's `test` target proves just its own stacks).
 */
import { validateEnvironments, type EnvironmentConfig } from '@llm/config';
import { selectEnvironments } from '@llm/stacks';
import { ENVIRONMENTS } from './index';

export function environmentsUnderTest(): EnvironmentConfig[] {
  return selectEnvironments(validateEnvironments(ENVIRONMENTS), process.env.INFRA_ENVIRONMENTS);
}

/** Stack names the app must produce for these environments, in the app's order. */
export function expectedStackNames(envs: readonly EnvironmentConfig[]): string[] {
  return envs.flatMap((env) => [`${env.name}-bootstrap`, `${env.name}-global`, ...env.regions.map((entry) => `${env.name}-${entry.region}`)]);
}
