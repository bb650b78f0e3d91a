/**
 * AWS list prices, on-demand, in USD, as data: what the cost estimate multiplies. Every price has
 * its unit and the page it is published on. Prices that are the same in every priced region are
 * listed once; the rest per region. A region missing from REGION_PRICES has no estimate, and an
 * environment that names it is rejected at synth (see `pricingProblems`).
 *
 * Transcribed by hand from the pages below (no network from the build machines): re-check them
 * against the pages when `PRICES_AS_OF` is older than a quarter, and change the date with them.
 */

/** The day these prices were last checked against their pages. */
export const PRICES_AS_OF = '2026-12-03';

/** Hours AWS bills in a month for a resource that runs all the time (365 × 24 / 12). */
export const HOURS_PER_MONTH = 730;

const VPC_PAGE = 'https://aws.amazon.com/vpc/pricing/';
const PRIVATELINK_PAGE = 'https://aws.amazon.com/privatelink/pricing/';
const CLOUDWATCH_PAGE = 'https://aws.amazon.com/cloudwatch/pricing/';

/** What each price is for: its unit and source. */
export const PRICE_ITEMS = {
  natGatewayHour: { unit: 'USD per NAT gateway-hour', source: VPC_PAGE },
  natGatewayGb: { unit: 'USD per GB processed by a NAT gateway', source: VPC_PAGE },
  publicIpv4Hour: { unit: 'USD per public IPv4 address-hour (in use or idle)', source: VPC_PAGE },
  interfaceEndpointAzHour: { unit: 'USD per interface endpoint per zone-hour', source: PRIVATELINK_PAGE },
  interfaceEndpointGb: { unit: 'USD per GB processed by interface endpoints (first PB)', source: PRIVATELINK_PAGE },
  kmsKeyMonth: { unit: 'USD per customer-managed KMS key-month', source: 'https://aws.amazon.com/kms/pricing/' },
  secretMonth: { unit: 'USD per Secrets Manager secret-month', source: 'https://aws.amazon.com/secrets-manager/pricing/' },
  secretApiCalls10k: { unit: 'USD per 10,000 Secrets Manager API calls', source: 'https://aws.amazon.com/secrets-manager/pricing/' },
  alarmMetricMonth: { unit: 'USD per standard-resolution alarm metric-month', source: CLOUDWATCH_PAGE },
  alarmHighResMetricMonth: { unit: 'USD per high-resolution alarm metric-month', source: CLOUDWATCH_PAGE },
  dashboardMonth: { unit: 'USD per CloudWatch dashboard-month (beyond the free three)', source: CLOUDWATCH_PAGE },
  logsIngestionGb: { unit: 'USD per GB of logs ingested (standard class)', source: CLOUDWATCH_PAGE },
  logsStorageGbMonth: { unit: 'USD per GB-month of logs stored (compressed)', source: CLOUDWATCH_PAGE },
  lambdaRequestsMillion: { unit: 'USD per million Lambda requests', source: 'https://aws.amazon.com/lambda/pricing/' },
  lambdaGbSecondArm: { unit: 'USD per GB-second of Lambda on arm64', source: 'https://aws.amazon.com/lambda/pricing/' },
  lambdaGbSecondX86: { unit: 'USD per GB-second of Lambda on x86_64', source: 'https://aws.amazon.com/lambda/pricing/' },
  httpApiRequestsMillion: { unit: 'USD per million HTTP API requests (first 300 million)', source: 'https://aws.amazon.com/api-gateway/pricing/' },
  s3StandardGbMonth: { unit: 'USD per GB-month in S3 Standard (first 50 TB)', source: 'https://aws.amazon.com/s3/pricing/' },
  s3Put1000: { unit: 'USD per 1,000 S3 PUT, COPY, POST or LIST requests', source: 'https://aws.amazon.com/s3/pricing/' },
  ecrStorageGbMonth: { unit: 'USD per GB-month of ECR image storage', source: 'https://aws.amazon.com/ecr/pricing/' },
  ssmAdvancedParameterMonth: { unit: 'USD per advanced SSM parameter-month', source: 'https://aws.amazon.com/systems-manager/pricing/' },
  codePipelineV1Month: { unit: 'USD per active V1 pipeline-month', source: 'https://aws.amazon.com/codepipeline/pricing/' },
  unusedAccessAnalyzerRoleMonth: {
    unit: 'USD per IAM role or user analysed per month (unused access)',
    source: 'https://aws.amazon.com/iam/access-analyzer/pricing/',
  },
} as const;

export type PriceItem = keyof typeof PRICE_ITEMS;

