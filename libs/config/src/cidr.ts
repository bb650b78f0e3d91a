/** IPv4 CIDR parsing and overlap checks for VPC address plans. */

export interface Ipv4Cidr {
  readonly text: string;
  /** First address as an unsigned 32-bit integer. */
  readonly first: number;
  /** Last address as an unsigned 32-bit integer. */
  readonly last: number;
  readonly prefixLength: number;
}

const CIDR_PATTERN = /^(\d{1,3})\.(\d{1,3})\.(\d{1,3})\.(\d{1,3})\/(\d{1,2})$/;

/** Returns the parsed block, or a sentence saying why the text is not a canonical IPv4 CIDR. */
export function parseCidr(text: string): Ipv4Cidr | string {
  const match = CIDR_PATTERN.exec(text);
  if (!match) return 'must be an IPv4 CIDR block such as 10.20.0.0/16';
  const octets = match.slice(1, 5).map(Number);
  const prefixLength = Number(match[5]);
  if (octets.some((octet) => octet > 255)) return 'each octet must be 0..255';
  if (prefixLength > 32) return 'the prefix length must be 0..32';
  const address = octets.reduce((acc, octet) => acc * 256 + octet, 0);
  const size = 2 ** (32 - prefixLength);
  if (address % size !== 0) {
    const base = address - (address % size);
    return `host bits are set; the network address is ${formatAddress(base)}/${prefixLength}`;
  }
  return { text, first: address, last: address + size - 1, prefixLength };
}

export function cidrsOverlap(a: Ipv4Cidr, b: Ipv4Cidr): boolean {
  return a.first <= b.last && b.first <= a.last;
}

function formatAddress(value: number): string {
  return [24, 16, 8, 0].map((shift) => Math.floor(value / 2 ** shift) % 256).join('.');
}
