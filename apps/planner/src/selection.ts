/**
 * Which stacks a run of `npm start` owns, decided from the configuration before anything is built:
 * an unknown --env or --stack is one line and exit 2, not a build and a synthesis first.
 */
import { validateEnvironments, type EnvironmentConfig } from '@llm/config';
import { ENVIRONMENTS } from '@llm/environments';
import { Naming } from '@llm/naming';

/** An --env or --stack the configuration does not have: one line and exit 2, without the usage text. */
export class SelectionError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'SelectionError';
  }
}

export interface StackSelection {
  /** The environments to synthesize, in configuration order. */
  readonly environments: readonly string[];
  /** The stacks to plan (and whose folders this run replaces), in the order the app adds them. */
  readonly stacks: readonly string[];
  /** Every stack of every configured environment: a folder named otherwise is a stack that no longer exists. */
  readonly known: readonly string[];
}

/** The configured environments, validated as the cdktf app validates them (a configuration error throws). */
export function configuredEnvironments(): EnvironmentConfig[] {
  return validateEnvironments(ENVIRONMENTS);
}

export function selectStacks(
  configured: readonly EnvironmentConfig[],
  wanted: { readonly environments: readonly string[]; readonly stacks: readonly string[] },
): StackSelection {
  const names = configured.map((env) => env.name);
  const unknownEnvironments = wanted.environments.filter((name) => !names.includes(name));
  if (unknownEnvironments.length > 0) {
    throw new SelectionError(`--env: unknown environment(s) ${unknownEnvironments.join(', ')}; known: ${names.join(', ')}`);
  }
  const environments = wanted.environments.length === 0 ? configured : configured.filter((env) => wanted.environments.includes(env.name));
  const stacksOf = (envs: readonly EnvironmentConfig[]) => envs.flatMap((env) => new Naming(env).stackNames());
  const known = stacksOf(configured);
  const inScope = stacksOf(environments);
  const outOfScope = wanted.stacks.filter((name) => !inScope.includes(name));
  if (outOfScope.length > 0) {
    const selected = environments.map((env) => env.name).join(', ');
    throw new SelectionError(
      outOfScope.every((name) => known.includes(name))
        ? `--stack: stack(s) ${outOfScope.join(', ')} not of the selected environment(s) ${selected}; theirs: ${inScope.join(', ')}`
        : `--stack: unknown stack(s) ${outOfScope.join(', ')}; known: ${inScope.join(', ')}`,
    );
  }
  return {
    environments: environments.map((env) => env.name),
    stacks: wanted.stacks.length === 0 ? inScope : inScope.filter((name) => wanted.stacks.includes(name)),
    known,
  };
}
