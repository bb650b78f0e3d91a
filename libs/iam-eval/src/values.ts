/**
 * The typed values condition operators compare: numbers, dates (W3C ISO 8601 or epoch seconds),
 * booleans and IP addresses / CIDR ranges (IPv4 and IPv6). Each parser accepts only the plain,
 * documented forms and returns undefined for anything else, so a doubtful value is undecided
 * instead of being read one way or another.
 */

const NUMBER = /^-?\d+(\.\d+)?$/;

export function parseNumber(text: string): number | undefined {
  return NUMBER.test(text) ? Number(text) : undefined;
}

export type ParsedDate = { readonly kind: 'iso'; readonly ms: number } | { readonly kind: 'epoch'; readonly seconds: number };

const ISO_DATE = /^(\d{4})-(\d{2})-(\d{2})(?:T(\d{2}):(\d{2})(?::(\d{2})(?:\.\d{1,9})?)?(Z|[+-]\d{2}:\d{2}))?$/;
const EPOCH = /^(0|[1-9]\d{0,11})$/;

export function parseDate(text: string): ParsedDate | undefined {
  if (EPOCH.test(text)) return { kind: 'epoch', seconds: Number(text) };
  const match = ISO_DATE.exec(text);
  if (!match) return undefined;
  const [, year, month, day, hour = '0', minute = '0', second = '0'] = match;
  // Reject impossible calendar values (2024-02-30, 25:00) that Date.parse would roll over.
  const check = new Date(Date.UTC(Number(year), Number(month) - 1, Number(day), Number(hour), Number(minute), Number(second)));
  if (
    check.getUTCFullYear() !== Number(year) ||
    check.getUTCMonth() !== Number(month) - 1 ||
    check.getUTCDate() !== Number(day) ||
    check.getUTCHours() !== Number(hour) ||
    check.getUTCMinutes() !== Number(minute) ||
    check.getUTCSeconds() !== Number(second)
  ) {
    return undefined;
  }
  const ms = Date.parse(text);
  return Number.isFinite(ms) ? { kind: 'iso', ms } : undefined;
}

export function parseBool(text: string): boolean | undefined {
  const lower = text.toLowerCase();
  return lower === 'true' ? true : lower === 'false' ? false : undefined;
}

export interface IpRange {
  readonly family: 4 | 6;
  readonly network: bigint;
  readonly prefix: number;
}

const IPV4 = /^(25[0-5]|2[0-4]\d|1\d{2}|[1-9]?\d)(\.(25[0-5]|2[0-4]\d|1\d{2}|[1-9]?\d)){3}$/;

function ipv4(text: string): bigint | undefined {
  if (!IPV4.test(text)) return undefined;
  return text.split('.').reduce((sum, octet) => (sum << 8n) + BigInt(Number(octet)), 0n);
}

/** Plain IPv6 (hex groups, one `::` at most). Embedded IPv4 and zone ids are not accepted. */
function ipv6(text: string): bigint | undefined {
  if (!/^[0-9A-Fa-f:]+$/.test(text) || text.split('::').length > 2) return undefined;
  const [head, tail] = text.includes('::') ? text.split('::') : [text, undefined];
  const groups = (part: string) => (part === '' ? [] : part.split(':'));
  const left = groups(head);
  const right = tail === undefined ? [] : groups(tail);
  const all = [...left, ...right];
  if (all.some((group) => !/^[0-9A-Fa-f]{1,4}$/.test(group))) return undefined;
  if (tail === undefined ? all.length !== 8 : all.length > 7) return undefined;
  const full = tail === undefined ? all : [...left, ...Array<string>(8 - all.length).fill('0'), ...right];
  return full.reduce((sum, group) => (sum << 16n) + BigInt(parseInt(group, 16)), 0n);
}

/** An address (`10.0.0.1`, `2001:db8::1`) or a range (`10.0.0.0/8`, `2001:db8::/32`). */
export function parseIpRange(text: string): IpRange | undefined {
  const [address, prefixText, extra] = text.split('/');
  if (extra !== undefined) return undefined;
  const v4 = ipv4(address);
  const v6 = v4 === undefined ? ipv6(address) : undefined;
  if (v4 === undefined && v6 === undefined) return undefined;
  const family = v4 !== undefined ? 4 : 6;
  const bits = family === 4 ? 32 : 128;
  let prefix = bits;
  if (prefixText !== undefined) {
    if (!/^(0|[1-9]\d{0,2})$/.test(prefixText) || Number(prefixText) > bits) return undefined;
    prefix = Number(prefixText);
  }
  return { family, network: (v4 ?? v6) as bigint, prefix };
}

/** A request's source address: no prefix allowed. */
export function parseIpAddress(text: string): IpRange | undefined {
  return text.includes('/') ? undefined : parseIpRange(text);
}

export function ipInRange(address: IpRange, range: IpRange): boolean {
  if (address.family !== range.family) return false;
  const bits = BigInt(range.family === 4 ? 32 : 128);
  const shift = bits - BigInt(range.prefix);
  return address.network >> shift === range.network >> shift;
}
