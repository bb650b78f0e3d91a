/**
 * Benchmark of the review: a plan with 66,000 resource changes (about 50 MB of JSON) reviewed —
 * read, parsed, every rule, its change graph, and every report written with SARIF and diagrams on:
 * terminal, Markdown with diagrams, JSON, SARIF and the HTML report — in under 1.5 s and 300 MB.
 * Prints each run and the medians; exits 1 if a median misses its target.
 *
 *   node --import tsx apps/review/src/bench.ts [--resources N] [--runs N]
 *
 * Each run is a fresh child process started the way `npm run review` starts the review (its Node
 * options, the TypeScript loader included), so that generating the plan counts towards neither
 * figure. The time is the wall time from reading the plan to the last report written; the memory
 * is the child's peak resident set (`maxRSS`): Node, the loader and the loaded modules included.
 */
import { changeGraph, readJsonFile, reviewStack, writeHtmlFile, writeReportFile, type Report, type StackDiagrams } from '@llm/review';
import { execFileSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join, resolve } from 'node:path';
import { parseArgs } from 'node:util';

const TARGET_SECONDS = 1.5;
const TARGET_MEGABYTES = 300;
const DEFAULT_RUNS = 5;

const WORKSPACE = resolve(__dirname, '..', '..', '..');

interface Measurement {
  readonly resources: number;
  readonly findings: number;
  /** From reading the plan to the last report written. */
  readonly wallMs: number;
  /** From the process's start to the review's: Node, the loader and the modules. */
  readonly startupMs: number;
  readonly steps: Readonly<Record<string, number>>;
  readonly outputBytes: number;
  readonly peakRssMb: number;
}

/** In the child: review the file and report what it took, as one JSON line. */
function measure(file: string): void {
  const startupMs = performance.now();
  const dir = dirname(file);
  const steps: Record<string, number> = {};
  let last = startupMs;
  const step = (name: string) => {
    const now = performance.now();
    steps[name] = now - last;
    last = now;
  };
  const { report, diagrams } = reviewAndDraw(file, step);
  writeReportFile(join(dir, 'review.txt'), report, 'terminal');
  writeReportFile(join(dir, 'review.md'), report, 'markdown', { diagrams });
  step('terminal + markdown (diagrams)');
  writeReportFile(join(dir, 'review.json'), report, 'json');
  step('json');
  writeReportFile(join(dir, 'review.sarif'), report, 'sarif');
  step('sarif');
  writeHtmlFile(join(dir, 'review.html'), report, { diagrams });
  step('html (diagrams)');
  const wallMs = performance.now() - startupMs;
  const stack = report.stacks[0];
  const outputBytes = ['review.txt', 'review.md', 'review.json', 'review.sarif', 'review.html'].reduce((sum, name) => sum + statSync(join(dir, name)).size, 0);
  const result: Measurement = {
    resources: Object.values(stack.summary).reduce((sum, count) => sum + count, 0),
    findings: stack.findings.length,
    wallMs,
    startupMs,
    steps,
    outputBytes,
    // maxRSS (kilobytes) is the process's true peak, whenever it happened: not a sample.
    peakRssMb: process.resourceUsage().maxRSS / 1024,
  };
  process.stdout.write(`${JSON.stringify(result)}\n`);
}

/**
 * The plan is parsed once, reviewed and drawn from the same object, as `npm start` and the CLI do;
 * it is let go (this function returns) before the reports are written.
 */
function reviewAndDraw(file: string, step: (name: string) => void): { readonly report: Report; readonly diagrams: StackDiagrams } {
  const plan = readJsonFile(file);
  step('read and parse');
  const report: Report = { stacks: [reviewStack({ name: 'bench', plan, planSource: file })] };
  step('every rule');
  const diagrams = new Map([['bench', changeGraph(plan, file)]]);
  step('change graph');
  return { report, diagrams };
}

