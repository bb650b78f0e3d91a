/**
 * Benchmark of the review: a plan with 10,000 resource changes reviewed (read, parsed, every rule,
 * all three formats) in under 2 s and 500 MB. Prints the figures; exits 1 if a target is missed.
 *
 *   node --import tsx apps/review/src/bench.ts [--resources N]
 *
 * The review runs in a child process, so that generating the plan does not count towards its memory.
 */
import { execFileSync } from 'node:child_process';
import { mkdtempSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { parseArgs } from 'node:util';

const TARGET_SECONDS = 2;
const TARGET_MEGABYTES = 500;

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
  const { formatReport, reviewFiles } = await import('@llm/review');
  const mb = (bytes: number) => bytes / 1024 / 1024;
  let peakHeap = process.memoryUsage().heapUsed;
  const sample = () => (peakHeap = Math.max(peakHeap, process.memoryUsage().heapUsed));
  const started = performance.now();
  const report = reviewFiles({ plans: [file] });
  sample();
  const reviewed = performance.now();
  const lengths = (['terminal', 'markdown', 'json'] as const).map((format) => formatReport(report, format).length);
  sample();
  const finished = performance.now();
  const stack = report.stacks[0];
  const result: Measurement = {
    resources: Object.values(stack.summary).reduce((sum, count) => sum + count, 0),
    findings: stack.findings.length,
    wallMs: finished - started,
    steps: { 'read, parse and review': reviewed - started, 'format terminal + markdown + json': finished - reviewed, outputBytes: lengths.reduce((a, b) => a + b, 0) },
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
  const count = Number(values.resources ?? 10_000);
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
