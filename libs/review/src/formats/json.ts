/**
 * The JSON format, for machines: `{ stacks: [{ name, summary, findings: [{ severity, rule, address,
 * message }], cost? }], environments? }`; `cost` and `environments` when the cost was estimated.
 */
import type { Report, StackCost } from '../model';
import { writePrettyJson } from './json-text';
import type { TextSink } from './text-sink';

function costJson(cost: StackCost) {
  return {
    monthlyUsd: cost.monthlyUsd,
    fixedUsd: cost.fixedUsd,
    usageUsd: cost.usageUsd,
    unpriced: cost.unpriced,
    lines: cost.lines.map((line) => ({ address: line.address, type: line.type, monthlyUsd: line.monthlyUsd, basis: line.basis })),
  };
}

export function formatJson(report: Report): string {
  return `${JSON.stringify(jsonDocument(report), null, 2)}\n`;
}

/** formatJson's text, a piece at a time (for a file: the findings of a big plan are megabytes). */
export function writeJson(report: Report, sink: TextSink): void {
  writePrettyJson(jsonDocument(report), sink);
  sink('\n');
}

function jsonDocument(report: Report) {
  const stacks = report.stacks.map((stack) => ({
    name: stack.name,
    summary: {
      create: stack.summary.create,
      update: stack.summary.update,
      delete: stack.summary.delete,
      replace: stack.summary.replace,
      noop: stack.summary.noop,
      // Only when the plan forgets something (removed blocks), so other reports keep their shape.
      ...(stack.summary.forget ? { forget: stack.summary.forget } : {}),
    },
    findings: stack.findings.map((finding) => ({
      severity: finding.severity,
      rule: finding.rule,
      address: finding.address,
      message: finding.message,
    })),
    ...(stack.cost ? { cost: costJson(stack.cost) } : {}),
  }));
  const environments = report.environments?.map((env) => ({ name: env.name, monthlyUsd: env.monthlyUsd, budgetUsd: env.budgetUsd, share: env.share }));
  return { stacks, ...(environments ? { environments } : {}) };
}
