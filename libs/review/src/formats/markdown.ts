/**
 * The Markdown format, for a pull-request comment: a summary table, then one collapsible
 * section per stack, riskiest stacks first and high findings first within each (open when it
 * has high findings), with a Mermaid picture of the stack's changes. The text always fits in
 * `maxLength`: what does not fit is left out riskiest-last and counted in a closing line.
 */
import { PRICES_AS_OF } from '@llm/pricing';
import { formatUsd } from '../cost/money';
import { countBySeverity, SEVERITIES, type Finding, type PolicyChange, type Report, type StackReport } from '../model';
import { plural } from '../text';
import { mermaidFlowchart, type FlowchartOptions } from './diagram';
import type { StackDiagrams } from './diagram-graph';
import { environmentLine, priciest, stackCostLine, unpricedText } from './cost-text';
import { byRisk, changeCounts, findingCounts, outputWord } from './shared';

export interface MarkdownOptions {
  /**
   * Findings listed per stack before the rest is counted, for readability. High findings are
   * listed whatever this says (as far as `maxLength` allows).
   * @default 50
   */
  readonly maxFindingsPerStack?: number;
  /** IAM table rows per stack. @default 30 */
  readonly maxIamRowsPerStack?: number;
  /** @default 'Terraform review' */
  readonly title?: string;
  /**
   * The whole text is at most this many characters: GitHub refuses comments over 65,536, and the
   * workflow adds a header of its own.
   * @default 60000
   */
  readonly maxLength?: number;
  /** Where what was left out can be read; ends the line that counts it. @default DEFAULT_FULL_REPORT */
  readonly fullReport?: string;
  /** Change graphs by stack name (see `changeGraph`), each drawn as a Mermaid flowchart in its section. @default - no diagrams */
  readonly diagrams?: StackDiagrams;
  /** Resource nodes per diagram. @default 60 */
  readonly maxDiagramNodes?: number;
}

export const MAX_MARKDOWN_LENGTH = 60_000;
export const DEFAULT_FULL_REPORT = "`review.json` (every finding) and `review.html` (every section and diagram) in the run's `offline-review` artefact";

export function formatMarkdown(report: Report, options: MarkdownOptions = {}): string {
  const limit = options.maxLength ?? MAX_MARKDOWN_LENGTH;
  const stacks = byRisk(report.stacks).map((stack) => prepare(stack, options));
  const header = headerLines(stacks, options, report.environments);
  // The allocation counts every line it takes; the closing line and the per-stack "…and N more"
  // lines are estimated, so a text that still comes out too long is allocated again with less.
  let budget = limit - cost(header) - NOTICE_RESERVE - (options.fullReport ?? DEFAULT_FULL_REPORT).length;
  for (let attempt = 0; attempt < 5; attempt++) {
    const text = render(header, stacks, allocate(stacks, budget), options);
    if (text.length <= limit) return text;
    budget -= text.length - limit;
  }
  // Only a header (title and summary table frame) longer than the limit gets here: cut, not over.
  return render(header, stacks, allocate(stacks, 0), options).slice(0, limit);
}

/** Room kept for the closing line: its counts and wording, without the `fullReport` text. */
const NOTICE_RESERVE = 300;

/** One stack's parts, each rendered once; the allocation only decides which of them go in. */
interface PreparedStack {
  readonly stack: StackReport;
  readonly row: string;
  /** `<details>` up to the blank line after `<summary>`. */
  readonly opening: readonly string[];
  /** The table row of the i-th finding, rendered when first asked for: a comment lists a few of a big plan's thousands. */
  readonly findingRow: (index: number) => string;
  /** How many findings may be listed: the per-stack limit, raised to the number of high findings. */
  readonly listable: number;
  /** Outputs, state, suppressions and notes. */
  readonly facts: readonly string[];
  readonly iam: readonly string[];
  /** Diagram blocks, best first: full ids, then compact ids, then fewer nodes (the last is the smallest). */
  readonly diagrams: ReadonlyArray<readonly string[]>;
}

