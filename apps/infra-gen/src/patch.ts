/**
 * The model's operations on one environment's configuration: parsed (JSON Pointer, JSON-encoded
 * values), refused when out of scope (another environment, a field the tool may not touch, a
 * secret-looking value), and applied (RFC 6902 add / replace / remove) to a copy of the input.
 */
import { AWS_SECRET_ACCESS_KEY, isSecretAccessKeyShaped, SECRET_VALUE_PATTERNS, secretKindsOfValue } from '@llm/guardrails';
import { schemaAt, type ChangeAnswer, type JsonSchema } from './schema';

export type Json = null | boolean | number | string | Json[] | { [key: string]: Json };

export interface Operation {
  readonly op: 'add' | 'replace' | 'remove';
  /** The JSON Pointer as given, e.g. /regions/1. */
  readonly path: string;
  readonly segments: readonly string[];
  /** For add and replace. */
  readonly value?: Json;
  readonly reason: string;
}

/**
 * Fields the tool never changes: who the environment is (name, account), who may deploy it
 * (the CI repository, the deploy role). A change there is a decision for a person, not a prompt.
 */
export const PROTECTED_PATHS = ['/name', '/accountId', '/ci/githubRepository', '/deployRoleArn'] as const;

/** RFC 6901: `/a/b~1c` -> ['a', 'b/c']. */
export function parsePointer(pointer: string): string[] | undefined {
  if (pointer === '') return [];
  if (!pointer.startsWith('/')) return undefined;
  return pointer
    .slice(1)
    .split('/')
    .map((segment) => segment.replace(/~1/g, '/').replace(/~0/g, '~'));
}

export function formatPointer(segments: readonly string[]): string {
  return segments.map((segment) => `/${segment.replace(/~/g, '~0').replace(/\//g, '~1')}`).join('');
}

export interface ParsedChange {
  readonly operations: readonly Operation[];
  /** Why the answer cannot be used as it is; empty when it can. */
  readonly problems: readonly string[];
}

/**
 * The operations of an answer, with every problem at once: unparsable pointers or values, paths the
 * configuration has no setting for, protected fields, secrets, and an environment other than the
 * one the user named.
 */
export function parseChange(
  answer: ChangeAnswer,
  options: { readonly environment: string | undefined; readonly configurationSchema: JsonSchema },
): ParsedChange {
  const problems: string[] = [];
  const operations: Operation[] = [];
  if (options.environment !== undefined && answer.environment !== options.environment) {
    problems.push(`the change is for environment "${answer.environment}", but only "${options.environment}" may be changed (--env ${options.environment})`);
  }
  if (answer.changes.length === 0) problems.push('the answer changes nothing: give at least one operation');
  const summarySecrets = secretKindsOfValue(answer.summary);
  if (summarySecrets.length > 0) problems.push(`the summary holds what looks like a secret (${summarySecrets.join(', ')}); never repeat a secret`);
  answer.changes.forEach((change, index) => {
    // The path is the model's text too: a secret in it is never repeated in a problem.
    const label = `operation ${index + 1} (${change.op} ${withholdSecrets(change.path)})`;
    const reasonSecrets = secretKindsOfValue(change.reason);
    if (reasonSecrets.length > 0) problems.push(`${label}: the reason holds what looks like a secret (${reasonSecrets.join(', ')}); never repeat a secret`);
    const segments = parsePointer(change.path);
    if (!segments) {
      problems.push(`${label}: the path must be a JSON Pointer starting with "/"`);
      return;
    }
    if (segments.length === 0) {
      problems.push(`${label}: the whole configuration cannot be replaced; change its fields`);
      return;
    }
    const pathSecrets = secretsOf(segments, undefined);
    if (pathSecrets.length > 0) {
      problems.push(`${label}: the path holds what looks like a secret (${pathSecrets.join(', ')}); secrets never go into configuration, not even as names`);
      return;
    }
    const protectedPath = PROTECTED_PATHS.find((path) => isWithin(change.path, path) || isWithin(path, change.path));
    if (protectedPath) {
      problems.push(
        `${label}: ${protectedPath} may not be changed by this tool (it says who the environment is or who may deploy it); ask a person to change it`,
      );
      return;
    }
    const node = schemaAt(options.configurationSchema, segments);
    if ('problem' in node) {
      problems.push(`${label}: ${node.problem}`);
      return;
    }
    if (segments.includes('-') && (change.op !== 'add' || segments.indexOf('-') !== segments.length - 1)) {
      problems.push(`${label}: "-" (the end of a list) can only be the last segment of an add`);
      return;
    }
    if (change.op === 'remove') {
      if (change.valueJson !== null) problems.push(`${label}: a remove takes no value (valueJson null)`);
      operations.push({ op: 'remove', path: change.path, segments, reason: change.reason });
      return;
    }
    if (change.valueJson === null) {
      problems.push(`${label}: an ${change.op} needs a value (valueJson)`);
      return;
    }
    let value: Json;
    try {
      value = JSON.parse(change.valueJson) as Json;
    } catch (error) {
      problems.push(`${label}: valueJson is not JSON (${(error as Error).message})`);
      return;
    }
    const secrets = secretsOf(segments, value);
    if (secrets.length > 0) {
      problems.push(`${label}: the value holds what looks like a secret (${secrets.join(', ')}); secrets never go into configuration (use Secrets Manager)`);
      return;
    }
    operations.push({ op: change.op, path: change.path, segments, value, reason: change.reason });
  });
  return { operations, problems };
}

