/** The JSON format: exactly `{ stacks: [{ name, summary, findings: [{ severity, rule, address, message }] }] }`, for machines. */
import type { Report } from '../model';

export function formatJson(report: Report): string {
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
  }));
  return `${JSON.stringify({ stacks }, null, 2)}\n`;
}
