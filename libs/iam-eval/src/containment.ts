/**
 * Complete sets of representative values for comparing condition values by what they accept, not
 * by their text: for the values a group of conditions names, a finite list such that every possible
 * request value is accepted by exactly the same conditions as one of the list. Evaluating each
 * condition on the list therefore decides containment (and yields a witness) instead of sampling.
 */
import { policyTokens } from './policy-strings';
import { unknown, type Unknown } from './truth';
import { parseDate, parseIpRange, parseNumber, type IpRange } from './values';
import { matchTokens, type Token } from './wildcards';

/** The values of one string condition (StringEquals, StringLike, ... and their negations: the value set is the same). */
export interface StringValueSet {
  readonly values: readonly string[];
  /** `*` and `?` are wildcards (StringLike) or literal (StringEquals). */
  readonly wildcards: boolean;
  /** Compared case-insensitively (the IgnoreCase operators). */
  readonly ignoreCase: boolean;
  /** Whether `${...}` are policy variables (a 2012-10-17 document). */
  readonly variables: boolean;
}

/** More automaton states than this and the search says so instead of running on. */
const MAX_STATES = 20_000;

/** Single characters tried, in order, as "any character no condition names". */
const FRESH = 'zyxwvutsrqponmlkjihgfedcba9876543210_-';

/**
 * One string per distinct combination of the sets that accept it: every string is accepted by
 * exactly the sets one representative is accepted by. Found by a breadth-first search over the
 * product of the patterns' automata on the characters the patterns name plus one that none names
 * (every other character behaves like it), so each representative is a shortest such string.
 */
export function stringRepresentatives(sets: readonly StringValueSet[]): string[] | Unknown {
  const patterns: Array<{ set: number; tokens: Token[]; ignoreCase: boolean }> = [];
  for (const [index, set] of sets.entries()) {
    for (const value of set.values) {
      const tokens = policyTokens(value, { variables: set.variables, wildcards: set.wildcards });
      if (!Array.isArray(tokens)) return tokens;
      if (set.ignoreCase && tokens.some((token) => token.kind === 'char' && !/^[\x20-\x7e]$/.test(token.char))) {
        return unknown(`case-insensitive comparison of the non-ASCII value "${value}" depends on Unicode case rules this comparison does not model`);
      }
      patterns.push({ set: index, tokens, ignoreCase: set.ignoreCase });
    }
  }
  const alphabet = alphabetOf(patterns);
  const closure = (tokens: readonly Token[], positions: Iterable<number>): number[] => {
    const result = new Set<number>();
    const stack = [...positions];
    while (stack.length > 0) {
      const position = stack.pop() as number;
      if (result.has(position)) continue;
      result.add(position);
      if (tokens[position]?.kind === 'star') stack.push(position + 1);
    }
    return [...result].sort((a, b) => a - b);
  };
  const step = (pattern: (typeof patterns)[number], positions: readonly number[], char: string): number[] => {
    let current = positions;
    // An IgnoreCase comparison lower-cases the request value, which may lengthen it (U+0130).
    for (const unit of pattern.ignoreCase ? [...char.toLowerCase()] : [char]) {
      const next: number[] = [];
      for (const position of current) {
        const token = pattern.tokens[position];
        if (token === undefined) continue;
        if (token.kind === 'star') next.push(position);
        else if (token.kind === 'one' || (pattern.ignoreCase ? token.char.toLowerCase() === unit : token.char === unit)) next.push(position + 1);
      }
      current = closure(pattern.tokens, next);
    }
    return [...current];
  };
  const signature = (state: readonly (readonly number[])[]) =>
    sets.map((_, index) => (patterns.some((pattern, at) => pattern.set === index && state[at].includes(pattern.tokens.length)) ? '1' : '0')).join('');
  const start = patterns.map((pattern) => closure(pattern.tokens, [0]));
  const seen = new Set<string>([JSON.stringify(start)]);
  const found = new Map<string, string>([[signature(start), '']]);
  let frontier: Array<{ state: number[][]; text: string }> = [{ state: start, text: '' }];
  while (frontier.length > 0) {
    const next: typeof frontier = [];
    for (const { state, text } of frontier) {
      // A state where no pattern can still match leads only to strings no set accepts.
      if (state.every((positions) => positions.length === 0)) continue;
      for (const char of alphabet) {
        const after = patterns.map((pattern, at) => step(pattern, state[at], char));
        const key = JSON.stringify(after);
        if (seen.has(key)) continue;
        seen.add(key);
        if (seen.size > MAX_STATES) return unknown(`the string values are too intricate to compare exactly (more than ${MAX_STATES} automaton states)`);
        const grown = text + char;
        const mark = signature(after);
        if (!found.has(mark)) found.set(mark, grown);
        next.push({ state: after, text: grown });
      }
    }
    frontier = next;
  }
  return [...found.values()];
}

