import { S3Bucket } from '@cdktf/provider-aws/lib/s3-bucket';
import { S3BucketLifecycleConfiguration } from '@cdktf/provider-aws/lib/s3-bucket-lifecycle-configuration';
import { S3BucketPolicy } from '@cdktf/provider-aws/lib/s3-bucket-policy';
import { S3BucketPublicAccessBlock } from '@cdktf/provider-aws/lib/s3-bucket-public-access-block';
import { S3BucketServerSideEncryptionConfigurationA } from '@cdktf/provider-aws/lib/s3-bucket-server-side-encryption-configuration';
import { S3BucketVersioningA } from '@cdktf/provider-aws/lib/s3-bucket-versioning';
import { Testing } from 'cdktf';
import { SecureBucket } from './index';

function synth(props: Partial<ConstructorParameters<typeof SecureBucket>[2]> = {}): string {
  return Testing.synthScope((scope) => new SecureBucket(scope, 'Bucket', { bucketName: 'my-bucket-123', ...props }));
}

describe('SecureBucket', () => {
  it('is versioned, private and kept on destroy by default', () => {
    const synthesized = synth();
    expect(synthesized).toHaveResourceWithProperties(S3Bucket, { bucket: 'my-bucket-123', force_destroy: false });
    expect(synthesized).toHaveResourceWithProperties(S3BucketVersioningA, { versioning_configuration: { status: 'Enabled' } });
    expect(synthesized).toHaveResourceWithProperties(S3BucketPublicAccessBlock, {
      block_public_acls: true,
      block_public_policy: true,
      ignore_public_acls: true,
      restrict_public_buckets: true,
    });
  });

  it('denies every request without TLS', () => {
    const [bucketPolicy] = Object.values(JSON.parse(synth()).resource.aws_s3_bucket_policy) as Array<{ policy: string }>;
    const policy = JSON.parse(bucketPolicy.policy);
    expect(policy.Statement).toEqual([
      expect.objectContaining({
        Effect: 'Deny',
        Action: 's3:*',
        Resource: ['arn:aws:s3:::my-bucket-123', 'arn:aws:s3:::my-bucket-123/*'],
        Condition: { Bool: { 'aws:SecureTransport': 'false' } },
      }),
    ]);
    expect(synth()).toHaveResource(S3BucketPolicy);
  });

  it('expires objects under a prefix when asked', () => {
    expect(synth({ expireAfterDays: 30, expirePrefix: 'generations/' })).toHaveResourceWithProperties(S3BucketLifecycleConfiguration, {
      rule: expect.arrayContaining([expect.objectContaining({ id: 'expire-current', filter: [{ prefix: 'generations/' }], expiration: [{ days: 30 }] })]),
    });
  });

  it('rejects an invalid bucket name, naming the construct', () => {
    expect(() => synth({ bucketName: 'My_Bucket' })).toThrow(
      'S3 bucket name must be 3..63 lower-case letters, digits, dots or hyphens, got "My_Bucket" (construct stack/Bucket)',
    );
  });

  it('rejects a prefix without an expiry, and a non-positive expiry', () => {
    expect(() => synth({ expirePrefix: 'x/' })).toThrow(/expirePrefix needs expireAfterDays/);
    expect(() => synth({ expireAfterDays: 0 })).toThrow(/expireAfterDays must be a whole number of days >= 1, got 0/);
  });

  it('differs between development and production exactly as configured: force_destroy versus prevent_destroy', () => {
    const bucketOf = (synthesized: string) => Object.values(JSON.parse(synthesized).resource.aws_s3_bucket)[0] as Record<string, unknown>;
    expect(bucketOf(synth({ forceDestroy: true }))).toMatchObject({ force_destroy: true, lifecycle: { prevent_destroy: false } });
    expect(bucketOf(synth({ preventDestroy: true }))).toMatchObject({ force_destroy: false, lifecycle: { prevent_destroy: true } });
    expect(() => synth({ forceDestroy: true, preventDestroy: true })).toThrow(/forceDestroy and preventDestroy contradict each other/);
  });

  it('uses SSE-KMS with the given key', () => {
    expect(synth({ kmsKeyArn: 'arn:aws:kms:eu-west-1:111111111111:key/k' })).toHaveResourceWithProperties(S3BucketServerSideEncryptionConfigurationA, {
      rule: [
        {
          apply_server_side_encryption_by_default: { sse_algorithm: 'aws:kms', kms_master_key_id: 'arn:aws:kms:eu-west-1:111111111111:key/k' },
          bucket_key_enabled: true,
        },
      ],
    });
  });
});
