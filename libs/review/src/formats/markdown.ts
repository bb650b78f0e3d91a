/**
 * The Markdown format, for a pull-request comment: a summary table, then one collapsible
 * section per stack, riskiest stacks first and high findings first within each (open when it
 * has high findings).
 */
import { countBySeverity, type PolicyChange, type Report, type StackReport } from '../model';
import { plural } from '../text';
import { byRisk, changeCounts, findingCounts, outputWord } from './shared';

export interface MarkdownOptions {
  /** Findings listed per stack before the rest is counted; keeps a comment under GitHub's 65,536 characters. @default 50 */
  readonly maxFindingsPerStack?: number;
  /** IAM table rows per stack. @default 30 */
  readonly maxIamRowsPerStack?: number;
  /** @default 'Terraform review' */
  readonly title?: string;
}

export function formatMarkdown(report: Report, options: MarkdownOptions = {}): string {
  const stacks = byRisk(report.stacks);
  const all = stacks.flatMap((stack) => stack.findings);
  const counts = countBySeverity(all);
  const lines = [
    `## ${options.title ?? 'Terraform review'}`,
    '',
    `${plural(stacks.length, 'stack')} · **${counts.high} high** · ${counts.medium} medium · ${counts.low} low`,
    '',
    '| stack | create | update | delete | replace | no-op | findings |',
    '| --- | ---: | ---: | ---: | ---: | ---: | --- |',
    ...stacks.map((stack) => {
      const s = stack.summary;
      return `| ${cell(stack.name)} | ${s.create} | ${s.update} | ${s.delete} | ${s.replace} | ${s.noop} | ${emphasizeHigh(findingCounts(stack.findings))} |`;
    }),
  ];
  for (const stack of stacks) lines.push('', ...section(stack, options));
  return `${lines.join('\n')}\n`;
}

function section(stack: StackReport, options: MarkdownOptions): string[] {
  const maxFindings = options.maxFindingsPerStack ?? 50;
  const hasHigh = stack.findings.some((finding) => finding.severity === 'high');
  const lines = [
    `<details${hasHigh ? ' open' : ''}>`,
    `<summary><b>${html(stack.name)}</b>: ${findingCounts(stack.findings)} · ${html(changeCounts(stack.summary))}</summary>`,
    '',
  ];
  if (stack.findings.length > 0) {
    lines.push('| severity | rule | address | finding |', '| --- | --- | --- | --- |');
    for (const finding of stack.findings.slice(0, maxFindings)) {
      const severity = finding.severity === 'high' ? '**high**' : finding.severity;
      lines.push(`| ${severity} | ${code(finding.rule)} | ${code(finding.address)} | ${cell(finding.message)} |`);
    }
    if (stack.findings.length > maxFindings) lines.push('', `…and ${stack.findings.length - maxFindings} more findings (the JSON format lists all).`);
  } else {
    lines.push('No findings.');
  }
  const iamRows = iamTable(stack.iam, options.maxIamRowsPerStack ?? 30);
  if (iamRows.length > 0) lines.push('', '**IAM changes**', '', ...iamRows);
  if (stack.outputs.length > 0) {
    lines.push('', `**Outputs:** ${stack.outputs.map((output) => `${code(output.name)} ${outputWord(output)}`).join(' · ')}`);
  }
  if (stack.inventory) {
    const types = stack.inventory.byType.map(([type, count]) => `${code(type)} ${count}`).join(', ');
    lines.push('', `**State:** ${plural(stack.inventory.resources, 'resource')}${types ? `: ${types}` : ''}`);
  }
  if (stack.suppressed.length > 0) {
    lines.push('', `**Suppressed (${stack.suppressed.length}):**`, '');
    for (const finding of stack.suppressed) lines.push(`- ${code(finding.rule)} ${code(finding.address)}: ${cell(finding.reason)}`);
  }
  for (const note of stack.notes) lines.push('', `_Note: ${cell(note)}_`);
  lines.push('', '</details>');
  return lines;
}

function iamTable(changes: readonly PolicyChange[], maxRows: number): string[] {
  const rows: string[] = [];
  for (const change of changes) {
    const where = `${code(change.address)} ${cell(change.document)}`;
    for (const statement of change.added) rows.push(statementRow('+', where, statement));
    for (const statement of change.removed) rows.push(statementRow('-', where, statement));
    for (const arn of change.attached) rows.push(`| + | ${where} | attach | ${code(arn)} | | | |`);
    for (const arn of change.detached) rows.push(`| - | ${where} | detach | ${code(arn)} | | | |`);
  }
  if (rows.length === 0) return [];
  const shown = rows.slice(0, maxRows);
  const table = ['| | resource | effect | actions | resources | principals | conditions |', '| --- | --- | --- | --- | --- | --- | --- |', ...shown];
  if (rows.length > maxRows) table.push('', `…and ${rows.length - maxRows} more IAM statement changes.`);
  return table;
}

/** Actions, resources or principals shown in one table cell; the terminal and JSON formats are not limited. */
const MAX_CELL_ITEMS = 8;

function statementRow(sign: string, where: string, statement: PolicyChange['added'][number]): string {
  const list = (items: readonly string[]) => {
    const shown = items.slice(0, MAX_CELL_ITEMS).map(code);
    if (items.length > MAX_CELL_ITEMS) shown.push(`…and ${items.length - MAX_CELL_ITEMS} more`);
    return shown.join('<br>');
  };
  return `| ${sign} | ${where} | ${statement.effect} | ${list(statement.actions)} | ${list(statement.resources)} | ${list(statement.principals)} | ${statement.conditions.map(cell).join('<br>')} |`;
}

function emphasizeHigh(text: string): string {
  return text.replace(/^(\d+ high)/, '**$1**');
}

/** Text in a table cell: no pipes, no line breaks, no HTML. */
function cell(text: string): string {
  return html(text).replace(/\|/g, '\\|').replace(/\r?\n/g, ' ');
}

function html(text: string): string {
  return text.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;');
}

/** A code span; a value holding backticks is shown as plain text instead. */
function code(text: string): string {
  return text.includes('`') ? cell(text) : `\`${text.replace(/\|/g, '\\|')}\``;
}
