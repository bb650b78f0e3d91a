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
  const paint = painter(options);
  const stacks = byRisk(report.stacks);
  const blocks = stacks.map((stack) => stackBlock(stack, options, paint));
  return `${[...blocks, totals(report, paint).join('\n')].join('\n\n')}\n`;
}

/**
 * The few lines a run prints by default: the counts, each high finding with its stack, and the
 * cost per environment; the whole report is formatTerminal (or the files written next to the plans).
 */
export function formatTerminalSummary(report: Report, options: TerminalOptions = {}): string {
  const paint = painter(options);
  const [total, ...costs] = totals(report, paint);
  const high = byRisk(report.stacks).flatMap((stack) =>
    stack.findings.filter((finding) => finding.severity === 'high').map((finding) => ({ stack: stack.name, finding })),
  );
  const ruleWidth = Math.max(0, ...high.map(({ finding }) => finding.rule.length));
  const addressWidth = Math.min(60, Math.max(0, ...high.map(({ stack, finding }) => stack.length + 1 + finding.address.length)));
  const lines = high.map(({ stack, finding }) => findingLine({ ...finding, address: `${stack} ${finding.address}` }, ruleWidth, addressWidth, paint));
  return `${[total, ...lines, ...costs].join('\n')}\n`;
}

type Paint = (text: string, ...styles: Style[]) => string;

function painter(options: TerminalOptions): Paint {
  return (text, ...styles) => (options.color && styles.length > 0 ? `\u001b[${styles.map((style) => CODES[style]).join(';')}m${text}\u001b[0m` : text);
}

/** The counts line, then the monthly cost of each environment. */
function totals(report: Report, paint: Paint): string[] {
  const counts = countBySeverity(report.stacks.flatMap((stack) => stack.findings));
  const total =
    `Review: ${plural(report.stacks.length, 'stack')}, ` +
    `${paint(`${counts.high} high`, ...(counts.high > 0 ? (['red', 'bold'] as Style[]) : []))}, ${counts.medium} medium, ${counts.low} low`;
  const environments = report.environments ?? [];
  return [total, ...(environments.length > 0 ? [`Monthly cost (estimate, ${PRICES_AS_OF} prices):`, ...environments.map(environmentLine)] : [])];
}

function stackBlock(stack: StackReport, options: TerminalOptions, paint: Paint): string {
  const lines = [`${paint(stack.name, 'bold')}  ${changeCounts(stack.summary)}  ${findingCounts(stack.findings)}`];
  const maxFindings = options.maxFindingsPerStack ?? 15;
  const shown = stack.findings.slice(0, maxFindings);
  const ruleWidth = Math.max(0, ...shown.map((finding) => finding.rule.length));
  const addressWidth = Math.min(60, Math.max(0, ...shown.map((finding) => finding.address.length)));
  for (const finding of shown) lines.push(findingLine(finding, ruleWidth, addressWidth, paint));
  if (stack.findings.length > maxFindings) {
    lines.push(paint(`  ... ${plural(stack.findings.length - maxFindings, 'more finding')} (--format markdown or json lists all)`, 'dim'));
  }
  const maxIam = options.maxIamLinesPerStack ?? 8;
  const iam = iamLines(stack, maxIam, paint);
  if (iam.total > 0) {
    lines.push('  IAM changes:');
    lines.push(...iam.shown.map((line) => `    ${line}`));
    if (iam.total > maxIam) lines.push(paint(`    ... ${plural(iam.total - maxIam, 'more IAM line')}`, 'dim'));
  }
  if (stack.outputs.length > 0) lines.push(`  outputs: ${stack.outputs.map((output) => `${output.name} ${outputWord(output)}`).join(', ')}`);
  if (stack.inventory) {
    const types = stack.inventory.byType
      .slice(0, 8)
      .map(([type, count]) => `${type} ${count}`)
      .join(', ');
    const more = stack.inventory.byType.length > 8 ? ', ...' : '';
    lines.push(`  state: ${plural(stack.inventory.resources, 'resource')}${types ? ` (${types}${more})` : ''}`);
  }
  if (stack.suppressed.length > 0) lines.push(paint(`  ${plural(stack.suppressed.length, 'suppressed finding')}`, 'dim'));
  if (stack.cost) {
    lines.push(`  cost: ${stackCostLine(stack.cost)}`);
    for (const line of priciest(stack.cost, 3))
      lines.push(paint(`    ${formatUsd(line.monthlyUsd).padStart(12)}  ${line.address}${line.type === 'openai' ? ' (OpenAI tokens)' : ''}`, 'dim'));
    const unpriced = unpricedText(stack.cost);
    if (unpriced) lines.push(paint(`    ${unpriced}`, 'yellow'));
  }
  for (const note of stack.notes) lines.push(paint(`  note: ${note}`, 'dim'));
  return lines.join('\n');
}

/** The first `max` IAM lines, and how many there are: a big plan changes thousands of statements, and a screen shows a few. */
function iamLines(stack: StackReport, max: number, paint: Paint): { readonly shown: string[]; readonly total: number } {
  const shown: string[] = [];
  let total = 0;
  for (const change of stack.iam) {
    total += change.added.length + change.removed.length + change.attached.length + change.detached.length;
    if (shown.length >= max) continue;
    shown.push(
      ...change.added.map((statement) => `${paint('+', 'green')} ${change.address} ${change.document}: ${statementText(statement)}`),
      ...change.removed.map((statement) => `${paint('-', 'red')} ${change.address} ${change.document}: ${statementText(statement)}`),
      ...change.attached.map((arn) => `${paint('+', 'green')} ${change.address}: attach ${arn}`),
      ...change.detached.map((arn) => `${paint('-', 'red')} ${change.address}: detach ${arn}`),
    );
  }
  return { shown: shown.slice(0, max), total };
}

function findingLine(finding: Finding, ruleWidth: number, addressWidth: number, paint: Paint): string {
  const severity = paint(finding.severity.padEnd(6), SEVERITY_STYLE[finding.severity], ...(finding.severity === 'high' ? (['bold'] as Style[]) : []));
  return `  ${severity}  ${finding.rule.padEnd(ruleWidth)}  ${finding.address.padEnd(addressWidth)}  ${finding.message}`;
}
