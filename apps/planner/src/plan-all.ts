/** Synthesizes the selected stacks offline and plans them, a few at a time. */
import {
  findProviderMirror,
  mapWithConcurrency,
  PlanCache,
  planCacheDir,
  providerBuild,
  planStack,
  terraformEnvironment,
  terraformVersion,
  writeCliConfig,
  type StackPlanResult,
} from '@llm/terraform';
import { checkSecretHygieneDocuments, checkSecretHygieneFiles, formatSecretFindings, type SecretHygieneResult } from '@llm/guardrails';
import { join, resolve } from 'node:path';
import type { PlannerOptions } from './args';
import { configuredEnvironments, selectStacks } from './selection';
import { buildArtifacts, synthesizeStacks, type Synthesis, type SynthMode } from './synth';
import { ensureEmulator } from './deploy/emulator-session';
import { DEFAULT_EMULATOR_URL, EMULATOR_URL_VARIABLE, parseEmulatorUrl } from '@llm/terraform';

export interface PlanAllResult {
  readonly results: readonly StackPlanResult[];
  readonly wallMs: number;
  readonly mirror: string | undefined;
  /** Secret-shaped values in the synthesized stacks and plans (none, or npm start fails). */
  readonly secretHygiene: SecretHygieneResult;
}

export interface PlanAllEvents {
  readonly onPhase?: (phase: 'build' | 'synth', emulatorUrl?: string) => void;
  /** After synthesis: the guardrail warnings the app printed, the folders it replaced, kept and removed. */
  readonly onSynthesized?: (synthesis: Synthesis) => void;
  /** After synthesis, before the first terraform call. */
  readonly onPlanningStart?: (terraformVersion: string, stackCount: number, mirror: string | undefined) => void;
  readonly onStackDone?: (result: StackPlanResult, done: number, total: number) => void;
}

export class TerraformMissingError extends Error {
  constructor() {
    super('terraform is not on PATH: install Terraform >= 1.10 (https://developer.hashicorp.com/terraform/install) and retry.');
    this.name = 'TerraformMissingError';
  }
}

/**
 * The selection is checked against the configuration before anything is built; synthesis comes
 * before Terraform, so configuration errors are reported even where Terraform is missing.
 */
export async function planAll(workspaceRoot: string, options: PlannerOptions, events: PlanAllEvents = {}): Promise<PlanAllResult> {
  const started = Date.now();
  const outdir = resolve(workspaceRoot, options.outdir);
  const selection = selectStacks(configuredEnvironments(), options);
  // Against the emulator, one must answer before anything is built: a usage error otherwise.
  const mode: SynthMode = options.emulator ? { kind: 'emulator', url: await answeringEmulator(workspaceRoot) } : { kind: 'offline' };
  events.onPhase?.('build');
  buildArtifacts(workspaceRoot, { verbose: options.verbose });
  events.onPhase?.('synth', mode.kind === 'emulator' ? mode.url : undefined);
  const synthesis = synthesizeStacks(workspaceRoot, outdir, selection.environments, mode, {
    stacks: selection.stacks,
    known: selection.known,
    verbose: options.verbose,
  });
  events.onSynthesized?.(synthesis);
  const selected = synthesis.stacks;
  // The configuration decided the selection; the app must have synthesized every stack of it.
  const missing = selection.stacks.filter((name) => !selected.some((stack) => stack.name === name));
  if (missing.length > 0)
    throw new Error(`the app synthesized no stack(s) ${missing.join(', ')}; it synthesized: ${selected.map((stack) => stack.name).join(', ')}`);

  const version = terraformVersion();
  if (!version) throw new TerraformMissingError();
  const mirror = findProviderMirror();
  events.onPlanningStart?.(version, selected.length, mirror);
  const env = terraformEnvironment({ cliConfigFile: writeCliConfig(join(outdir, '.terraform-cli'), mirror) });
  // Offline plans only: a plan against live state depends on that state, which no key covers.
  const cache =
    options.cache && mode.kind === 'offline'
      ? { store: new PlanCache(planCacheDir(workspaceRoot)), identity: { terraformVersion: version, providerBuild: providerBuild(mirror) } }
      : undefined;
  let done = 0;
  // Nothing secret-shaped may reach Terraform: checked in the configuration before planning...
  const configHygiene = checkSecretHygieneFiles(selected.map((stack) => join(stack.dir, 'cdk.tf.json')));
  if (!configHygiene.ok) throw new Error(formatSecretFindings(configHygiene));
  const results = await mapWithConcurrency(selected, options.concurrency, async (stack) => {
    const result = await planStack(stack.name, stack.dir, env, { validate: options.validate, refresh: options.emulator, ...(cache ? { cache } : {}) });
    events.onStackDone?.(result, ++done, selected.length);
    return result;
  });
  // ...and in the plans, which also carry values Terraform computed (planStack has parsed them).
  const planHygiene = checkSecretHygieneDocuments(results.flatMap((result) => (result.ok ? [{ file: result.planJsonPath, json: result.plan }] : [])));
  const secretHygiene = {
    ok: planHygiene.ok,
    files: [...configHygiene.files, ...planHygiene.files],
    findings: planHygiene.findings,
  };
  return { results, wallMs: Date.now() - started, mirror, secretHygiene };
}

async function answeringEmulator(workspaceRoot: string): Promise<string> {
  const url = parseEmulatorUrl(process.env[EMULATOR_URL_VARIABLE]?.trim() || DEFAULT_EMULATOR_URL);
  await ensureEmulator(workspaceRoot, url, { start: false });
  return url.origin;
}