/** `/ci/githubRepository` is within `/ci` and within itself; `/cidr` is not within `/ci`. */
function isWithin(path: string, ancestor: string): boolean {
  return path === ancestor || path.startsWith(`${ancestor}/`);
}

/**
 * The kinds of secret an operation seems to carry: a path segment, an object key or a string of
 * the value shaped like one (a tag named after a key counts too). A lone 40-character random
 * base64 string counts as an AWS secret access key here, unlike in a plan (where resource ids
 * may look so): no setting of the configuration has that shape, and the stacks' secret hygiene
 * check, which needs a key id or a field name beside it, would let it through into tags.
 */
export function secretsOf(segments: readonly string[], value: Json | undefined): string[] {
  const texts = [...segments, ...(value === undefined ? [] : textsOf(value))];
  return [...new Set(texts.flatMap((text) => [...secretKindsOfValue(text), ...(isSecretAccessKeyShaped(text) ? [AWS_SECRET_ACCESS_KEY] : [])]))];
}

/** The strings and object keys of a value. */
function textsOf(value: Json): string[] {
  if (typeof value === 'string') return [value];
  if (Array.isArray(value)) return value.flatMap(textsOf);
  if (value && typeof value === 'object') return Object.entries(value).flatMap(([key, item]) => [key, ...textsOf(item)]);
  return [];
}

/** `text` with every secret-shaped part replaced by what it looks like: for the model's own words (paths, summaries) when they are printed. */
export function withholdSecrets(text: string): string {
  return SECRET_VALUE_PATTERNS.reduce(
    (shown, { kind, pattern }) => shown.replace(new RegExp(pattern.source, `${pattern.flags.replace('g', '')}g`), `(${kind}, withheld)`),
    text,
  );
}

/** The operations applied to a deep copy of `input`, or the first one that cannot apply, and why. */
export function applyOperations(input: unknown, operations: readonly Operation[]): { readonly value: Json } | { readonly problem: string } {
  let document = structuredClone(input) as Json;
  for (const [index, operation] of operations.entries()) {
    const result = applyOne(document, operation);
    if ('problem' in result) return { problem: `operation ${index + 1} (${operation.op} ${operation.path}): ${result.problem}` };
    document = result.value;
  }
  return { value: document };
}

function applyOne(document: Json, operation: Operation): { value: Json } | { problem: string } {
  const parentSegments = operation.segments.slice(0, -1);
  const key = operation.segments[operation.segments.length - 1];
  let parent: Json = document;
  for (const [depth, segment] of parentSegments.entries()) {
    const next = child(parent, segment);
    if (next === undefined) return { problem: `${formatPointer(operation.segments.slice(0, depth + 1))} does not exist` };
    parent = next;
  }
  if (Array.isArray(parent)) {
    const index = key === '-' ? parent.length : Number(key);
    if (!/^(0|[1-9][0-9]*|-)$/.test(key)) return { problem: `"${key}" is not a list index` };
    if (operation.op === 'add') {
      if (index > parent.length) return { problem: `index ${index} is past the end of the list (${parent.length} items)` };
      parent.splice(index, 0, structuredClone(operation.value as Json));
    } else {
      if (index >= parent.length) return { problem: `index ${index} does not exist (${parent.length} items)` };
      if (operation.op === 'replace') parent[index] = structuredClone(operation.value as Json);
      else parent.splice(index, 1);
    }
    return { value: document };
  }
  if (parent === null || typeof parent !== 'object') return { problem: `${formatPointer(parentSegments)} is not an object or a list` };
  const exists = Object.hasOwn(parent, key);
  if (operation.op !== 'add' && !exists)
    return { problem: `${operation.path} is not set, so it cannot be ${operation.op === 'remove' ? 'removed' : 'replaced'} (use add)` };
  if (operation.op === 'remove') delete parent[key];
  else parent[key] = structuredClone(operation.value as Json);
  return { value: document };
}

function child(node: Json, segment: string): Json | undefined {
  if (Array.isArray(node)) return /^(0|[1-9][0-9]*)$/.test(segment) ? node[Number(segment)] : undefined;
  if (node !== null && typeof node === 'object') return Object.hasOwn(node, segment) ? node[segment] : undefined;
  return undefined;
}
