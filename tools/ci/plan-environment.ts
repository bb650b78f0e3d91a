/**
 * Plans one environment's stacks the way CI needs: synthesized in real mode (S3 backend, provider
 * pinned to the account) and planned against the live state with refresh, or refresh-only to find
 * drift; offline mode exists so the same path can be exercised without an account. Each planned
 * stack folder gets plan.tfplan and plan.json (`terraform show -json`), ready for `npm run review`.
 */
import {
  countChanges,
  findProviderMirror,
  mapWithConcurrency,
  parsePlanJson,
  runTerraform,
  terraformEnvironment,
  writeCliConfig,
  type ChangeCounts,
  type TerraformResult,
} from '@llm/terraform';
import { spawnSync } from 'node:child_process';
import { existsSync, mkdirSync, readdirSync, readFileSync, renameSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';

export type PlanMode = 'real' | 'offline';

export interface EnvironmentPlanOptions {
  readonly environment: string;
  /** Absolute folder; stacks land in <outdir>/stacks/<stack>. */
  readonly outdir: string;
  readonly mode: PlanMode;
  /** `terraform plan -refresh-only`: what changed outside Terraform, nothing else. Real mode only. */
  readonly refreshOnly: boolean;
  /** Stacks to plan, in order; every other synthesized stack is left unplanned. */
  readonly stacks: readonly string[];
  readonly concurrency: number;
  /** How long a real plan waits for the state lock an apply holds. @default '10m' */
  readonly lockTimeout?: string;
}

export const PLAN_FILE = 'plan.tfplan';
export const PLAN_JSON_FILE = 'plan.json';
/** One planned stack folder per line, for `npm run review -- $(cat <outdir>/plans.txt)`. */
export const PLANNED_LIST_FILE = 'plans.txt';

export type StackOutcome =
  | ({ readonly stack: string; readonly ok: true; readonly dir: string; readonly durationMs: number; readonly drifted: number } & ChangeCounts)
  | { readonly stack: string; readonly ok: false; readonly dir: string; readonly durationMs: number; readonly failedStep: string; readonly error: string };

export function terraformSteps(options: Pick<EnvironmentPlanOptions, 'mode' | 'refreshOnly' | 'lockTimeout'>): Array<[string, string[]]> {
  if (options.mode === 'offline' && options.refreshOnly) {
    throw new Error('--refresh-only needs real mode: offline there is no account to refresh from');
  }
  const plan =
    options.mode === 'offline'
      ? ['plan', '-refresh=false', '-lock=false']
      : ['plan', `-lock-timeout=${options.lockTimeout ?? '10m'}`, ...(options.refreshOnly ? ['-refresh-only'] : [])];
  return [
    ['init', ['init', '-input=false', '-no-color']],
    ['plan', [...plan, '-input=false', '-no-color', `-out=${PLAN_FILE}`]],
    ['show', ['show', '-json', '-no-color', PLAN_FILE]],
  ];
}

interface Manifest {
  readonly stacks: Record<string, { readonly workingDirectory: string }>;
}

/**
 * Runs the cdktf app of cdktf.json for one environment into a private staging folder, then moves
 * each stack folder to <outdir>/stacks/<stack>. Returns the synthesized stack names.
 */
export function synthesizeEnvironment(workspaceRoot: string, options: Pick<EnvironmentPlanOptions, 'environment' | 'outdir' | 'mode'>): string[] {
  const config = JSON.parse(readFileSync(join(workspaceRoot, 'cdktf.json'), 'utf8')) as { app?: string };
  if (!config.app) throw new Error(`${join(workspaceRoot, 'cdktf.json')} has no "app" command`);
  const staging = join(options.outdir, `.synth-${process.pid}`);
  rmSync(staging, { recursive: true, force: true });
  mkdirSync(staging, { recursive: true });
  try {
    const result = spawnSync(config.app, {
      cwd: workspaceRoot,
      shell: true,
      encoding: 'utf8',
      env: {
        ...withoutEmulator(process.env),
        INFRA_OFFLINE: options.mode === 'offline' ? '1' : '0',
        INFRA_ENVIRONMENTS: options.environment,
        CDKTF_OUTDIR: staging,
      },
    });
    if (result.status !== 0) throw new Error(`synthesis of ${options.environment} failed (exit ${result.status}):\n${(result.stderr || result.stdout).trim()}`);
    const manifest = JSON.parse(readFileSync(join(staging, 'manifest.json'), 'utf8')) as Manifest;
    const stacksDir = join(options.outdir, 'stacks');
    mkdirSync(stacksDir, { recursive: true });
    for (const name of Object.keys(manifest.stacks)) assertNoState(join(stacksDir, name));
    return Object.entries(manifest.stacks).map(([name, entry]) => {
      const target = join(stacksDir, name);
      rmSync(target, { recursive: true, force: true });
      renameSync(join(staging, entry.workingDirectory), target);
      return name;
    });
  } finally {
    rmSync(staging, { recursive: true, force: true });
  }
}

/** CI plans real (or offline) stacks: an INFRA_EMULATOR_URL left in the shell must not turn them into emulator stacks. */
function withoutEmulator(variables: NodeJS.ProcessEnv): NodeJS.ProcessEnv {
  const copy = { ...variables };
  delete copy.INFRA_EMULATOR_URL;
  return copy;
}

/** A real plan writes no state, but a folder someone deployed from by hand may hold some: never delete it. */
function assertNoState(stackDir: string): void {
  if (!existsSync(stackDir)) return;
  const stateFiles = readdirSync(stackDir).filter((file) => /\.tfstate(\.backup)?$/.test(file));
  if (stateFiles.length > 0) {
    throw new Error(`${stackDir} holds Terraform state (${stateFiles.join(', ')}); move it somewhere safe or pick another --outdir`);
  }
}

export interface EnvironmentPlanResult {
  readonly outcomes: readonly StackOutcome[];
  readonly mirror: string | undefined;
  readonly plannedListPath: string;
}

export async function planEnvironment(
  workspaceRoot: string,
  options: EnvironmentPlanOptions,
  onStackDone?: (outcome: StackOutcome, done: number, total: number) => void,
): Promise<EnvironmentPlanResult> {
  const steps = terraformSteps(options);
  const synthesized = synthesizeEnvironment(workspaceRoot, options);
  const unknown = options.stacks.filter((stack) => !synthesized.includes(stack));
  if (unknown.length > 0)
    throw new Error(`stack(s) ${unknown.join(', ')} were not synthesized for ${options.environment}; synthesized: ${synthesized.join(', ')}`);
  const mirror = findProviderMirror();
  const env = terraformEnvironment({ cliConfigFile: writeCliConfig(join(options.outdir, '.terraform-cli'), mirror) });
  let done = 0;
  const outcomes = await mapWithConcurrency(options.stacks, options.concurrency, async (stack) => {
    const outcome = await planOne(stack, join(options.outdir, 'stacks', stack), steps, env);
    onStackDone?.(outcome, ++done, options.stacks.length);
    return outcome;
  });
  const plannedListPath = join(options.outdir, PLANNED_LIST_FILE);
  writeFileSync(plannedListPath, outcomes.flatMap((outcome) => (outcome.ok ? [`${outcome.dir}\n`] : [])).join(''));
  return { outcomes, mirror, plannedListPath };
}

async function planOne(stack: string, dir: string, steps: Array<[string, string[]]>, env: NodeJS.ProcessEnv): Promise<StackOutcome> {
  const started = Date.now();
  let last: TerraformResult | undefined;
  for (const [step, args] of steps) {
    last = await runTerraform(args, dir, env);
    if (last.code !== 0) {
      const error = last.stderr.trim() || last.stdout.trim() || `terraform ${step} exited ${last.code} without a message`;
      return { stack, ok: false, dir, durationMs: Date.now() - started, failedStep: step, error };
    }
  }
  const text = (last as TerraformResult).stdout;
  const plan = parsePlanJson(text, `terraform show -json of ${stack}`);
  writeFileSync(join(dir, PLAN_JSON_FILE), text);
  const drifted = ((plan as { resource_drift?: unknown[] }).resource_drift ?? []).length;
  return { stack, ok: true, dir, durationMs: Date.now() - started, drifted, ...countChanges(plan) };
}

export function outcomeLine(outcome: StackOutcome, done: number, total: number, refreshOnly: boolean): string {
  const counter = `[${String(done).padStart(String(total).length)}/${total}]`;
  const seconds = `${(outcome.durationMs / 1000).toFixed(1)}s`;
  if (!outcome.ok) return `${counter} FAIL ${outcome.stack}: terraform ${outcome.failedStep} failed (${seconds})`;
  const what = refreshOnly ? `${outcome.drifted} drifted` : `+${outcome.add} ~${outcome.change} -${outcome.destroy}`;
  return `${counter} ok   ${outcome.stack}: ${what} (${seconds})`;
}
