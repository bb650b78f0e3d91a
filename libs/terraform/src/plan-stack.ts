/** (init, when the folder needs it) -> (validate) -> plan -out -> show -json for one synthesized stack directory. */
import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { countChanges, parsePlanJson, type ChangeCounts, type PlanJson } from './plan-json';
import { planCacheKey, planCacheKeyParts, type PlanCache, type PlanCacheIdentity, type PlanCacheKeyParts } from './plan-cache';
import { checkInitialised, DATA_DIR, prepareInit, recordInitialised, type InitCheck } from './init-state';
import { runTerraform, type TerraformResult } from './terraform';

export const PLAN_FILE = 'plan.tfplan';
export const PLAN_JSON_FILE = 'plan.json';

export interface PlanStackOptions {
  /** Run `terraform validate` between init and plan. @default false */
  readonly validate?: boolean;
  /**
   * Plan against the stack's real state (the emulator's, say): refresh it and take the state lock.
   * @default false - offline: no refresh, no lock, since there is no account to read from
   */
  readonly refresh?: boolean;
  /** Reuse (and keep) offline plans by content key; ignored with `refresh`, whose plans depend on live state. @default - no cache */
  readonly cache?: { readonly store: PlanCache; readonly identity: PlanCacheIdentity };
  /**
   * Skip `terraform init` when the folder is still initialised for this configuration's backend
   * and providers, this lock file and this CLI configuration (see init-state.ts). With false,
   * init runs every time, from a clean `.terraform`, as in a freshly synthesized folder. @default true
   */
  readonly reuseInit?: boolean;
}

export type PlanStep = 'init' | 'validate' | 'plan' | 'show';

/** How long each Terraform command of a plan took, in ms; `init` is absent when it was skipped. */
export interface PlanStepDurations {
  readonly init?: number;
  readonly validate?: number;
  readonly plan: number;
  readonly show: number;
}

export type StackPlanResult =
  | ({
      readonly stack: string;
      readonly ok: true;
      readonly durationMs: number;
      readonly planJsonPath: string;
      readonly plan: PlanJson;
      /** The plan came from the plan cache: no terraform ran. */
      readonly cached?: boolean;
      /** Why a cache entry for this stack was not used although present (corrupt), when so. */
      readonly cacheNote?: string;
      /** Each Terraform command's time; absent when the plan came from the cache. */
      readonly steps?: PlanStepDurations;
      /** Why `terraform init` ran (not initialised, requirements changed, ...); absent when it was skipped. */
      readonly initReason?: string;
    } & ChangeCounts)
  | {
      readonly stack: string;
      readonly ok: false;
      readonly durationMs: number;
      /** The Terraform step that failed: init, validate, plan or show. */
      readonly failedStep: string;
      /** What Terraform itself printed for the failure. */
      readonly error: string;
      /** The time of each command that ran, the failed one included. */
      readonly steps?: Partial<PlanStepDurations>;
      readonly initReason?: string;
    };

