/**
 * Configuration errors of the ECR constructs, as small factories: what is wrong, the value
 * received, the rule or fix, and where (environment, region, construct path).
 */
import { constructError } from '@llm/config';
import type { IConstruct } from 'constructs';

type ConstructName = 'EcrRepository' | 'EcrReplication';

function configError(scope: IConstruct, construct: ConstructName, message: string): Error {
  return constructError(scope, construct, message);
}

export function invalidRepositoryName(scope: IConstruct, name: string): Error {
  return configError(
    scope,
    'EcrRepository',
    `repositoryName must be 2..256 characters: lower-case letters and digits, parts joined by one of . _ - and ` +
      `path segments by /, starting and ending with a letter or digit, got "${name}"`,
  );
}

export function notWholeNumberInRange(
  scope: IConstruct,
  construct: ConstructName,
  field: string,
  range: { readonly min: number; readonly max: number; readonly unit: string },
  value: number,
): Error {
  return configError(scope, construct, `${field} must be a whole number of ${range.unit} ${range.min}..${range.max}, got ${value}`);
}

export function unknownEncryption(scope: IConstruct, value: string): Error {
  return configError(scope, 'EcrRepository', `encryption must be 'AES256' or 'KMS', got "${value}"`);
}

export function kmsKeyWithoutKmsEncryption(scope: IConstruct, encryption: string): Error {
  return configError(scope, 'EcrRepository', `kmsKeyArn needs encryption 'KMS', got encryption '${encryption}': remove kmsKeyArn or set encryption to 'KMS'`);
}

export function invalidKmsKeyArn(scope: IConstruct, arn: string): Error {
  return configError(scope, 'EcrRepository', `kmsKeyArn must be the ARN of a KMS key or alias (arn:aws:kms:<region>:<account>:key/<id>), got "${arn}"`);
}

export function kmsKeyInOtherRegion(scope: IConstruct, keyRegion: string, repositoryRegion: string): Error {
  return configError(
    scope,
    'EcrRepository',
    `kmsKeyArn must name a key in the repository's region ${repositoryRegion}, got a key in ${keyRegion}: ECR cannot use a key from another region`,
  );
}

export function forceDeleteInProduction(scope: IConstruct): Error {
  return configError(
    scope,
    'EcrRepository',
    'forceDelete must be false in production, got true: a production repository must never be deleted together with its images',
  );
}

export function invalidAccountId(scope: IConstruct, accountId: string): Error {
  return configError(scope, 'EcrReplication', `accountId must be 12 digits, got "${accountId}"`);
}

export function unknownRegion(scope: IConstruct, field: string, region: string): Error {
  return configError(scope, 'EcrReplication', `${field} must be a known AWS region, got "${region}"`);
}

export function noDestinationRegions(scope: IConstruct): Error {
  return configError(scope, 'EcrReplication', 'destinationRegions must name at least one region, got none');
}

export function destinationRegionsToken(scope: IConstruct): Error {
  return configError(
    scope,
    'EcrReplication',
    'destinationRegions must be a list of region names known at synth time, got a list token: take the regions from the environment configuration',
  );
}

export function tooManyDestinationRegions(scope: IConstruct, max: number, count: number): Error {
  return configError(scope, 'EcrReplication', `destinationRegions may name at most ${max} regions (the ECR limit per registry), got ${count}`);
}

export function duplicateDestinationRegion(scope: IConstruct, region: string): Error {
  return configError(scope, 'EcrReplication', `destinationRegions must not repeat a region, got "${region}" more than once`);
}

export function destinationIsSource(scope: IConstruct, sourceRegion: string): Error {
  return configError(
    scope,
    'EcrReplication',
    `destinationRegions must not contain the source region ${sourceRegion}: ECR replicates a registry to other regions only`,
  );
}

export function crossPartitionDestination(scope: IConstruct, region: string, partition: string, sourceRegion: string, sourcePartition: string): Error {
  return configError(
    scope,
    'EcrReplication',
    `destinationRegions cannot name ${region} (partition ${partition}) when the source region ${sourceRegion} is in partition ${sourcePartition}: ECR does not replicate across partitions`,
  );
}

export function sourceRegionNotStackRegion(scope: IConstruct, sourceRegion: string, stackRegion: string): Error {
  return configError(
    scope,
    'EcrReplication',
    `sourceRegion must be the region the configuration is created in, ${stackRegion}, got ${sourceRegion}: create EcrReplication in the primary region's stack`,
  );
}

export function invalidRepositoryPrefix(scope: IConstruct, prefix: string, pattern: string): Error {
  return configError(
    scope,
    'EcrReplication',
    `repositoryPrefix must be 2..256 characters matching ECR's repository filter pattern ${pattern}, got "${prefix}"`,
  );
}
