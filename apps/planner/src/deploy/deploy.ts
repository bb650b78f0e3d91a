/**
 * Applies (or destroys) one environment into the local emulator in the documented order:
 * `<env>-bootstrap` (local state), then `<env>-global` (roles need the boundary), then the regional
 * stacks a few at a time. A failed stack stops the environment's later stacks; Terraform has
 * already saved the state of what it did, so a rerun continues from there.
 */
import { synthesizeStacks, type Synthesis } from '../synth';
import { applyStack, findProviderMirror, mapWithConcurrency, terraformEnvironment, writeCliConfig, type StackApplyResult } from '@llm/terraform';
import { join, resolve } from 'node:path';

export interface DeployLocalOptions {
  readonly environment: string;
  readonly url: URL;
  /** Only these stacks (still in apply order); empty means all of the environment. */
  readonly stacks: readonly string[];
  readonly destroy: boolean;
  /** Synthesis folder; stacks land in <outdir>/stacks/<stack>. */
  readonly outdir: string;
  /**
   * Every stack of the configuration (all environments): a folder under <outdir>/stacks named
   * otherwise is a stack that no longer exists and is removed, unless it holds Terraform state.
   */
  readonly known: readonly string[];
  /** Regional stacks applied at once. @default 2 */
  readonly concurrency?: number;
  /** Per stack, see applyStack. */
  readonly timeoutMs?: number;
}

export type DeployOutcome = StackApplyResult | { readonly stack: string; readonly ok: false; readonly skipped: true; readonly reason: string };

export interface DeployEvents {
  /** After synthesis: the stacks synthesized, and the folders of stacks that no longer exist, removed or kept. */
  readonly onSynthesized?: (synthesis: Synthesis) => void;
  /** After synthesis (so a bad --env or --stack is reported before anything starts), before the first apply. */
  readonly beforeApply?: (stacks: readonly string[]) => Promise<void>;
  readonly onStackDone?: (outcome: StackApplyResult, done: number, total: number) => void;
}

export interface DeployResult {
  readonly outcomes: readonly DeployOutcome[];
  readonly wallMs: number;
  /** Stacks the run left alone on purpose, with the reason (the bootstrap stack on --destroy). */
  readonly kept: ReadonlyArray<{ readonly stack: string; readonly reason: string }>;
}

/**
 * Waves in apply order, from the synthesized stacks of one environment (the app creates them
 * bootstrap, global, then the regions, primary first). Destroy reverses them and keeps the
 * bootstrap stack: its bucket holds the state of every other stack, and no teardown may lose that.
 */
export function deploymentWaves(environment: string, synthesized: readonly string[], destroy: boolean): { waves: string[][]; kept: DeployResult['kept'] } {
  const bootstrap = `${environment}-bootstrap`;
  const global = `${environment}-global`;
  const regional = synthesized.filter((stack) => stack !== bootstrap && stack !== global);
  const waves = [[bootstrap], [global], regional];
  if (!destroy) return { waves, kept: [] };
  return {
    waves: waves.slice(1).reverse(),
    kept: [{ stack: bootstrap, reason: 'its state bucket holds the state of the other stacks; destroy it by hand if ever' }],
  };
}

/**
 * Synthesizes one environment for the emulator into <outdir>/stacks/<stack>, replacing its stacks'
 * folders, and, as `npm start` does, removes the folders of stacks the configuration no longer has
 * (never one holding Terraform state); other environments' folders stay as they were.
 */
function synthesizeForEmulator(workspaceRoot: string, options: Pick<DeployLocalOptions, 'environment' | 'url' | 'outdir' | 'known'>): Synthesis {
  const outdir = resolve(workspaceRoot, options.outdir);
  return synthesizeStacks(workspaceRoot, outdir, [options.environment], { kind: 'emulator', url: options.url.origin }, { known: options.known });
}

export async function deployEnvironment(workspaceRoot: string, options: DeployLocalOptions, events: DeployEvents = {}): Promise<DeployResult> {
  const started = Date.now();
  const outdir = resolve(workspaceRoot, options.outdir);
  const synthesis = synthesizeForEmulator(workspaceRoot, options);
  events.onSynthesized?.(synthesis);
  const names = synthesis.stacks.map((stack) => stack.name);
  const unknown = options.stacks.filter((stack) => !names.includes(stack));
  if (unknown.length > 0) {
    throw new DeployUsageError(`--stack names stack(s) ${unknown.join(', ')} that ${options.environment} does not have; its stacks: ${names.join(', ')}`);
  }
  const { waves: allWaves, kept } = deploymentWaves(options.environment, names, options.destroy);
  const selected = options.stacks.length > 0 ? options.stacks : allWaves.flat();
  const waves = allWaves.map((wave) => wave.filter((stack) => selected.includes(stack))).filter((wave) => wave.length > 0);
  await events.beforeApply?.(names);
  const dirOf = new Map(synthesis.stacks.map((stack) => [stack.name, stack.dir]));
  const env = terraformEnvironment({ cliConfigFile: writeCliConfig(join(outdir, '.terraform-cli'), findProviderMirror()) });

  const total = waves.flat().length;
  const outcomes: DeployOutcome[] = [];
  let done = 0;
  let failedStack: string | undefined;
  for (const wave of waves) {
    const inWave = await mapWithConcurrency(wave, options.concurrency ?? 2, async (stack): Promise<DeployOutcome> => {
      // A stack waiting its turn sees a failure of an earlier one, in this wave or before.
      if (failedStack) return skipped(stack, failedStack);
      const outcome = await applyStack(stack, dirOf.get(stack) as string, env, { destroy: options.destroy, timeoutMs: options.timeoutMs });
      if (!outcome.ok) failedStack ??= stack;
      events.onStackDone?.(outcome, ++done, total);
      return outcome;
    });
    outcomes.push(...inWave);
  }
  return { outcomes, wallMs: Date.now() - started, kept: options.stacks.length > 0 ? kept.filter((entry) => options.stacks.includes(entry.stack)) : kept };
}

function skipped(stack: string, failed: string): DeployOutcome {
  return { stack, ok: false, skipped: true, reason: `not run: ${failed} failed` };
}

export class DeployUsageError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'DeployUsageError';
  }
}
