/**
 * The HTML format: the whole review as one self-contained page (review.html next to review.md),
 * one section per stack with its diagram drawn by the inlined mermaid bundle, its findings, IAM
 * changes, outputs and notes. Nothing is left out and nothing is fetched: the page works offline,
 * from a downloaded artefact. Every text from the plan is escaped.
 */
import { countBySeverity, type PolicyChange, type Report, type StackReport, type StatementView } from '../model';
import { plural } from '../text';
import { mermaidFlowchart } from './diagram';
import type { StackDiagrams } from './diagram-graph';
import { escapeHtml, writePage } from './html-page';
import { mermaidScript } from './html-mermaid';
import { formatUsd } from '../cost/money';
import { environmentLine, stackCostLine, unpricedText } from './cost-text';
import { byRisk, changeCounts, findingCounts, outputWord } from './shared';
import { linesTo, writeTextFile, type LineSink, type TextSink } from './text-sink';

export interface HtmlOptions {
  /** @default 'Terraform review' */
  readonly title?: string;
  /** Change graphs by stack name (see `changeGraph`), each drawn in its section. @default - no diagrams */
  readonly diagrams?: StackDiagrams;
  /** Resource nodes per diagram; a page has room for more than a comment. @default 100 */
  readonly maxDiagramNodes?: number;
  /** The mermaid bundle the page inlines. @default - `mermaid/dist/mermaid.min.js` from node_modules */
  readonly mermaidScript?: string;
}

export function formatHtml(report: Report, options: HtmlOptions = {}): string {
  const lines: string[] = [];
  writeHtmlLines(report, options, (line) => lines.push(line));
  return lines.join('\n');
}

/** formatHtml's text, a line at a time: the page of a big plan is tens of megabytes, and need not be held whole. */
export function writeHtml(report: Report, options: HtmlOptions, sink: TextSink): void {
  writeHtmlLines(report, options, linesTo(sink));
}

/** Writes formatHtml's text to a file (created or replaced) as it is made. */
export function writeHtmlFile(path: string, report: Report, options: HtmlOptions = {}): void {
  writeTextFile(path, (sink) => writeHtml(report, options, sink));
}

function writeHtmlLines(report: Report, options: HtmlOptions, line: LineSink): void {
  const title = options.title ?? 'Terraform review';
  const stacks = byRisk(report.stacks);
  const counts = countBySeverity(stacks.flatMap((stack) => stack.findings));
  writePage({ title, mermaid: options.mermaidScript ?? mermaidScript() }, line, () => {
    line(`<header><h1>${escapeHtml(title)}</h1>`);
    line(
      `<p class="totals">${plural(stacks.length, 'stack')} · <strong class="high">${counts.high} high</strong> · ${counts.medium} medium · ${counts.low} low</p></header>`,
    );
    for (const env of report.environments ?? []) line(`<p class="cost">${escapeHtml(environmentLine(env))}</p>`);
    summaryTable(stacks, line);
    line('<main>');
    for (const [index, stack] of stacks.entries()) section(stack, index, options, line);
    line('</main>');
  });
}

/** `<tbody>` + a row a line + `</tbody></table>`; each row is made as it is written. */
function tableBody(count: number, rows: (row: LineSink) => void, line: LineSink): void {
  if (count === 0) {
    line('<tbody></tbody></table>');
    return;
  }
  let index = 0;
  rows((row) => {
    const opened = index === 0 ? `<tbody>${row}` : row;
    line(index === count - 1 ? `${opened}</tbody></table>` : opened);
    index++;
  });
}

function summaryTable(stacks: readonly StackReport[], line: LineSink): void {
  line(
    '<table class="summary"><thead><tr><th>stack</th><th>create</th><th>update</th><th>delete</th><th>replace</th><th>no-op</th><th>findings</th></tr></thead>',
  );
  tableBody(
    stacks.length,
    (row) =>
      stacks.forEach((stack, index) => {
        const s = stack.summary;
        row(
          `<tr><td><a href="#${sectionId(index)}">${escapeHtml(stack.name)}</a></td><td>${s.create}</td><td>${s.update}</td><td>${s.delete}</td><td>${s.replace}</td><td>${s.noop}</td><td>${escapeHtml(findingCounts(stack.findings))}</td></tr>`,
        );
      }),
    line,
  );
}

/** Ids from the position: stack names are the reader's, not necessarily valid in an id. */
function sectionId(index: number): string {
  return `stack-${index + 1}`;
}

/** A section's lines; a part with nothing to say writes none. */
function section(stack: StackReport, index: number, options: HtmlOptions, line: LineSink): void {
  line(`<section class="stack" id="${sectionId(index)}" data-stack="${escapeHtml(stack.name)}">`);
  line(`<h2>${escapeHtml(stack.name)}</h2>`);
  line(`<p class="counts">${escapeHtml(findingCounts(stack.findings))} · <code>${escapeHtml(changeCounts(stack.summary))}</code></p>`);
  diagram(stack, options, line);
  findingsTable(stack, line);
  costTable(stack, line);
  iamTable(stack.iam, line);
  facts(stack, line);
  line('</section>');
}

