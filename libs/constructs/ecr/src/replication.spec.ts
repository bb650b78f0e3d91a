import { EcrReplicationConfiguration } from '@cdktf/provider-aws/lib/ecr-replication-configuration';
import { KNOWN_REGIONS, setDeploymentContext, type DeploymentContext } from '@llm/config';
import { TerraformVariable, Testing } from 'cdktf';
import { EcrReplication, type EcrReplicationProps } from './index';

const PROD_EU: DeploymentContext = { environment: 'prod', region: 'eu-west-1' };
const WHERE = '(environment prod, region eu-west-1, construct stack/Replication)';

const props: EcrReplicationProps = {
  accountId: '333333333333',
  sourceRegion: 'eu-west-1',
  destinationRegions: ['eu-central-1', 'us-east-1'],
};

function synth(overrides: Partial<EcrReplicationProps> = {}, context: DeploymentContext | null = PROD_EU): string {
  return Testing.synthScope((scope) => {
    if (context) setDeploymentContext(scope, context);
    new EcrReplication(scope, 'Replication', { ...props, ...overrides });
  });
}

function rules(synthesized: string): unknown {
  const configurations = Object.values(JSON.parse(synthesized).resource.aws_ecr_replication_configuration) as Array<{
    replication_configuration: { rule: unknown };
  }>;
  expect(configurations).toHaveLength(1);
  return configurations[0].replication_configuration.rule;
}

describe('EcrReplication', () => {
  it('replicates every repository to the other regions, in the same account, with one rule', () => {
    const synthesized = synth();

    expect(rules(synthesized)).toEqual([
      {
        destination: [
          { region: 'eu-central-1', registry_id: '333333333333' },
          { region: 'us-east-1', registry_id: '333333333333' },
        ],
      },
    ]);
    expect(synthesized).toHaveResource(EcrReplicationConfiguration);
  });

  it('replicates only repositories under a prefix when given one', () => {
    expect(rules(synth({ repositoryPrefix: 'llm-platform-prod' }))).toEqual([
      {
        destination: [
          { region: 'eu-central-1', registry_id: '333333333333' },
          { region: 'us-east-1', registry_id: '333333333333' },
        ],
        repository_filter: [{ filter: 'llm-platform-prod', filter_type: 'PREFIX_MATCH' }],
      },
    ]);
  });

  it('plans without a deployment context, as in a bare test stack', () => {
    expect(() => synth({}, null)).not.toThrow();
  });

  describe('validation', () => {
    it.each(['33333333333', '3333333333333', '33333333333a', ''])('rejects the account id "%s"', (accountId) => {
      expect(() => synth({ accountId })).toThrow(new Error(`EcrReplication accountId must be 12 digits, got "${accountId}" ${WHERE}`));
    });

    it('rejects an empty destination list', () => {
      expect(() => synth({ destinationRegions: [] })).toThrow(new Error(`EcrReplication destinationRegions must name at least one region, got none ${WHERE}`));
    });

    it('rejects a destination list only known at plan time', () => {
      expect(() =>
        Testing.synthScope((scope) => {
          setDeploymentContext(scope, PROD_EU);
          const regions = new TerraformVariable(scope, 'regions', { type: 'list(string)' });
          new EcrReplication(scope, 'Replication', { ...props, destinationRegions: regions.listValue });
        }),
      ).toThrow(
        new Error(
          'EcrReplication destinationRegions must be a list of region names known at synth time, got a list token: ' +
            `take the regions from the environment configuration ${WHERE}`,
        ),
      );
    });

    it('rejects a region named twice', () => {
      expect(() => synth({ destinationRegions: ['us-east-1', 'eu-central-1', 'us-east-1'] })).toThrow(
        new Error(`EcrReplication destinationRegions must not repeat a region, got "us-east-1" more than once ${WHERE}`),
      );
    });

    it('rejects the source region as a destination', () => {
      expect(() => synth({ destinationRegions: ['us-east-1', 'eu-west-1'] })).toThrow(
        new Error(`EcrReplication destinationRegions must not contain the source region eu-west-1: ECR replicates a registry to other regions only ${WHERE}`),
      );
    });

    it('rejects an unknown destination region, naming its position', () => {
      expect(() => synth({ destinationRegions: ['us-east-1', 'eu-west1'] })).toThrow(
        new Error(`EcrReplication destinationRegions[1] must be a known AWS region, got "eu-west1" ${WHERE}`),
      );
    });

    it('rejects an unknown source region', () => {
      expect(() => synth({ sourceRegion: 'eu-west-9' }, null)).toThrow(
        new Error('EcrReplication sourceRegion must be a known AWS region, got "eu-west-9" (construct stack/Replication)'),
      );
    });

    it("rejects a source region other than the stack's region", () => {
      expect(() => synth({ sourceRegion: 'us-east-1', destinationRegions: ['eu-central-1'] })).toThrow(
        new Error(
          "EcrReplication sourceRegion must be the region the configuration is created in, eu-west-1, got us-east-1: create EcrReplication in the primary region's stack " +
            WHERE,
        ),
      );
    });

    it('rejects a destination in another partition', () => {
      expect(() => synth({ destinationRegions: ['us-gov-west-1'] })).toThrow(
        new Error(
          'EcrReplication destinationRegions cannot name us-gov-west-1 (partition aws-us-gov) when the source region eu-west-1 ' +
            `is in partition aws: ECR does not replicate across partitions ${WHERE}`,
        ),
      );
    });

    it('rejects more destinations than ECR allows', () => {
      const regions = KNOWN_REGIONS.filter((region) => region !== 'eu-west-1' && !region.startsWith('us-gov-')).slice(0, 26);

      expect(regions).toHaveLength(26);
      expect(() => synth({ destinationRegions: regions })).toThrow(
        new Error(`EcrReplication destinationRegions may name at most 25 regions (the ECR limit per registry), got 26 ${WHERE}`),
      );
    });

    it.each(['a', 'LLM', 'llm//x', '/llm', 'llm_API', 'x'.repeat(257)])('rejects the repository prefix "%s"', (repositoryPrefix) => {
      expect(() => synth({ repositoryPrefix })).toThrow(
        new Error(
          "EcrReplication repositoryPrefix must be 2..256 characters matching ECR's repository filter pattern " +
            `^(?:[a-z0-9]+(?:[._-][a-z0-9]*)*/)*[a-z0-9]*(?:[._-][a-z0-9]*)*$, got "${repositoryPrefix}" ${WHERE}`,
        ),
      );
    });

    it.each(['ll', 'llm-platform-', 'llm-platform/prod/', 'llm.'])('accepts the repository prefix "%s"', (repositoryPrefix) => {
      expect(() => synth({ repositoryPrefix })).not.toThrow();
    });
  });
});
