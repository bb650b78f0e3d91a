/**
 * Witness requests for comparing the conditions of two statements: request contexts built from the
 * values the conditions themselves name (each value, its wildcards filled in, the ends of each
 * CIDR range and the addresses just outside it, numbers and dates one step either side, the key
 * missing), so that a change of operator or value shows as a request one side lets through and the
 * other does not.
 */
import type { ConditionEntry } from './policy';

/** A request context: key -> one value, or a list for a multivalued key. */
export type WitnessContext = Readonly<Record<string, string | readonly string[]>>;

/** More combinations than this and the comparison says it could not decide, rather than guess. */
export const MAX_WITNESSES = 4096;

/** A value no policy of ours spells: stands for "any other value" and fills wildcards. */
const OTHER = 'z0';

/** Every combination of the witness values of each condition key, or undefined when there are too many. */
export function witnessContexts(entries: readonly ConditionEntry[]): WitnessContext[] | undefined {
  const byKey = new Map<string, ConditionEntry[]>();
  for (const entry of entries) {
    const key = entry.key.toLowerCase();
    byKey.set(key, [...(byKey.get(key) ?? []), entry]);
  }
  const options: Array<{ key: string; values: Array<string | readonly string[] | undefined> }> = [];
  let total = 1;
  for (const group of byKey.values()) {
    const values = [...new Set(group.flatMap(witnessValues))];
    const sets = group.some((entry) => /^For(Any|All)Value:/.test(entry.operator));
    const singles = group.some((entry) => !/^For(Any|All)Value:/.test(entry.operator));
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
  return contexts;
}

function witnessValues(entry: ConditionEntry): string[] {
  const base = entry.operator.replace(/^For(Any|All)Value:/, '').replace(/IfExists$/, '');
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