interface Allocation {
  readonly rows: number;
  /** Sections shown: the first `sections` stacks. */
  readonly sections: number;
  /** Findings listed per stack: the first `findings[i]` of each. */
  readonly findings: readonly number[];
  readonly facts: readonly boolean[];
  readonly iam: readonly boolean[];
  /** The diagram alternative chosen per stack, or -1. */
  readonly diagram: readonly number[];
}

function prepare(stack: StackReport, options: MarkdownOptions): PreparedStack {
  const s = stack.summary;
  const hasHigh = stack.findings.some((finding) => finding.severity === 'high');
  const highs = stack.findings.filter((finding) => finding.severity === 'high').length;
  return {
    stack,
    row: `| ${cell(stack.name)} | ${s.create} | ${s.update} | ${s.delete} | ${s.replace} | ${s.noop} | ${emphasizeHigh(findingCounts(stack.findings))} |`,
    opening: [
      `<details${hasHigh ? ' open' : ''}>`,
      `<summary><b>${html(stack.name)}</b>: ${findingCounts(stack.findings)} · ${html(changeCounts(stack.summary))}</summary>`,
      '',
    ],
    findingRow: lazyRows(stack.findings),
    listable: Math.max(options.maxFindingsPerStack ?? 50, highs),
    facts: factLines(stack),
    iam: iamBlock(stack.iam, options.maxIamRowsPerStack ?? 30),
    diagrams: diagramBlocks(stack, options),
  };
}

/** The environments' estimates against their budgets, one line each, above the table. */
function costHeader(environments: Report['environments']): string[] {
  if (!environments || environments.length === 0) return [];
  return [`**Monthly cost (estimate, ${PRICES_AS_OF} prices):**`, '', ...environments.map((env) => `- ${cell(environmentLine(env))}`), ''];
}

function headerLines(stacks: readonly PreparedStack[], options: MarkdownOptions, environments: Report['environments']): string[] {
  const counts = countBySeverity(stacks.flatMap(({ stack }) => stack.findings));
  return [
    `## ${options.title ?? 'Terraform review'}`,
    '',
    `${plural(stacks.length, 'stack')} · **${counts.high} high** · ${counts.medium} medium · ${counts.low} low`,
    '',
    ...costHeader(environments),
    '| stack | create | update | delete | replace | no-op | findings |',
    '| --- | ---: | ---: | ---: | ---: | ---: | --- |',
  ];
}

/**
 * What goes in, riskiest first: the summary rows, every section's frame, then findings high
 * before medium before low across all stacks (stopping at the first that does not fit, so nothing
 * less risky is listed while something riskier is not), then, where they fit, each stack's
 * outputs and notes, its smallest diagram, its IAM table, and a bigger diagram.
 */
function allocate(stacks: readonly PreparedStack[], budget: number): Allocation {
  let left = budget;
  const take = (lines: readonly string[]) => {
    const price = cost(lines);
    if (price > left) return false;
    left -= price;
    return true;
  };
  let rows = 0;
  while (rows < stacks.length && take([stacks[rows].row])) rows++;
  let sections = 0;
  while (sections < rows && take(frameEstimate(stacks[sections]))) sections++;

  const shown = stacks.slice(0, sections);
  const findings = shown.map(() => 0);
  severities: for (const severity of SEVERITIES) {
    for (const [index, prepared] of shown.entries()) {
      const { stack, findingRow, listable } = prepared;
      while (findings[index] < listable && stack.findings[findings[index]]?.severity === severity) {
        const lines = findings[index] === 0 ? [...FINDINGS_TABLE_HEADER, findingRow(0)] : [findingRow(findings[index])];
        if (!take(lines)) break severities;
        findings[index]++;
      }
    }
  }
  const facts = shown.map((prepared) => prepared.facts.length > 0 && take(prepared.facts));
  // Every stack's smallest picture before any stack's bigger one; IAM tables repeat what the
  // iam-broadening findings say, so they come after the pictures but before their upgrades.
  const diagram = shown.map((prepared) =>
    prepared.diagrams.length > 0 && take(prepared.diagrams[prepared.diagrams.length - 1]) ? prepared.diagrams.length - 1 : -1,
  );
  const iam = shown.map((prepared) => prepared.iam.length > 0 && take(prepared.iam));
  for (const [index, prepared] of shown.entries()) {
    const chosen = diagram[index];
    if (chosen <= 0) continue;
    const better = prepared.diagrams.findIndex((block, variant) => variant < chosen && cost(block) - cost(prepared.diagrams[chosen]) <= left);
    if (better !== -1) {
      left -= cost(prepared.diagrams[better]) - cost(prepared.diagrams[chosen]);
      diagram[index] = better;
    }
  }
  return { rows, sections, findings, facts, iam, diagram };
}

