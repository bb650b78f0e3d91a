import { KmsKey } from '@cdktf/provider-aws/lib/kms-key';
import { S3Bucket } from '@cdktf/provider-aws/lib/s3-bucket';
import { SecretsmanagerSecret } from '@cdktf/provider-aws/lib/secretsmanager-secret';
import { ApiKeySecret, SecureBucket } from '@llm/constructs/storage';
import { ACCOUNT_ID, checkStack, findingsOf, problemsOf, REGION } from '../spec-helpers';

const BUCKET = 'llm-platform-prod-eu-west-1-generations-111111111111';
const SECRET = 'llm-platform/prod/eu-west-1/openai-api-key';

describe('prod-deletion-protection', () => {
  it('passes protected production data: a SecureBucket and an ApiKeySecret with its key, preventDestroy on', () => {
    const report = checkStack(
      (stack) => {
        new SecureBucket(stack, 'Output', { bucketName: BUCKET, preventDestroy: true });
        new ApiKeySecret(stack, 'ApiKey', { secretName: SECRET, accountId: ACCOUNT_ID, region: REGION, customerManagedKey: true, preventDestroy: true });
      },
      { production: true },
    );

    expect(findingsOf(report, 'prod-deletion-protection')).toEqual([]);
  });

  it('fails unprotected production data, the key of the secret included, and says what to set', () => {
    const report = checkStack(
      (stack) => {
        new SecureBucket(stack, 'Output', { bucketName: BUCKET });
        new ApiKeySecret(stack, 'ApiKey', { secretName: SECRET, accountId: ACCOUNT_ID, region: REGION, customerManagedKey: true });
      },
      { production: true },
    );

    expect(problemsOf(report, 'prod-deletion-protection')).toEqual([
      'stack/ApiKey/Key: KMS key of production data can be destroyed by a plan: lifecycle prevent_destroy is not true',
      'stack/ApiKey/Secret: production secret can be destroyed by a plan: lifecycle prevent_destroy is not true',
      'stack/Output/Bucket: production bucket can be destroyed by a plan: lifecycle prevent_destroy is not true',
    ]);
    expect(findingsOf(report, 'prod-deletion-protection')[0].fix).toContain('set lifecycle { prevent_destroy = true } in production');
  });

  it('names force_destroy and a zero recovery window too', () => {
    const report = checkStack(
      (stack) => {
        new S3Bucket(stack, 'Bucket', { bucket: BUCKET, forceDestroy: true, lifecycle: { preventDestroy: true } });
        new SecretsmanagerSecret(stack, 'Secret', { name: SECRET, recoveryWindowInDays: 0, lifecycle: { preventDestroy: true } });
      },
      { production: true },
    );

    expect(problemsOf(report, 'prod-deletion-protection')).toEqual([
      'stack/Bucket: production bucket can be destroyed by a plan: force_destroy is true',
      'stack/Secret: production secret can be destroyed by a plan: recovery_window_in_days is 0 (deleted at once)',
    ]);
  });

  it('does not apply to a KMS key that encrypts no data, nor outside production', () => {
    const key = checkStack((stack) => new KmsKey(stack, 'TopicKey', { enableKeyRotation: true }), { production: true });
    const development = checkStack((stack) => new SecureBucket(stack, 'Output', { bucketName: BUCKET, forceDestroy: true }), { production: false });

    expect(findingsOf(key, 'prod-deletion-protection')).toEqual([]);
    expect(findingsOf(development, 'prod-deletion-protection')).toEqual([]);
  });
});
