/** `npm start`: plan every stack offline and print what each would do. Exit 1 if any stack fails, 2 on usage errors. */
import { writeFileSync } from 'node:fs';
import { relative, resolve } from 'node:path';
import { runCli } from '@llm/cli';
import { EmulatorError } from '@llm/emulator';
import { EmulatorUrlError } from '@llm/terraform';
import { parsePlannerArgs, USAGE, UsageError } from './args';
import { planAll } from './plan-all';
import { formatSecretFindings } from '@llm/guardrails';
import { failureDetails, PLAN_TIMINGS_VARIABLE, planTimings, progressLine, summaryTable, synthesisLines } from './report';
import { reviewPlannedStacks } from './review';
import { SelectionError } from './selection';

async function main(argv: readonly string[]): Promise<number> {
  const options = parsePlannerArgs(argv);
  if (options.help) {
    console.log(USAGE);
    return 0;
  }
  const workspaceRoot = resolve(__dirname, '..', '..', '..');
  const scope = options.environments.length > 0 ? `environment(s) ${options.environments.join(', ')}` : 'all environments';
  const { results, wallMs, secretHygiene } = await planAll(workspaceRoot, options, {
    onSynthesized: (synthesis) => synthesisLines(synthesis, options.verbose).forEach((line) => console.log(line)),
    onPhase: (phase, emulatorUrl) =>
      console.log(
        phase === 'build' ? 'Building (nx run-many -t build)...' : `Synthesizing ${scope} ${emulatorUrl ? `for the emulator at ${emulatorUrl}` : 'offline'}...`,
      ),
    onPlanningStart: (version, count, mirror) =>
      console.log(
        `Planning ${count} stack${count === 1 ? '' : 's'} with Terraform ${version}, ${options.concurrency} at a time, ` +
          `provider from ${mirror ? `the offline mirror ${mirror}` : 'the Terraform registry (no local mirror found)'}...`,
      ),
    onStackDone: (result, done, total) => console.log(progressLine(result, done, total)),
  });
  console.log(`\n${summaryTable(results, wallMs)}`);
  // npm run bench reads each stack's Terraform step times from here (tools/bench.ts).
  const timingsFile = process.env[PLAN_TIMINGS_VARIABLE]?.trim();
  if (timingsFile) writeFileSync(timingsFile, `${JSON.stringify(planTimings(results, wallMs), null, 2)}\n`);
  const failures = results.filter((result) => !result.ok);
  if (failures.length > 0) console.error(failureDetails(results));
  let gateFailed = false;
  if (options.review) {
    const review = reviewPlannedStacks(results, resolve(workspaceRoot, options.outdir), options.failOn, process.stdout.isTTY === true);
    if (review) {
      console.log(`\n${(options.verbose ? review.terminal : review.summary).trimEnd()}`);
      const files = [review.markdownPath, review.jsonPath, review.htmlPath].map((path) => relative(process.cwd(), path)).join(', ');
      console.log(options.verbose ? `Review written to ${files}` : `Full review in ${files} (npm start -- --verbose prints it here)`);
      if (review.gateFailures > 0) {
        console.error(`--fail-on ${options.failOn.join(',')}: ${review.gateFailures} finding(s) need approval`);
        gateFailed = true;
      }
    }
  }
  console.log(formatSecretFindings(secretHygiene));
  if (failures.length > 0 || gateFailed || !secretHygiene.ok) return 1;
  console.log(`Plans written to ${options.outdir}/stacks/<stack>/plan.json`);
  return 0;
}

// An --env or --stack the configuration lacks, a bad INFRA_EMULATOR_URL, a port held by something else, no emulator answering: one line, usage exit.
runCli(main, { usage: USAGE, usageErrors: [UsageError], inputErrors: [SelectionError, EmulatorUrlError, EmulatorError] });