function diagram(stack: StackReport, options: HtmlOptions, line: LineSink): void {
  const graph = options.diagrams?.get(stack.name);
  if (!graph) return;
  line('<h3>What changes</h3>');
  const flowchart = mermaidFlowchart(graph, { maxNodes: options.maxDiagramNodes ?? 100 });
  if (!flowchart) {
    line('<p class="quiet">No resource changes.</p>');
    return;
  }
  // Mermaid reads the element's HTML and decodes the entities, so the escaped source is what it parses.
  line('<figure class="diagram">');
  line(`<pre class="mermaid">${escapeHtml(flowchart.source)}</pre>`);
  line(
    '<figcaption>Changed resources and the resources they touch: solid arrows are references in the configuration, dotted ones names or ARNs written out in it (or, for a deleted resource, its dependencies in the prior state).</figcaption>',
  );
  line('</figure>');
}

function findingsTable(stack: StackReport, line: LineSink): void {
  line('<h3>Findings</h3>');
  if (stack.findings.length === 0) {
    line('<p class="quiet">No findings.</p>');
    return;
  }
  line('<table class="findings"><thead><tr><th>severity</th><th>rule</th><th>address</th><th>finding</th></tr></thead>');
  tableBody(
    stack.findings.length,
    (row) => {
      for (const finding of stack.findings) {
        row(
          `<tr class="${finding.severity}"><td class="severity">${finding.severity}</td><td><code>${escapeHtml(finding.rule)}</code></td><td><code>${escapeHtml(finding.address)}</code></td><td>${escapeHtml(finding.message)}</td></tr>`,
        );
      }
    },
    line,
  );
}

/** Every line of the stack's estimate, priciest first, with how each figure was reached. */
function costTable(stack: StackReport, line: LineSink): void {
  const cost = stack.cost;
  if (!cost) return;
  line('<h3>Monthly cost</h3>');
  line(`<p>${escapeHtml(stackCostLine(cost))}</p>`);
  const unpriced = unpricedText(cost);
  if (unpriced) line(`<p class="note">${escapeHtml(unpriced)}</p>`);
  if (cost.lines.length === 0) return;
  line('<table class="cost"><thead><tr><th>USD/month</th><th>address</th><th>type</th><th>basis</th></tr></thead>');
  tableBody(
    cost.lines.length,
    (row) => {
      for (const item of cost.lines) {
        row(
          `<tr><td class="usd">${escapeHtml(formatUsd(item.monthlyUsd))}</td><td><code>${escapeHtml(item.address)}</code></td><td>${escapeHtml(item.type)}</td><td>${escapeHtml(item.basis)}</td></tr>`,
        );
      }
    },
    line,
  );
}

function iamTable(changes: readonly PolicyChange[], line: LineSink): void {
  let count = 0;
  for (const change of changes) count += change.added.length + change.removed.length + change.attached.length + change.detached.length;
  if (count === 0) return;
  line('<h3>IAM changes</h3>');
  line(
    '<table class="iam"><thead><tr><th></th><th>resource</th><th>effect</th><th>actions</th><th>resources</th><th>principals</th><th>conditions</th></tr></thead>',
  );
  tableBody(
    count,
    (row) => {
      for (const change of changes) {
        const where = `<code>${escapeHtml(change.address)}</code> ${escapeHtml(change.document)}`;
        for (const statement of change.added) row(statementRow('+', where, statement));
        for (const statement of change.removed) row(statementRow('-', where, statement));
        for (const arn of change.attached)
          row(`<tr class="added"><td>+</td><td>${where}</td><td>attach</td><td><code>${escapeHtml(arn)}</code></td><td></td><td></td><td></td></tr>`);
        for (const arn of change.detached)
          row(`<tr class="removed"><td>-</td><td>${where}</td><td>detach</td><td><code>${escapeHtml(arn)}</code></td><td></td><td></td><td></td></tr>`);
      }
    },
    line,
  );
}

function statementRow(sign: '+' | '-', where: string, statement: StatementView): string {
  const list = (items: readonly string[]) => items.map((item) => `<code>${escapeHtml(item)}</code>`).join('<br>');
  return `<tr class="${sign === '+' ? 'added' : 'removed'}"><td>${sign}</td><td>${where}</td><td>${escapeHtml(statement.effect)}</td><td>${list(statement.actions)}</td><td>${list(statement.resources)}</td><td>${list(statement.principals)}</td><td>${statement.conditions.map(escapeHtml).join('<br>')}</td></tr>`;
}

function facts(stack: StackReport, line: LineSink): void {
  const parts: string[] = [];
  if (stack.outputs.length > 0) {
    const outputs = stack.outputs.map((output) => `<code>${escapeHtml(output.name)}</code> ${outputWord(output)}`).join(' · ');
    parts.push(`<p><strong>Outputs:</strong> ${outputs}</p>`);
  }
  if (stack.inventory) {
    const types = stack.inventory.byType.map(([type, count]) => `<code>${escapeHtml(type)}</code> ${count}`).join(', ');
    parts.push(`<p><strong>State:</strong> ${plural(stack.inventory.resources, 'resource')}${types ? `: ${types}` : ''}</p>`);
  }
  if (stack.suppressed.length > 0) {
    const items = stack.suppressed.map(
      (finding) => `<li><code>${escapeHtml(finding.rule)}</code> <code>${escapeHtml(finding.address)}</code>: ${escapeHtml(finding.reason)}</li>`,
    );
    parts.push(`<p><strong>Suppressed (${stack.suppressed.length}):</strong></p>\n<ul>${items.join('\n')}</ul>`);
  }
  for (const note of stack.notes) parts.push(`<p class="note">Note: ${escapeHtml(note)}</p>`);
  for (const part of parts) line(part);
}
