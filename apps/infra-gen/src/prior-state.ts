/**
 * The state an apply of the unchanged configuration would leave, made offline so the changed
 * configuration can be planned against it (a real delta: updates, replaces, destroys). It starts
 * from review's stateFromPlan (planned values, made-up ids and ARNs, references resolved) and
 * fills every other value known only after apply with a value of the provider schema's type, since
 * Terraform refuses a null where an argument refers to it (`target_key_id = key.key_id`). Values
 * made up this way can make Terraform see differences that an apply would not leave; the proof
 * cancels them with a control plan of the unchanged configuration against the same state.
 */
import { runTerraform } from '@llm/terraform';
import { mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { stateFromPlan } from '@llm/terraform';

type Json = ReturnType<typeof stateFromPlan>;

interface Block {
  readonly attributes?: Record<string, { readonly type?: unknown }>;
}

export type ResourceSchemas = Readonly<Record<string, { readonly block: Block }>>;

/** The AWS provider's resource schemas (`terraform providers schema -json`), from a throwaway init in `dir`. */
export async function awsResourceSchemas(dir: string, env: NodeJS.ProcessEnv): Promise<ResourceSchemas> {
  mkdirSync(dir, { recursive: true });
  writeFileSync(join(dir, 'main.tf.json'), JSON.stringify({ terraform: { required_providers: { aws: { source: 'aws', version: '5.100.0' } } } }));
  const init = await runTerraform(['init', '-input=false', '-no-color'], dir, env);
  if (init.code !== 0) throw new Error(`terraform init for the provider schema failed: ${init.stderr || init.stdout}`);
  const schema = await runTerraform(['providers', 'schema', '-json'], dir, env);
  if (schema.code !== 0) throw new Error(`terraform providers schema failed: ${schema.stderr || schema.stdout}`);
  const parsed = JSON.parse(schema.stdout) as { provider_schemas: Record<string, { resource_schemas: ResourceSchemas }> };
  const aws = Object.entries(parsed.provider_schemas).find(([name]) => name.endsWith('hashicorp/aws'));
  if (!aws) throw new Error('terraform providers schema lists no hashicorp/aws provider');
  return aws[1].resource_schemas;
}

export function priorStateFromPlan(plan: Json, schemas: ResourceSchemas, accountId: string): Json {
  const state = stateFromPlan(plan);
  const unknownByAddress = new Map<string, Json>((plan.resource_changes ?? []).map((change: Json) => [change.address, change.change?.after_unknown ?? {}]));
  const regionOf = (plan.configuration?.provider_config?.aws?.expressions?.region?.constant_value as string | undefined) ?? 'us-east-1';
  const expressionsByAddress = new Map<string, Json>(
    (plan.configuration?.root_module?.resources ?? []).map((resource: Json) => [resource.address, resource.expressions ?? {}]),
  );
  const referenced = referencedAttributes(plan.configuration?.root_module ?? {});
  for (const resource of state.resources as Json[]) {
    const address = `${resource.type}.${resource.name}`;
    const schema = schemas[resource.type];
    if (!schema) continue;
    const values = resource.instances[0].attributes;
    const unknown = unknownByAddress.get(address) ?? {};
    const site = { address, accountId, region: regionOf, service: resource.type.replace(/^aws_/, '').split('_')[0], values };
    // stateFromPlan's made-up ARNs have no region, account or resource type; the provider validates ARNs it is handed.
    if (unknown.arn === true) values.arn = madeUpArn(site);
    const expressions = expressionsByAddress.get(address) ?? {};
    for (const [name, attribute] of Object.entries(schema.block.attributes ?? {})) {
      // stateFromPlan resolves a list of references to its first element's value; a list needs them all.
      const isList = Array.isArray(attribute.type) && (attribute.type[0] === 'list' || attribute.type[0] === 'set');
      if (isList && unknown[name] === true && values[name] !== undefined && values[name] !== null && !Array.isArray(values[name])) {
        values[name] = referencesIn(expressions[name]).map((reference) => valueAt(state, reference));
      }
      if (unknown[name] === true && referenced.has(`${address}.${name}`) && (values[name] === null || values[name] === undefined))
        values[name] = madeUp(attribute.type, name, site);
    }
  }
  state.outputs = Object.fromEntries(Object.entries<Json>(state.outputs ?? {}).map(([name, output]) => [name, { ...output, type: ctyTypeOf(output.value) }]));
  return state;
}

interface Site {
  readonly values: Json;
  readonly address: string;
  readonly accountId: string;
  readonly region: string;
  readonly service: string;
}

/**
 * `type.name.attribute` of every reference in the configuration. Only those values are made up:
 * a value nobody refers to stays null, as the provider expects of attributes it has not computed
 * (an SNS topic with a made-up fifo_throughput_scope fails validation).
 */
function referencedAttributes(node: unknown, found = new Set<string>()): Set<string> {
  if (Array.isArray(node)) node.forEach((item) => referencedAttributes(item, found));
  else if (node !== null && typeof node === 'object') {
    for (const [key, value] of Object.entries(node)) {
      if (key === 'references' && Array.isArray(value)) {
        for (const reference of value)
          if (typeof reference === 'string' && reference.split('.').length >= 3) found.add(reference.split('.').slice(0, 3).join('.'));
      } else referencedAttributes(value, found);
    }
  }
  return found;
}

/** The `type.name.attribute` references of one expression, in order, each once. */
function referencesIn(expression: Json | undefined): string[] {
  const references: string[] = (expression?.references ?? []).filter((reference: string) => reference.split('.').length === 3);
  return [...new Set(references)];
}

function valueAt(state: Json, reference: string): unknown {
  const [type, name, attribute] = reference.split('.');
  const resource = (state.resources as Json[]).find((candidate) => candidate.type === type && candidate.name === name);
  return resource?.instances[0].attributes[attribute] ?? null;
}

/** ARNs the way AWS writes them, so the provider's ARN validation accepts them. */
function madeUpArn(site: Site): string {
  const name = String(site.values.name ?? site.values.function_name ?? site.values.bucket ?? site.values.id ?? site.address);
  if (site.service === 'iam') return `arn:aws:iam::${site.accountId}:${site.address.split('.')[0].replace(/^aws_iam_/, '')}/${name}`;
  if (site.service === 's3') return `arn:aws:s3:::${name}`;
  if (site.service === 'lambda') return `arn:aws:lambda:${site.region}:${site.accountId}:function:${name}`;
  return `arn:aws:${site.service}:${site.region}:${site.accountId}:${name}`;
}

function madeUp(type: unknown, name: string, site: Site): unknown {
  if (type === 'string') {
    return name === 'arn' || name.endsWith('_arn') ? madeUpArn(site) : `offline-${site.address}.${name}`;
  }
  if (type === 'number') return 1;
  if (type === 'bool') return false;
  if (Array.isArray(type)) {
    if (type[0] === 'list' || type[0] === 'set') return [];
    if (type[0] === 'map') return {};
    if (type[0] === 'object')
      return Object.fromEntries(Object.entries(type[1] as Record<string, unknown>).map(([key, item]) => [key, madeUp(item, key, site)]));
  }
  return null;
}

/** Terraform reads an output's value by the type saved with it: a list saved as "string" is refused. */
function ctyTypeOf(value: unknown): unknown {
  if (typeof value === 'string') return 'string';
  if (typeof value === 'number') return 'number';
  if (typeof value === 'boolean') return 'bool';
  if (Array.isArray(value)) return ['tuple', value.map(ctyTypeOf)];
  if (value !== null && typeof value === 'object') return ['object', Object.fromEntries(Object.entries(value).map(([key, item]) => [key, ctyTypeOf(item)]))];
  return 'string';
}

export function readJson(path: string): Json {
  return JSON.parse(readFileSync(path, 'utf8')) as Json;
}
