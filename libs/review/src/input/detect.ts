/**
 * Tells a plan from a state from a configuration, checks the format version, and checks the
 * shape of what the rules read, so that a wrong file fails here with one line and not later
 * with a TypeError.
 */
import { inputErrors } from '../errors';
import { isObject, type PlanJson, type RawStateJson, type StateJson } from './terraform-json';

export type TerraformDocument =
  | { readonly kind: 'plan'; readonly plan: PlanJson }
  | { readonly kind: 'state'; readonly state: StateJson }
  | { readonly kind: 'raw-state'; readonly state: RawStateJson }
  | { readonly kind: 'configuration' };

const PLAN_KEYS = ['resource_changes', 'planned_values', 'output_changes', 'resource_drift', 'prior_state', 'configuration', 'applyable'];
const CONFIGURATION_KEYS = ['resource', 'provider', 'terraform', 'module', 'data', '//'];

export function classify(value: unknown, source: string): TerraformDocument {
  if (!isObject(value)) throw inputErrors.notAnObject(source, Array.isArray(value) ? 'an array' : `a ${value === null ? 'null' : typeof value}`);
  if ('format_version' in value) {
    const version = value.format_version;
    if (PLAN_KEYS.some((key) => key in value)) {
      if (!isReadableFormat(version)) throw inputErrors.unknownPlanFormat(source, version);
      return { kind: 'plan', plan: checkPlan(value, source) };
    }
    if (!isReadableFormat(version)) throw inputErrors.unknownStateFormat(source, version);
    return { kind: 'state', state: checkState(value, source, '') };
  }
  if (typeof value.version === 'number' && ('lineage' in value || 'serial' in value || 'resources' in value)) {
    if (value.version !== 4) throw inputErrors.unknownStateVersion(source, value.version);
    return { kind: 'raw-state', state: checkRawState(value, source) };
  }
  if (CONFIGURATION_KEYS.some((key) => key in value)) return { kind: 'configuration' };
  throw inputErrors.notTerraform(source);
}

/**
 * 1.x (Terraform >= 1.1) and 0.2 (Terraform 1.0, still common in CI images): 0.2 has every field
 * the rules read, the sensitive marks included. Older formats are refused with the list of these.
 */
function isReadableFormat(version: unknown): boolean {
  return typeof version === 'string' && (/^1\.\d+/.test(version) || version === '0.2');
}

/** The plan in `value`, or a ReviewInputError saying why it is not one. */
export function asPlan(value: unknown, source: string): PlanJson {
  const document = classify(value, source);
  switch (document.kind) {
    case 'plan':
      return document.plan;
    case 'configuration':
      throw inputErrors.configGivenAsPlan(source);
    default:
      throw inputErrors.stateGivenAsPlan(source);
  }
}

export function asStateDocument(value: unknown, source: string): Extract<TerraformDocument, { kind: 'state' | 'raw-state' }> {
  const document = classify(value, source);
  if (document.kind === 'plan') throw inputErrors.planGivenAsState(source);
  if (document.kind === 'configuration') throw inputErrors.notTerraform(source);
  return document;
}

function checkPlan(value: Record<string, unknown>, source: string): PlanJson {
  if (value.errored === true) throw inputErrors.erroredPlan(source);
  checkChanges(value.resource_changes, 'resource_changes', source);
  checkChanges(value.resource_drift, 'resource_drift', source);
  const outputs = value.output_changes;
  if (outputs !== undefined) {
    if (!isObject(outputs)) throw inputErrors.malformed(source, 'output_changes', 'is not an object');
    for (const [name, change] of Object.entries(outputs)) {
      if (!isObject(change) || !Array.isArray(change.actions)) throw inputErrors.malformed(source, `output_changes.${name}`, 'has no actions list');
    }
  }
  if (value.prior_state !== undefined && value.prior_state !== null) checkState(value.prior_state, source, 'prior_state.');
  if (value.configuration !== undefined && !isObject(value.configuration)) throw inputErrors.malformed(source, 'configuration', 'is not an object');
  return value as unknown as PlanJson;
}

function checkChanges(changes: unknown, field: string, source: string): void {
  if (changes === undefined || changes === null) return;
  if (!Array.isArray(changes)) throw inputErrors.malformed(source, field, 'is not a list');
  for (let index = 0; index < changes.length; index++) {
    const entry: unknown = changes[index];
    // The place is written out only for the error: a big plan has tens of thousands of entries.
    if (!isObject(entry) || typeof entry.address !== 'string' || typeof entry.type !== 'string') {
      throw inputErrors.malformed(source, `${field}[${index}]`, 'has no address or type');
    }
    if (!isObject(entry.change) || !Array.isArray(entry.change.actions))
      throw inputErrors.malformed(source, `${field}[${index}] (${entry.address})`, 'has no change.actions');
  }
}

function checkState(value: unknown, source: string, prefix: string): StateJson {
  if (!isObject(value)) throw inputErrors.malformed(source, prefix || 'state', 'is not an object');
  const values = value.values;
  if (values === undefined || values === null) return value as unknown as StateJson;
  if (!isObject(values)) throw inputErrors.malformed(source, `${prefix}values`, 'is not an object');
  const check = (module: unknown, where: string): void => {
    if (module === undefined) return;
    if (!isObject(module)) throw inputErrors.malformed(source, where, 'is not an object');
    const resources = module.resources ?? [];
    if (!Array.isArray(resources)) throw inputErrors.malformed(source, `${where}.resources`, 'is not a list');
    resources.forEach((resource: unknown, index) => {
      if (!isObject(resource) || typeof resource.address !== 'string' || typeof resource.type !== 'string') {
        throw inputErrors.malformed(source, `${where}.resources[${index}]`, 'has no address or type');
      }
    });
    const children = module.child_modules ?? [];
    if (!Array.isArray(children)) throw inputErrors.malformed(source, `${where}.child_modules`, 'is not a list');
    children.forEach((child: unknown, index) => check(child, `${where}.child_modules[${index}]`));
  };
  check(values.root_module, `${prefix}values.root_module`);
  return value as unknown as StateJson;
}

function checkRawState(value: Record<string, unknown>, source: string): RawStateJson {
  const resources = value.resources ?? [];
  if (!Array.isArray(resources)) throw inputErrors.malformed(source, 'resources', 'is not a list');
  resources.forEach((resource: unknown, index) => {
    if (!isObject(resource) || typeof resource.type !== 'string' || typeof resource.name !== 'string') {
      throw inputErrors.malformed(source, `resources[${index}]`, 'has no type or name');
    }
    if (resource.instances !== undefined && !Array.isArray(resource.instances)) {
      throw inputErrors.malformed(source, `resources[${index}].instances`, 'is not a list');
    }
  });
  return value as unknown as RawStateJson;
}