/** The same in every priced region. */
const UNIFORM_PRICES: Partial<Record<PriceItem, number>> = {
  publicIpv4Hour: 0.005,
  interfaceEndpointGb: 0.01,
  kmsKeyMonth: 1,
  secretMonth: 0.4,
  secretApiCalls10k: 0.05,
  alarmMetricMonth: 0.1,
  alarmHighResMetricMonth: 0.3,
  dashboardMonth: 3,
  lambdaRequestsMillion: 0.2,
  lambdaGbSecondArm: 0.0000133334,
  lambdaGbSecondX86: 0.0000166667,
  ecrStorageGbMonth: 0.1,
  ssmAdvancedParameterMonth: 0.05,
  codePipelineV1Month: 1,
  unusedAccessAnalyzerRoleMonth: 0.2,
};

type RegionalItem =
  | 'natGatewayHour'
  | 'natGatewayGb'
  | 'interfaceEndpointAzHour'
  | 'logsIngestionGb'
  | 'logsStorageGbMonth'
  | 'httpApiRequestsMillion'
  | 's3StandardGbMonth'
  | 's3Put1000';

/** [NAT hour, NAT GB, endpoint zone-hour, logs ingestion GB, logs storage GB-month, HTTP API per million, S3 GB-month, S3 PUT per 1,000] */
type RegionRow = readonly [number, number, number, number, number, number, number, number];

const REGIONAL_ITEMS: readonly RegionalItem[] = [
  'natGatewayHour',
  'natGatewayGb',
  'interfaceEndpointAzHour',
  'logsIngestionGb',
  'logsStorageGbMonth',
  'httpApiRequestsMillion',
  's3StandardGbMonth',
  's3Put1000',
];

/** Prices that differ by region, in the order of REGIONAL_ITEMS. */
const REGION_PRICES = {
  'us-east-1': [0.045, 0.045, 0.01, 0.5, 0.03, 1.0, 0.023, 0.005],
  'us-east-2': [0.045, 0.045, 0.01, 0.5, 0.03, 1.0, 0.023, 0.005],
  'us-west-1': [0.048, 0.048, 0.011, 0.5, 0.03, 1.11, 0.026, 0.0055],
  'us-west-2': [0.045, 0.045, 0.01, 0.5, 0.03, 1.0, 0.023, 0.005],
  'ca-central-1': [0.05, 0.05, 0.011, 0.55, 0.033, 1.11, 0.025, 0.0055],
  'eu-west-1': [0.048, 0.048, 0.011, 0.57, 0.03, 1.11, 0.023, 0.005],
  'eu-west-2': [0.05, 0.05, 0.011, 0.5985, 0.0315, 1.11, 0.024, 0.0053],
  'eu-west-3': [0.05, 0.05, 0.011, 0.5985, 0.0315, 1.11, 0.024, 0.0053],
  'eu-central-1': [0.052, 0.052, 0.012, 0.63, 0.0324, 1.2, 0.0245, 0.0054],
  'eu-north-1': [0.046, 0.046, 0.011, 0.5985, 0.0315, 1.11, 0.023, 0.005],
  'ap-south-1': [0.056, 0.056, 0.011, 0.66, 0.033, 1.1, 0.025, 0.005],
  'ap-southeast-1': [0.059, 0.059, 0.013, 0.7, 0.033, 1.29, 0.025, 0.005],
  'ap-southeast-2': [0.059, 0.059, 0.013, 0.7, 0.033, 1.29, 0.025, 0.0055],
  'ap-northeast-1': [0.062, 0.062, 0.014, 0.76, 0.033, 1.29, 0.025, 0.0047],
  'sa-east-1': [0.093, 0.093, 0.017, 0.9, 0.045, 1.55, 0.0405, 0.007],
} as const satisfies Record<string, RegionRow>;

export type PricedRegion = keyof typeof REGION_PRICES;

export const PRICED_REGIONS = Object.keys(REGION_PRICES) as PricedRegion[];

export function isPricedRegion(region: string): region is PricedRegion {
  return Object.hasOwn(REGION_PRICES, region);
}

export interface Price {
  readonly item: PriceItem;
  readonly usd: number;
  readonly unit: string;
  readonly source: string;
}

/** The price of one item in one region. Throws when the region has no prices: callers check `isPricedRegion` first. */
export function awsPrice(region: string, item: PriceItem): Price {
  if (!isPricedRegion(region)) throw new Error(`no AWS prices for region ${region}; priced regions: ${PRICED_REGIONS.join(', ')}`);
  const column = REGIONAL_ITEMS.indexOf(item as RegionalItem);
  const usd = column === -1 ? UNIFORM_PRICES[item] : REGION_PRICES[region][column];
  if (usd === undefined) throw new Error(`price item ${item} has no value`);
  return { item, usd, ...PRICE_ITEMS[item] };
}
