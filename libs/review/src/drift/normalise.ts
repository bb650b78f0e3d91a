/**
 * Equality of attribute values as AWS means it, not as JSON spells it: what refresh reads back
 * differs from what the last apply stored in ways that change nothing, and real AWS does it too.
 */
import { parsePolicy } from '../iam/policy';
import { isObject } from '../input/terraform-json';

/**
 * Unset: the last apply stored null where the provider now reads the type's zero value back
 * (`tags` null -> {}, `layers` null -> [], a metric query's `period` null -> 0).
 */
export function isUnset(value: unknown): boolean {
  if (value === null || value === undefined || value === '' || value === 0 || value === false) return true;
  if (Array.isArray(value)) return value.length === 0;
  return isObject(value) && Object.keys(value).length === 0;
}

/** A JSON document held in a string (policies, container definitions), parsed; undefined when it is not one. */
export function parsedDocument(value: unknown): unknown {
  if (typeof value !== 'string') return undefined;
  const trimmed = value.trim();
  if (!trimmed.startsWith('{') && !trimmed.startsWith('[')) return undefined;
  try {
    return JSON.parse(trimmed);
  } catch {
    return undefined;
  }
}

export function sameValue(before: unknown, after: unknown): boolean {
  if (before === after) return true;
  if (isUnset(before) && isUnset(after)) return true;
  if (typeof before === 'string' && typeof after === 'string') return sameDocument(before, after);
  if (Array.isArray(before) && Array.isArray(after)) {
    const { added, removed } = matchEntries(before, after);
    return added.length === 0 && removed.length === 0;
  }
  if (isObject(before) && isObject(after)) {
    return [...new Set([...Object.keys(before), ...Object.keys(after)])].every((key) => sameValue(before[key], after[key]));
  }
  return false;
}

/** Policies grant the same when their statements do, whatever the order, spacing or `Action: "x"` vs `["x"]`. */
function sameDocument(before: string, after: string): boolean {
  const policies = [parsePolicy(before), parsePolicy(after)];
  if (policies[0] && policies[1]) {
    const keys = policies.map((statements) => statements!.map((statement) => statement.key).sort());
    return JSON.stringify(keys[0]) === JSON.stringify(keys[1]);
  }
  const documents = [parsedDocument(before), parsedDocument(after)];
  return documents[0] !== undefined && documents[1] !== undefined && sameValue(documents[0], documents[1]);
}

export interface Entry {
  readonly value: unknown;
  readonly index: number;
}

/**
 * The entries of two lists that have no equal counterpart on the other side. Order is not
 * compared: sets come out in an order that depends on their values (so normalising an entry can
 * move it), and AWS returns many lists (subnets, security groups) in an order of its own.
 */
export function matchEntries(before: readonly unknown[], after: readonly unknown[]): { added: Entry[]; removed: Entry[] } {
  const unmatched = before.map((value, index) => ({ value, index }));
  const added: Entry[] = [];
  after.forEach((value, index) => {
    const match = unmatched.findIndex((candidate) => sameValue(candidate.value, value));
    if (match === -1) added.push({ value, index });
    else unmatched.splice(match, 1);
  });
  return { added, removed: unmatched };
}
