/**
 * The resources a plan changes and what they touch, as a graph for the diagrams: nodes are
 * resources (with their planned change), edges come from the references in the plan's
 * configuration. It holds addresses and types only, never an attribute value, so nothing secret
 * can reach a picture drawn from it.
 */
import { asPlan } from '../input/detect';
import { withoutInstanceKeys } from '../input/paths';
import { isObject, type ChangeAction, type ConfigModuleJson, type ConfigResourceJson, type PlanJson, type ResourceChangeJson } from '../input/terraform-json';
import { namedTargets } from './diagram-names';
import { compareText } from '../text';

export type NodeChange = 'create' | 'update' | 'replace' | 'delete' | 'unchanged';

/** Riskiest first: the order diagrams keep nodes in when they must leave some out. */
export const NODE_CHANGES: readonly NodeChange[] = ['replace', 'delete', 'update', 'create', 'unchanged'];

export interface GraphNode {
  /** Resource address without instance keys: `aws_lambda_function.ApiFunction_56306EF9`. */
  readonly address: string;
  readonly type: string;
  /** The address's last part: `ApiFunction_56306EF9`. */
  readonly name: string;
  /** The riskiest change among its instances. */
  readonly change: NodeChange;
  /** Instances (count / for_each) folded into this node. */
  readonly instances: number;
}

/**
 * `from` touches `to`: `reference` when its configuration refers to it (a function to its role),
 * `name` when a literal in its configuration names it (a bucket name in an environment variable,
 * a secret ARN in a policy), `state` when a deleted resource depended on it in the prior state.
 */
export interface GraphEdge {
  readonly from: string;
  readonly to: string;
  readonly kind: 'reference' | 'name' | 'state';
}

/** A service outside the plan that resources call, e.g. the OpenAI API. */
export interface ExternalService {
  readonly id: string;
  readonly label: string;
  /** Addresses of the nodes that call it. */
  readonly callers: readonly string[];
}

export interface ChangeGraph {
  /** Managed resources, sorted by address; data sources are folded into the edges they pass on. */
  readonly nodes: readonly GraphNode[];
  readonly edges: readonly GraphEdge[];
  readonly externals: readonly ExternalService[];
}

/** Change graphs by stack name, as the formats take them. */
export type StackDiagrams = ReadonlyMap<string, ChangeGraph>;

/** The change graph of a `terraform show -json` plan; a ReviewInputError when `plan` is not one. */
export function changeGraph(plan: unknown, source = 'plan'): ChangeGraph {
  const parsed = asPlan(plan, source);
  const nodes = nodesOf(parsed.resource_changes ?? []);
  const config = configResources(parsed);
  const edges = new EdgeSet(nodes);
  for (const [address, resource] of config) {
    if (resource.mode === 'data') continue;
    for (const target of referencedResources(resource.expressions, resource.prefix, config)) edges.add(address, target, 'reference');
  }
  for (const [from, to] of namedTargets(parsed, [...nodes.keys()])) edges.add(from, to, 'name');
  for (const [from, to] of priorDependencies(parsed, nodes)) edges.add(from, to, 'state');
  return {
    nodes: [...nodes.values()].sort((a, b) => compareText(a.address, b.address)),
    edges: edges.list(),
    externals: externalServices(parsed, nodes, config),
  };
}

function nodesOf(changes: readonly ResourceChangeJson[]): Map<string, GraphNode> {
  // Filled in place: a block with `count = 1000` is one node that a thousand instances update.
  const nodes = new Map<string, { -readonly [K in keyof GraphNode]: GraphNode[K] }>();
  for (const raw of changes) {
    if (raw.mode === 'data' || raw.address.startsWith('data.') || raw.deposed) continue;
    const address = withoutInstanceKeys(raw.address);
    const change = nodeChange(raw.change.actions);
    const existing = nodes.get(address);
    if (existing) {
      if (NODE_CHANGES.indexOf(change) < NODE_CHANGES.indexOf(existing.change)) existing.change = change;
      existing.instances++;
    } else {
      nodes.set(address, { address, type: raw.type, name: address.split('.').pop() ?? address, change, instances: 1 });
    }
  }
  return nodes;
}

function nodeChange(actions: readonly ChangeAction[]): NodeChange {
  if (actions.includes('delete') && actions.includes('create')) return 'replace';
  if (actions.includes('create')) return 'create';
  // `forget` takes a resource out of Terraform's hands: for the reader it leaves the plan, like a delete.
  if (actions.includes('delete') || actions.includes('forget')) return 'delete';
  if (actions.includes('update')) return 'update';
  return 'unchanged';
}

/**
 * Every resource of the configuration by its full address (`module.net.aws_subnet.a`), with
 * the module prefix its references resolve in: inside a module they name the module's own resources.
 */
function configResources(plan: PlanJson): Map<string, ConfigResourceJson & { readonly prefix: string }> {
  const resources = new Map<string, ConfigResourceJson & { readonly prefix: string }>();
  const visit = (module: ConfigModuleJson | undefined, prefix: string, depth: number): void => {
    // Terraform forbids module cycles; the bound only guards against a hand-made document.
    if (typeof module !== 'object' || module === null || depth > 32) return;
    const list: readonly ConfigResourceJson[] = Array.isArray(module.resources) ? module.resources : [];
    for (const resource of list) {
      if (typeof resource?.address === 'string') resources.set(`${prefix}${resource.address}`, { ...resource, prefix });
    }
    const calls: ConfigModuleJson['module_calls'] = isObject(module.module_calls) ? module.module_calls : {};
    for (const [name, call] of Object.entries(calls ?? {})) visit(call?.module, `${prefix}module.${name}.`, depth + 1);
  };
  visit(plan.configuration?.root_module, '', 0);
  return resources;
}