function render(header: readonly string[], stacks: readonly PreparedStack[], allocation: Allocation, options: MarkdownOptions): string {
  const lines = [...header, ...stacks.slice(0, allocation.rows).map((prepared) => prepared.row)];
  for (let index = 0; index < allocation.sections; index++) {
    const prepared = stacks[index];
    lines.push('', ...prepared.opening, ...findingsBlock(prepared, allocation.findings[index]));
    if (allocation.diagram[index] >= 0) lines.push(...prepared.diagrams[allocation.diagram[index]]);
    if (allocation.iam[index]) lines.push(...prepared.iam);
    if (allocation.facts[index]) lines.push(...prepared.facts);
    lines.push('', '</details>');
  }
  const notice = leftOutNotice(stacks, allocation, options);
  if (notice) lines.push('', notice);
  return `${lines.join('\n')}\n`;
}

const FINDINGS_TABLE_HEADER = ['| severity | rule | address | finding |', '| --- | --- | --- | --- |'];

function findingsBlock(prepared: PreparedStack, listed: number): string[] {
  const { stack, findingRow } = prepared;
  if (stack.findings.length === 0) return ['No findings.'];
  const lines = listed > 0 ? [...FINDINGS_TABLE_HEADER, ...Array.from({ length: listed }, (_, index) => findingRow(index))] : [];
  if (listed < stack.findings.length) {
    const rest = stack.findings.slice(listed);
    lines.push(...(listed > 0 ? [''] : []), `…and ${plural(rest.length, 'more finding', 'more findings')} (${findingCounts(rest)}) not listed here.`);
  }
  return lines;
}

/** A section's frame and its worst-case "…and N more findings" line, for the allocation. */
function frameEstimate(prepared: PreparedStack): string[] {
  const { stack } = prepared;
  const more =
    stack.findings.length > 0 ? ['', `…and ${stack.findings.length} more findings (${findingCounts(stack.findings)}) not listed here.`] : ['No findings.'];
  return ['', ...prepared.opening, ...more, '', '</details>'];
}

function leftOutNotice(stacks: readonly PreparedStack[], allocation: Allocation, options: MarkdownOptions): string | undefined {
  const unlisted: Finding[] = [];
  for (const [index, { stack }] of stacks.entries()) unlisted.push(...stack.findings.slice(allocation.findings[index] ?? 0));
  // Parts of the sections shown; a section left out whole is counted once, as a section.
  const missing = (has: (prepared: PreparedStack) => boolean, shown: readonly boolean[]) =>
    stacks.slice(0, allocation.sections).filter((prepared, index) => has(prepared) && !shown[index]).length;
  const parts = [
    unlisted.length > 0 ? `${plural(unlisted.length, 'finding')} (${findingCounts(unlisted)})` : '',
    countPart(stacks.length - allocation.sections, 'stack section'),
    countPart(stacks.length - allocation.rows, 'row of the summary table', 'rows of the summary table'),
    countPart(
      missing(
        (p) => p.diagrams.length > 0,
        allocation.diagram.map((choice) => choice >= 0),
      ),
      'diagram',
    ),
    countPart(
      missing((p) => p.iam.length > 0, allocation.iam),
      'IAM table',
    ),
    countPart(
      missing((p) => p.facts.length > 0, allocation.facts),
      'list of outputs, state, suppressions and notes',
      'lists of outputs, state, suppressions and notes',
    ),
  ].filter((part) => part !== '');
  if (parts.length === 0) return undefined;
  return `**Left out of this report:** ${parts.join(', ')}. The full report: ${options.fullReport ?? DEFAULT_FULL_REPORT}.`;
}

