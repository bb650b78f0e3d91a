/** One shape for both kinds of state the review reads: `terraform show -json` of a state, and a raw v4 state file. */
import { formatPath, instanceKey, type PathStep } from './paths';
import { hasMark, maskSensitive, marksOfLocations } from './sensitive';
import { isObject, type JsonObject, type RawStateJson, type StateJson, type StateModuleJson } from './terraform-json';

export interface StateResource {
  /** Full instance address, e.g. `aws_s3_bucket.data` or `module.x.aws_sqs_queue.q[0]`. */
  readonly address: string;
  readonly mode: 'managed' | 'data';
  readonly type: string;
  /** The resource's attributes, each value Terraform marks sensitive replaced by `(sensitive)`. */
  readonly values: JsonObject;
  /** Attribute paths Terraform itself marks sensitive, formatted with formatPath. */
  readonly sensitivePaths: ReadonlySet<string>;
}

export function resourcesOfShownState(state: StateJson | null | undefined): StateResource[] {
  const resources: StateResource[] = [];
  const visit = (module: StateModuleJson | undefined): void => {
    if (!module) return;
    for (const resource of module.resources ?? []) {
      resources.push({
        address: resource.address,
        mode: resource.mode === 'data' ? 'data' : 'managed',
        type: resource.type,
        values: isObject(resource.values) ? maskSensitive(resource.values, [resource.sensitive_values]) : {},
        sensitivePaths: sensitiveValuePaths(resource.sensitive_values),
      });
    }
    for (const child of module.child_modules ?? []) visit(child);
  };
  visit(state?.values?.root_module);
  return resources;
}

export function resourcesOfRawState(state: RawStateJson): StateResource[] {
  const resources: StateResource[] = [];
  for (const resource of state.resources ?? []) {
    const mode = resource.mode === 'data' ? 'data' : 'managed';
    const base = `${resource.module ? `${resource.module}.` : ''}${mode === 'data' ? 'data.' : ''}${resource.type}.${resource.name}`;
    for (const instance of resource.instances ?? []) {
      if (!isObject(instance)) continue;
      resources.push({
        address: `${base}${instanceKey(instance.index_key)}${instance.deposed ? ` (deposed ${instance.deposed})` : ''}`,
        mode,
        type: resource.type,
        values: isObject(instance.attributes)
          ? maskSensitive(instance.attributes, [marksOfLocations(sensitiveAttributeSteps(instance.sensitive_attributes))])
          : {},
        sensitivePaths: sensitiveAttributePaths(instance.sensitive_attributes),
      });
    }
  }
  return resources;
}

/** `sensitive_values` mirrors the values, with `true` where a value is sensitive. */
export function sensitiveValuePaths(marks: unknown): Set<string> {
  const paths = new Set<string>();
  // Most resources carry marks without a single `true` (`{ "tags_all": {} }`): nothing to collect.
  if (hasMark(marks)) collectMarkedPaths(marks, [], paths);
  return paths;
}

function collectMarkedPaths(node: unknown, steps: PathStep[], paths: Set<string>): void {
  if (node === true) paths.add(formatPath(steps));
  else if (Array.isArray(node)) node.forEach((child, index) => collectMarkedPaths(child, [...steps, index], paths));
  else if (isObject(node)) for (const [key, child] of Object.entries(node)) collectMarkedPaths(child, [...steps, key], paths);
}

/** Raw state lists sensitive paths as steps: `[[{ "type": "get_attr", "value": "password" }]]`. */
export function sensitiveAttributePaths(marks: unknown): Set<string> {
  return new Set(sensitiveAttributeSteps(marks).map(formatPath));
}

function sensitiveAttributeSteps(marks: unknown): PathStep[][] {
  const paths: PathStep[][] = [];
  if (!Array.isArray(marks)) return paths;
  for (const path of marks) {
    if (!Array.isArray(path)) continue;
    const steps: PathStep[] = [];
    for (const step of path) {
      if (!isObject(step)) continue;
      const value = isObject(step.value) ? step.value.value : step.value;
      if (typeof value === 'string' || typeof value === 'number') steps.push(value);
    }
    if (steps.length > 0) paths.push(steps);
  }
  return paths;
}
