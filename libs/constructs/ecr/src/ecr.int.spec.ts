import { describeWithTerraform, planOffline } from '@llm/terraform/testing';
import { EcrReplication, EcrRepository } from './index';

describeWithTerraform('EcrRepository and EcrReplication', () => {
  it('plans a production KMS repository, an AES256 repository and replication to two regions with the real provider', async () => {
    const result = await planOffline(
      (stack) => {
        new EcrRepository(stack, 'Api', { repositoryName: 'llm-platform-prod/api', production: true });
        new EcrRepository(stack, 'Worker', {
          repositoryName: 'llm-platform-prod/worker',
          encryption: 'AES256',
          untaggedExpiryDays: 1,
          keepLastImages: 1000,
        });
        new EcrReplication(stack, 'Replication', {
          accountId: '333333333333',
          sourceRegion: 'eu-west-1',
          destinationRegions: ['eu-central-1', 'us-east-1'],
          repositoryPrefix: 'llm-platform-prod',
        });
      },
      { region: 'eu-west-1' },
    );

    expect(result).toMatchObject({ ok: true, add: 5, change: 0, destroy: 0 });
    expect(Object.keys(result.synthesized.resource).sort()).toEqual(['aws_ecr_lifecycle_policy', 'aws_ecr_replication_configuration', 'aws_ecr_repository']);
    expect(result.synthesized.data).toBeUndefined();
    const planned = result.ok ? (result.plan.resource_changes ?? []) : [];
    const repositories = planned.filter((resource) => resource.type === 'aws_ecr_repository').map((resource) => resource.change.after);
    expect(repositories).toHaveLength(2);
    expect(repositories.find((after) => after?.name === 'llm-platform-prod/api')).toMatchObject({
      name: 'llm-platform-prod/api',
      image_tag_mutability: 'IMMUTABLE',
      image_scanning_configuration: [{ scan_on_push: true }],
      encryption_configuration: [{ encryption_type: 'KMS' }],
      force_delete: false,
    });
  });
});
