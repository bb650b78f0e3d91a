/**
 * Builds the state Terraform would hold after applying a plan, for a prior state without an AWS
 * account (npm run infra plans a change against it; integration tests review against it): the planned values, with the values known only after apply
 * filled in (ids and ARNs made up, references to other resources resolved from the configuration).
 */

import type { SynthBlock } from './testing';

/** Plans and states are free-form JSON here. */
type Json = SynthBlock;

export interface StateFromPlanOptions {
  /** Values to set per resource address, for computed attributes the provider would otherwise plan to change. */
  readonly extra?: Readonly<Record<string, Json>>;
  /** @default 1 */
  readonly serial?: number;
}

export function stateFromPlan(plan: Json, options: StateFromPlanOptions = {}): Json {
  const planned: Json[] = plan.planned_values?.root_module?.resources ?? [];
  const unknownByAddress = new Map<string, Json>((plan.resource_changes ?? []).map((change: Json) => [change.address, change.change.after_unknown ?? {}]));
  const expressionsByAddress = new Map<string, Json>(
    (plan.configuration?.root_module?.resources ?? []).map((resource: Json) => [resource.address, resource.expressions ?? {}]),
  );
  const attributes = new Map<string, Json>();
  for (const resource of planned) {
    const values: Json = { ...resource.values };
    const unknown = unknownByAddress.get(resource.address) ?? {};
    values.id ??= values.name ?? values.bucket ?? values.function_name ?? resource.name;
    if (unknown.arn === true) values.arn = `arn:aws:${resource.type.replace(/^aws_/, '')}:::${values.id}`;
    attributes.set(resource.address, values);
  }
  // References to values known only after apply (`aws_s3_bucket.b.id`) take the made-up values above.
  for (let pass = 0; pass < 3; pass++) {
    for (const resource of planned) {
      const values = attributes.get(resource.address)!;
      const unknown = unknownByAddress.get(resource.address) ?? {};
      for (const [key, expression] of Object.entries<Json>(expressionsByAddress.get(resource.address) ?? {})) {
        if (unknown[key] !== true) continue;
        const value = resolve(expression.references ?? [], attributes);
        if (value !== undefined && value !== null) values[key] = value;
      }
    }
  }
  for (const [address, extra] of Object.entries(options.extra ?? {})) Object.assign(attributes.get(address) ?? {}, extra);
  const outputExpressions: Json = plan.configuration?.root_module?.outputs ?? {};
  const outputs: Json = {};
  for (const [name, change] of Object.entries<Json>(plan.output_changes ?? {})) {
    const value = change.after ?? resolve(outputExpressions[name]?.expression?.references ?? [], attributes);
    if (value !== undefined && value !== null) outputs[name] = { value, type: 'string' };
  }
  return {
    version: 4,
    terraform_version: plan.terraform_version ?? '1.11.4',
    serial: options.serial ?? 1,
    lineage: '00000000-0000-4000-8000-00000000cafe',
    outputs,
    resources: planned.map((resource) => ({
      mode: 'managed',
      type: resource.type,
      name: resource.name,
      provider: `provider["${resource.provider_name}"]`,
      instances: [{ schema_version: resource.schema_version ?? 0, attributes: attributes.get(resource.address), sensitive_attributes: [] }],
    })),
  };
}

/** The value of the first `type.name.attribute` reference, from the attributes made so far. */
function resolve(references: readonly string[], attributes: ReadonlyMap<string, Json>): unknown {
  const reference = references.find((item) => item.split('.').length === 3);
  if (!reference) return undefined;
  const [type, name, attribute] = reference.split('.');
  return attributes.get(`${type}.${name}`)?.[attribute];
}
