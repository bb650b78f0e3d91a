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
import { escapeHtml, htmlPage } from './html-page';
import { mermaidScript } from './html-mermaid';
import { formatUsd } from '../cost/money';
import { environmentLine, stackCostLine, unpricedText } from './cost-text';
import { byRisk, changeCounts, findingCounts, outputWord } from './shared';

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
  const title = options.title ?? 'Terraform review';
  const stacks = byRisk(report.stacks);
  const counts = countBySeverity(stacks.flatMap((stack) => stack.findings));
  const body = [
    `<header><h1>${escapeHtml(title)}</h1>`,
    `<p class="totals">${plural(stacks.length, 'stack')} · <strong class="high">${counts.high} high</strong> · ${counts.medium} medium · ${counts.low} low</p></header>`,
    ...(report.environments ?? []).map((env) => `<p class="cost">${escapeHtml(environmentLine(env))}</p>`),
    summaryTable(stacks),
    '<main>',
    ...stacks.map((stack, index) => section(stack, index, options)),
    '</main>',
  ];
  return htmlPage({ title, body: body.join('\n'), mermaid: options.mermaidScript ?? mermaidScript() });
}

function summaryTable(stacks: readonly StackReport[]): string {
  const rows = stacks.map((stack, index) => {
    const s = stack.summary;
    return `<tr><td><a href="#${sectionId(index)}">${escapeHtml(stack.name)}</a></td><td>${s.create}</td><td>${s.update}</td><td>${s.delete}</td><td>${s.replace}</td><td>${s.noop}</td><td>${escapeHtml(findingCounts(stack.findings))}</td></tr>`;
  });
  return [
    '<table class="summary"><thead><tr><th>stack</th><th>create</th><th>update</th><th>delete</th><th>replace</th><th>no-op</th><th>findings</th></tr></thead>',
    `<tbody>${rows.join('\n')}</tbody></table>`,
  ].join('\n');
}

/** Ids from the position: stack names are the reader's, not necessarily valid in an id. */
function sectionId(index: number): string {
  return `stack-${index + 1}`;
}

function section(stack: StackReport, index: number, options: HtmlOptions): string {
  const parts = [
    `<section class="stack" id="${sectionId(index)}" data-stack="${escapeHtml(stack.name)}">`,
    `<h2>${escapeHtml(stack.name)}</h2>`,
    `<p class="counts">${escapeHtml(findingCounts(stack.findings))} · <code>${escapeHtml(changeCounts(stack.summary))}</code></p>`,
    diagram(stack, options),
    findingsTable(stack),
    costTable(stack),
    iamTable(stack.iam),
    facts(stack),
    '</section>',
  ];
  return parts.filter((part) => part !== '').join('\n');
}

function diagram(stack: StackReport, options: HtmlOptions): string {
  const graph = options.diagrams?.get(stack.name);
  if (!graph) return '';
  const flowchart = mermaidFlowchart(graph, { maxNodes: options.maxDiagramNodes ?? 100 });
  if (!flowchart) return '<h3>What changes</h3>\n<p class="quiet">No resource changes.</p>';
  // Mermaid reads the element's HTML and decodes the entities, so the escaped source is what it parses.
  return [
    '<h3>What changes</h3>',
    '<figure class="diagram">',
    `<pre class="mermaid">${escapeHtml(flowchart.source)}</pre>`,
    '<figcaption>Changed resources and the resources they touch: solid arrows are references in the configuration, dotted ones names or ARNs written out in it (or, for a deleted resource, its dependencies in the prior state).</figcaption>',
    '</figure>',
  ].join('\n');
}

function findingsTable(stack: StackReport): string {
  if (stack.findings.length === 0) return '<h3>Findings</h3>\n<p class="quiet">No findings.</p>';
  const rows = stack.findings.map(
    (finding) =>
      `<tr class="${finding.severity}"><td class="severity">${finding.severity}</td><td><code>${escapeHtml(finding.rule)}</code></td><td><code>${escapeHtml(finding.address)}</code></td><td>${escapeHtml(finding.message)}</td></tr>`,
  );
  return [
    '<h3>Findings</h3>',
    '<table class="findings"><thead><tr><th>severity</th><th>rule</th><th>address</th><th>finding</th></tr></thead>',
    `<tbody>${rows.join('\n')}</tbody></table>`,
  ].join('\n');
}

/** Every line of the stack's estimate, priciest first, with how each figure was reached. */
function costTable(stack: StackReport): string {
  const cost = stack.cost;
  if (!cost) return '';
  const rows = cost.lines.map(
    (line) =>
      `<tr><td class="usd">${escapeHtml(formatUsd(line.monthlyUsd))}</td><td><code>${escapeHtml(line.address)}</code></td><td>${escapeHtml(line.type)}</td><td>${escapeHtml(line.basis)}</td></tr>`,
  );
  const unpriced = unpricedText(cost);
  return [
    '<h3>Monthly cost</h3>',
    `<p>${escapeHtml(stackCostLine(cost))}</p>`,
    ...(unpriced ? [`<p class="note">${escapeHtml(unpriced)}</p>`] : []),
    ...(rows.length > 0
      ? [
          '<table class="cost"><thead><tr><th>USD/month</th><th>address</th><th>type</th><th>basis</th></tr></thead>',
          `<tbody>${rows.join('\n')}</tbody></table>`,
        ]
      : []),
  ].join('\n');
}

function iamTable(changes: readonly PolicyChange[]): string {
  const rows: string[] = [];
  for (const change of changes) {
    const where = `<code>${escapeHtml(change.address)}</code> ${escapeHtml(change.document)}`;
    for (const statement of change.added) rows.push(statementRow('+', where, statement));
    for (const statement of change.removed) rows.push(statementRow('-', where, statement));
    for (const arn of change.attached)
      rows.push(`<tr class="added"><td>+</td><td>${where}</td><td>attach</td><td><code>${escapeHtml(arn)}</code></td><td></td><td></td><td></td></tr>`);
    for (const arn of change.detached)
      rows.push(`<tr class="removed"><td>-</td><td>${where}</td><td>detach</td><td><code>${escapeHtml(arn)}</code></td><td></td><td></td><td></td></tr>`);
  }
  if (rows.length === 0) return '';
  return [
    '<h3>IAM changes</h3>',
    '<table class="iam"><thead><tr><th></th><th>resource</th><th>effect</th><th>actions</th><th>resources</th><th>principals</th><th>conditions</th></tr></thead>',
    `<tbody>${rows.join('\n')}</tbody></table>`,
  ].join('\n');
}

function statementRow(sign: '+' | '-', where: string, statement: StatementView): string {
  const list = (items: readonly string[]) => items.map((item) => `<code>${escapeHtml(item)}</code>`).join('<br>');
  return `<tr class="${sign === '+' ? 'added' : 'removed'}"><td>${sign}</td><td>${where}</td><td>${escapeHtml(statement.effect)}</td><td>${list(statement.actions)}</td><td>${list(statement.resources)}</td><td>${list(statement.principals)}</td><td>${statement.conditions.map(escapeHtml).join('<br>')}</td></tr>`;
}

function facts(stack: StackReport): string {
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
  return parts.join('\n');
}
