/**
 * Security-group permissions broken down to one protocol, port range and source each, the unit
 * that a group's `ingress`/`egress` entries and the separate rule resources both describe: AWS
 * merges rules with the same ports into one entry, so entries and rules only compare this way.
 */
import { isObject, type JsonObject } from '../input/terraform-json';

export type Direction = 'ingress' | 'egress';

/** EC2 takes protocol numbers and names alike and reads back names. */
const PROTOCOL_NAMES: Readonly<Record<string, string>> = { '-1': '-1', all: '-1', '1': 'icmp', '6': 'tcp', '17': 'udp', '58': 'icmpv6' };

function permission(protocol: unknown, from: unknown, to: unknown, source: string): string {
  const text = String(protocol ?? '-1').toLowerCase();
  const name = PROTOCOL_NAMES[text] ?? text;
  // With every protocol the ports mean nothing: rules leave them null, groups read back 0.
  const ports = name === '-1' ? '*' : `${Number(from ?? -1)}-${Number(to ?? -1)}`;
  return `${name} ${ports} ${source}`;
}

function strings(value: unknown): string[] {
  return Array.isArray(value) ? value.filter((item): item is string => typeof item === 'string' && item !== '') : [];
}

/** `123456789012/sg-1` (another account's group) and `sg-1` name the same group. */
function groupSource(id: string): string {
  return `sg:${id.slice(id.lastIndexOf('/') + 1)}`;
}

/** The permissions of one `ingress` or `egress` entry of an aws_security_group. */
export function permissionsOfEntry(entry: unknown, groupId: string): string[] {
  if (!isObject(entry)) return [];
  const sources = [
    ...strings(entry.cidr_blocks).map((cidr) => `cidr:${cidr}`),
    ...strings(entry.ipv6_cidr_blocks).map((cidr) => `cidr:${cidr}`),
    ...strings(entry.prefix_list_ids).map((id) => `pl:${id}`),
    ...strings(entry.security_groups).map(groupSource),
    ...(entry.self === true ? [groupSource(groupId)] : []),
  ];
  return sources.map((source) => permission(entry.protocol, entry.from_port, entry.to_port, source));
}

/** The permissions of an aws_vpc_security_group_{ingress,egress}_rule. */
export function permissionsOfVpcRule(rule: JsonObject): string[] {
  const single = (key: string, prefix: string) => (typeof rule[key] === 'string' && rule[key] !== '' ? [`${prefix}${rule[key] as string}`] : []);
  const referenced =
    typeof rule.referenced_security_group_id === 'string' && rule.referenced_security_group_id !== '' ? [groupSource(rule.referenced_security_group_id)] : [];
  const sources = [...single('cidr_ipv4', 'cidr:'), ...single('cidr_ipv6', 'cidr:'), ...single('prefix_list_id', 'pl:'), ...referenced];
  return sources.map((source) => permission(rule.ip_protocol, rule.from_port, rule.to_port, source));
}

/** The permissions of a legacy aws_security_group_rule in the given direction. */
export function permissionsOfLegacyRule(rule: JsonObject, direction: Direction): string[] {
  if (rule.type !== direction) return [];
  const groupId = typeof rule.security_group_id === 'string' ? rule.security_group_id : '';
  const source = typeof rule.source_security_group_id === 'string' && rule.source_security_group_id !== '' ? [rule.source_security_group_id] : [];
  return permissionsOfEntry({ ...rule, security_groups: source }, groupId);
}
