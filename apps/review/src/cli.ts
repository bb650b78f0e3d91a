/** The review command: read the inputs, review, write the report, gate. Returns the exit code; never throws for bad input. */
import { formatReport, gateFailures, reviewFiles, ReviewInputError, ReviewOptionError, countBySeverity, type Report } from '@llm/review';
import { mkdirSync, writeFileSync } from 'node:fs';
import { dirname } from 'node:path';
import { parseReviewArgs, USAGE, UsageError, type ReviewCliOptions } from './args';

export const EXIT_OK = 0;
export const EXIT_GATE_FAILED = 1;
export const EXIT_USAGE = 2;

export interface CliIo {
  readonly stdout: (text: string) => void;
  readonly stderr: (text: string) => void;
  /** Whether standard output is a terminal (colour is used only then). */
  readonly stdoutIsTty: boolean;
  readonly env: NodeJS.ProcessEnv;
}

/** Lines of failing findings listed under the gate message; the report has them all. */
const MAX_GATE_LINES = 10;

export function runReview(argv: readonly string[], io: CliIo): number {
  let options: ReviewCliOptions;
  try {
    options = parseReviewArgs(argv);
  } catch (error) {
    return fail(io, error);
  }
  if (options.help) {
    io.stdout(`${USAGE}\n`);
    return EXIT_OK;
  }
  let report: Report;
  try {
    report = reviewFiles(
      { plans: options.plans, states: options.states },
      { suppressions: options.suppressions, ...(options.requiredTags ? { requiredTags: options.requiredTags } : {}) },
    );
  } catch (error) {
    return fail(io, error);
  }
  const color = options.out === undefined && options.format === 'terminal' && wantsColor(io);
  const text = formatReport(report, options.format, { color });
  if (options.out === undefined) io.stdout(text);
  else {
    try {
      mkdirSync(dirname(options.out), { recursive: true });
      writeFileSync(options.out, text);
    } catch (error) {
      io.stderr(`review: cannot write ${options.out} (${(error as NodeJS.ErrnoException).code ?? (error as Error).message})\n`);
      return EXIT_USAGE;
    }
    const counts = countBySeverity(report.stacks.flatMap((stack) => stack.findings));
    io.stdout(`review: ${options.format} report of ${report.stacks.length} stack(s) written to ${options.out}: ${counts.high} high, ${counts.medium} medium, ${counts.low} low\n`);
  }
  const failures = gateFailures(report, options.failOn);
  if (failures.length === 0) return EXIT_OK;
  const lines = failures.slice(0, MAX_GATE_LINES).map((finding) => `  - ${finding.stack}: ${finding.address} (${finding.rule}, ${finding.severity})`);
  if (failures.length > MAX_GATE_LINES) lines.push(`  - ...and ${failures.length - MAX_GATE_LINES} more`);
  io.stderr(`review: --fail-on ${options.failOn.join(',')}: ${failures.length} finding(s) need approval\n${lines.join('\n')}\n`);
  return EXIT_GATE_FAILED;
}

/** NO_COLOR (https://no-color.org) wins; FORCE_COLOR asks for colour even without a TTY. */
function wantsColor(io: CliIo): boolean {
  if (io.env.NO_COLOR !== undefined && io.env.NO_COLOR !== '') return false;
  const force = io.env.FORCE_COLOR;
  if (force !== undefined && force !== '' && force !== '0' && force !== 'false') return true;
  return io.stdoutIsTty;
}

/** Bad input and bad options are one line; anything else is a bug, shown in full only with REVIEW_DEBUG. */
function fail(io: CliIo, error: unknown): number {
  if (error instanceof UsageError || error instanceof ReviewOptionError) {
    io.stderr(`review: ${error.message} (see --help)\n`);
  } else if (error instanceof ReviewInputError) {
    io.stderr(`review: ${error.message}\n`);
  } else {
    const detail = io.env.REVIEW_DEBUG ? `\n${(error as Error).stack ?? String(error)}` : ' (set REVIEW_DEBUG=1 for details)';
    io.stderr(`review: internal error: ${error instanceof Error ? error.message : String(error)}${detail}\n`);
  }
  return EXIT_USAGE;
}
