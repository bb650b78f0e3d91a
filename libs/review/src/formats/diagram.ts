/**
 * A change graph drawn as a Mermaid flowchart (GitHub renders ```mermaid blocks; the HTML report
 * renders it with mermaid itself): the changed resources and their direct neighbours, styled by
 * change, the unchanged rest folded into one count node, and a legend.
 */
import { NODE_CHANGES, type ChangeGraph, type GraphEdge, type GraphNode, type NodeChange } from './diagram-graph';
import { compareText } from '../text';

export interface FlowchartOptions {
  /** Resource nodes drawn at most; the changes left out are counted in one node. @default 60 */
  readonly maxNodes?: number;
  /** Ids `r1`, `r2`, … instead of ids made from the resource names: the same picture in fewer characters. @default false */
  readonly compactIds?: boolean;
}

export interface Flowchart {
  /** Mermaid source, starting with `flowchart LR`. */
  readonly source: string;
  /** Resource nodes drawn. */
  readonly drawn: number;
  /** Changed resources left out to stay within maxNodes. */
  readonly changesLeftOut: number;
  /** Unchanged resources counted in the fold node (neighbours left out by maxNodes included). */
  readonly unchangedFolded: number;
}

export const DEFAULT_MAX_NODES = 60;
/** Mermaid refuses more than 500 edges by default (`maxEdges`); dense graphs stay well below. */
const MAX_EDGES = 300;

const CLASS_DEFS: Readonly<Record<NodeChange | 'external' | 'leftout', string>> = {
  create: 'fill:#dafbe1,stroke:#1a7f37,color:#0f3d1e',
  update: 'fill:#fff8c5,stroke:#9a6700,color:#3b2300',
  replace: 'fill:#ffe2cc,stroke:#bc4c00,color:#4a1c00,stroke-width:2px',
  delete: 'fill:#ffebe9,stroke:#cf222e,color:#5c0a10,stroke-width:2px,stroke-dasharray:5 3',
  unchanged: 'fill:#f6f8fa,stroke:#8c959f,color:#424a53',
  external: 'fill:#ddf4ff,stroke:#0969da,color:#0a3069',
  leftout: 'fill:#ffffff,stroke:#8c959f,color:#424a53,stroke-dasharray:3 3',
};

const LEGEND: ReadonlyArray<readonly [NodeChange, string]> = [
  ['create', 'created'],
  ['update', 'updated'],
  ['replace', 'replaced'],
  ['delete', 'deleted'],
  ['unchanged', 'unchanged'],
];

/** Words Mermaid's flowchart grammar reads as keywords, case-insensitively, wherever an id may stand. */
const RESERVED_IDS = new Set([
  'end',
  'graph',
  'flowchart',
  'subgraph',
  'direction',
  'style',
  'classdef',
  'class',
  'click',
  'linkstyle',
  'call',
  'href',
  'default',
  'interpolate',
]);

/** The flowchart of a stack's changes, or undefined when nothing changes (nothing to draw). */
export function mermaidFlowchart(graph: ChangeGraph, options: FlowchartOptions = {}): Flowchart | undefined {
  const maxNodes = Math.max(1, options.maxNodes ?? DEFAULT_MAX_NODES);
  const byRisk = (a: GraphNode, b: GraphNode) => NODE_CHANGES.indexOf(a.change) - NODE_CHANGES.indexOf(b.change) || compareText(a.address, b.address);
  const changed = graph.nodes.filter((node) => node.change !== 'unchanged').sort(byRisk);
  if (changed.length === 0) return undefined;

  const changedSet = new Set(changed.map((node) => node.address));
  const touches = new Map<string, number>();
  for (const edge of graph.edges) {
    if (changedSet.has(edge.from) && !changedSet.has(edge.to)) touches.set(edge.to, (touches.get(edge.to) ?? 0) + 1);
    if (changedSet.has(edge.to) && !changedSet.has(edge.from)) touches.set(edge.from, (touches.get(edge.from) ?? 0) + 1);
  }
  // Neighbours touched by the most changes first: they say the most about what a change reaches.
  const neighbours = graph.nodes
    .filter((node) => touches.has(node.address))
    .sort((a, b) => (touches.get(b.address) ?? 0) - (touches.get(a.address) ?? 0) || compareText(a.address, b.address));
  const drawn = [...keptChanges(changed, graph.edges, maxNodes), ...neighbours].slice(0, maxNodes);
  const drawnSet = new Set(drawn.map((node) => node.address));
  const changesLeftOut = changed.length - drawn.filter((node) => changedSet.has(node.address)).length;
  const unchangedFolded = graph.nodes.length - changed.length - (drawn.length - (changed.length - changesLeftOut));

  const ids = new IdRegistry(['unchanged_rest', 'changes_left_out', 'legend', ...LEGEND.map(([change]) => `legend_${change}`)]);
  const idOf = new Map(drawn.map((node, index) => [node.address, ids.take(options.compactIds ? `r${index + 1}` : node.name)]));
  const externals = graph.externals.filter((service) => service.callers.some((caller) => drawnSet.has(caller)));
  // The legend shows every change; the other classes only cost characters when something uses them.
  const used = new Set<string>([...NODE_CHANGES, ...(externals.length > 0 ? ['external'] : []), ...(changesLeftOut > 0 ? ['leftout'] : [])]);
  const lines = ['flowchart LR'];
  for (const [name, style] of Object.entries(CLASS_DEFS)) if (used.has(name)) lines.push(`  classDef ${name} ${style}`);
  for (const node of drawn) lines.push(`  ${idOf.get(node.address)}["${nodeLabel(node)}"]:::${node.change}`);

  for (const service of externals) {
    const id = ids.take(`ext_${service.id}`);
    lines.push(`  ${id}(["${label(service.label)}"]):::external`);
    for (const caller of service.callers) if (drawnSet.has(caller)) lines.push(`  ${idOf.get(caller)} -.-> ${id}`);
  }
  if (changesLeftOut > 0) lines.push(`  changes_left_out["+ ${changesLeftOut} more ${changesLeftOut === 1 ? 'change' : 'changes'} not drawn"]:::leftout`);
  if (unchangedFolded > 0) lines.push(`  unchanged_rest["+ ${unchangedFolded} unchanged"]:::unchanged`);

  for (const edge of drawnEdges(graph.edges, drawnSet)) {
    lines.push(`  ${idOf.get(edge.from)} ${edge.kind === 'reference' ? '-->' : '-.->'} ${idOf.get(edge.to)}`);
  }
  lines.push('  subgraph legend["Legend"]');
  for (const [change, word] of LEGEND) lines.push(`    legend_${change}["${word}"]:::${change}`);
  lines.push('  end', '  style legend fill:#ffffff,stroke:#d0d7de');
  return { source: lines.join('\n'), drawn: drawn.length, changesLeftOut, unchangedFolded };
}

