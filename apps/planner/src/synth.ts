/**
 * Runs the cdktf app exactly as `cdktf.json` declares it (offline, or against the emulator) into a private staging folder,
 * then moves each stack the run owns into <outdir>/stacks/<stack>. Staging keeps two planners (say nx running
 * env-dev:plan and env-prod:plan at once) from overwriting each other's synthesis, replacing a
 * stack folder whole means no stale plan.json survives a new synthesis, and only the folders of
 * the stacks a run plans are touched, so another run's plans stay as they were. Only Terraform's
 * working data (`.terraform/` and the lock file) moves from the old folder into the new one: the
 * planner then skips `terraform init` where it still fits the new configuration, and cleans it
 * away and inits where it does not (@llm/terraform checkInitialised).
 */
import { spawnSync } from 'node:child_process';
import { existsSync, mkdirSync, readdirSync, readFileSync, renameSync, rmSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { stripVTControlCharacters } from 'node:util';
import { DATA_DIR, LOCK_FILE } from '@llm/terraform';
import { SelectionError } from './selection';

const GUARDRAIL_REPORT = 'guardrails.json';

export interface SynthesizedStack {
  readonly name: string;
  readonly dir: string;
}

interface Manifest {
  readonly stacks: Record<string, { readonly workingDirectory: string }>;
}

export function cdktfAppCommand(workspaceRoot: string): string {
  const path = join(workspaceRoot, 'cdktf.json');
  const config = JSON.parse(readFileSync(path, 'utf8')) as { app?: unknown };
  if (typeof config.app !== 'string' || config.app.trim() === '') {
    throw new Error(`${path} has no "app" command`);
  }
  return config.app;
}

export interface BuildOptions {
  /** Nx's whole output (and its --verbose stack traces) instead of the failing tasks' output. */
  readonly verbose?: boolean;
}

/**
 * Builds every project with a `build` target (today the pipeline bundle that regional stacks
 * package), through Nx so an unchanged project is restored from its cache instead of rebuilt.
 */
export function buildArtifacts(workspaceRoot: string, options: BuildOptions = {}): void {
  const nx = join(workspaceRoot, 'node_modules', '.bin', 'nx');
  const args = ['run-many', '--target=build', '--output-style=static', ...(options.verbose ? ['--verbose'] : [])];
  const result = spawnSync(nx, args, {
    cwd: workspaceRoot,
    encoding: 'utf8',
    env: { ...process.env, NX_DAEMON: 'false', NX_NO_CLOUD: 'true', FORCE_COLOR: '0', NO_COLOR: '1' },
  });
  if (result.error) throw new Error(`Build failed: could not run ${nx}: ${result.error.message}`);
  if (result.status !== 0) throw new Error(buildFailure(`${result.stdout ?? ''}${result.stderr ?? ''}`, result.status, options.verbose ?? false));
}

/**
 * What a failed build says: the output of each failed task (Nx's static style prints it under
 * `> nx run <task>`), or all of Nx's output when no task failed (an Nx error) or with --verbose.
 * Nx's own hint to pass --verbose is rewritten to the npm start option that does it.
 */
export function buildFailure(output: string, status: number | null, verbose: boolean): string {
  const text = stripVTControlCharacters(output).trim();
  const failed = failedTasks(text);
  const title = `Build failed (nx run-many --target=build, exit ${status})`;
  const hint = verbose ? '' : "\n(npm start -- --verbose prints all of Nx's output)";
  if (verbose || failed.length === 0) {
    return `${title}:\n${verbose ? text : text.replace(/Pass --verbose to see the stacktrace\.?/g, 'Run npm start -- --verbose to see the stacktrace.')}`;
  }
  const sections = failed.map((task) => `--- ${task} ---\n${taskOutput(text, task) || '(the task printed nothing)'}`);
  return `${title}: ${failed.join(', ')} failed.\n${sections.join('\n')}${hint}`;
}

function failedTasks(text: string): string[] {
  const list = text.split('\nFailed tasks:')[1];
  if (!list) return [];
  const tasks: string[] = [];
  for (const line of list.split('\n').slice(1)) {
    const match = /^\s*- (\S+)\s*$/.exec(line);
    if (match) tasks.push(match[1]);
    else if (line.trim() !== '' && tasks.length > 0) break;
  }
  return tasks;
}

function taskOutput(text: string, task: string): string {
  const lines = text.split('\n');
  const start = lines.findIndex((line) => line.trim().startsWith(`> nx run ${task}`));
  if (start < 0) return '';
  const rest = lines.slice(start + 1);
  const end = rest.findIndex((line) => line.trim().startsWith('> nx run ') || /^\s*(NX|—|-{3,})\s/.test(line));
  return (end < 0 ? rest : rest.slice(0, end)).join('\n').trim();
}

export interface Synthesis {
  /** The stacks this run owns: synthesized, and their folders replaced. */
  readonly stacks: SynthesizedStack[];
  /** Folders of current stacks this run does not plan, left as they were (plans from an earlier run included). */
  readonly kept: readonly string[];
  /** Folders of stacks that no longer exist, removed. */
  readonly removed: readonly string[];
  /** Folders of stacks that no longer exist, left in place because they hold Terraform state. */
  readonly keptWithState: readonly { readonly name: string; readonly files: readonly string[] }[];
  /** What the app printed on standard output while succeeding: the guardrail warnings. */
  readonly warnings: string;
  /** Where the guardrail report of this synthesis is, when the app wrote one. */
  readonly guardrailReport?: string;
}

export interface SynthesizeOptions {
  /** The stacks whose folders this run replaces. @default - every stack synthesized */
  readonly stacks?: readonly string[];
  /** Every stack of the configuration; other folders under stacks/ are removed. @default - none removed */
  readonly known?: readonly string[];
  /** Ask the app to print every guardrail warning (INFRA_VERBOSE=1) rather than their count. */
  readonly verbose?: boolean;
}

/** How the app is told its mode: offline, or emulator mode at a URL. */
export type SynthMode = { readonly kind: 'offline' } | { readonly kind: 'emulator'; readonly url: string };

export function synthesizeOffline(workspaceRoot: string, outdir: string, environments: readonly string[]): Synthesis {
  return synthesizeStacks(workspaceRoot, outdir, environments, { kind: 'offline' });
}

/** The mode variables for the app; the other mode's variable is removed so a shell's export cannot mix them. */
export function modeVariables(mode: SynthMode): NodeJS.ProcessEnv {
  const variables: NodeJS.ProcessEnv = { ...process.env };
  delete variables.INFRA_OFFLINE;
  delete variables.INFRA_EMULATOR_URL;
  if (mode.kind === 'offline') variables.INFRA_OFFLINE = '1';
  else variables.INFRA_EMULATOR_URL = mode.url;
  return variables;
}

export function synthesizeStacks(
  workspaceRoot: string,
  outdir: string,
  environments: readonly string[],
  mode: SynthMode,
  options: SynthesizeOptions = {},
): Synthesis {
  const absoluteOutdir = resolve(workspaceRoot, outdir);
  removeAbandonedStaging(absoluteOutdir);
  const staging = join(absoluteOutdir, `.synth-${process.pid}`);
  rmSync(staging, { recursive: true, force: true });
  mkdirSync(staging, { recursive: true });
  try {
    const result = spawnSync(cdktfAppCommand(workspaceRoot), {
      cwd: workspaceRoot,
      shell: true,
      encoding: 'utf8',
      env: {
        ...modeVariables(mode),
        CHECKPOINT_DISABLE: '1',
        CDKTF_OUTDIR: staging,
        INFRA_ENVIRONMENTS: environments.join(','),
        ...(options.verbose ? { INFRA_VERBOSE: '1' } : {}),
      },
    });
    // The app exits 2 for a selection that names no environment: the caller's usage error.
    if (result.status === 2) throw new SelectionError(`--env: ${(result.stderr || result.stdout || '').trim()}`);
    if (result.status !== 0) {
      throw new Error(`Synthesis failed (exit ${result.status}):\n${(result.stderr || result.stdout || '').trim()}`);
    }
    const manifest = JSON.parse(readFileSync(join(staging, 'manifest.json'), 'utf8')) as Manifest;
    const stacksDir = join(absoluteOutdir, 'stacks');
    mkdirSync(stacksDir, { recursive: true });
    const names = Object.keys(manifest.stacks);
    const owned = options.stacks ? names.filter((name) => options.stacks?.includes(name)) : names;
    // Checked for every stack before any folder is replaced: all or nothing.
    owned.forEach((name) => assertHoldsNoState(join(stacksDir, name)));
    const stacks = owned.map((name) => {
      const target = join(stacksDir, name);
      const fresh = join(staging, manifest.stacks[name].workingDirectory);
      carryOverInitialisation(target, fresh);
      rmSync(target, { recursive: true, force: true });
      renameSync(fresh, target);
      return { name, dir: target };
    });
    const kept = (options.known ?? names).filter((name) => !owned.includes(name) && existsSync(join(stacksDir, name)));
    const stale = options.known ? removeStaleStacks(stacksDir, options.known) : { removed: [], keptWithState: [] };
    // The guardrail report of this synthesis, kept next to the stacks it is about.
    const guardrailReport = join(absoluteOutdir, GUARDRAIL_REPORT);
    const wroteReport = existsSync(join(staging, GUARDRAIL_REPORT));
    if (wroteReport) renameSync(join(staging, GUARDRAIL_REPORT), guardrailReport);
    return { stacks, kept, ...stale, warnings: (result.stdout ?? '').trim(), ...(wroteReport ? { guardrailReport } : {}) };
  } finally {
    if (existsSync(staging)) rmSync(staging, { recursive: true, force: true });
  }
}

/**
 * Moves `.terraform/` and `.terraform.lock.hcl` of a stack's previous folder into its freshly
 * synthesized one (where the synthesis wrote none of its own), so an unchanged stack keeps its
 * init. Whether that init still fits is for the planner to check, not for the synthesis.
 */
export function carryOverInitialisation(previousDir: string, freshDir: string): string[] {
  const moved: string[] = [];
  for (const name of [DATA_DIR, LOCK_FILE]) {
    const from = join(previousDir, name);
    const to = join(freshDir, name);
    if (!existsSync(from) || existsSync(to)) continue;
    renameSync(from, to);
    moved.push(name);
  }
  return moved;
}

/**
 * Removes the folders under stacks/ of stacks the configuration no longer has (a removed
 * environment or region), so neither a person nor `npm run review -- cdktf.out/stacks/*` mistakes
 * them for current; a folder that holds Terraform state is never deleted.
 */
export function removeStaleStacks(stacksDir: string, known: readonly string[]): Pick<Synthesis, 'removed' | 'keptWithState'> {
  const removed: string[] = [];
  const keptWithState: { name: string; files: string[] }[] = [];
  if (!existsSync(stacksDir)) return { removed, keptWithState };
  for (const entry of readdirSync(stacksDir, { withFileTypes: true })) {
    if (!entry.isDirectory() || known.includes(entry.name)) continue;
    const files = stateFilesIn(join(stacksDir, entry.name));
    if (files.length > 0) {
      keptWithState.push({ name: entry.name, files });
      continue;
    }
    rmSync(join(stacksDir, entry.name), { recursive: true, force: true });
    removed.push(entry.name);
  }
  return { removed, keptWithState };
}

/** Staging folders of planners that died before their `finally` (killed, out of memory): their pid runs no more. */
function removeAbandonedStaging(outdir: string): void {
  if (!existsSync(outdir)) return;
  for (const name of readdirSync(outdir)) {
    const pid = /^\.synth-(\d+)$/.exec(name)?.[1];
    if (pid && Number(pid) !== process.pid && !isRunning(Number(pid))) rmSync(join(outdir, name), { recursive: true, force: true });
  }
}

function isRunning(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch (error) {
    return (error as NodeJS.ErrnoException).code === 'EPERM';
  }
}

/**
 * Offline plans never write state, so a state file in a stack folder came from a real apply
 * (say `cdktf deploy` with an older local backend). Replacing the folder would delete it.
 */
export function assertHoldsNoState(stackDir: string): void {
  const stateFiles = stateFilesIn(stackDir);
  if (stateFiles.length > 0) {
    throw new Error(
      `${stackDir} holds Terraform state (${stateFiles.join(', ')}) that npm start would delete when it replaces the folder. ` +
        'Move the state to a safe place (or migrate it to the S3 backend), then run again.',
    );
  }
}

/**
 * Terraform state files of a stack folder, relative to it: the default workspace's directly in it,
 * other workspaces' under terraform.tfstate.d/<workspace>/ (`.terraform/terraform.tfstate` is
 * backend settings, not state).
 */
export function stateFilesIn(stackDir: string): string[] {
  if (!existsSync(stackDir)) return [];
  const isState = (file: string) => /\.tfstate(\.backup)?$/.test(file);
  const workspaces = join(stackDir, 'terraform.tfstate.d');
  const other = existsSync(workspaces)
    ? readdirSync(workspaces, { withFileTypes: true })
        .filter((entry) => entry.isDirectory())
        .flatMap((entry) =>
          readdirSync(join(workspaces, entry.name))
            .filter(isState)
            .map((file) => `terraform.tfstate.d/${entry.name}/${file}`),
        )
    : [];
  return [...readdirSync(stackDir).filter(isState), ...other];
}
