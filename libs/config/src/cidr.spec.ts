import { cidrsOverlap, parseCidr, type Ipv4Cidr } from './cidr';

function cidr(text: string): Ipv4Cidr {
  const parsed = parseCidr(text);
  if (typeof parsed === 'string') throw new Error(parsed);
  return parsed;
}

describe('parseCidr', () => {
  it('parses a block into its first and last address', () => {
    expect(cidr('10.1.0.0/16')).toMatchObject({ first: 0x0a010000, last: 0x0a01ffff, prefixLength: 16 });
  });

  it.each([
    ['10.0.0.0', 'must be an IPv4 CIDR block such as 10.20.0.0/16'],
    ['10.0.0.256/24', 'each octet must be 0..255'],
    ['10.0.0.0/33', 'the prefix length must be 0..32'],
    ['10.0.0.1/24', 'host bits are set; the network address is 10.0.0.0/24'],
  ])('explains why %s is not a CIDR', (text, reason) => {
    expect(parseCidr(text)).toBe(reason);
  });
});

describe('cidrsOverlap', () => {
  it('detects containment and partial overlap, and not adjacency', () => {
    expect(cidrsOverlap(cidr('10.0.0.0/16'), cidr('10.0.5.0/24'))).toBe(true);
    expect(cidrsOverlap(cidr('10.0.0.0/15'), cidr('10.1.0.0/16'))).toBe(true);
    expect(cidrsOverlap(cidr('10.0.0.0/16'), cidr('10.1.0.0/16'))).toBe(false);
  });
});
