/** The AWS regions an environment may name, with the facts the stacks need that no API call may provide. */

/**
 * Commercial and GovCloud regions known to AWS provider 5.100.0. A region missing here is
 * rejected at synth time so a typo (`eu-west1`) never reaches Terraform.
 */
export const KNOWN_REGIONS = [
  'af-south-1',
  'ap-east-1',
  'ap-northeast-1',
  'ap-northeast-2',
  'ap-northeast-3',
  'ap-south-1',
  'ap-south-2',
  'ap-southeast-1',
  'ap-southeast-2',
  'ap-southeast-3',
  'ap-southeast-4',
  'ap-southeast-5',
  'ap-southeast-7',
  'ca-central-1',
  'ca-west-1',
  'eu-central-1',
  'eu-central-2',
  'eu-north-1',
  'eu-south-1',
  'eu-south-2',
  'eu-west-1',
  'eu-west-2',
  'eu-west-3',
  'il-central-1',
  'me-central-1',
  'me-south-1',
  'mx-central-1',
  'sa-east-1',
  'us-east-1',
  'us-east-2',
  'us-west-1',
  'us-west-2',
  'us-gov-east-1',
  'us-gov-west-1',
] as const;

export type AwsRegion = (typeof KNOWN_REGIONS)[number];

const knownRegionSet: ReadonlySet<string> = new Set(KNOWN_REGIONS);

export function isKnownRegion(value: string): value is AwsRegion {
  return knownRegionSet.has(value);
}

/** ARN partition of a region; computed locally because `aws_partition` would be a data source. */
export function partitionOf(region: string): 'aws' | 'aws-us-gov' {
  return region.startsWith('us-gov-') ? 'aws-us-gov' : 'aws';
}

/** An availability zone name is its region followed by one letter (`eu-west-1a`). */
export function azBelongsToRegion(az: string, region: string): boolean {
  return az.length === region.length + 1 && az.startsWith(region) && /[a-z]$/.test(az);
}
