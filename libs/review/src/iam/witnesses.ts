/**
 * Request contexts for comparing the conditions of two statements. For each condition key, a
 * complete set of values from @llm/iam-eval (every possible value is accepted by the same
 * conditions as one of them: glob automata for strings, the stretches CIDR ranges cut, the
 * intervals numbers and dates cut, each segment of an ARN) and the key missing; their combinations
 * then decide the comparison. Where no complete set is known (ForAnyValue/ForAllValues, a key
 * compared by operators of different kinds, a policy variable) the values the conditions name
 * serve as samples (each value, its wildcards filled in, the ends of each CIDR range and the
 * addresses just outside it, numbers and dates one step either side), and the key says so.
 */
import { dateRepresentatives, ipRepresentatives, numberRepresentatives, stringRepresentatives, type StringValueSet, type Unknown } from '@llm/iam-eval';
import type { ConditionEntry } from './policy';

/** A request context: key -> one value, or a list for a multivalued key. */
export type WitnessContext = Readonly<Record<string, string | readonly string[]>>;

export interface Witnesses {
  readonly contexts: readonly WitnessContext[];
  /** Why some key was only sampled: then no request telling the sides apart proves nothing. */
  readonly sampled: readonly string[];
}

/** More combinations than this and the comparison says it could not decide, rather than guess. */
export const MAX_WITNESSES = 4096;

/** A value no policy of ours spells: stands for "any other value" and fills wildcards. */
const OTHER = 'z0';

/**
 * Every combination of the witness values of each condition key, or undefined when there are too
 * many. `variables` says whether `${...}` are policy variables, per entry's document.
 */
export function witnessContexts(entries: readonly ConditionEntry[], variables: (entry: ConditionEntry) => boolean = () => true): Witnesses | undefined {
  const byKey = new Map<string, ConditionEntry[]>();
  for (const entry of entries) {
    const key = entry.key.toLowerCase();
    byKey.set(key, [...(byKey.get(key) ?? []), entry]);
  }
  const options: Array<{ key: string; values: Array<string | readonly string[] | undefined> }> = [];
  const sampled = new Set<string>();
  let total = 1;
  for (const group of byKey.values()) {
    const sets = group.some((entry) => /^For(Any|All)Value[s]?:/.test(entry.operator));
    const complete = sets ? undefined : completeValues(group, variables);
    let values: string[];
    if (Array.isArray(complete)) values = complete;
    else {
      values = [...new Set(group.flatMap(witnessValues))];
      sampled.add(
        complete === undefined
          ? `${group[0].key} is compared by a set operator (ForAnyValue/ForAllValues), so only on sample values`
          : complete.unknown.join('; '),
      );
    }
    const singles = group.some((entry) => !/^For(Any|All)Value[s]?:/.test(entry.operator));
    const shapes: Array<string | readonly string[] | undefined> = [undefined];
    if (singles) shapes.push(...values);
    if (sets) shapes.push([], ...values.map((value) => [value]), values);
    options.push({ key: group[0].key, values: shapes });
    total *= shapes.length;
    if (total > MAX_WITNESSES) return undefined;
  }
  let contexts: Array<Record<string, string | readonly string[]>> = [{}];
  for (const { key, values } of options) {
    contexts = contexts.flatMap((context) => values.map((value) => (value === undefined ? context : { ...context, [key]: value })));
  }
  return { contexts, sampled: [...sampled] };
}

type Family = 'string' | 'ip' | 'number' | 'date' | 'bool' | 'null' | 'arn';

function familyOf(operator: string): Family | undefined {
  const base = operator.replace(/^For(Any|All)Values?:/, '').replace(/IfExists$/, '');
  if (/^String(Not)?(Equals|EqualsIgnoreCase|Like)$/.test(base)) return 'string';
  if (/^(Not)?IpAddress$/.test(base)) return 'ip';
  if (base.startsWith('Numeric')) return 'number';
  if (base.startsWith('Date')) return 'date';
  if (base === 'Bool') return 'bool';
  if (base === 'Null') return 'null';
  if (/^Arn(Not)?(Equals|Like)$/.test(base)) return 'arn';
  return undefined;
}