/**
 * The managed resources an expression tree refers to. A data source in between (a policy
 * document naming a bucket) passes its own references on, so the edge still shows what is touched.
 */
function referencedResources(expressions: unknown, prefix: string, config: ReadonlyMap<string, ConfigResourceJson>, seen = new Set<string>()): Set<string> {
  const found = new Set<string>();
  for (const reference of referencesIn(expressions)) {
    const local = resourceOfReference(reference);
    const target = local && `${prefix}${local}`;
    if (!target || seen.has(target)) continue;
    if (local.startsWith('data.')) {
      seen.add(target);
      const data = config.get(target);
      if (data) for (const inner of referencedResources(data.expressions, prefix, config, seen)) found.add(inner);
    } else {
      found.add(target);
    }
  }
  return found;
}

function referencesIn(node: unknown, found: string[] = []): string[] {
  if (Array.isArray(node)) for (const child of node) referencesIn(child, found);
  else if (isObject(node)) {
    for (const [key, child] of Object.entries(node)) {
      if (key === 'references' && Array.isArray(child)) {
        for (const item of child) if (typeof item === 'string') found.push(item);
      } else if (key !== 'constant_value') {
        // Constant values are literals, not expressions: nothing in them is a reference.
        referencesIn(child, found);
      }
    }
  }
  return found;
}

/** `aws_iam_role.fn.arn` -> `aws_iam_role.fn`; `data.x.y.z` -> `data.x.y`; variables, locals and modules -> undefined. */
function resourceOfReference(reference: string): string | undefined {
  const parts = withoutInstanceKeys(reference).split('.');
  if (['var', 'local', 'module', 'each', 'count', 'path', 'terraform', 'self'].includes(parts[0])) return undefined;
  if (parts[0] === 'data') return parts.length >= 3 ? parts.slice(0, 3).join('.') : undefined;
  return parts.length >= 2 ? parts.slice(0, 2).join('.') : undefined;
}

/**
 * A deleted resource is gone from the configuration, so only the prior state knows what it
 * depended on (`depends_on`, which Terraform records for every resource it applied).
 */
function priorDependencies(plan: PlanJson, nodes: ReadonlyMap<string, GraphNode>): Array<[string, string]> {
  const pairs: Array<[string, string]> = [];
  for (const resource of plan.prior_state?.values?.root_module?.resources ?? []) {
    const address = withoutInstanceKeys(resource.address);
    if (nodes.get(address)?.change !== 'delete') continue;
    const dependsOn = (resource as { readonly depends_on?: unknown }).depends_on;
    if (!Array.isArray(dependsOn)) continue;
    for (const target of dependsOn) if (typeof target === 'string') pairs.push([address, withoutInstanceKeys(target)]);
  }
  return pairs;
}

/** Variable names, never values: a function with `OPENAI_*` variables calls the OpenAI API. */
function externalServices(
  plan: PlanJson,
  nodes: ReadonlyMap<string, GraphNode>,
  config: ReadonlyMap<string, ConfigResourceJson & { readonly prefix: string }>,
): ExternalService[] {
  const callers = new Set<string>();
  for (const raw of plan.resource_changes ?? []) {
    if (raw.type !== 'aws_lambda_function' || !nodes.has(withoutInstanceKeys(raw.address))) continue;
    const values = isObject(raw.change.after) ? raw.change.after : raw.change.before;
    if (variableNames(values).some((name) => name.startsWith('OPENAI_'))) callers.add(withoutInstanceKeys(raw.address));
  }
  for (const [address, resource] of config) {
    if (resource.type !== 'aws_lambda_function' || !nodes.has(address)) continue;
    const environment = isObject(resource.expressions) ? resource.expressions.environment : undefined;
    const variables = Array.isArray(environment) && isObject(environment[0]) ? environment[0].variables : undefined;
    const names = isObject(variables) && isObject(variables.constant_value) ? Object.keys(variables.constant_value) : [];
    if (names.some((name) => name.startsWith('OPENAI_'))) callers.add(address);
  }
  return callers.size > 0 ? [{ id: 'openai', label: 'OpenAI API (external)', callers: [...callers].sort() }] : [];
}

function variableNames(values: unknown): string[] {
  if (!isObject(values) || !Array.isArray(values.environment)) return [];
  const block = values.environment[0];
  return isObject(block) && isObject(block.variables) ? Object.keys(block.variables) : [];
}

/** Edges between known nodes, once each; a reference wins over the weaker kinds for the same pair. */
class EdgeSet {
  private readonly edges = new Map<string, GraphEdge>();

  constructor(private readonly nodes: ReadonlyMap<string, GraphNode>) {}

  add(from: string, to: string, kind: GraphEdge['kind']): void {
    if (from === to || !this.nodes.has(from) || !this.nodes.has(to)) return;
    const key = `${from}\u0000${to}`;
    const existing = this.edges.get(key);
    if (!existing || (existing.kind !== 'reference' && kind === 'reference')) this.edges.set(key, { from, to, kind });
  }

  list(): GraphEdge[] {
    return [...this.edges.values()].sort((a, b) => compareText(a.from, b.from) || compareText(a.to, b.to));
  }
}
