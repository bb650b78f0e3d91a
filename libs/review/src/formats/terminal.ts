/**
 * The terminal format: per stack a header line, aligned findings (high first) and the IAM, output
 * and state lines, at most one screen each; colour only when asked (the CLI asks on a TTY).
 */
import { countBySeverity, type Finding, type Report, type Severity, type StackReport } from '../model';
import { plural } from '../text';
import { PRICES_AS_OF } from '@llm/pricing';
import { formatUsd } from '../cost/money';
import { environmentLine, priciest, stackCostLine, unpricedText } from './cost-text';
import { byRisk, changeCounts, findingCounts, outputWord, statementText } from './shared';

export interface TerminalOptions {
  /** ANSI colours. @default false */
  readonly color?: boolean;
  /** Findings shown per stack; the rest are counted. @default 15 */
  readonly maxFindingsPerStack?: number;
  /** IAM statement lines shown per stack. @default 8 */
  readonly maxIamLinesPerStack?: number;
}

type Style = 'bold' | 'red' | 'yellow' | 'cyan' | 'green' | 'dim';
const CODES: Readonly<Record<Style, string>> = { bold: '1', red: '31', yellow: '33', cyan: '36', green: '32', dim: '2' };
const SEVERITY_STYLE: Readonly<Record<Severity, Style>> = { high: 'red', medium: 'yellow', low: 'cyan' };

export function formatTerminal(report: Report, options: TerminalOptions = {}): string {
  const paint = (text: string, ...styles: Style[]) =>
    options.color && styles.length > 0 ? `\u001b[${styles.map((style) => CODES[style]).join(';')}m${text}\u001b[0m` : text;
  const stacks = byRisk(report.stacks);
  const blocks = stacks.map((stack) => stackBlock(stack, options, paint));
  const counts = countBySeverity(stacks.flatMap((stack) => stack.findings));
  const total =
    `Review: ${plural(stacks.length, 'stack')}, ` +
    `${paint(`${counts.high} high`, ...(counts.high > 0 ? (['red', 'bold'] as Style[]) : []))}, ${counts.medium} medium, ${counts.low} low`;
  const environments = report.environments ?? [];
  const costs = environments.length > 0 ? [`Monthly cost (estimate, ${PRICES_AS_OF} prices):`, ...environments.map(environmentLine)] : [];
  return `${[...blocks, [total, ...costs].join('\n')].join('\n\n')}\n`;
}

function stackBlock(stack: StackReport, options: TerminalOptions, paint: (text: string, ...styles: Style[]) => string): string {
  const lines = [`${paint(stack.name, 'bold')}  ${changeCounts(stack.summary)}  ${findingCounts(stack.findings)}`];
  const maxFindings = options.maxFindingsPerStack ?? 15;
  const shown = stack.findings.slice(0, maxFindings);
  const ruleWidth = Math.max(0, ...shown.map((finding) => finding.rule.length));
  const addressWidth = Math.min(60, Math.max(0, ...shown.map((finding) => finding.address.length)));
  for (const finding of shown) lines.push(findingLine(finding, ruleWidth, addressWidth, paint));
  if (stack.findings.length > maxFindings) {
    lines.push(paint(`  ... ${plural(stack.findings.length - maxFindings, 'more finding')} (--format markdown or json lists all)`, 'dim'));
  }
  const iam = stack.iam.flatMap((change) => [
    ...change.added.map((statement) => `${paint('+', 'green')} ${change.address} ${change.document}: ${statementText(statement)}`),
    ...change.removed.map((statement) => `${paint('-', 'red')} ${change.address} ${change.document}: ${statementText(statement)}`),
    ...change.attached.map((arn) => `${paint('+', 'green')} ${change.address}: attach ${arn}`),
    ...change.detached.map((arn) => `${paint('-', 'red')} ${change.address}: detach ${arn}`),
  ]);
  const maxIam = options.maxIamLinesPerStack ?? 8;
  if (iam.length > 0) {
    lines.push('  IAM changes:');
    lines.push(...iam.slice(0, maxIam).map((line) => `    ${line}`));
    if (iam.length > maxIam) lines.push(paint(`    ... ${plural(iam.length - maxIam, 'more IAM line')}`, 'dim'));
  }
  if (stack.outputs.length > 0) lines.push(`  outputs: ${stack.outputs.map((output) => `${output.name} ${outputWord(output)}`).join(', ')}`);
  if (stack.inventory) {
    const types = stack.inventory.byType.slice(0, 8).map(([type, count]) => `${type} ${count}`).join(', ');
    const more = stack.inventory.byType.length > 8 ? ', ...' : '';
    lines.push(`  state: ${plural(stack.inventory.resources, 'resource')}${types ? ` (${types}${more})` : ''}`);
  }
  if (stack.suppressed.length > 0) lines.push(paint(`  ${plural(stack.suppressed.length, 'suppressed finding')}`, 'dim'));
  if (stack.cost) {
    lines.push(`  cost: ${stackCostLine(stack.cost)}`);
    for (const line of priciest(stack.cost, 3)) lines.push(paint(`    ${formatUsd(line.monthlyUsd).padStart(12)}  ${line.address}${line.type === 'openai' ? ' (OpenAI tokens)' : ''}`, 'dim'));
    const unpriced = unpricedText(stack.cost);
    if (unpriced) lines.push(paint(`    ${unpriced}`, 'yellow'));
  }
  for (const note of stack.notes) lines.push(paint(`  note: ${note}`, 'dim'));
  return lines.join('\n');
}

function findingLine(finding: Finding, ruleWidth: number, addressWidth: number, paint: (text: string, ...styles: Style[]) => string): string {
  const severity = paint(finding.severity.padEnd(6), SEVERITY_STYLE[finding.severity], ...(finding.severity === 'high' ? (['bold'] as Style[]) : []));
  return `  ${severity}  ${finding.rule.padEnd(ruleWidth)}  ${finding.address.padEnd(addressWidth)}  ${finding.message}`;
}
