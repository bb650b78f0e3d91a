/** Turns validated environments into stacks: per environment a bootstrap, a global and one stack per region. */
import { ConfigValidationError, validateEnvironments, type EnvironmentConfig } from '@llm/config';
import { applyGuardrails, GuardrailError } from '@llm/guardrails';
import { App } from 'cdktf';
import { mkdirSync } from 'node:fs';
import { BootstrapStack } from './bootstrap-stack';
import { writeCostContexts } from './cost-context';
import { GlobalStack } from './global-stack';
import { removeEmulatorGaps } from './emulator-gaps';
import { isEmulatorMode, modeFromEnvironment, type DeploymentMode } from './mode';
import type { ProjectStack } from './project-stack';
import { RegionalStack } from './regional-stack';

export function addEnvironmentStacks(app: App, env: EnvironmentConfig, mode: DeploymentMode): ProjectStack[] {
  const stacks = [
    new BootstrapStack(app, env, mode),
    new GlobalStack(app, env, mode),
    ...env.regions.map((entry) => new RegionalStack(app, env, entry.region, mode)),
  ];
  if (isEmulatorMode(mode)) stacks.forEach(removeEmulatorGaps);
  return stacks;
}

/** `INFRA_ENVIRONMENTS=dev,prod` limits synthesis to those environments; all are still validated. */
export function selectEnvironments(envs: readonly EnvironmentConfig[], selection: string | undefined): EnvironmentConfig[] {
  const wanted = (selection ?? '')
    .split(',')
    .map((name) => name.trim())
    .filter(Boolean);
  if (wanted.length === 0) return [...envs];
  const known = envs.map((env) => env.name);
  const unknown = wanted.filter((name) => !known.includes(name));
  if (unknown.length > 0) {
    throw new EnvironmentSelectionError(`unknown environment(s) ${unknown.join(', ')}; known: ${known.join(', ')}`);
  }
  return envs.filter((env) => wanted.includes(env.name));
}

/** A selection (INFRA_ENVIRONMENTS, from --env) that names no configured environment: a usage error. */
export class EnvironmentSelectionError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'EnvironmentSelectionError';
  }
}

/** Exit code of the app for a usage error (an unknown environment), as every CLI here uses 2. */
export const USAGE_EXIT_CODE = 2;

export interface SynthesizeOptions {
  readonly variables?: NodeJS.ProcessEnv;
  /** @default - CDKTF_OUTDIR, as set by the cdktf CLI, else cdktf.out */
  readonly outdir?: string;
}

/** The cdktf app: validate, select, build and synthesize. Configuration errors exit 1 with every problem listed. */
export function synthesizeApp(inputs: readonly unknown[], options: SynthesizeOptions = {}): App {
  const variables = options.variables ?? process.env;
  let envs: EnvironmentConfig[];
  try {
    envs = selectEnvironments(validateEnvironments(inputs), variables.INFRA_ENVIRONMENTS);
  } catch (error) {
    if (error instanceof ConfigValidationError) {
      process.stderr.write(`${error.message}\n`);
      process.exit(1);
    }
    if (error instanceof EnvironmentSelectionError) {
      process.stderr.write(`${error.message}\n`);
      process.exit(USAGE_EXIT_CODE);
    }
    throw error;
  }
  const mode = modeFromEnvironment(variables);
  const outdir = options.outdir ?? variables.CDKTF_OUTDIR;
  // cdktf creates only the last folder of outdir; nested ones (dist/synth/prod) must exist.
  if (outdir) mkdirSync(outdir, { recursive: true });
  const app = new App({ outdir });
  const stacksByEnvironment = envs.map((env) => ({ env, stacks: addEnvironmentStacks(app, env, mode) }));
  // Every stack exists now: the rule pack checks them all at synth and fails it on any error.
  // Warnings go to standard output (the cdktf CLI shows standard error as [ERROR]), one line unless INFRA_VERBOSE=1.
  applyGuardrails(app, { warningOutput: variables.INFRA_VERBOSE === '1' ? 'list' : 'summary' });
  try {
    app.synth();
    writeCostContexts(app.outdir, stacksByEnvironment);
  } catch (error) {
    if (error instanceof GuardrailError) {
      process.stderr.write(`${error.message}\n`);
      process.exit(1);
    }
    throw error;
  }
  return app;
}
