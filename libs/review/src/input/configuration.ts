/**
 * What a configuration declares, to tell which resources of a state it no longer has: from a
 * synthesized `cdk.tf.json` (any Terraform JSON configuration) or from a plan's `configuration`.
 */
import { inputErrors } from '../errors';
import { withoutInstanceKeys } from './paths';
import { isObject, type ConfigModuleJson, type PlanJson } from './terraform-json';

export interface DeclaredConfiguration {
  /** Where the declarations came from, for messages: a file path or "the plan's configuration". */
  readonly source: string;
  /** Resource addresses (`type.name`, `data.type.name`) and module calls (`module.name`) at the root. */
  readonly addresses: ReadonlySet<string>;
  /** `moved` blocks: from -> to (resources or modules, as written). @default - none */
  readonly moves?: ReadonlyMap<string, string>;
  /** `removed` blocks with `destroy = false`: what is forgotten rather than destroyed. @default - none */
  readonly forgotten?: ReadonlySet<string>;
}

export function declaredInTerraformJson(value: unknown, source: string): DeclaredConfiguration {
  if (!isObject(value)) throw inputErrors.notConfiguration(source);
  const addresses = new Set<string>();
  const blocks = (block: unknown, prefix: string) => {
    if (!isObject(block)) return;
    for (const [type, byName] of Object.entries(block)) {
      if (isObject(byName)) for (const name of Object.keys(byName)) addresses.add(`${prefix}${type}.${name}`);
    }
  };
  blocks(value.resource, '');
  blocks(value.data, 'data.');
  if (isObject(value.module)) for (const name of Object.keys(value.module)) addresses.add(`module.${name}`);
  const moves = new Map<string, string>();
  for (const block of listOfBlocks(value.moved)) {
    if (typeof block.from === 'string' && typeof block.to === 'string') moves.set(block.from, block.to);
  }
  const forgotten = new Set<string>();
  for (const block of listOfBlocks(value.removed)) {
    const lifecycle = listOfBlocks(block.lifecycle);
    if (typeof block.from === 'string' && lifecycle.some((entry) => entry.destroy === false)) forgotten.add(block.from);
  }
  return { source, addresses, moves, forgotten };
}

/** Terraform JSON writes a block type as a list of blocks, or as one object. */
function listOfBlocks(value: unknown): Record<string, unknown>[] {
  if (Array.isArray(value)) return value.filter(isObject);
  return isObject(value) ? [value] : [];
}

/**
 * Where the configuration's own `moved` and `removed` blocks take a state address that it no
 * longer declares: moved to a declared address, or forgotten.
 */
export function fateInConfiguration(configuration: DeclaredConfiguration, address: string): StateFate | undefined {
  const base = withoutInstanceKeys(address);
  const covers = (from: string) => from === address || from === base || base.startsWith(`${from}.`);
  for (const [from, to] of configuration.moves ?? []) if (covers(from) && isDeclared(configuration, to)) return { kind: 'moved', to };
  for (const from of configuration.forgotten ?? []) if (covers(from)) return { kind: 'forgotten' };
  return undefined;
}

/** What happens to a resource in state that no longer has its address in the configuration. */
export type StateFate = { readonly kind: 'moved'; readonly to: string } | { readonly kind: 'forgotten' };

export function declaredInPlan(plan: PlanJson, source: string): DeclaredConfiguration | undefined {
  const root = plan.configuration?.root_module;
  if (!isObject(root)) return undefined;
  const addresses = new Set<string>();
  for (const resource of (root as ConfigModuleJson).resources ?? []) addresses.add(resource.address);
  for (const name of Object.keys((root as ConfigModuleJson).module_calls ?? {})) addresses.add(`module.${name}`);
  return { source, addresses };
}

/** Whether a state address (with instance keys, maybe inside modules) is still declared. */
export function isDeclared(configuration: DeclaredConfiguration, address: string): boolean {
  const base = withoutInstanceKeys(address);
  const module = /^module\.([^.]+)\./.exec(base);
  if (module) return configuration.addresses.has(`module.${module[1]}`);
  return configuration.addresses.has(base);
}

/**
 * For each root resource of the plan's configuration, the root resources whose expressions
 * refer to it: `aws_iam_role.fn` -> [`aws_lambda_function.api`].
 */
export function referrersInConfiguration(plan: PlanJson): Map<string, Set<string>> {
  const referrers = new Map<string, Set<string>>();
  const root = plan.configuration?.root_module;
  for (const resource of root?.resources ?? []) {
    for (const reference of referencesIn(resource.expressions)) {
      const target = referencedResource(reference);
      if (!target || target === resource.address) continue;
      let set = referrers.get(target);
      if (!set) referrers.set(target, (set = new Set()));
      set.add(resource.address);
    }
  }
  return referrers;
}

function referencesIn(node: unknown, found: string[] = []): string[] {
  if (Array.isArray(node)) for (const child of node) referencesIn(child, found);
  else if (isObject(node)) {
    for (const [key, child] of Object.entries(node)) {
      if (key !== 'references' || !Array.isArray(child)) referencesIn(child, found);
      else for (const item of child) if (typeof item === 'string') found.push(item);
    }
  }
  return found;
}

/** `aws_iam_role.fn.arn` -> `aws_iam_role.fn`; `data.x.y.z` -> `data.x.y`; variables, locals and modules -> undefined. */
function referencedResource(reference: string): string | undefined {
  const parts = withoutInstanceKeys(reference).split('.');
  if (['var', 'local', 'module', 'each', 'count', 'path', 'terraform', 'self'].includes(parts[0])) return undefined;
  if (parts[0] === 'data') return parts.length >= 3 ? parts.slice(0, 3).join('.') : undefined;
  return parts.length >= 2 ? parts.slice(0, 2).join('.') : undefined;
}

/**
 * The attributes each resource of the plan's configuration sets (its `expressions`), by address
 * without instance keys, modules included (`module.net.aws_vpc_endpoint.s3`); undefined when the
 * plan carries no configuration.
 */
export function configuredAttributes(plan: PlanJson): Map<string, ReadonlySet<string>> | undefined {
  const root = plan.configuration?.root_module;
  if (!isObject(root)) return undefined;
  const found = new Map<string, ReadonlySet<string>>();
  const visit = (module: ConfigModuleJson, prefix: string): void => {
    for (const resource of module.resources ?? []) {
      found.set(`${prefix}${resource.address}`, new Set(isObject(resource.expressions) ? Object.keys(resource.expressions) : []));
    }
    for (const [name, call] of Object.entries(module.module_calls ?? {})) if (call.module) visit(call.module, `${prefix}module.${name}.`);
  };
  visit(root as ConfigModuleJson, '');
  return found;
}