/**
 * Values of one key such that every possible value meets the same conditions as one of them, or
 * why there is no such list (Null conditions need no value but one to be present).
 */
function completeValues(group: readonly ConditionEntry[], variables: (entry: ConditionEntry) => boolean): string[] | Unknown {
  const families = new Set(group.map((entry) => familyOf(entry.operator)));
  families.delete('null');
  if (families.has(undefined)) return { unknown: [`${group[0].key} has a condition operator this comparison does not know, so it is only sampled`] };
  if (families.size > 1) return { unknown: [`${group[0].key} is compared by operators of different kinds, so only on sample values`] };
  const values = group.filter((entry) => familyOf(entry.operator) !== 'null').flatMap((entry) => entry.values);
  const [family] = [...families] as Family[];
  if (family === undefined) return [OTHER];
  if (family === 'ip') return ipRepresentatives(values);
  if (family === 'number') return numberRepresentatives(values);
  if (family === 'date') return dateRepresentatives(values);
  if (family === 'bool') return ['true', 'false'];
  if (family === 'arn') return arnValues(group, variables);
  return stringRepresentatives(group.filter((entry) => familyOf(entry.operator) === 'string').map((entry) => stringSet(entry, variables(entry))));
}

function stringSet(entry: ConditionEntry, variables: boolean): StringValueSet {
  return { values: entry.values, wildcards: /Like/.test(entry.operator), ignoreCase: /IgnoreCase/.test(entry.operator), variables };
}

/** ARN values match part by part (a wildcard never crosses the colons between parts): complete per part, then combined. */
function arnValues(group: readonly ConditionEntry[], variables: (entry: ConditionEntry) => boolean): string[] | Unknown {
  const perPart: string[][] = [];
  for (let part = 0; part < 6; part += 1) {
    const sets: StringValueSet[] = [];
    for (const entry of group) {
      const segments = entry.values.map((value) => splitArn(value));
      const variable = variables(entry) ? entry.values.find((value) => value.includes('${')) : undefined;
      if (variable !== undefined) return { unknown: [`ARN condition value "${variable}" holds a policy variable, so ${entry.key} is only sampled`] };
      const bad = entry.values.find((_, index) => segments[index] === undefined);
      if (bad !== undefined) return { unknown: [`ARN condition value "${bad}" does not have the six parts of an ARN, so ${entry.key} is only sampled`] };
      sets.push({ values: segments.map((parts) => (parts as string[])[part]), wildcards: true, ignoreCase: false, variables: variables(entry) });
    }
    const representatives = part === 0 ? ['arn'] : stringRepresentatives(sets);
    if (!Array.isArray(representatives)) return representatives;
    perPart.push(representatives.filter((value) => part === 5 || !value.includes(':')));
  }
  if (perPart.reduce((product, values) => product * values.length, 1) > MAX_WITNESSES) {
    return { unknown: [`the ARN values of ${group[0].key} are too many to compare exactly`] };
  }
  return perPart.reduce<string[]>(
    (prefixes, values) => prefixes.flatMap((prefix) => values.map((value) => (prefix === '' ? value : `${prefix}:${value}`))),
    [''],
  );
}

/** The six parts of an ARN pattern (the last keeps its colons), or undefined; the first must be `arn`. */
function splitArn(value: string): string[] | undefined {
  const parts = value.split(':');
  if (parts.length < 6 || parts[0] !== 'arn') return undefined;
  return [...parts.slice(0, 5), parts.slice(5).join(':')];
}

function witnessValues(entry: ConditionEntry): string[] {
  const base = entry.operator.replace(/^For(Any|All)Values?:/, '').replace(/IfExists$/, '');
  if (/IpAddress$/.test(base)) return entry.values.flatMap(ipWitnesses);
  if (base.startsWith('Numeric')) return entry.values.flatMap(numberWitnesses);
  if (base.startsWith('Date')) return entry.values.flatMap(dateWitnesses);
  if (base === 'Bool') return ['true', 'false'];
  if (base === 'Null') return [OTHER];
  return [OTHER, ...entry.values.flatMap(stringWitnesses)];
}

