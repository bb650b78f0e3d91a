/** `--fail-on`: which findings fail the review, so CI can require an approval before apply. */
import { optionErrors } from './errors';
import type { Finding, Report } from './model';
import { ruleById } from './rules/pack';

export const GATES = ['destructive', 'broadening', 'exposure', 'drift', 'cost', 'any'] as const;
export type GateName = (typeof GATES)[number];

/** Accepts `destructive`, `destructive,exposure`, and repeated values. */
export function parseGates(values: readonly string[]): GateName[] {
  const gates = values
    .flatMap((value) => value.split(','))
    .map((value) => value.trim())
    .filter(Boolean);
  for (const gate of gates) if (!(GATES as readonly string[]).includes(gate)) throw optionErrors.unknownGate(gate, GATES);
  return [...new Set(gates as GateName[])];
}

/** The findings that fail one of the gates, stack name included; suppressed findings never do. */
export function gateFailures(report: Report, gates: readonly GateName[]): Array<Finding & { readonly stack: string }> {
  if (gates.length === 0) return [];
  const failing = (finding: Finding) => {
    if (gates.includes('any')) return true;
    const gate = ruleById(finding.rule)?.gate;
    return gate !== undefined && gates.includes(gate);
  };
  return report.stacks.flatMap((stack) => stack.findings.filter(failing).map((finding) => ({ ...finding, stack: stack.name })));
}
