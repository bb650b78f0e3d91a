/**
 * The registry's replication configuration: images pushed in the primary region are copied to
 * the environment's other regions, in the same account. One per registry (account + region), so
 * the stacks create it in the primary region only.
 */
import { EcrReplicationConfiguration } from '@cdktf/provider-aws/lib/ecr-replication-configuration';
import { deploymentContextOf, isKnownRegion, partitionOf } from '@llm/config';
import { Token } from 'cdktf';
import { Construct } from 'constructs';
import {
  crossPartitionDestination,
  destinationIsSource,
  destinationRegionsToken,
  duplicateDestinationRegion,
  invalidAccountId,
  invalidRepositoryPrefix,
  noDestinationRegions,
  sourceRegionNotStackRegion,
  tooManyDestinationRegions,
  unknownRegion,
} from './errors';

export interface EcrReplicationProps {
  /** The 12-digit account whose registry replicates, and receives the copies (same-account replication). */
  readonly accountId: string;
  /** Region of the registry being replicated: the primary region, where this construct's stack runs. */
  readonly sourceRegion: string;
  /**
   * Regions that receive a copy of every replicated image: 1..25 known regions, no repeats,
   * not `sourceRegion`, in the source region's partition.
   */
  readonly destinationRegions: readonly string[];
  /**
   * Replicate only repositories whose name starts with this prefix (ECR `PREFIX_MATCH`). 2..256 characters
   * matching `^(?:[a-z0-9]+(?:[._-][a-z0-9]*)*\/)*[a-z0-9]*(?:[._-][a-z0-9]*)*$`.
   * @default - every repository of the registry is replicated
   */
  readonly repositoryPrefix?: string;
}

/** ECR allows at most 25 unique destinations over all rules of a registry. */
export const MAX_REPLICATION_DESTINATIONS = 25;

// ECR's RepositoryFilter.filter pattern (API reference), checked with its 2..256 length.
const REPOSITORY_PREFIX_PATTERN = '^(?:[a-z0-9]+(?:[._-][a-z0-9]*)*/)*[a-z0-9]*(?:[._-][a-z0-9]*)*$';
const REPOSITORY_PREFIX_REGEXP = new RegExp(REPOSITORY_PREFIX_PATTERN);

export class EcrReplication extends Construct {
  readonly configuration: EcrReplicationConfiguration;

  constructor(scope: Construct, id: string, props: EcrReplicationProps) {
    super(scope, id);
    validateProps(this, props);
    this.configuration = new EcrReplicationConfiguration(this, 'Configuration', {
      replicationConfiguration: {
        rule: [
          {
            destination: props.destinationRegions.map((region) => ({ region, registryId: props.accountId })),
            repositoryFilter: props.repositoryPrefix === undefined ? undefined : [{ filter: props.repositoryPrefix, filterType: 'PREFIX_MATCH' }],
          },
        ],
      },
    });
  }
}

function validateProps(scope: Construct, props: EcrReplicationProps): void {
  if (!Token.isUnresolved(props.accountId) && !/^\d{12}$/.test(props.accountId)) throw invalidAccountId(scope, props.accountId);
  const sourceKnown = !Token.isUnresolved(props.sourceRegion);
  if (sourceKnown && !isKnownRegion(props.sourceRegion)) throw unknownRegion(scope, 'sourceRegion', props.sourceRegion);
  const stackRegion = deploymentContextOf(scope).region;
  if (sourceKnown && stackRegion !== undefined && props.sourceRegion !== stackRegion) {
    throw sourceRegionNotStackRegion(scope, props.sourceRegion, stackRegion);
  }
  validateDestinations(scope, props, sourceKnown);
  const prefix = props.repositoryPrefix;
  if (prefix !== undefined && !Token.isUnresolved(prefix) && !isValidRepositoryPrefix(prefix)) {
    throw invalidRepositoryPrefix(scope, prefix, REPOSITORY_PREFIX_PATTERN);
  }
}

function isValidRepositoryPrefix(prefix: string): boolean {
  return prefix.length >= 2 && prefix.length <= 256 && REPOSITORY_PREFIX_REGEXP.test(prefix);
}

function validateDestinations(scope: Construct, props: EcrReplicationProps, sourceKnown: boolean): void {
  const regions = props.destinationRegions;
  // One destination block per region, so the list itself must be known at synth time.
  if (Token.isUnresolved(regions)) throw destinationRegionsToken(scope);
  if (regions.length === 0) throw noDestinationRegions(scope);
  if (regions.length > MAX_REPLICATION_DESTINATIONS) throw tooManyDestinationRegions(scope, MAX_REPLICATION_DESTINATIONS, regions.length);
  const seen = new Set<string>();
  for (const [index, region] of regions.entries()) {
    if (Token.isUnresolved(region)) continue;
    if (!isKnownRegion(region)) throw unknownRegion(scope, `destinationRegions[${index}]`, region);
    if (seen.has(region)) throw duplicateDestinationRegion(scope, region);
    seen.add(region);
    if (!sourceKnown) continue;
    if (region === props.sourceRegion) throw destinationIsSource(scope, props.sourceRegion);
    if (partitionOf(region) !== partitionOf(props.sourceRegion)) {
      throw crossPartitionDestination(scope, region, partitionOf(region), props.sourceRegion, partitionOf(props.sourceRegion));
    }
  }
}
