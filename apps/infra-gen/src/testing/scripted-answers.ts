/**
 * Scripted model answers for the generator's tests, as the model would send them (JSON text of the
 * infra_change schema): a region added to staging, an overlapping CIDR and its fix, a VPC
 * re-addressing that replaces resources, an account id change, and per-AZ NAT in dev.
 */
type Change = { op: 'add' | 'replace' | 'remove'; path: string; value?: unknown; reason: string };

export function answer(environment: string, summary: string, changes: readonly Change[]): string {
  return JSON.stringify({
    environment,
    summary,
    changes: changes.map(({ op, path, value, reason }) => ({ op, path, valueJson: value === undefined ? null : JSON.stringify(value), reason })),
  });
}

const region = (cidr: string) => ({
  region: 'eu-north-1',
  vpc: { cidr, availabilityZones: ['eu-north-1a', 'eu-north-1b'], nat: 'single' },
});

export const ADD_REGION_DESCRIPTION = 'add eu-north-1 to staging with a single NAT';
export const ADD_REGION = answer('staging', 'Adds eu-north-1 as a third staging region with a single NAT gateway.', [
  { op: 'add', path: '/regions/-', value: region('10.22.0.0/16'), reason: 'a third region, the next free /16, single NAT as asked' },
]);
/** 10.21.0.0/16 is staging's us-east-1 already. */
export const ADD_REGION_OVERLAPPING = answer('staging', 'Adds eu-north-1 to staging.', [
  { op: 'add', path: '/regions/-', value: region('10.21.0.0/16'), reason: 'a third region' },
]);

export const READDRESS_DESCRIPTION = "move dev's VPC to 10.12.0.0/16";
export const READDRESS_DEV = answer('dev', "Moves dev's VPC to 10.12.0.0/16.", [
  { op: 'replace', path: '/regions/0/vpc/cidr', value: '10.12.0.0/16', reason: 'the requested address range; the VPC and its subnets are replaced' },
]);

export const ACCOUNT_DESCRIPTION = 'move dev to account 999999999999';
export const CHANGE_ACCOUNT = answer('dev', 'Moves dev to account 999999999999.', [
  { op: 'replace', path: '/accountId', value: '999999999999', reason: 'the requested account' },
]);

export const NAT_DESCRIPTION = 'spread dev over three zones with a NAT gateway in each';
/** Three NAT gateways (about $33 a month each) take dev past its $100 budget. */
export const PER_AZ_NAT_DEV = answer('dev', 'Three zones in dev, a NAT gateway in each.', [
  { op: 'add', path: '/regions/0/vpc/availabilityZones/-', value: 'us-east-1c', reason: 'a third zone' },
  { op: 'replace', path: '/regions/0/vpc/nat', value: 'per-az', reason: 'one NAT gateway per zone, as asked' },
]);

export const MEMORY_DESCRIPTION = "give dev's function 1024 MB";
export const MEMORY_DEV = answer('dev', "Gives dev's function 1024 MB.", [
  { op: 'replace', path: '/lambda/memoryMb', value: 1024, reason: 'the requested memory' },
]);
