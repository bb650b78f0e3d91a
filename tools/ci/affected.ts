/**
 * Which environments a change affects, in deployment order: the environment projects (`env-<name>`)
 * that Nx calls affected, plus every environment when a project the stacks package is affected.
 */
import { ENVIRONMENTS } from '@llm/environments';
import { affectedProjects, readProjectTargets, type NxProjectTargets } from './nx';

export const ENVIRONMENT_PROJECT_PREFIX = 'env-';

/**
 * Projects whose build output every regional stack packages by file path
 * (`stacks/src/regional/api.ts` reads `dist/apps/llm-api/llm-api.zip`, `workers.ts` `dist/apps/janitor/janitor.zip`). An import would make Nx see
 * the dependency; a path does not, so a change to the function's code alone would affect no
 * environment and never be deployed. Listing them here closes that gap; the lasting fix is
 * `"implicitDependencies": ["llm-api"]` in stacks/project.json, after which this list is redundant.
 */
export const PACKAGED_PROJECTS: readonly string[] = ['llm-api', 'janitor'];

export function environmentProject(environment: string): string {
  return `${ENVIRONMENT_PROJECT_PREFIX}${environment}`;
}

/** Environment names in deployment order, as environments/index.ts lists them. */
export function environmentNames(): string[] {
  return ENVIRONMENTS.map((env) => env.name);
}

/** Every environment must have its Nx project, or Nx could never call it affected. */
export function assertEnvironmentProjects(environments: readonly string[], projects: readonly NxProjectTargets[]): void {
  const missing = environments.filter((env) => !projects.some((project) => project.name === environmentProject(env)));
  if (missing.length > 0) {
    throw new Error(
      `environment(s) ${missing.join(', ')} have no Nx project (expected ${missing.map((env) => `${environmentProject(env)} in environments/${env}/project.json`).join(', ')}): ` +
        'Nx cannot tell when they are affected. npm run new:environment writes it; tools/new-environment.spec.ts checks what it holds.',
    );
  }
}

/** The environments, in the given (deployment) order, that the affected projects select. */
export function selectAffectedEnvironments(affected: readonly string[], environments: readonly string[]): string[] {
  if (PACKAGED_PROJECTS.some((project) => affected.includes(project))) return [...environments];
  return environments.filter((env) => affected.includes(environmentProject(env)));
}

export interface AffectedEnvironments {
  readonly environments: string[];
  readonly affectedProjects: string[];
}

/** Asks Nx which projects changed between `base` and `head` (the working tree when head is omitted). */
export function affectedEnvironments(workspaceRoot: string, base: string, head?: string): AffectedEnvironments {
  const environments = environmentNames();
  assertEnvironmentProjects(environments, readProjectTargets(workspaceRoot));
  const projects = affectedProjects(workspaceRoot, base, head);
  return { environments: selectAffectedEnvironments(projects, environments), affectedProjects: projects };
}
