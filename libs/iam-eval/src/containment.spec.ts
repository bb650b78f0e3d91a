import fc from 'fast-check';
import {
  dateRepresentatives,
  ipRepresentatives,
  ipWitness,
  numberRepresentatives,
  stringRepresentatives,
  stringWitness,
  type StringValueSet,
} from './containment';
import { globTokens, matchTokens } from './wildcards';

const like = (...values: string[]): StringValueSet => ({ values, wildcards: true, ignoreCase: false, variables: true });
const equals = (...values: string[]): StringValueSet => ({ values, wildcards: false, ignoreCase: false, variables: true });
const equalsIgnoringCase = (...values: string[]): StringValueSet => ({ values, wildcards: false, ignoreCase: true, variables: true });

describe('stringWitness', () => {
  it('finds a string a wider glob accepts and the narrower one does not, and none the other way', () => {
    const main = like('repo:org/app:ref:refs/heads/main');
    const anyRef = like('repo:org/app:*');

    const witness = stringWitness([anyRef], [main]);

    expect(typeof witness).toBe('string');
    expect(matchTokens(globTokens('repo:org/app:*'), witness as string)).toBe(true);
    expect(witness).not.toBe('repo:org/app:ref:refs/heads/main');
    expect(stringWitness([main], [anyRef])).toBeUndefined();
  });

  it('decides containment in a union of globs that no single glob contains', () => {
    // The empty string and the non-empty ones: together they are everything, neither alone is.
    expect(stringWitness([like('*')], [like(''), like('?*')])).toBeUndefined();
    expect(stringWitness([like('*')], [like('?*')])).toBe('');
    expect(stringWitness([like('??')], [like('a?'), like('?a')])).toMatch(/^[^a]{2}$/);
    expect(stringWitness([like('*a*a*')], [like('*a*')])).toBeUndefined();
    expect(stringWitness([like('*a*')], [like('*a*a*')])).toBe('a');
  });

  it('reads literals literally and case apart, as StringEquals and StringEqualsIgnoreCase do', () => {
    expect(stringWitness([equals('a*')], [like('a*')])).toBeUndefined();
    expect(stringWitness([like('a*')], [equals('a*')])).toBe('a');
    expect(stringWitness([equalsIgnoringCase('api')], [equals('api')])).toMatch(/^[aA][pP][iI]$/);
    expect(stringWitness([equals('API', 'api')], [equalsIgnoringCase('api')])).toBeUndefined();
    // The Kelvin sign lower-cases to "k": StringEqualsIgnoreCase "k" accepts it, StringLike "[kK]" does not.
    expect(stringWitness([equalsIgnoringCase('k')], [equals('k', 'K')])).toBe('\u212a');
  });

  it('says why it cannot decide a policy variable', () => {
    expect(stringWitness([like('home/${aws:username}/*')], [like('home/*')])).toEqual({
      unknown: ['policy variable ${aws:username} (in "home/${aws:username}/*") is not supported'],
    });
  });

  it('gives representatives that every string agrees with on every set (checked on random strings)', () => {
    const alphabet = fc.constantFrom('a', 'b', '/', '*', '?');
    const pattern = fc.array(alphabet, { maxLength: 6 }).map((chars) => chars.join(''));
    fc.assert(
      fc.property(fc.array(pattern, { minLength: 1, maxLength: 3 }), fc.string({ maxLength: 8 }), (patterns, text) => {
        const sets = patterns.map((value) => like(value));
        const representatives = stringRepresentatives(sets) as string[];
        const signature = (candidate: string) => patterns.map((value) => matchTokens(globTokens(value), candidate));
        expect(representatives.map((representative) => signature(representative).join())).toContain(signature(text).join());
      }),
      { numRuns: 1000 },
    );
  });
});

describe('ipWitness', () => {
  it('finds an address a wider CIDR range holds and the narrower one does not, in IPv4 and IPv6', () => {
    expect(ipWitness(['0.0.0.0/0'], ['10.0.0.0/8'])).toBe('0.0.0.0');
    expect(ipWitness(['10.0.0.0/8'], ['0.0.0.0/0'])).toBeUndefined();
    expect(ipWitness(['::/0'], ['2001:db8::/32'])).toBe('0:0:0:0:0:0:0:0');
    expect(ipWitness(['2001:db8::/32'], ['::/0'])).toBeUndefined();
  });

  it('decides containment in a union of ranges, including a hole inside a range', () => {
    expect(ipWitness(['10.0.0.0/8'], ['10.0.0.0/9', '10.128.0.0/9'])).toBeUndefined();
    expect(ipWitness(['10.0.0.0/8'], ['10.0.0.0/9', '10.128.0.0/10', '10.255.0.0/16'])).toBe('10.192.0.0');
    expect(ipWitness(['10.0.0.1'], ['10.0.0.0/31'])).toBeUndefined();
    expect(ipWitness(['10.0.0.0/8'], ['::/0'])).toBe('10.0.0.0');
  });

  it('cuts the address space only where a range begins or ends', () => {
    expect(ipRepresentatives(['10.0.0.0/8'])).toEqual(['0.0.0.0', '10.0.0.0', '11.0.0.0']);
    expect(ipWitness(['10.0.0.0/33'], [])).toEqual({ unknown: ['"10.0.0.0/33" is not an IP address or CIDR range'] });
  });
});

describe('numberRepresentatives and dateRepresentatives', () => {
  it('take each value, a value between each two and one beyond either end', () => {
    expect(numberRepresentatives(['3600', '10'])).toEqual(['9', '10', '1805', '3600', '3601']);
    expect(numberRepresentatives(['10', '10.5'])).toEqual(['9', '10', '10.3', '10.5', '12']);
  });

  it('find the instant between two dates one second apart, to the millisecond', () => {
    expect(dateRepresentatives(['2024-01-01T00:00:00Z', '2024-01-01T00:00:01Z'])).toEqual([
      '2023-12-31T23:59:59.999Z',
      '2024-01-01T00:00:00.000Z',
      '2024-01-01T00:00:00.500Z',
      '2024-01-01T00:00:01.000Z',
      '2024-01-01T00:00:01.001Z',
    ]);
    expect(dateRepresentatives(['1700000000', '1700000001'])).toEqual(['1699999999', '1700000000', '1700000001', '1700000002']);
  });
});
