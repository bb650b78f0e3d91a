import { describeWithTerraform, planOffline } from '@llm/terraform/testing';
import { Workers } from './index';

describeWithTerraform('Workers', () => {
  it('plans a GPU worker with SSH from one network and a quota request with the real provider', async () => {
    const result = await planOffline(
      (stack) => {
        new Workers(stack, 'Workers', {
          name: 'llm-platform-prod-eu-west-1-worker',
          roleName: 'llm-platform-prod-eu-west-1-worker',
          permissionBoundaryArn: 'arn:aws:iam::333333333333:policy/llm-platform-prod-global-permission-boundary',
          accountId: '333333333333',
          region: 'eu-west-1',
          vpcId: 'vpc-0123456789abcdef0',
          instanceType: 'g5.xlarge',
          architecture: 'x86_64',
          gpu: true,
          volumeGb: 100,
          maxHours: 12,
          allowSshFrom: ['203.0.113.0/24'],
          logGroupName: '/llm-platform/prod/eu-west-1/workers',
          logRetentionDays: 90,
          readBucket: { bucketArn: 'arn:aws:s3:::llm-platform-prod-eu-west-1-generations-333333333333', prefix: 'generations/' },
          instanceTags: { Project: 'llm-platform', Environment: 'prod', Role: 'worker' },
          quota: { code: 'L-DB2E81BA', vCpus: 8 },
        });
      },
      { region: 'eu-west-1' },
    );

    // Log group, role, policy, instance profile, security group, egress, one SSH ingress, launch template, quota.
    expect(result).toMatchObject({ ok: true, add: 9, change: 0, destroy: 0 });
  });
});
