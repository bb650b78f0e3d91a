import { AwsProvider } from '@cdktf/provider-aws/lib/provider';
import { SnsTopic } from '@cdktf/provider-aws/lib/sns-topic';
import { ExecutionRole } from '@llm/constructs/iam';
import { SecureBucket } from '@llm/constructs/storage';
import { TerraformResource, TerraformStack, Testing } from 'cdktf';
import { ACCOUNT_ID, BOUNDARY_ARN, REGION, STANDARD_TAGS } from './spec-helpers';
import { SynthesizedStackView } from './stack-view';

describe('SynthesizedStackView', () => {
  it('shows every resource exactly as cdk.tf.json will hold it: references, lazy policies and overrides included', () => {
    const stack = new TerraformStack(Testing.app(), 'stack');
    new AwsProvider(stack, 'aws', { region: REGION, defaultTags: [{ tags: { ...STANDARD_TAGS } }] });
    const bucket = new SecureBucket(stack, 'Output', { bucketName: 'llm-platform-dev-output' });
    const role = new ExecutionRole(stack, 'Role', {
      roleName: 'api',
      servicePrincipal: 'lambda.amazonaws.com',
      permissionBoundaryArn: BOUNDARY_ARN,
      accountId: ACCOUNT_ID,
      region: REGION,
    });
    role.grantWrite(bucket.bucketArn, 'generations/');
    new SnsTopic(stack, 'Topic', { name: 'alerts' }).addOverride('kms_master_key_id', 'alias/aws/sns');

    const view = new SynthesizedStackView(stack, false);
    const synthesized = JSON.parse(Testing.synth(stack)).resource as Record<string, Record<string, object>>;

    const resources = stack.node.findAll().filter((construct): construct is TerraformResource => construct instanceof TerraformResource);
    expect(resources.length).toBeGreaterThanOrEqual(9);
    for (const resource of resources) {
      const shown = view.viewOf(resource);
      expect(shown).toBeDefined();
      expect(JSON.parse(JSON.stringify(shown?.config))).toEqual(synthesized[resource.terraformResourceType][resource.friendlyUniqueId]);
    }
    const topic = view.resourcesOfType('aws_sns_topic')[0];
    expect(topic.config.kms_master_key_id).toBe('alias/aws/sns');
    expect(view.defaultTagsOf(topic)).toEqual(STANDARD_TAGS);
    expect(view.resourcesOfType('aws_s3_bucket_versioning')[0].config.bucket).toBe(`\${aws_s3_bucket.${bucket.bucket.friendlyUniqueId}.id}`);
  });
});
