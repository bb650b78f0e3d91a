/**
 * EC2 on-demand hourly prices, Linux, shared tenancy, in USD, as data: what `npm run worker -- list`
 * multiplies a worker's running hours by. An instance type or region missing here has no price,
 * and callers show it as unpriced rather than free.
 *
 * Transcribed by hand without network access from the build machines (the same convention as
 * aws-prices.ts): every number must be checked against https://aws.amazon.com/ec2/pricing/on-demand/
 * before it is trusted, and `EC2_PRICES_AS_OF` changed with them. The instance-hour is all these
 * cover: the root volume (gp3 GB-month) and a public IPv4 address bill on top.
 */

/** The day these prices were last checked against their page. */
export const EC2_PRICES_AS_OF = '2026-12-03';
export const EC2_PRICES_SOURCE = 'https://aws.amazon.com/ec2/pricing/on-demand/';

/** The types the environments configure for workers, plus a small set a config is likely to pick next. */
const PRICED_TYPES = [
  't4g.small',
  't4g.medium',
  't4g.large',
  't3.small',
  't3.medium',
  't3.large',
  'm7g.large',
  'c7g.large',
  'g4dn.xlarge',
  'g5.xlarge',
] as const;

export type Ec2PricedType = (typeof PRICED_TYPES)[number];

/** USD per instance-hour, in the order of PRICED_TYPES. */
type TypeRow = readonly [number, number, number, number, number, number, number, number, number, number];

const HOURLY_PRICES = {
  'us-east-1': [0.0168, 0.0336, 0.0672, 0.0208, 0.0416, 0.0832, 0.0816, 0.0725, 0.526, 1.006],
  'us-west-2': [0.0168, 0.0336, 0.0672, 0.0208, 0.0416, 0.0832, 0.0816, 0.0725, 0.526, 1.006],
  'eu-west-1': [0.0184, 0.0368, 0.0736, 0.0228, 0.0456, 0.0912, 0.0907, 0.0819, 0.587, 1.123],
  'eu-central-1': [0.0192, 0.0384, 0.0768, 0.024, 0.048, 0.096, 0.0975, 0.0827, 0.658, 1.258],
} as const satisfies Record<string, TypeRow>;

export type Ec2PricedRegion = keyof typeof HOURLY_PRICES;

export const EC2_PRICED_REGIONS = Object.keys(HOURLY_PRICES) as Ec2PricedRegion[];
export const EC2_PRICED_TYPES: readonly Ec2PricedType[] = PRICED_TYPES;

/** USD per hour of one on-demand Linux instance, or undefined when the type or region is not in the table. */
export function ec2HourlyPrice(region: string, instanceType: string): number | undefined {
  if (!Object.hasOwn(HOURLY_PRICES, region)) return undefined;
  const column = PRICED_TYPES.indexOf(instanceType as Ec2PricedType);
  return column === -1 ? undefined : HOURLY_PRICES[region as Ec2PricedRegion][column];
}
