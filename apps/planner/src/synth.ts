/**
 * Runs the cdktf app exactly as `cdktf.json` declares it (offline, or against the emulator) into a private staging folder,
 * then moves each stack into <outdir>/stacks/<stack>. Staging keeps two planners (say nx running
 * env-dev:plan and env-prod:plan at once) from overwriting each other's synthesis, and replacing a
 * stack folder whole means no stale plan.json survives a new synthesis.
 */
import { spawnSync } from 'node:child_process';
import { existsSync, mkdirSync, readdirSync, readFileSync, renameSync, rmSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { UsageError } from './args';

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

/**
 * Builds every project with a `build` target (today the pipeline bundle that regional stacks
 * package), through Nx so an unchanged project is restored from its cache instead of rebuilt.
 */
export function buildArtifacts(workspaceRoot: string): void {
  const nx = join(workspaceRoot, 'node_modules', '.bin', 'nx');
  const result = spawnSync(nx, ['run-many', '--target=build', '--output-style=static'], {
    cwd: workspaceRoot,
    encoding: 'utf8',
    env: { ...process.env, NX_DAEMON: 'false', NX_NO_CLOUD: 'true' },
  });
  if (result.status !== 0) {
    throw new Error(`Build failed (nx run-many --target=build, exit ${result.status}):\n${(result.stdout + result.stderr).trim()}`);
  }
}

export interface Synthesis {
  readonly stacks: SynthesizedStack[];
  /** What the app printed on stderr while succeeding: the guardrail warnings. */
  readonly warnings: string;
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

export function synthesizeStacks(workspaceRoot: string, outdir: string, environments: readonly string[], mode: SynthMode): Synthesis {
  const absoluteOutdir = resolve(workspaceRoot, outdir);
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
        CDKTF_OUTDIR: staging,
        INFRA_ENVIRONMENTS: environments.join(','),
      },
    });
    // The app exits 2 for a selection that names no environment: the caller's usage error.
    if (result.status === 2) throw new UsageError(`--env: ${(result.stderr || result.stdout || '').trim()}`);
    if (result.status !== 0) {
      throw new Error(`Synthesis failed (exit ${result.status}):\n${(result.stderr || result.stdout || '').trim()}`);
    }
    const manifest = JSON.parse(readFileSync(join(staging, 'manifest.json'), 'utf8')) as Manifest;
    const stacksDir = join(absoluteOutdir, 'stacks');
    mkdirSync(stacksDir, { recursive: true });
    const names = Object.keys(manifest.stacks);
    // Checked for every stack before any folder is replaced: all or nothing.
    names.forEach((name) => assertHoldsNoState(join(stacksDir, name)));
    const stacks = Object.entries(manifest.stacks).map(([name, entry]) => {
      const target = join(stacksDir, name);
      rmSync(target, { recursive: true, force: true });
      renameSync(join(staging, entry.workingDirectory), target);
      return { name, dir: target };
    });
    // The guardrail report of this synthesis, kept next to the stacks it is about.
    if (existsSync(join(staging, GUARDRAIL_REPORT))) renameSync(join(staging, GUARDRAIL_REPORT), join(absoluteOutdir, GUARDRAIL_REPORT));
    return { stacks, warnings: (result.stderr ?? '').trim() };
  } finally {
    if (existsSync(staging)) rmSync(staging, { recursive: true, force: true });
  }
}

/**
 * Offline plans never write state, so a state file in a stack folder came from a real apply
 * (say `cdktf deploy` with an older local backend). Replacing the folder would delete it.
 */
export function assertHoldsNoState(stackDir: string): void {
  if (!existsSync(stackDir)) return;
  const stateFiles = readdirSync(stackDir).filter((file) => /\.tfstate(\.backup)?$/.test(file));
  if (stateFiles.length > 0) {
    throw new Error(
      `${stackDir} holds Terraform state (${stateFiles.join(', ')}) that npm start would delete when it replaces the folder. ` +
        'Move the state to a safe place (or migrate it to the S3 backend), then run again.',
    );
  }
}
