/** The lines `npm start` prints: what the synthesis did to the output folder, one progress line per stack, then a summary table. */
import { warningSummary } from '@llm/guardrails';
import type { PlanStepDurations, StackPlanResult } from '@llm/terraform';
import { existsSync, readFileSync } from 'node:fs';
import type { Synthesis } from './synth';

export function formatSeconds(ms: number): string {
  return `${(ms / 1000).toFixed(1)}s`;
}

export function progressLine(result: StackPlanResult, done: number, total: number): string {
  const counter = `[${String(done).padStart(String(total).length)}/${total}]`;
  if (!result.ok) return `${counter} FAIL ${result.stack} at terraform ${result.failedStep} (${formatSeconds(result.durationMs)})`;
  const how = result.cached ? 'cached' : formatSeconds(result.durationMs);
  const note = result.cacheNote ? `; ${result.cacheNote}` : '';
  return `${counter} ok   ${result.stack}: +${result.add} ~${result.change} -${result.destroy} (${how}${note})`;
}

export function summaryTable(results: readonly StackPlanResult[], wallMs: number): string {
  const header = ['stack', 'add', 'change', 'destroy', 'time', 'status'];
  const rows = results.map((result) =>
    result.ok
      ? [
          result.stack,
          String(result.add),
          String(result.change),
          String(result.destroy),
          formatSeconds(result.durationMs),
          result.cached ? 'cached' : 'planned',
        ]
      : [result.stack, '-', '-', '-', formatSeconds(result.durationMs), `FAILED (${result.failedStep})`],
  );
  const planned = results.filter((result) => result.ok);
  const total = (key: 'add' | 'change' | 'destroy') => String(planned.reduce((sum, result) => sum + (result.ok ? result[key] : 0), 0));
  const cached = results.filter((result) => result.ok && result.cached).length;
  const status = `${planned.length}/${results.length} planned${cached > 0 ? ` (${cached} cached)` : ''}`;
  const footer = ['total', total('add'), total('change'), total('destroy'), formatSeconds(wallMs), status];
  return formatTable(header, rows, footer, new Set([1, 2, 3, 4]));
}

/** A plain-text table: header, rule, rows, rule, footer; numeric columns right-aligned. */
export function formatTable(header: readonly string[], rows: readonly string[][], footer: readonly string[], numeric: ReadonlySet<number>): string {
  const table = [header, ...rows, footer];
  const widths = header.map((_, column) => Math.max(...table.map((row) => row[column].length)));
  const format = (row: readonly string[]) =>
    row
      .map((cell, column) => (numeric.has(column) ? cell.padStart(widths[column]) : cell.padEnd(widths[column])))
      .join('  ')
      .trimEnd();
  const rule = widths.map((width) => '-'.repeat(width)).join('  ');
  return [format(header), rule, ...rows.map(format), rule, format(footer)].join('\n');
}

export function failureDetails(results: readonly StackPlanResult[]): string {
  return results
    .filter((result): result is Extract<StackPlanResult, { ok: false }> => !result.ok)
    .map((result) => `\n=== ${result.stack}: terraform ${result.failedStep} failed ===\n${result.error}`)
    .join('\n');
}

/**
 * After synthesis: the guardrail warnings (one line, or each with --verbose), then what happened
 * to stack folders this run does not plan: kept as they were, removed, or left because they hold state.
 */
export function synthesisLines(synthesis: Synthesis, verbose: boolean): string[] {
  const lines: string[] = [];
  if (verbose) {
    if (synthesis.warnings) lines.push(synthesis.warnings);
  } else {
    const summary = warningSummary(guardrailWarningCount(synthesis.guardrailReport), synthesis.guardrailReport);
    if (summary) lines.push(summary);
  }
  if (synthesis.kept.length > 0) {
    lines.push(`Left as they were, not planned by this run (any plan in them is from an earlier run): ${synthesis.kept.join(', ')}`);
  }
  if (synthesis.removed.length > 0) lines.push(`Removed the folders of stacks that no longer exist: ${synthesis.removed.join(', ')}`);
  for (const entry of synthesis.keptWithState) {
    lines.push(
      `Left the folder of ${entry.name}, a stack that no longer exists, because it holds Terraform state (${entry.files.join(', ')}): ` +
        'move the state to a safe place (or destroy what it manages), then delete the folder.',
    );
  }
  return lines;
}

function guardrailWarningCount(reportFile: string | undefined): number {
  if (!reportFile || !existsSync(reportFile)) return 0;
  const report = JSON.parse(readFileSync(reportFile, 'utf8')) as { warnings?: unknown[] };
  return report.warnings?.length ?? 0;
}

/** Where `npm start` writes each stack's Terraform step times when set (read by npm run bench). */
export const PLAN_TIMINGS_VARIABLE = 'INFRA_PLAN_TIMINGS';

export interface PlanTimings {
  readonly wallMs: number;
  readonly stacks: ReadonlyArray<{
    readonly stack: string;
    readonly ok: boolean;
    readonly cached: boolean;
    readonly durationMs: number;
    /** Absent for a plan from the cache; `init` absent where it was skipped. */
    readonly steps?: Partial<PlanStepDurations>;
    readonly initReason?: string;
  }>;
}

export function planTimings(results: readonly StackPlanResult[], wallMs: number): PlanTimings {
  return {
    wallMs,
    stacks: results.map((result) => ({
      stack: result.stack,
      ok: result.ok,
      cached: result.ok && result.cached === true,
      durationMs: result.durationMs,
      ...(result.steps ? { steps: result.steps } : {}),
      ...(result.initReason ? { initReason: result.initReason } : {}),
    })),
  };
}
