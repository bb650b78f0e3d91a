/**
 * The review that ends `npm start`: every planned stack through @llm/review, printed for the
 * terminal and written next to the plans as review.md (for a pull-request comment, with a diagram
 * per stack, cut to fit), review.json (every finding) and review.html (all of it, diagrams drawn).
 */
import {
  changeGraph,
  costContextIn,
  formatReport,
  formatTerminalSummary,
  gateFailures,
  readSuppressionsFile,
  reviewStacks,
  writeHtmlFile,
  writeReportFile,
  type GateName,
  type Report,
  type StackInput,
  type Suppression,
} from '@llm/review';
import type { StackPlanResult } from '@llm/terraform';
import { basename, dirname, join, resolve } from 'node:path';

/** Findings this project accepts by design, each with its reason: one file, read by every review of this repository. Keep it short. */
export const PROJECT_SUPPRESSIONS_FILE = resolve(__dirname, '..', '..', '..', 'review-suppressions.json');
export const PROJECT_SUPPRESSIONS: readonly Suppression[] = readSuppressionsFile(PROJECT_SUPPRESSIONS_FILE);

export interface PlannerReview {
  readonly report: Report;
  /** The whole report for the terminal (npm start -- --verbose). */
  readonly terminal: string;
  /** Its counts, high findings and cost per environment: what npm start prints by default. */
  readonly summary: string;
  readonly markdownPath: string;
  readonly jsonPath: string;
  readonly htmlPath: string;
  /** Findings that fail the requested gates. */
  readonly gateFailures: number;
}

export function reviewPlannedStacks(
  results: readonly StackPlanResult[],
  outdir: string,
  gates: readonly GateName[],
  color: boolean,
): PlannerReview | undefined {
  const planned = results.flatMap((result) => (result.ok ? [result] : []));
  if (planned.length === 0) return undefined;
  // The plans planStack has just parsed (or restored from the cache), not read from disk again:
  // the same inputs reviewStackDirs would read from each stack folder, the same report.
  const report = reviewStacks(planned.map(stackInput), { suppressions: PROJECT_SUPPRESSIONS });
  // The review's stacks follow the results in order, so each gets the graph of its own plan.
  const diagrams = new Map(planned.map((result, index) => [report.stacks[index].name, changeGraph(result.plan, result.planJsonPath)] as const));
  const markdownPath = join(outdir, 'review.md');
  const jsonPath = join(outdir, 'review.json');
  const htmlPath = join(outdir, 'review.html');
  // Streamed to the files: a big review's JSON and HTML never sit in memory whole.
  writeReportFile(markdownPath, report, 'markdown', { diagrams });
  writeReportFile(jsonPath, report, 'json');
  writeHtmlFile(htmlPath, report, { diagrams });
  return {
    report,
    terminal: formatReport(report, 'terminal', { color }),
    summary: formatTerminalSummary(report, { color }),
    markdownPath,
    jsonPath,
    htmlPath,
    gateFailures: gates.length > 0 ? gateFailures(report, gates).length : 0,
  };
}

type PlannedStack = Extract<StackPlanResult, { readonly ok: true }>;

/** What reviewStackDirs reads from a stack folder, with the plan already in memory: the folder's name, its plan and its cost context. */
export function stackInput(result: PlannedStack): StackInput {
  const dir = dirname(result.planJsonPath);
  const costContext = costContextIn(dir);
  return { name: basename(resolve(dir)), plan: result.plan, planSource: result.planJsonPath, ...(costContext ? { costContext } : {}) };
}
