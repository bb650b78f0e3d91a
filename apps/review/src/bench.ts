/**
 * Benchmark of the review: a plan with 66,000 resource changes (about 50 MB of JSON) reviewed —
 * read, parsed, every rule, its change graph, and every format: terminal, Markdown with diagrams,
 * JSON, SARIF and the HTML report — in under 1.5 s and 300 MB. Prints the figures; exits 1 if a
 * target is missed.
 *
 *   node --import tsx apps/review/src/bench.ts [--resources N]
 *
 * The review runs in a child process, so that generating the plan does not count towards its memory.
 */
import { changeGraph, formatHtml, formatReport, readJsonFile, reviewStack } from '@llm/review';
import { execFileSync } from 'node:child_process';
import { mkdtempSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { parseArgs } from 'node:util';

const TARGET_SECONDS = 1.5;
const TARGET_MEGABYTES = 300;

interface Measurement {
  readonly resources: number;
  readonly findings: number;
  readonly wallMs: number;
  readonly steps: Record<string, number>;
  readonly peakRssMb: number;
  readonly peakHeapUsedMb: number;
}

/** In the child: review the file and report what it took, as one JSON line. */
async function measure(file: string): Promise<void> {
  const mb = (bytes: number) => bytes / 1024 / 1024;
  let peakHeap = process.memoryUsage().heapUsed;
  const sample = () => (peakHeap = Math.max(peakHeap, process.memoryUsage().heapUsed));
  const started = performance.now();
  // What `npm start` does per stack: the plan is parsed once, reviewed and drawn from the same object.
  const plan = readJsonFile(file);
  sample();
  const parsed = performance.now();
  const report = { stacks: [reviewStack({ name: 'bench', plan, planSource: file })] };
  sample();
  const reviewed = performance.now();
  const diagrams = new Map([['bench', changeGraph(plan, file)]]);
  sample();
  const drawn = performance.now();
  // Each report is written and dropped before the next, as `npm start` does.
  let outputBytes = 0;
  const write = (name: string, text: string) => {
    writeFileSync(join(dirname(file), name), text);
    outputBytes += Buffer.byteLength(text);
    sample();
  };
  write('review.txt', formatReport(report, 'terminal'));
  write('review.md', formatReport(report, 'markdown', { diagrams }));
  write('review.json', formatReport(report, 'json'));
  write('review.sarif', formatReport(report, 'sarif'));
  write('review.html', formatHtml(report, { diagrams }));
  sample();
  const finished = performance.now();
  const stack = report.stacks[0];
  const result: Measurement = {
    resources: Object.values(stack.summary).reduce((sum, count) => sum + count, 0),
    findings: stack.findings.length,
    wallMs: finished - started,
    steps: {
      'read and parse': parsed - started,
      'every rule': reviewed - parsed,
      'change graph': drawn - reviewed,
      'format terminal + markdown (diagrams) + json + sarif + html': finished - drawn,
      outputBytes,
    },
    // maxRSS is the process's true peak (kilobytes), including Node and tsx themselves.
    peakRssMb: process.resourceUsage().maxRSS / 1024,
    peakHeapUsedMb: mb(peakHeap),
  };
  process.stdout.write(`${JSON.stringify(result)}\n`);
}

async function main(): Promise<number> {
  const { values } = parseArgs({ options: { resources: { type: 'string' }, 'measure-file': { type: 'string' } }, strict: true });
  if (values['measure-file']) {
    await measure(values['measure-file']);
    return 0;
  }
  const count = Number(values.resources ?? 66_000);
  const { syntheticPlan } = await import('./synthetic-plan');
  const dir = mkdtempSync(join(tmpdir(), 'review-bench-'));
  try {
    const file = join(dir, 'plan.json');
    writeFileSync(file, JSON.stringify(syntheticPlan(count)));
    const size = statSync(file).size / 1024 / 1024;
    const output = execFileSync(process.execPath, ['--import', 'tsx', __filename, '--measure-file', file], { encoding: 'utf8', maxBuffer: 16 * 1024 * 1024 });
    const result = JSON.parse(output.trim().split('\n').pop() as string) as Measurement;
    const seconds = result.wallMs / 1000;
    const timeMet = seconds < TARGET_SECONDS;
    const memoryMet = result.peakRssMb < TARGET_MEGABYTES;
    console.log(`plan: ${result.resources} resource changes, ${size.toFixed(1)} MB of JSON, ${result.findings} findings`);
    for (const [step, value] of Object.entries(result.steps)) {
      console.log(step === 'outputBytes' ? `  reports written: ${(value / 1024).toFixed(0)} KB` : `  ${step}: ${(value / 1000).toFixed(2)} s`);
    }
    console.log(`review wall time          ${seconds.toFixed(2)} s   (target < ${TARGET_SECONDS} s: ${timeMet ? 'met' : 'MISSED'})`);
    console.log(`peak memory (rss)         ${result.peakRssMb.toFixed(0)} MB  (target < ${TARGET_MEGABYTES} MB: ${memoryMet ? 'met' : 'MISSED'})`);
    console.log(`peak heap used            ${result.peakHeapUsedMb.toFixed(0)} MB`);
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