/** The Node options `npm run review` starts the review with (`node --import tsx apps/review/src/main.ts`). */
function reviewNodeOptions(manifest: string): string[] {
  const script = (JSON.parse(manifest) as { scripts?: Record<string, string> }).scripts?.review ?? '';
  const match = /^node\s+(.*?)\s*apps\/review\/src\/main\.ts/.exec(script);
  if (!match) throw new Error(`the review script of package.json is not "node <options> apps/review/src/main.ts": ${JSON.stringify(script)}`);
  return match[1].split(/\s+/).filter((option) => option !== '');
}

function median(values: readonly number[]): number {
  const sorted = [...values].sort((a, b) => a - b);
  const middle = Math.floor(sorted.length / 2);
  return sorted.length % 2 === 1 ? sorted[middle] : (sorted[middle - 1] + sorted[middle]) / 2;
}

async function main(): Promise<number> {
  const { values } = parseArgs({
    options: { resources: { type: 'string' }, runs: { type: 'string' }, 'measure-file': { type: 'string' } },
    strict: true,
  });
  if (values['measure-file']) {
    measure(values['measure-file']);
    return 0;
  }
  const count = Number(values.resources ?? 66_000);
  const runs = Number(values.runs ?? DEFAULT_RUNS);
  if (!Number.isInteger(count) || count < 1 || !Number.isInteger(runs) || runs < 1) throw new Error('--resources and --runs take whole numbers of at least 1');
  const nodeOptions = reviewNodeOptions(readFileSync(join(WORKSPACE, 'package.json'), 'utf8'));
  const { syntheticPlan } = await import('./synthetic-plan');
  const dir = mkdtempSync(join(tmpdir(), 'review-bench-'));
  try {
    const file = join(dir, 'plan.json');
    writeFileSync(file, JSON.stringify(syntheticPlan(count)));
    const size = statSync(file).size / 1024 / 1024;
    const results: Measurement[] = [];
    for (let run = 1; run <= runs; run++) {
      const output = execFileSync(process.execPath, [...nodeOptions, __filename, '--measure-file', file], {
        cwd: WORKSPACE,
        encoding: 'utf8',
        maxBuffer: 16 * 1024 * 1024,
      });
      const result = JSON.parse(output.trim().split('\n').pop() as string) as Measurement;
      results.push(result);
      console.log(
        `run ${run}/${runs}: ${(result.wallMs / 1000).toFixed(2)} s, ${result.peakRssMb.toFixed(0)} MB peak rss (startup ${(result.startupMs / 1000).toFixed(2)} s, not counted)`,
      );
    }
    const [first] = results;
    console.log(
      `plan: ${first.resources} resource changes, ${size.toFixed(1)} MB of JSON, ${first.findings} findings; reports written: ${(first.outputBytes / 1024).toFixed(0)} KB; child: node ${nodeOptions.join(' ')}`,
    );
    for (const name of Object.keys(first.steps)) {
      console.log(`  ${name}: ${(median(results.map((result) => result.steps[name])) / 1000).toFixed(2)} s (median)`);
    }
    const seconds = median(results.map((result) => result.wallMs)) / 1000;
    const megabytes = median(results.map((result) => result.peakRssMb));
    const timeMet = seconds < TARGET_SECONDS;
    const memoryMet = megabytes < TARGET_MEGABYTES;
    console.log(`review wall time, median of ${runs}   ${seconds.toFixed(2)} s   (target < ${TARGET_SECONDS} s: ${timeMet ? 'met' : 'MISSED'})`);
    console.log(`peak memory (rss), median of ${runs}  ${megabytes.toFixed(0)} MB  (target < ${TARGET_MEGABYTES} MB: ${memoryMet ? 'met' : 'MISSED'})`);
    return timeMet && memoryMet ? 0 : 1;
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

main().then(
  (code) => (process.exitCode = code),
  (error: unknown) => {
    console.error(`bench: ${error instanceof Error ? error.message : String(error)}`);
    process.exitCode = 1;
  },
);
