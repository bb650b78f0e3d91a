/** init -> (validate) -> plan -out -> show -json for one synthesized stack directory. */
import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { countChanges, parsePlanJson, type ChangeCounts, type PlanJson } from './plan-json';
import { planCacheKey, planCacheKeyParts, type PlanCache, type PlanCacheIdentity, type PlanCacheKeyParts } from './plan-cache';
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
    } & ChangeCounts)
  | {
      readonly stack: string;
      readonly ok: false;
      readonly durationMs: number;
      /** The Terraform step that failed: init, validate, plan or show. */
      readonly failedStep: string;
      /** What Terraform itself printed for the failure. */
      readonly error: string;
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
  const steps: Array<[string, string[]]> = [
    ['init', ['init', '-input=false', '-no-color']],
    ...(options.validate ? ([['validate', ['validate', '-no-color']]] as Array<[string, string[]]>) : []),
    // Offline plans cannot refresh: there is no account to read from.
    ['plan', ['plan', ...(options.refresh ? ['-lock-timeout=2m'] : ['-refresh=false', '-lock=false']), '-input=false', '-no-color', `-out=${PLAN_FILE}`]],
    ['show', ['show', '-json', '-no-color', PLAN_FILE]],
  ];
  let last: TerraformResult | undefined;
  for (const [step, args] of steps) {
    last = await runTerraform(args, stackDir, env);
    if (last.code !== 0) {
      return { stack, ok: false, durationMs: Date.now() - started, failedStep: step, error: terraformError(last) };
    }
  }
  const planJsonPath = join(stackDir, PLAN_JSON_FILE);
  const showOutput = (last as TerraformResult).stdout;
  const plan = parsePlanJson(showOutput, `terraform show -json of ${stack}`);
  writeFileSync(planJsonPath, showOutput);
  if (cache && key) cache.store.store(key.value, key.parts, stack, stackDir);
  return { stack, ok: true, durationMs: Date.now() - started, planJsonPath, plan, ...(cacheNote ? { cacheNote } : {}), ...countChanges(plan) };
}

export function readPlanJson(path: string): PlanJson {
  return parsePlanJson(readFileSync(path, 'utf8'), path);
}

/** Terraform prints diagnostics on stderr, and some init failures on stdout only. */
export function terraformError(result: TerraformResult): string {
  const text = result.stderr.trim() || result.stdout.trim();
  return text || `terraform ${result.args[0]} exited ${result.code} without a message`;
}
