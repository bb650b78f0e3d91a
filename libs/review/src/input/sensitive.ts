/**
 * Values Terraform marks sensitive, replaced by `(sensitive)` where plans and states are read into
 * the review's model: no rule ever sees them, so no format can print them, whatever it prints.
 */
import type { PathStep } from './paths';
import { isObject, type JsonObject } from './terraform-json';

/** What a sensitive value reads as in the review: the words Terraform's own plan output uses. */
export const SENSITIVE_VALUE = '(sensitive)';

/**
 * A copy of `values` with every value under a `true` of any of `marks` replaced. Marks mirror
 * the values (`before_sensitive`, `after_sensitive`, `sensitive_values`): `{ "policy": true }`.
 * Maps and lists under a mark keep their shape and only their leaves are replaced, so paths such
 * as `environment[0].variables.API_KEY` still name where a secret is; empty and null values stay,
 * since they hide nothing and rules read "unset" from them.
 */
export function maskSensitive(values: JsonObject, marks: readonly unknown[]): JsonObject {
  let result = values;
  for (const mark of marks) if (hasMark(mark)) result = mask(result, mark) as JsonObject;
  return result;
}

function mask(value: unknown, mark: unknown): unknown {
  if (mark === true) return hidden(value);
  if (Array.isArray(value) && (Array.isArray(mark) || isObject(mark))) {
    const marks = mark as Record<number, unknown>;
    return value.map((child, index) => (hasMark(marks[index]) ? mask(child, marks[index]) : child));
  }
  if (isObject(value) && isObject(mark)) {
    const copy: JsonObject = { ...value };
    for (const [key, child] of Object.entries(mark)) if (key in copy && hasMark(child)) copy[key] = mask(copy[key], child);
    return copy;
  }
  return value;
}

function hidden(value: unknown): unknown {
  if (value === null || value === undefined || value === '') return value;
  if (Array.isArray(value)) return value.map(hidden);
  if (isObject(value)) return Object.fromEntries(Object.entries(value).map(([key, child]) => [key, hidden(child)]));
  return SENSITIVE_VALUE;
}

/** Whether a mark tree marks anything: most resources have marks without a single `true`. */
export function hasMark(mark: unknown): boolean {
  if (mark === true) return true;
  if (Array.isArray(mark)) return mark.some(hasMark);
  if (!isObject(mark)) return false;
  for (const key of Object.keys(mark)) if (hasMark(mark[key])) return true;
  return false;
}

/** The paths (as steps) that marks mark: `{ environment: [{ variables: true }] }` -> `[['environment', 0, 'variables']]`. */
export function markedLocations(marks: unknown): PathStep[][] {
  const found: PathStep[][] = [];
  const walk = (node: unknown, steps: PathStep[]): void => {
    if (node === true) found.push(steps);
    else if (Array.isArray(node)) node.forEach((child, index) => walk(child, [...steps, index]));
    else if (isObject(node)) for (const [key, child] of Object.entries(node)) walk(child, [...steps, key]);
  };
  walk(marks, []);
  return found;
}

/** A mark tree for paths given as steps, the shape raw state files list them in. */
export function marksOfLocations(locations: readonly (readonly PathStep[])[]): unknown {
  const root: Record<string, unknown> = {};
  for (const steps of locations) {
    if (steps.length === 0) return true;
    let node = root;
    for (const [index, step] of steps.entries()) {
      const key = typeof step === 'object' ? step.key : String(step);
      // A path below one already marked is marked with it.
      if (node[key] === true) break;
      if (index === steps.length - 1) node[key] = true;
      else {
        if (!isObject(node[key])) node[key] = {};
        node = node[key] as Record<string, unknown>;
      }
    }
  }
  return root;
}

/** The value at a path of steps, or undefined where the path leads nowhere. */
export function valueAt(values: unknown, steps: readonly PathStep[]): unknown {
  let node = values;
  for (const step of steps) {
    const key = typeof step === 'object' ? step.key : step;
    if (Array.isArray(node) && typeof key === 'number') node = node[key];
    else if (isObject(node)) node = node[String(key)];
    else return undefined;
  }
  return node;
}
