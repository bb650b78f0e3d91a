/** What the command prints: the operations, the configuration diff, the plans, the findings and the cost. */
import type { Attempt } from './generate';
import { parsePointer, secretsOf, withholdSecrets, type Json, type Operation } from './patch';
import type { StackProof } from './prove';
import { usd, type Verdict } from './verdict';

export function renderOperations(operations: readonly Operation[]): string {
  return operations
    .map(
      (operation) =>
        `  ${operation.op} ${operation.path}${operation.op === 'remove' ? '' : ` = ${JSON.stringify(operation.value)}`}\n      why: ${operation.reason}`,
    )
    .join('\n');
}

export function renderStacks(stacks: readonly StackProof[]): string {
  const rows = [['stack', 'stack is', 'create', 'update', 'delete', 'replace', 'monthly before', 'after']];
  for (const stack of stacks) {
    const cost = stack.cost?.monthlyUsd;
    const before = stack.kind === 'unchanged' ? cost?.after : cost?.before;
    rows.push([
      stack.name,
      stack.kind,
      ...(stack.kind === 'unchanged'
        ? ['-', '-', '-', '-']
        : [stack.summary.create, stack.summary.update, stack.summary.delete, stack.summary.replace].map(String)),
      before === undefined ? 'unpriced' : usd(before),
      cost === undefined ? 'unpriced' : usd(cost.after),
    ]);
  }
  return table(rows);
}

export function renderFindings(stacks: readonly StackProof[]): string {
  const rows = stacks.flatMap((stack) => stack.findings.map((finding) => [finding.severity, finding.rule, stack.name, finding.address, finding.message]));
  const lines = rows.length === 0 ? ['  (none)'] : table([['severity', 'rule', 'stack', 'address', 'message'], ...rows]).split('\n');
  for (const stack of stacks) {
    if (stack.sameAsControl && stack.sameAsControl.length > 0) {
      lines.push(
        `  (${stack.name}: ${stack.sameAsControl.length} more that the unchanged configuration's plan against the same state has too (${stack.sameAsControl.map((finding) => finding.rule).join(', ')}): not this change's, not counted)`,
      );
    }
    if (stack.sameAsSibling && stack.sameAsSibling.findings.length > 0) {
      lines.push(
        `  (${stack.name}: ${stack.sameAsSibling.findings.length} more that ${stack.sameAsSibling.stack} has too, from empty state: what every region gets, not counted)`,
      );
    }
  }
  return lines.join('\n');
}

export function renderCost(verdict: Verdict, environment: string): string {
  const { cost } = verdict;
  const share = cost.budgetUsd > 0 ? ` (${Math.round((cost.afterUsd / cost.budgetUsd) * 100)}% of the budget)` : '';
  const lines = [
    `  ${environment}: ${usd(cost.beforeUsd)} -> ${usd(cost.afterUsd)} a month (${cost.deltaUsd >= 0 ? '+' : ''}${usd(cost.deltaUsd)}), budget ${usd(cost.budgetUsd)}${share}: ${cost.afterUsd > cost.budgetUsd ? 'OVER BUDGET' : 'within budget'}`,
  ];
  if (cost.unpriced.length > 0) lines.push(`  not priced (not in the figures): ${cost.unpriced.join(', ')}`);
  return lines.join('\n');
}

export function renderVerdict(verdict: Verdict): string {
  const lines: string[] = [];
  for (const failure of verdict.failures) lines.push(`  FAIL ${failure}`);
  for (const accepted of verdict.accepted) lines.push(`  accepted (--accept) ${accepted}`);
  return lines.length === 0 ? '  nothing destructive, broadening, exposing or over budget' : lines.join('\n');
}

export function renderFailure(attempts: readonly Attempt[]): string {
  return `${attempts
    .map((attempt) => {
      const head = `Attempt ${attempt.number}: ${attempt.failure === 'invalid' ? 'rejected' : 'not proven'}${attempt.answer ? ` (${withholdSecrets(`${attempt.answer.environment}: ${attempt.answer.summary}`)})` : ''}`;
      const operations = attempt.answer
        ? attempt.answer.changes.map(
            (change) => `  ${change.op} ${withholdSecrets(change.path)}${change.valueJson === null ? '' : ` = ${shownValue(change.path, change.valueJson)}`}`,
          )
        : [];
      return [head, ...operations, 'Problems:', ...attempt.problems.map((problem) => `  - ${problem}`)].join('\n');
    })
    .join('\n\n')}\n`;
}

/** A refused answer's value as the model gave it, unless it looks like a secret: that is never printed. */
function shownValue(path: string, valueJson: string): string {
  let value: Json;
  try {
    value = JSON.parse(valueJson) as Json;
  } catch {
    return withholdSecrets(valueJson);
  }
  const secrets = secretsOf(parsePointer(path) ?? [], value);
  return secrets.length > 0 ? `(withheld: looks like ${secrets.join(', ')})` : withholdSecrets(valueJson);
}

function table(rows: readonly (readonly string[])[]): string {
  const widths = rows[0].map((_, column) => Math.max(...rows.map((row) => row[column].length)));
  return rows.map((row) => `  ${row.map((cell, column) => (column === row.length - 1 ? cell : cell.padEnd(widths[column]))).join('  ')}`.trimEnd()).join('\n');
}
