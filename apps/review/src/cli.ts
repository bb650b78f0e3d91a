/** The review command: read the inputs, review, write the report, gate. Returns the exit code; never throws for bad input. */
import {
  changeGraph,
  countBySeverity,
  formatReport,
  gateFailures,
  reviewFiles,
  ReviewInputError,
  SuppressionsFileError,
  ReviewOptionError,
  writeReportFile,
  type ChangeGraph,
  type FormatOptions,
  type Report,
} from '@llm/review';
import { mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { parseReviewArgs, USAGE, UsageError, type ReviewCliOptions } from './args';
import type * as GuardrailsSarif from './guardrails';

export const EXIT_OK = 0;
export const EXIT_GATE_FAILED = 1;
export const EXIT_USAGE = 2;

export interface CliIo {
  readonly stdout: (text: string) => void;
  readonly stderr: (text: string) => void;
  /** Whether standard output is a terminal (colour is used only then). */
  readonly stdoutIsTty: boolean;
  readonly env: NodeJS.ProcessEnv;
  /**
   * The repository root that SARIF file URIs are relative to.
   * @default - the current directory (npm runs scripts from the repository root)
   */
  readonly cwd?: string;
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
  if (options.guardrails !== undefined) return writeGuardrailSarif(options.guardrails, options.out, io);
  let report: Report;
  // The pull-request comment draws what changes, as npm start's review.md does: each plan's graph
  // is drawn from the plan the review has just parsed, not from a second read of it.
  const diagrams = new Map<string, ChangeGraph>();
  const onPlan = options.format === 'markdown' ? (stack: string, plan: unknown, path: string) => diagrams.set(stack, changeGraph(plan, path)) : undefined;
  try {
    report = reviewFiles(
      { plans: options.plans, states: options.states, ...(onPlan ? { onPlan } : {}) },
      { suppressions: options.suppressions, ...(options.requiredTags ? { requiredTags: options.requiredTags } : {}) },
    );
  } catch (error) {
    return fail(io, error);
  }
  const color = options.out === undefined && options.format === 'terminal' && wantsColor(io);
  const informationUri = readmeUri(io.env, 'review-of-plans-and-state');
  const formatOptions: FormatOptions = {
    color,
    ...(options.format === 'markdown' ? { diagrams } : {}),
    sourceRoot: io.cwd ?? process.cwd(),
    toolVersion: toolVersion(),
    ...(informationUri ? { informationUri } : {}),
  };
  const counts = countBySeverity(report.stacks.flatMap((stack) => stack.findings));
  const summary = `${options.format} report of ${report.stacks.length} stack(s) written to ${options.out}: ${counts.high} high, ${counts.medium} medium, ${counts.low} low`;
  const output: Output = {
    text: () => formatReport(report, options.format, formatOptions),
    // A big plan's JSON or SARIF is written as it is made, never held whole.
    toFile: (path) => writeReportFile(path, report, options.format, formatOptions),
  };
  if (!emit(io, options.out, output, summary)) return EXIT_USAGE;
  const failures = gateFailures(report, options.failOn);
  if (failures.length === 0) return EXIT_OK;
  const lines = failures.slice(0, MAX_GATE_LINES).map((finding) => `  - ${finding.stack}: ${finding.address} (${finding.rule}, ${finding.severity})`);
  if (failures.length > MAX_GATE_LINES) lines.push(`  - ...and ${failures.length - MAX_GATE_LINES} more`);
  io.stderr(`review: --fail-on ${options.failOn.join(',')}: ${failures.length} finding(s) need approval\n${lines.join('\n')}\n`);
  return EXIT_GATE_FAILED;
}

/**
 * Loaded only for --guardrails: @llm/guardrails brings cdktf with it (about 0.3 s), which a review
 * of plans does not need.
 */
function writeGuardrailSarif(file: string, out: string | undefined, io: CliIo): number {
  // A lazy require, not import(): runReview is synchronous (its callers and tests rely on a number, not a promise).
  // eslint-disable-next-line @typescript-eslint/no-require-imports
  const { guardrailSarif } = require('./guardrails') as typeof GuardrailsSarif;
  const informationUri = readmeUri(io.env, 'guardrails-libsguardrails');
  let sarif: GuardrailsSarif.GuardrailSarif;
  try {
    sarif = guardrailSarif({ file, sourceRoot: io.cwd ?? process.cwd(), toolVersion: toolVersion(), ...(informationUri ? { informationUri } : {}) });
  } catch (error) {
    return fail(io, error);
  }
  const summary = `sarif of the guardrail report ${file} written to ${out}: ${sarif.errors} error(s), ${sarif.warnings} warning(s), ${sarif.suppressed} suppressed`;
  return emit(io, out, { text: () => sarif.text }, summary) ? EXIT_OK : EXIT_USAGE;
}

/** A report to write: its text, and how to write it to a file when that is not `writeFileSync` of the text. */
interface Output {
  readonly text: () => string;
  readonly toFile?: (path: string) => void;
}

/** Writes to standard output, or to the file and a one-line summary; false when the file cannot be written. */
function emit(io: CliIo, out: string | undefined, output: Output, summary: string): boolean {
  if (out === undefined) {
    io.stdout(output.text());
    return true;
  }
  try {
    mkdirSync(dirname(out), { recursive: true });
    if (output.toFile) output.toFile(out);
    else writeFileSync(out, output.text());
  } catch (error) {
    io.stderr(`review: cannot write ${out} (${(error as NodeJS.ErrnoException).code ?? (error as Error).message})\n`);
    return false;
  }
  io.stdout(`review: ${summary}\n`);
  return true;
}

/** The version SARIF names the tool by: the workspace's, as the review ships with it. */
function toolVersion(): string {
  try {
    const manifest = JSON.parse(readFileSync(join(__dirname, '..', '..', '..', 'package.json'), 'utf8')) as { version?: unknown };
    return typeof manifest.version === 'string' ? manifest.version : '0.0.0';
  } catch {
    return '0.0.0';
  }
}

/** In GitHub Actions, the README of the repository and commit being checked; elsewhere the libraries' default. */
function readmeUri(env: NodeJS.ProcessEnv, anchor: string): string | undefined {
  const { GITHUB_SERVER_URL: server, GITHUB_REPOSITORY: repository, GITHUB_SHA: sha } = env;
  if (!server || !repository) return undefined;
  return `${server}/${repository}/blob/${sha || 'HEAD'}/README.md#${anchor}`;
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
  } else if (error instanceof ReviewInputError || error instanceof SuppressionsFileError) {
    io.stderr(`review: ${error.message}\n`);
  } else {
    const detail = io.env.REVIEW_DEBUG ? `\n${(error as Error).stack ?? String(error)}` : ' (set REVIEW_DEBUG=1 for details)';
    io.stderr(`review: internal error: ${error instanceof Error ? error.message : String(error)}${detail}\n`);
  }
  return EXIT_USAGE;
}
