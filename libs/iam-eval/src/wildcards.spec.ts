import fc from 'fast-check';
import { globTokens, matchTokens, splitTokens, tokensCover, tokensIntersect, tokensToString } from './wildcards';

/** The same pattern as a regular expression: the obvious reference implementation. */
const asRegExp = (pattern: string, flags = 's') =>
  new RegExp(`^${[...pattern].map((char) => (char === '*' ? '.*' : char === '?' ? '.' : char.replace(/[.*+?^${}()|[\]\\/]/g, '\\$&'))).join('')}$`, flags);

const alphabet = fc.constantFrom('a', 'b', 'A', '/', ':', '*', '?');
const pattern = fc.array(alphabet, { maxLength: 8 }).map((chars) => chars.join(''));
const text = fc.array(fc.constantFrom('a', 'b', 'A', '/', ':'), { maxLength: 10 }).map((chars) => chars.join(''));

/** A string the pattern matches: each wildcard replaced by some characters. */
const instanceOf = (source: string) =>
  fc
    .array(text, { minLength: source.length, maxLength: source.length })
    .map((fills) => [...source].map((char, index) => (char === '*' ? fills[index] : char === '?' ? (fills[index] + 'a')[0] : char)).join(''));

describe('wildcard patterns', () => {
  it('match like the equivalent regular expression, with and without case', () => {
    fc.assert(
      fc.property(pattern, text, (source, candidate) => {
        expect(matchTokens(globTokens(source), candidate)).toBe(asRegExp(source).test(candidate));
        expect(matchTokens(globTokens(source), candidate, true)).toBe(asRegExp(source, 'si').test(candidate));
      }),
      { numRuns: 2000 },
    );
  });

  it('intersect exactly when some string matches both (checked on instances of each)', () => {
    fc.assert(
      fc.property(
        pattern,
        pattern.chain((source) => fc.tuple(fc.constant(source), instanceOf(source))),
        (a, [b, bInstance]) => {
          // A string of b that a matches is a witness: then they must intersect.
          if (matchTokens(globTokens(a), bInstance)) expect(tokensIntersect(globTokens(a), globTokens(b))).toBe(true);
          expect(tokensIntersect(globTokens(b), globTokens(b))).toBe(true);
        },
      ),
      { numRuns: 2000 },
    );
    expect(tokensIntersect(globTokens('a*'), globTokens('*b'))).toBe(true);
    expect(tokensIntersect(globTokens('a?'), globTokens('b*'))).toBe(false);
    expect(tokensIntersect(globTokens('ab'), globTokens('a'))).toBe(false);
  });

  it('say one covers another only if every string of the inner one matches the outer one', () => {
    fc.assert(
      fc.property(
        pattern,
        pattern.chain((source) => fc.tuple(fc.constant(source), instanceOf(source))),
        (outer, [inner, innerInstance]) => {
          if (tokensCover(globTokens(outer), globTokens(inner))) expect(matchTokens(globTokens(outer), innerInstance)).toBe(true);
        },
      ),
      { numRuns: 3000 },
    );
    expect(tokensCover(globTokens('bucket/*'), globTokens('bucket/reports/*'))).toBe(true);
    expect(tokensCover(globTokens('bucket/reports/*'), globTokens('bucket/*'))).toBe(false);
    expect(tokensCover(globTokens('a?c'), globTokens('a*c'))).toBe(false);
  });

  it('split at literal separators only, at most as often as asked', () => {
    expect(splitTokens(globTokens('arn:aws:logs:r:a:log-group:x:*'), ':', 6).map(tokensToString)).toEqual(['arn', 'aws', 'logs', 'r', 'a', 'log-group:x:*']);
  });
});
