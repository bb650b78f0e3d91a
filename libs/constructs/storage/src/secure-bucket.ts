/** An S3 bucket that is private, encrypted, versioned and TLS-only by construction. */
import { S3Bucket } from '@cdktf/provider-aws/lib/s3-bucket';
import { S3BucketLifecycleConfiguration } from '@cdktf/provider-aws/lib/s3-bucket-lifecycle-configuration';
import { S3BucketOwnershipControls } from '@cdktf/provider-aws/lib/s3-bucket-ownership-controls';
import { S3BucketPolicy } from '@cdktf/provider-aws/lib/s3-bucket-policy';
import { S3BucketPublicAccessBlock } from '@cdktf/provider-aws/lib/s3-bucket-public-access-block';
import { S3BucketServerSideEncryptionConfigurationA } from '@cdktf/provider-aws/lib/s3-bucket-server-side-encryption-configuration';
import { S3BucketVersioningA } from '@cdktf/provider-aws/lib/s3-bucket-versioning';
import { Token } from 'cdktf';
import { describeLocation } from '@llm/config';
import { Construct } from 'constructs';

export interface SecureBucketProps {
  /** Globally unique bucket name, from the naming module. 3..63 characters. */
  readonly bucketName: string;
  /** ARN partition of the bucket's region. @default 'aws' */
  readonly partition?: string;
  /**
   * Let `terraform destroy` delete the bucket while it still holds objects.
   * Cannot be combined with `preventDestroy`.
   * @default false
   */
  readonly forceDestroy?: boolean;
  /**
   * Make any plan that would destroy the bucket fail (Terraform `prevent_destroy`). For production data.
   * @default false
   */
  readonly preventDestroy?: boolean;
  /**
   * Customer-managed KMS key for default encryption (SSE-KMS with bucket keys).
   * @default - SSE-S3 (AES256)
   */
  readonly kmsKeyArn?: string;
  /**
   * Delete current objects under `expirePrefix` this many days after creation.
   * @default - objects are kept until deleted
   */
  readonly expireAfterDays?: number;
  /** Key prefix that `expireAfterDays` applies to. @default '' (the whole bucket) */
  readonly expirePrefix?: string;
  /**
   * Delete versions this many days after they stop being current.
   * @default 90
   */
  readonly noncurrentVersionExpirationDays?: number;
}

const BUCKET_NAME_PATTERN = /^[a-z0-9][a-z0-9.-]{1,61}[a-z0-9]$/;
const INCOMPLETE_UPLOAD_DAYS = 7;

export class SecureBucket extends Construct {
  readonly bucket: S3Bucket;
  readonly bucketName: string;
  readonly bucketArn: string;

  constructor(scope: Construct, id: string, props: SecureBucketProps) {
    super(scope, id);
    validateProps(this, props);
    this.bucketName = props.bucketName;
    this.bucketArn = `arn:${props.partition ?? 'aws'}:s3:::${props.bucketName}`;

    this.bucket = new S3Bucket(this, 'Bucket', {
      bucket: props.bucketName,
      forceDestroy: props.forceDestroy ?? false,
      lifecycle: { preventDestroy: props.preventDestroy ?? false },
    });
    const bucketId = this.bucket.id;

    new S3BucketVersioningA(this, 'Versioning', { bucket: bucketId, versioningConfiguration: { status: 'Enabled' } });
    new S3BucketServerSideEncryptionConfigurationA(this, 'Encryption', {
      bucket: bucketId,
      rule: [
        {
          applyServerSideEncryptionByDefault: props.kmsKeyArn ? { sseAlgorithm: 'aws:kms', kmsMasterKeyId: props.kmsKeyArn } : { sseAlgorithm: 'AES256' },
          bucketKeyEnabled: true,
        },
      ],
    });
    const publicAccessBlock = new S3BucketPublicAccessBlock(this, 'PublicAccessBlock', {
      bucket: bucketId,
      blockPublicAcls: true,
      blockPublicPolicy: true,
      ignorePublicAcls: true,
      restrictPublicBuckets: true,
    });
    new S3BucketOwnershipControls(this, 'OwnershipControls', {
      bucket: bucketId,
      rule: { objectOwnership: 'BucketOwnerEnforced' },
    });
    new S3BucketPolicy(this, 'Policy', {
      bucket: bucketId,
      policy: JSON.stringify(tlsOnlyPolicy(this.bucketArn)),
      // S3 rejects a bucket policy while the public access block is still being applied.
      dependsOn: [publicAccessBlock],
    });
    new S3BucketLifecycleConfiguration(this, 'Lifecycle', {
      bucket: bucketId,
      rule: lifecycleRules(props),
    });
  }
}

/** Deny every request that does not use TLS; the statement AWS Config's s3-bucket-ssl-requests-only expects. */
export function tlsOnlyPolicy(bucketArn: string): object {
  return {
    Version: '2012-10-17',
    Statement: [
      {
        Sid: 'DenyInsecureTransport',
        Effect: 'Deny',
        Principal: '*',
        Action: 's3:*',
        Resource: [bucketArn, `${bucketArn}/*`],
        Condition: { Bool: { 'aws:SecureTransport': 'false' } },
      },
    ],
  };
}

function lifecycleRules(props: SecureBucketProps) {
  const rules = [
    {
      id: 'housekeeping',
      status: 'Enabled',
      filter: [{ prefix: '' }],
      abortIncompleteMultipartUpload: [{ daysAfterInitiation: INCOMPLETE_UPLOAD_DAYS }],
      noncurrentVersionExpiration: [{ noncurrentDays: props.noncurrentVersionExpirationDays ?? 90 }],
    },
  ];
  if (props.expireAfterDays === undefined) return rules;
  return [
    ...rules,
    {
      id: 'expire-current',
      status: 'Enabled',
      filter: [{ prefix: props.expirePrefix ?? '' }],
      expiration: [{ days: props.expireAfterDays }],
    },
  ];
}

function validateProps(scope: Construct, props: SecureBucketProps): void {
  const where = describeLocation(scope);
  if (!Token.isUnresolved(props.bucketName) && !BUCKET_NAME_PATTERN.test(props.bucketName)) {
    throw new Error(`S3 bucket name must be 3..63 lower-case letters, digits, dots or hyphens, got "${props.bucketName}" ${where}`);
  }
  for (const [field, value] of [
    ['expireAfterDays', props.expireAfterDays],
    ['noncurrentVersionExpirationDays', props.noncurrentVersionExpirationDays],
  ] as const) {
    if (value !== undefined && (!Number.isInteger(value) || value < 1)) {
      throw new Error(`SecureBucket ${field} must be a whole number of days >= 1, got ${value} ${where}`);
    }
  }
  if (props.forceDestroy && props.preventDestroy) {
    throw new Error(`SecureBucket forceDestroy and preventDestroy contradict each other; a protected bucket is never force-destroyed ${where}`);
  }
  if (props.expirePrefix !== undefined && props.expireAfterDays === undefined) {
    throw new Error(`SecureBucket expirePrefix needs expireAfterDays; without it nothing expires ${where}`);
  }
}