/** The value itself, in other case (for the IgnoreCase operators), and its wildcards filled in with nothing and with another value. */
function stringWitnesses(value: string): string[] {
  const cased = value.toUpperCase() === value ? [] : [value.toUpperCase()];
  if (!/[*?]/.test(value)) return [value, ...cased];
  const fill = (star: string) => value.replace(/\*/g, star).replace(/\?/g, 'z');
  return [value, ...cased, fill(''), fill(OTHER)];
}

function numberWitnesses(value: string): string[] {
  if (!/^-?\d+(\.\d+)?$/.test(value)) return [value];
  const number = Number(value);
  return [value, String(number - 1), String(number + 1)];
}

function dateWitnesses(value: string): string[] {
  if (/^\d+$/.test(value)) return [value, String(Number(value) - 1), String(Number(value) + 1)];
  const ms = Date.parse(value);
  if (!Number.isFinite(ms)) return [value];
  return [value, isoSeconds(ms - 1000), isoSeconds(ms + 1000)];
}

function isoSeconds(ms: number): string {
  return new Date(ms).toISOString().replace(/\.\d{3}Z$/, 'Z');
}

/** The first and last address of a range and the addresses just outside it. */
function ipWitnesses(value: string): string[] {
  const range = parseRange(value);
  if (!range) return [value];
  const size = 1n << BigInt(range.bits - range.prefix);
  const first = (range.address >> BigInt(range.bits - range.prefix)) << BigInt(range.bits - range.prefix);
  const last = first + size - 1n;
  const max = (1n << BigInt(range.bits)) - 1n;
  return [first, last, first - 1n, last + 1n].filter((address) => address >= 0n && address <= max).map((address) => formatAddress(address, range.bits));
}

interface Range {
  readonly bits: 32 | 128;
  readonly address: bigint;
  readonly prefix: number;
}

function parseRange(text: string): Range | undefined {
  const [address, prefixText, extra] = text.split('/');
  if (extra !== undefined) return undefined;
  const v4 = /^(\d{1,3})\.(\d{1,3})\.(\d{1,3})\.(\d{1,3})$/.exec(address);
  const bits = v4 ? 32 : 128;
  let value: bigint | undefined;
  if (v4) {
    const octets = v4.slice(1).map(Number);
    if (octets.some((octet) => octet > 255)) return undefined;
    value = octets.reduce((sum, octet) => (sum << 8n) + BigInt(octet), 0n);
  } else {
    value = parseIpv6(address);
  }
  const prefix = prefixText === undefined ? bits : Number(prefixText);
  if (value === undefined || !Number.isInteger(prefix) || prefix < 0 || prefix > bits) return undefined;
  return { bits, address: value, prefix };
}

function parseIpv6(text: string): bigint | undefined {
  if (!/^[0-9A-Fa-f:]+$/.test(text) || text.split('::').length > 2) return undefined;
  const [head, tail] = text.includes('::') ? text.split('::') : [text, undefined];
  const groups = (part: string) => (part === '' ? [] : part.split(':'));
  const left = groups(head);
  const right = tail === undefined ? [] : groups(tail);
  const count = left.length + right.length;
  if ((tail === undefined && count !== 8) || count > 8 || [...left, ...right].some((group) => !/^[0-9A-Fa-f]{1,4}$/.test(group))) return undefined;
  const full = [...left, ...Array<string>(8 - count).fill('0'), ...right];
  return full.reduce((sum, group) => (sum << 16n) + BigInt(parseInt(group, 16)), 0n);
}

function formatAddress(address: bigint, bits: 32 | 128): string {
  if (bits === 32) return [24n, 16n, 8n, 0n].map((shift) => String((address >> shift) & 255n)).join('.');
  return Array.from({ length: 8 }, (_, index) => ((address >> BigInt(112 - index * 16)) & 0xffffn).toString(16)).join(':');
}
