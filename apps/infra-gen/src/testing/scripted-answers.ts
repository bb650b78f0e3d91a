/**
 * Scripted model answers for the generator's tests, as the model would send them (JSON text of the
 * infra_change schema): a region added to staging, an overlapping CIDR and its fix, a region
 * removed from staging, a VPC re-addressing that replaces resources, an account id change, per-AZ
 * NAT in dev, more memory in dev, and secrets the model should never have put into tags.
 */
import { cidrsOverlap, parseCidr, type Ipv4Cidr } from '@llm/config';
import { ENVIRONMENTS } from '@llm/environments';
import { isPricedRegion } from '@llm/pricing';

type Change = { op: 'add' | 'replace' | 'remove'; path: string; value?: unknown; reason: string };

export function answer(environment: string, summary: string, changes: readonly Change[]): string {
  return JSON.stringify({
    environment,
    summary,
    changes: changes.map(({ op, path, value, reason }) => ({ op, path, valueJson: value === undefined ? null : JSON.stringify(value), reason })),
  });
}

/** Staging as configured now: the region to add and its CIDR follow from it, so adding a region to staging breaks no test. */
const STAGING = ENVIRONMENTS.find((env) => env.name === 'staging') as { regions: Array<{ region: string; vpc: { cidr: string } }> };
const TAKEN_CIDRS = ENVIRONMENTS.flatMap((env) => (env as typeof STAGING).regions.map((entry) => parseCidr(entry.vpc.cidr))).filter(
  (cidr): cidr is Ipv4Cidr => typeof cidr !== 'string',
);
/** The region the scripted answers add to staging: priced, in Europe, not yet one of staging's. */
export const NEW_STAGING_REGION = ['eu-north-1', 'eu-west-2', 'eu-west-3', 'eu-central-1'].find(
  (candidate) => isPricedRegion(candidate) && !STAGING.regions.some((entry) => entry.region === candidate),
) as string;
/** The next /16 of staging's 10.2x block that no environment's region holds. */
export const NEW_STAGING_CIDR = Array.from({ length: 10 }, (_, offset) => `10.${20 + offset}.0.0/16`).find(
  (text) => !TAKEN_CIDRS.some((other) => cidrsOverlap(other, parseCidr(text) as Ipv4Cidr)),
) as string;
const LAST_STAGING_REGION = STAGING.regions[STAGING.regions.length - 1];
/** What the configuration says of ADD_REGION_OVERLAPPING: the new entry overlaps staging's last region. */
export const OVERLAP_PROBLEM = `regions[${STAGING.regions.length}].vpc.cidr = "${LAST_STAGING_REGION.vpc.cidr}": overlaps regions[${STAGING.regions.length - 1}].vpc.cidr ${LAST_STAGING_REGION.vpc.cidr} (${LAST_STAGING_REGION.region})`;

const region = (cidr: string) => ({
  region: NEW_STAGING_REGION,
  vpc: { cidr, availabilityZones: [`${NEW_STAGING_REGION}a`, `${NEW_STAGING_REGION}b`], nat: 'single' },
});
/** The line the configuration diff adds for ADD_REGION, in the house style of source-edit. */
export const ADD_REGION_SOURCE_LINE = `{ region: '${NEW_STAGING_REGION}', vpc: { cidr: '${NEW_STAGING_CIDR}', availabilityZones: ['${NEW_STAGING_REGION}a', '${NEW_STAGING_REGION}b'], nat: 'single' } },`;

export const ADD_REGION_DESCRIPTION = `add ${NEW_STAGING_REGION} to staging with a single NAT`;
export const ADD_REGION = answer('staging', `Adds ${NEW_STAGING_REGION} as another staging region with a single NAT gateway.`, [
  { op: 'add', path: '/regions/-', value: region(NEW_STAGING_CIDR), reason: 'another region, the next free /16, single NAT as asked' },
]);
/** The CIDR of staging's last region, again. */
export const ADD_REGION_OVERLAPPING = answer('staging', `Adds ${NEW_STAGING_REGION} to staging.`, [
  { op: 'add', path: '/regions/-', value: region(LAST_STAGING_REGION.vpc.cidr), reason: 'another region' },
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

export const REMOVE_REGION_DESCRIPTION = 'take us-east-1 out of staging';
/** staging's second region (us-east-1): its stack is destroyed, the global stack's boundary lists one region less. */
export const REMOVE_REGION = answer('staging', 'Removes us-east-1 from staging.', [
  { op: 'remove', path: '/regions/1', reason: 'the requested region; its stack and everything in it are destroyed' },
]);

// Secret-shaped values, assembled at run time so that no source file holds a literal a secret scanner would flag.
export const OPENAI_KEY_IN_ANSWER = ['sk', 'proj', 'Qw3rTy6uIo9pAs2dFg5hJk8lZx1cVb4nMq7wEr0t_yU-iO'].join('-');
export const AWS_SECRET_KEY_IN_ANSWER = ['tP9xLm2QvR7kWz4N', 'hY6cBs3JdF8gA1eU', 'oK5iMn'].join('/');
export const SECRET_DESCRIPTION = "tag dev with the team's OpenAI key so the cost report can find it";
/** An OpenAI key as a tag value (tags are owner and costCenter only, both free text). */
export const SECRET_TAG = answer('dev', 'Tags dev with the OpenAI key.', [
  { op: 'replace', path: '/tags/owner', value: OPENAI_KEY_IN_ANSWER, reason: 'the key the request names' },
]);
/** After the feedback, an AWS secret access key instead: no key id beside it, so only its shape gives it away. */
export const AWS_SECRET_TAG = answer('dev', 'Tags dev with an AWS secret key instead.', [
  { op: 'replace', path: '/tags/costCenter', value: AWS_SECRET_KEY_IN_ANSWER, reason: 'a key the cost report can read' },
]);
