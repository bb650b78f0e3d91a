/**
 * IAM wildcard patterns (`*` any run of characters, `?` exactly one) as token lists: matching a
 * string, whether two patterns can match a common string, and whether one pattern's strings all
 * fall within another's. Policy variables are resolved (or refused) before this point, so a
 * pattern here holds only wildcards and literal characters.
 */

export type Token = { readonly kind: 'star' } | { readonly kind: 'one' } | { readonly kind: 'char'; readonly char: string };

const STAR: Token = { kind: 'star' };
const ONE: Token = { kind: 'one' };

/** Tokens of a pattern where `*` and `?` are wildcards and every other character is itself. */
export function globTokens(pattern: string): Token[] {
  return [...pattern].map((char) => (char === '*' ? STAR : char === '?' ? ONE : { kind: 'char', char }));
}

/** Tokens of a string taken literally (no wildcards). */
export function literalTokens(text: string): Token[] {
  return [...text].map((char) => ({ kind: 'char', char }));
}

export function hasWildcard(tokens: readonly Token[]): boolean {
  return tokens.some((token) => token.kind !== 'char');
}

export function tokensToString(tokens: readonly Token[]): string {
  return tokens.map((token) => (token.kind === 'star' ? '*' : token.kind === 'one' ? '?' : token.char)).join('');
}

/**
 * Whether `text` matches the pattern. Characters are compared by code point; with `ignoreCase`
 * both sides are lower-cased first (ASCII and simple Unicode case, as String#toLowerCase does).
 */
export function matchTokens(pattern: readonly Token[], text: string, ignoreCase = false): boolean {
  const chars = [...(ignoreCase ? text.toLowerCase() : text)];
  const same = (token: Token, char: string) => token.kind === 'one' || (token.kind === 'char' && (ignoreCase ? token.char.toLowerCase() : token.char) === char);
  // Classic linear-backtracking wildcard match: remember the last star and retry from it.
  let p = 0;
  let t = 0;
  let starAt = -1;
  let starText = 0;
  while (t < chars.length) {
    const token = pattern[p];
    if (token !== undefined && token.kind !== 'star' && same(token, chars[t])) {
      p += 1;
      t += 1;
    } else if (token !== undefined && token.kind === 'star') {
      starAt = p;
      starText = t;
      p += 1;
    } else if (starAt >= 0) {
      p = starAt + 1;
      starText += 1;
      t = starText;
    } else {
      return false;
    }
  }
  while (p < pattern.length && pattern[p].kind === 'star') p += 1;
  return p === pattern.length;
}

/** Whether some string matches both patterns (both may hold wildcards). */
export function tokensIntersect(a: readonly Token[], b: readonly Token[]): boolean {
  const seen = new Set<number>();
  const width = b.length + 1;
  const stack: Array<[number, number]> = [[0, 0]];
  const consumesSame = (x: Token, y: Token) => x.kind !== 'char' || y.kind !== 'char' || x.char === y.char;
  while (stack.length > 0) {
    const [i, j] = stack.pop() as [number, number];
    const key = i * width + j;
    if (seen.has(key)) continue;
    seen.add(key);
    if (i === a.length && j === b.length) return true;
    const x = a[i];
    const y = b[j];
    // A star may match nothing.
    if (x?.kind === 'star') stack.push([i + 1, j]);
    if (y?.kind === 'star') stack.push([i, j + 1]);
    // Both consume one common character; a star stays where it is.
    if (x !== undefined && y !== undefined && consumesSame(x, y)) {
      stack.push([x.kind === 'star' ? i : i + 1, y.kind === 'star' ? j : j + 1]);
    }
  }
  return false;
}

/**
 * Whether every string `inner` matches also matches `outer`. Decided symbolically (a star of
 * `outer` may absorb any tokens of `inner`, a `?` one non-star token, a character only itself),
 * which is sound: `true` is always right. It may say `false` for exotic pairs such as
 * `outer = *a*` / `inner = *a*a*`, which only makes a check that uses it stricter.
 */
export function tokensCover(outer: readonly Token[], inner: readonly Token[]): boolean {
  const memo = new Map<number, boolean>();
  const width = outer.length + 1;
  const covers = (i: number, j: number): boolean => {
    const key = i * width + j;
    const known = memo.get(key);
    if (known !== undefined) return known;
    let result: boolean;
    const o = outer[j];
    const n = inner[i];
    if (o === undefined) result = n === undefined;
    else if (o.kind === 'star') result = covers(i, j + 1) || (n !== undefined && covers(i + 1, j));
    else if (o.kind === 'one') result = n !== undefined && n.kind !== 'star' && covers(i + 1, j + 1);
    else result = n !== undefined && n.kind === 'char' && n.char === o.char && covers(i + 1, j + 1);
    memo.set(key, result);
    return result;
  };
  return covers(0, 0);
}

/** Splits tokens at literal `separator` characters, at most `limit - 1` times (the rest stays whole). */
export function splitTokens(tokens: readonly Token[], separator: string, limit: number): Token[][] {
  const parts: Token[][] = [[]];
  for (const token of tokens) {
    if (token.kind === 'char' && token.char === separator && parts.length < limit) parts.push([]);
    else parts[parts.length - 1].push(token);
  }
  return parts;
}