/** The characters the patterns name (in both cases where one compares without case), and one they do not. */
function alphabetOf(patterns: ReadonlyArray<{ tokens: readonly Token[]; ignoreCase: boolean }>): string[] {
  const chars = new Set<string>();
  const folded = new Set<string>();
  for (const { tokens, ignoreCase } of patterns) {
    for (const token of tokens) {
      if (token.kind !== 'char') continue;
      chars.add(token.char);
      folded.add(token.char.toLowerCase());
      if (ignoreCase) {
        chars.add(token.char.toLowerCase());
        chars.add(token.char.toUpperCase());
        // The Kelvin sign is the one non-ASCII character whose lower case is ASCII.
        if (token.char.toLowerCase() === 'k') chars.add('\u212a');
      }
    }
  }
  const fresh = [...FRESH].find((char) => !folded.has(char) && !chars.has(char) && !chars.has(char.toUpperCase())) ?? '\u00b7';
  return [...chars, fresh];
}

/**
 * A string accepted by some set of `include` and by no set of `exclude`, or undefined when there is
 * none (every string `include` accepts, `exclude` accepts too): containment, decided.
 */
export function stringWitness(include: readonly StringValueSet[], exclude: readonly StringValueSet[]): string | undefined | Unknown {
  const representatives = stringRepresentatives([...include, ...exclude]);
  if (!Array.isArray(representatives)) return representatives;
  const accepts = (set: StringValueSet, text: string) =>
    set.values.some((value) => {
      const tokens = policyTokens(value, { variables: set.variables, wildcards: set.wildcards }) as Token[];
      return matchTokens(tokens, text, set.ignoreCase);
    });
  return representatives.find((text) => include.some((set) => accepts(set, text)) && !exclude.some((set) => accepts(set, text)));
}

/**
 * For IP address conditions: the first address of every stretch of addresses that the ranges do
 * not split (in each address family the values use), so each range holds all of a stretch or none.
 * Values that are no address or range are returned as they are, for the evaluator to reject.
 */
export function ipRepresentatives(values: readonly string[]): string[] {
  const ranges: IpRange[] = [];
  const invalid: string[] = [];
  for (const value of values) {
    const range = parseIpRange(value);
    if (range) ranges.push(range);
    else invalid.push(value);
  }
  const result = new Set<string>(invalid);
  for (const family of [4, 6] as const) {
    const ofFamily = ranges.filter((range) => range.family === family);
    if (ofFamily.length === 0) continue;
    const bits = family === 4 ? 32 : 128;
    const max = (1n << BigInt(bits)) - 1n;
    const starts = new Set<bigint>([0n]);
    for (const range of ofFamily) {
      const { first, last } = ipBounds(range);
      starts.add(first);
      if (last < max) starts.add(last + 1n);
    }
    for (const start of [...starts].sort((a, b) => (a < b ? -1 : a > b ? 1 : 0))) result.add(formatIp(start, family));
  }
  return [...result];
}

/** An address in some range of `include` and in no range of `exclude`, or undefined when `include` lies within `exclude`. */
export function ipWitness(include: readonly string[], exclude: readonly string[]): string | undefined | Unknown {
  const bad = [...include, ...exclude].find((value) => parseIpRange(value) === undefined);
  if (bad !== undefined) return unknown(`"${bad}" is not an IP address or CIDR range`);
  const within = (address: string, values: readonly string[]) => {
    const parsed = parseIpRange(address) as IpRange;
    return values.some((value) => {
      const { first, last } = ipBounds(parseIpRange(value) as IpRange);
      const family = (parseIpRange(value) as IpRange).family;
      return family === parsed.family && parsed.network >= first && parsed.network <= last;
    });
  };
  return ipRepresentatives([...include, ...exclude]).find((address) => within(address, include) && !within(address, exclude));
}

