import { describeWithTerraform, planOffline } from '@llm/terraform/testing';
import { ApiKeySecret, SecureBucket } from './index';

describeWithTerraform('storage constructs with the real terraform', () => {
  it('plan a protected output bucket and an API key secret with its own key', async () => {
    const result = await planOffline((stack) => {
      new SecureBucket(stack, 'Output', {
        bucketName: 'test-generations-111111111111',
        preventDestroy: true,
        expireAfterDays: 30,
        expirePrefix: 'generations/',
      });
      new ApiKeySecret(stack, 'ApiKey', {
        secretName: 'test/openai-api-key',
        accountId: '111111111111',
        region: 'eu-west-1',
        customerManagedKey: true,
        preventDestroy: true,
      });
    });
    // Bucket: bucket, versioning, encryption, public access block, ownership, policy, lifecycle. Secret: key, alias, secret.
    expect(result.ok ? { add: result.add } : result.error).toEqual({ add: 10 });
  });
});