/**
 * The changes to draw when not all fit: the riskiest kinds first and, within a kind, the most
 * connected (a VPC or a role says more about the picture than its fifth alarm), listed back in
 * the usual order so the source reads the same whatever was cut.
 */
function keptChanges(changed: readonly GraphNode[], edges: readonly GraphEdge[], maxNodes: number): GraphNode[] {
  if (changed.length <= maxNodes) return [...changed];
  const degree = new Map<string, number>();
  for (const edge of edges) for (const end of [edge.from, edge.to]) degree.set(end, (degree.get(end) ?? 0) + 1);
  const rank = new Map(changed.map((node, index) => [node.address, index]));
  return [...changed]
    .sort(
      (a, b) =>
        NODE_CHANGES.indexOf(a.change) - NODE_CHANGES.indexOf(b.change) ||
        (degree.get(b.address) ?? 0) - (degree.get(a.address) ?? 0) ||
        (rank.get(a.address) ?? 0) - (rank.get(b.address) ?? 0),
    )
    .slice(0, maxNodes)
    .sort((a, b) => (rank.get(a.address) ?? 0) - (rank.get(b.address) ?? 0));
}

/** Edges between drawn nodes; references first when there are too many to draw. */
function drawnEdges(edges: readonly GraphEdge[], drawn: ReadonlySet<string>): GraphEdge[] {
  const between = edges.filter((edge) => drawn.has(edge.from) && drawn.has(edge.to));
  if (between.length <= MAX_EDGES) return between;
  return [...between.filter((edge) => edge.kind === 'reference'), ...between.filter((edge) => edge.kind !== 'reference')].slice(0, MAX_EDGES);
}

/** `aws_lambda_function<br/>ApiFunction`: the type, and the name without cdktf's hash suffix. */
function nodeLabel(node: GraphNode): string {
  const name = node.name.replace(/_[0-9A-F]{8}$/, '') || node.name;
  const instances = node.instances > 1 ? ` (${node.instances} instances)` : '';
  return `${label(node.type)}<br/>${label(name)}${instances}`;
}

/**
 * Text inside a quoted Mermaid label. Terraform names are `[A-Za-z0-9_-]` already; anything else
 * (quotes, `%%` directives, markup) becomes `_`, so a label can neither end early nor inject.
 */
function label(text: string): string {
  return text.replace(/[^A-Za-z0-9_.\-/ ()+]/g, '_');
}

/** Mermaid node ids: `[A-Za-z0-9_]`, no keyword, no leading digit, unique. */
class IdRegistry {
  private readonly taken: Set<string>;

  constructor(reserved: readonly string[]) {
    this.taken = new Set(reserved.map((id) => id.toLowerCase()));
  }

  take(wanted: string): string {
    let base = wanted.replace(/[^A-Za-z0-9_]/g, '_') || 'r';
    if (/^[0-9]/.test(base) || RESERVED_IDS.has(base.toLowerCase())) base = `r_${base}`;
    let id = base;
    for (let n = 2; this.taken.has(id.toLowerCase()); n++) id = `${base}_${n}`;
    this.taken.add(id.toLowerCase());
    return id;
  }
}