export function ipBounds(range: IpRange): { first: bigint; last: bigint } {
  const shift = BigInt((range.family === 4 ? 32 : 128) - range.prefix);
  const first = (range.network >> shift) << shift;
  return { first, last: first + (1n << shift) - 1n };
}

function formatIp(address: bigint, family: 4 | 6): string {
  if (family === 4) return [24n, 16n, 8n, 0n].map((shift) => String((address >> shift) & 255n)).join('.');
  return Array.from({ length: 8 }, (_, index) => ((address >> BigInt(112 - index * 16)) & 0xffffn).toString(16)).join(':');
}

/**
 * For numeric conditions: each number named, one number between each two neighbours (when a
 * double lies between them) and one beyond either end; every comparison with the named numbers
 * comes out the same for a request number as for one of these. Values that are no number are
 * returned as they are, for the evaluator to reject.
 */
export function numberRepresentatives(values: readonly string[]): string[] {
  const numbers = [...new Set(values.map(parseNumber).filter((value): value is number => value !== undefined))].sort((a, b) => a - b);
  const invalid = values.filter((value) => parseNumber(value) === undefined);
  if (numbers.length === 0) return invalid;
  const result = [decimal(Math.floor(numbers[0]) - 1)];
  numbers.forEach((number, index) => {
    result.push(decimal(number));
    const next = numbers[index + 1];
    if (next === undefined) return;
    const between = betweenDecimal(number, next);
    if (between !== undefined) result.push(between);
  });
  result.push(decimal(Math.ceil(numbers[numbers.length - 1]) + 1));
  return [...new Set([...result, ...invalid])];
}

/** A plain decimal (no exponent), as the condition parser accepts. */
function decimal(value: number): string {
  const text = String(value);
  if (/^-?\d+(\.\d+)?$/.test(text)) return text;
  return value.toFixed(20).replace(/\.?0+$/, '');
}

/** A decimal strictly between two numbers, once parsed; undefined when no double lies between them. */
function betweenDecimal(low: number, high: number): string | undefined {
  const middle = low / 2 + high / 2;
  if (!(middle > low && middle < high)) return undefined;
  for (const digits of [0, 1, 2, 4, 8, 12, 16, 20]) {
    const text = middle.toFixed(digits);
    const parsed = Number(text);
    if (parsed > low && parsed < high && /^-?\d+(\.\d+)?$/.test(text)) return text;
  }
  return undefined;
}

/**
 * For date conditions: as for numbers, on the instants the values name, for ISO 8601 dates (to the
 * millisecond, as they compare) and epoch seconds apart. Values that are no date are returned as
 * they are, for the evaluator to reject.
 */
export function dateRepresentatives(values: readonly string[]): string[] {
  const parsed = values.map((value) => ({ value, date: parseDate(value) }));
  const result = new Set<string>(parsed.filter(({ date }) => date === undefined).map(({ value }) => value));
  const iso = [...new Set(parsed.flatMap(({ date }) => (date?.kind === 'iso' ? [date.ms] : [])))].sort((a, b) => a - b);
  const epoch = [...new Set(parsed.flatMap(({ date }) => (date?.kind === 'epoch' ? [date.seconds] : [])))].sort((a, b) => a - b);
  const points = (sorted: readonly number[], unit: number): number[] => {
    if (sorted.length === 0) return [];
    const out = [sorted[0] - unit];
    sorted.forEach((point, index) => {
      out.push(point);
      const next = sorted[index + 1];
      if (next !== undefined && next - point > unit) out.push(point + Math.floor((next - point) / unit / 2) * unit);
    });
    out.push(sorted[sorted.length - 1] + unit);
    return out;
  };
  for (const ms of points(iso, 1)) result.add(new Date(ms).toISOString());
  for (const seconds of points(epoch, 1)) if (seconds >= 0) result.add(String(seconds));
  return [...result];
}
