/** Security-group ingress open to the whole internet (0.0.0.0/0 or ::/0), in its three Terraform spellings. */
import { isObject, type JsonObject } from '../input/terraform-json';
import { asList, asStrings, type Exposure, type ExposureDetector } from './exposure';

const ANYWHERE = new Set(['0.0.0.0/0', '::/0']);

/** Ports that should never face the internet. */
const SENSITIVE_PORTS: Readonly<Record<number, string>> = {
  21: 'FTP',
  22: 'SSH',
  23: 'Telnet',
  135: 'RPC',
  445: 'SMB',
  1433: 'SQL Server',
  1521: 'Oracle',
  2375: 'Docker',
  2379: 'etcd',
  3306: 'MySQL',
  3389: 'RDP',
  5432: 'PostgreSQL',
  5601: 'Kibana',
  6379: 'Redis',
  9200: 'Elasticsearch',
  11211: 'Memcached',
  27017: 'MongoDB',
};

interface Ingress {
  readonly protocol: string;
  readonly from: number;
  readonly to: number;
  readonly cidr: string;
}

function exposureOf(rule: Ingress): Exposure {
  const allProtocols = rule.protocol === '-1' || rule.protocol.toLowerCase() === 'all';
  const allPorts = allProtocols || (rule.from <= 0 && rule.to >= 65535) || (rule.from === -1 && rule.to === -1);
  const ports = allPorts ? 'all ports' : rule.from === rule.to ? `port ${rule.from}` : `ports ${rule.from}-${rule.to}`;
  const sensitive = allPorts
    ? []
    : Object.entries(SENSITIVE_PORTS)
        .filter(([port]) => Number(port) >= rule.from && Number(port) <= rule.to)
        .map(([, name]) => name);
  const wide = !allPorts && rule.to - rule.from >= 1000;
  const what = allProtocols ? 'all traffic' : `${rule.protocol} ${ports}`;
  return {
    key: `${rule.protocol}:${rule.from}-${rule.to}:${rule.cidr}`,
    severity: allPorts || wide || sensitive.length > 0 ? 'high' : 'medium',
    message: `ingress ${what}${sensitive.length > 0 ? ` (${sensitive.join(', ')})` : ''} open to ${rule.cidr}`,
  };
}

function ingressOpenToAnywhere(entry: JsonObject, cidrKeys: readonly string[], protocolKey: string): Exposure[] {
  const cidrs = cidrKeys.flatMap((key) => (typeof entry[key] === 'string' ? [entry[key] as string] : asStrings(entry[key])));
  return cidrs
    .filter((cidr) => ANYWHERE.has(cidr))
    .map((cidr) =>
      exposureOf({
        protocol: String(entry[protocolKey] ?? '-1'),
        from: Number(entry.from_port ?? -1),
        to: Number(entry.to_port ?? -1),
        cidr,
      }),
    );
}

export const securityGroup: ExposureDetector = (values) =>
  asList(values.ingress)
    .filter(isObject)
    .flatMap((entry) => ingressOpenToAnywhere(entry, ['cidr_blocks', 'ipv6_cidr_blocks'], 'protocol'));

export const securityGroupRule: ExposureDetector = (values) =>
  values.type === 'ingress' ? ingressOpenToAnywhere(values, ['cidr_blocks', 'ipv6_cidr_blocks'], 'protocol') : [];

export const vpcIngressRule: ExposureDetector = (values) => ingressOpenToAnywhere(values, ['cidr_ipv4', 'cidr_ipv6'], 'ip_protocol');