export async function planStack(stack: string, stackDir: string, env: NodeJS.ProcessEnv, options: PlanStackOptions = {}): Promise<StackPlanResult> {
  const started = Date.now();
  const cache = options.refresh ? undefined : options.cache;
  let cacheNote: string | undefined;
  let key: { parts: PlanCacheKeyParts; value: string } | undefined;
  if (cache) {
    const parts = planCacheKeyParts(stackDir, cache.identity, options.validate ?? false);
    key = { parts, value: planCacheKey(parts) };
    const lookup = cache.store.restore(key.value, stackDir);
    if (lookup.kind === 'hit') {
      const { plan } = lookup;
      return { stack, ok: true, durationMs: Date.now() - started, planJsonPath: join(stackDir, PLAN_JSON_FILE), plan, cached: true, ...countChanges(plan) };
    }
    if (lookup.kind === 'corrupt') cacheNote = `cache entry was corrupt (${lookup.reason}): removed and planned again`;
  }
  // TF_DATA_DIR moves .terraform elsewhere, where this folder's record of its init does not go.
  const tracked = !env.TF_DATA_DIR;
  const check: InitCheck = options.reuseInit === false ? { ready: false, reason: 'init reuse is off' } : checkInitialised(stackDir, env);
  let initReason = check.ready ? undefined : check.reason;
  const steps: Partial<Record<PlanStep, number>> = {};
  const fail = (step: PlanStep, result: TerraformResult): StackPlanResult => ({
    stack,
    ok: false,
    durationMs: Date.now() - started,
    failedStep: step,
    error: terraformError(result),
    steps,
    ...(initReason ? { initReason } : {}),
  });
  const init = async (): Promise<TerraformResult> => {
    const preparation = tracked ? prepareInit(stackDir, true) : undefined;
    const result = await runTerraform(['init', '-input=false', '-no-color'], stackDir, env);
    steps.init = result.durationMs;
    if (result.code === 0 && preparation) recordInitialised(stackDir, env, preparation);
    return result;
  };
  if (!check.ready) {
    const result = await init();
    if (result.code !== 0) return fail('init', result);
  }
  let outcome = await planSteps(stackDir, env, options, steps);
  if (!outcome.ok && check.ready) {
    // The reused .terraform may be what failed (something its record does not cover): init and
    // try once more, so reuse never fails a stack that a fresh init would plan.
    initReason = `${outcome.step} failed with the existing ${DATA_DIR}: initialised again`;
    const result = await init();
    if (result.code !== 0) return fail('init', result);
    outcome = await planSteps(stackDir, env, options, steps);
  }
  if (!outcome.ok) return fail(outcome.step, outcome.result);
  const planJsonPath = join(stackDir, PLAN_JSON_FILE);
  const showOutput = outcome.show.stdout;
  const plan = parsePlanJson(showOutput, `terraform show -json of ${stack}`);
  writeFileSync(planJsonPath, showOutput);
  if (cache && key) cache.store.store(key.value, key.parts, stack, stackDir);
  return {
    stack,
    ok: true,
    durationMs: Date.now() - started,
    planJsonPath,
    plan,
    steps: steps as PlanStepDurations,
    ...(initReason ? { initReason } : {}),
    ...(cacheNote ? { cacheNote } : {}),
    ...countChanges(plan),
  };
}

/** (validate ->) plan -out -> show -json, stopping at the first that fails; each one's time in `steps`. */
async function planSteps(
  stackDir: string,
  env: NodeJS.ProcessEnv,
  options: PlanStackOptions,
  steps: Partial<Record<PlanStep, number>>,
): Promise<{ ok: true; show: TerraformResult } | { ok: false; step: PlanStep; result: TerraformResult }> {
  const commands: Array<[PlanStep, string[]]> = [
    ...(options.validate ? ([['validate', ['validate', '-no-color']]] as Array<[PlanStep, string[]]>) : []),
    // Offline plans cannot refresh: there is no account to read from.
    ['plan', ['plan', ...(options.refresh ? ['-lock-timeout=2m'] : ['-refresh=false', '-lock=false']), '-input=false', '-no-color', `-out=${PLAN_FILE}`]],
    ['show', ['show', '-json', '-no-color', PLAN_FILE]],
  ];
  let last: TerraformResult | undefined;
  for (const [step, args] of commands) {
    last = await runTerraform(args, stackDir, env);
    steps[step] = last.durationMs;
    if (last.code !== 0) return { ok: false, step, result: last };
  }
  return { ok: true, show: last as TerraformResult };
}

export function readPlanJson(path: string): PlanJson {
  return parsePlanJson(readFileSync(path, 'utf8'), path);
}

/** Terraform prints diagnostics on stderr, and some init failures on stdout only. */
export function terraformError(result: TerraformResult): string {
  const text = result.stderr.trim() || result.stdout.trim();
  return text || `terraform ${result.args[0]} exited ${result.code} without a message`;
}
