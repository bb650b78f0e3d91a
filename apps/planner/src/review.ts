/**
 * The review that ends `npm start`: every planned stack through @llm/review, printed for the
 * terminal and written next to the plans as review.md (for a pull-request comment, with a diagram
 * per stack, cut to fit), review.json (every finding) and review.html (all of it, diagrams drawn).
 */
import {
  changeGraph,
  formatHtml,
  formatReport,
  formatTerminalSummary,
  gateFailures,
  readSuppressionsFile,
  reviewStackDirs,
  type GateName,
  type Report,
  type Suppression,
} from '@llm/review';
import type { StackPlanResult } from '@llm/terraform';
import { writeFileSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';

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
  const report = reviewStackDirs(
    planned.map((result) => dirname(result.planJsonPath)),
    { suppressions: PROJECT_SUPPRESSIONS },
  );
  // The review's stacks follow the directories in order, so each gets the graph of its own plan.
  const diagrams = new Map(planned.map((result, index) => [report.stacks[index].name, changeGraph(result.plan, result.planJsonPath)] as const));
  const markdownPath = join(outdir, 'review.md');
  const jsonPath = join(outdir, 'review.json');
  const htmlPath = join(outdir, 'review.html');
  writeFileSync(markdownPath, formatReport(report, 'markdown', { diagrams }));
  writeFileSync(jsonPath, formatReport(report, 'json'));
  writeFileSync(htmlPath, formatHtml(report, { diagrams }));
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