function countPart(count: number, noun: string, nouns?: string): string {
  return count > 0 ? plural(count, noun, nouns) : '';
}

function lazyRows(findings: readonly Finding[]): (index: number) => string {
  const rows: string[] = [];
  return (index) => (rows[index] ??= findingRow(findings[index]));
}

function findingRow(finding: Finding): string {
  const severity = finding.severity === 'high' ? '**high**' : finding.severity;
  return `| ${severity} | ${code(finding.rule)} | ${code(finding.address)} | ${cell(finding.message)} |`;
}

function factLines(stack: StackReport): string[] {
  const lines: string[] = [];
  if (stack.cost) {
    lines.push('', `**Cost:** ${cell(stackCostLine(stack.cost))}`);
    const top = priciest(stack.cost, 5);
    if (top.length > 0)
      lines.push(
        '',
        ...top.map((line) => `- ${formatUsd(line.monthlyUsd)} ${code(line.address)}${line.type === 'openai' ? ' (OpenAI tokens)' : ''}: ${cell(line.basis)}`),
      );
    const unpriced = unpricedText(stack.cost);
    if (unpriced) lines.push('', `_${cell(unpriced)}_`);
  }
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
  return lines;
}

/**
 * The stack's diagram, and smaller fallbacks for a comment short of room: the same picture
 * with compact ids, then one with fewer nodes. Empty when there is no graph or nothing changes.
 */
function diagramBlocks(stack: StackReport, options: MarkdownOptions): string[][] {
  const graph = options.diagrams?.get(stack.name);
  if (!graph) return [];
  const maxNodes = options.maxDiagramNodes ?? 60;
  const variants: FlowchartOptions[] = [{ maxNodes }, { maxNodes, compactIds: true }, { maxNodes: Math.min(maxNodes, 20), compactIds: true }];
  const blocks: string[][] = [];
  for (const variant of variants) {
    const flowchart = mermaidFlowchart(graph, variant);
    if (!flowchart) return [];
    const block = ['', '**What changes**', '', '```mermaid', flowchart.source, '```'];
    if (!blocks.some((existing) => existing.join('\n') === block.join('\n'))) blocks.push(block);
  }
  return blocks;
}

function iamBlock(changes: readonly PolicyChange[], maxRows: number): string[] {
  // Every row is counted; only those shown are rendered (a big plan changes thousands of statements).
  let total = 0;
  const rows: string[] = [];
  for (const change of changes) {
    const count = change.added.length + change.removed.length + change.attached.length + change.detached.length;
    total += count;
    if (count === 0 || rows.length >= maxRows) continue;
    const where = `${code(change.address)} ${cell(change.document)}`;
    for (const statement of change.added) rows.push(statementRow('+', where, statement));
    for (const statement of change.removed) rows.push(statementRow('-', where, statement));
    for (const arn of change.attached) rows.push(`| + | ${where} | attach | ${code(arn)} | | | |`);
    for (const arn of change.detached) rows.push(`| - | ${where} | detach | ${code(arn)} | | | |`);
  }
  if (total === 0) return [];
  const table = [
    '',
    '**IAM changes**',
    '',
    '| | resource | effect | actions | resources | principals | conditions |',
    '| --- | --- | --- | --- | --- | --- | --- |',
    ...rows.slice(0, maxRows),
  ];
  if (total > maxRows) table.push('', `…and ${total - maxRows} more IAM statement changes.`);
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

/** Characters a block of lines adds to the text, each with its line break. */
function cost(lines: readonly string[]): number {
  let total = 0;
  for (const line of lines) total += line.length + 1;
  return total;
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
