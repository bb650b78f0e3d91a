/** Wording and ordering that every human-readable format shares. */
import { countBySeverity, SEVERITIES, type ChangeSummary, type Finding, type OutputChange, type StackReport, type StatementView } from '../model';

/** Terraform's own symbols: `+2 ~1 -1 -/+1`, and the unchanged count. */
/** `+1 ~2 -0 -/+0 (5 unchanged)`, with `, 1 forgotten` when the plan forgets resources (removed blocks). */
export function changeCounts(summary: ChangeSummary): string {
  const forgotten = summary.forget ? `, ${summary.forget} forgotten` : '';
  return `+${summary.create} ~${summary.update} -${summary.delete} -/+${summary.replace} (${summary.noop} unchanged${forgotten})`;
}

export function findingCounts(findings: readonly Finding[]): string {
  const counts = countBySeverity(findings);
  const parts = SEVERITIES.filter((severity) => counts[severity] > 0).map((severity) => `${counts[severity]} ${severity}`);
  return parts.length > 0 ? parts.join(', ') : 'no findings';
}

/** Riskiest stacks first: most high findings, then medium, then low; ties keep the input order. */
export function byRisk(stacks: readonly StackReport[]): StackReport[] {
  const risk = (stack: StackReport) => countBySeverity(stack.findings);
  return stacks
    .map((stack, index) => ({ stack, index, counts: risk(stack) }))
    .sort((a, b) => b.counts.high - a.counts.high || b.counts.medium - a.counts.medium || b.counts.low - a.counts.low || a.index - b.index)
    .map(({ stack }) => stack);
}

const OUTPUT_WORDS: Readonly<Record<OutputChange['action'], string>> = { create: 'added', update: 'changed', delete: 'removed' };

export function outputWord(output: OutputChange): string {
  return OUTPUT_WORDS[output.action];
}

/** `Allow s3:GetObject on arn:...:bucket/* for Service:lambda.amazonaws.com when StringEquals ...`. */
export function statementText(statement: StatementView): string {
  const parts = [`${statement.effect} ${statement.actions.join(', ') || '(no actions)'}`];
  if (statement.resources.length > 0) parts.push(`on ${statement.resources.join(', ')}`);
  if (statement.principals.length > 0) parts.push(`for ${statement.principals.join(', ')}`);
  if (statement.conditions.length > 0) parts.push(`when ${statement.conditions.join(' and ')}`);
  return parts.join(' ');
}
