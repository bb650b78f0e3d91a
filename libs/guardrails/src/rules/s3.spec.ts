import { DataAwsIamPolicyDocument } from '@cdktf/provider-aws/lib/data-aws-iam-policy-document';
import { S3Bucket } from '@cdktf/provider-aws/lib/s3-bucket';
import { S3BucketPolicy } from '@cdktf/provider-aws/lib/s3-bucket-policy';
import { S3BucketPublicAccessBlock } from '@cdktf/provider-aws/lib/s3-bucket-public-access-block';
import { S3BucketServerSideEncryptionConfigurationA } from '@cdktf/provider-aws/lib/s3-bucket-server-side-encryption-configuration';
import { S3BucketVersioningA } from '@cdktf/provider-aws/lib/s3-bucket-versioning';
import { SecureBucket } from '@llm/constructs/storage';
import { checkStack, findingsOf, problemsOf } from '../spec-helpers';

const BUCKET = 'llm-platform-dev-eu-west-1-generations-111111111111';
const S3_RULES = ['s3-encryption', 's3-versioning', 's3-public-access-block', 's3-tls-only'];

describe('S3 rules', () => {
  it('pass a SecureBucket: encrypted, versioned, public access blocked, TLS only', () => {
    const report = checkStack((stack) => {
      new SecureBucket(stack, 'Output', { bucketName: BUCKET });
    });

    expect(report.findings.filter((finding) => S3_RULES.includes(finding.ruleId))).toEqual([]);
  });

  it('fail a bare bucket on all four, each saying what is missing and how to fix it', () => {
    const report = checkStack((stack) => {
      new S3Bucket(stack, 'Unsafe', { bucket: BUCKET });
    });

    expect(S3_RULES.flatMap((rule) => problemsOf(report, rule))).toEqual([
      'stack/Unsafe: has no default encryption: no aws_s3_bucket_server_side_encryption_configuration refers to it',
      'stack/Unsafe: does not keep object versions: no aws_s3_bucket_versioning refers to it',
      'stack/Unsafe: has no public access block: no aws_s3_bucket_public_access_block refers to it',
      'stack/Unsafe: accepts requests without TLS: no aws_s3_bucket_policy refers to it',
    ]);
    const [encryption] = findingsOf(report, 's3-encryption');
    expect(encryption).toMatchObject({ level: 'error', stack: 'stack', address: 'aws_s3_bucket.Unsafe' });
    expect(encryption.fix).toContain('add an aws_s3_bucket_server_side_encryption_configuration for this bucket with sse_algorithm AES256 or aws:kms');
    expect(findingsOf(report, 's3-tls-only')[0].fix).toContain('Condition: { Bool: { "aws:SecureTransport": "false" } }');
  });

  it('find sibling settings that name the bucket literally instead of by reference', () => {
    const report = checkStack((stack) => {
      new S3Bucket(stack, 'Named', { bucket: BUCKET });
      new S3BucketVersioningA(stack, 'Versioning', { bucket: BUCKET, versioningConfiguration: { status: 'Enabled' } });
      new S3BucketServerSideEncryptionConfigurationA(stack, 'Encryption', {
        bucket: BUCKET,
        rule: [{ applyServerSideEncryptionByDefault: { sseAlgorithm: 'aws:kms' } }],
      });
    });

    expect(findingsOf(report, 's3-versioning')).toEqual([]);
    expect(findingsOf(report, 's3-encryption')).toEqual([]);
  });

  it('do not credit one bucket with the settings of another', () => {
    const report = checkStack((stack) => {
      const secure = new SecureBucket(stack, 'Secure', { bucketName: BUCKET });
      new S3Bucket(stack, 'Other', { bucket: 'llm-platform-dev-other' });
      expect(secure.bucketName).toBe(BUCKET);
    });

    expect(S3_RULES.flatMap((rule) => findingsOf(report, rule).map((finding) => finding.path))).toEqual([
      'stack/Other',
      'stack/Other',
      'stack/Other',
      'stack/Other',
    ]);
  });

  it('fail suspended versioning and a public access block with a setting off, naming them', () => {
    const report = checkStack((stack) => {
      const bucket = new S3Bucket(stack, 'Partial', { bucket: BUCKET });
      new S3BucketVersioningA(stack, 'Versioning', { bucket: bucket.id, versioningConfiguration: { status: 'Suspended' } });
      new S3BucketPublicAccessBlock(stack, 'Block', {
        bucket: bucket.id,
        blockPublicAcls: true,
        blockPublicPolicy: false,
        ignorePublicAcls: true,
        restrictPublicBuckets: false,
      });
    });

    expect(problemsOf(report, 's3-versioning')).toEqual(['stack/Partial: does not keep object versions: versioning is Suspended']);
    expect(problemsOf(report, 's3-public-access-block')).toEqual([
      'stack/Partial: has a public access block with block_public_policy, restrict_public_buckets not true',
    ]);
  });

  it('fail a bucket policy that does not deny plain HTTP, and pass one built from a policy document data source', () => {
    const statement = (condition: boolean) => ({
      effect: 'Deny',
      principals: [{ type: '*', identifiers: ['*'] }],
      actions: ['s3:*'],
      resources: [`arn:aws:s3:::${BUCKET}`, `arn:aws:s3:::${BUCKET}/*`],
      condition: condition ? [{ test: 'Bool', variable: 'aws:SecureTransport', values: ['false'] }] : undefined,
    });
    const withPolicy = (condition: boolean) =>
      checkStack((stack) => {
        const bucket = new S3Bucket(stack, 'Bucket', { bucket: BUCKET });
        const document = new DataAwsIamPolicyDocument(stack, 'Document', { statement: [statement(condition)] });
        new S3BucketPolicy(stack, 'Policy', { bucket: bucket.id, policy: document.json });
      });

    expect(findingsOf(withPolicy(true), 's3-tls-only')).toEqual([]);
    expect(problemsOf(withPolicy(false), 's3-tls-only')).toEqual([
      'stack/Bucket: accepts requests without TLS: its bucket policy has no Deny of s3:* for any principal on the bucket and its objects when aws:SecureTransport is false',
    ]);
  });

  it('fail a TLS statement that covers the objects but not the bucket', () => {
    const report = checkStack((stack) => {
      const bucket = new S3Bucket(stack, 'Bucket', { bucket: BUCKET });
      new S3BucketPolicy(stack, 'Policy', {
        bucket: bucket.id,
        policy: JSON.stringify({
          Version: '2012-10-17',
          Statement: [
            { Effect: 'Deny', Principal: '*', Action: 's3:*', Resource: `arn:aws:s3:::${BUCKET}/*`, Condition: { Bool: { 'aws:SecureTransport': false } } },
          ],
        }),
      });
    });

    expect(findingsOf(report, 's3-tls-only')).toHaveLength(1);
  });
});
