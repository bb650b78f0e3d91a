/** A private ECR repository with immutable tags, scan on push, encryption and a lifecycle policy by construction. */
import { EcrLifecyclePolicy } from '@cdktf/provider-aws/lib/ecr-lifecycle-policy';
import { EcrRepository as AwsEcrRepository } from '@cdktf/provider-aws/lib/ecr-repository';
import { deploymentContextOf } from '@llm/config';
import { Token } from 'cdktf';
import { Construct } from 'constructs';
import {
  forceDeleteInProduction,
  invalidKmsKeyArn,
  invalidRepositoryName,
  kmsKeyInOtherRegion,
  kmsKeyWithoutKmsEncryption,
  notWholeNumberInRange,
  unknownEncryption,
} from './errors';
import { KEEP_LAST_IMAGES, lifecyclePolicyJson, UNTAGGED_EXPIRY_DAYS } from './lifecycle';

export type EcrEncryption = 'AES256' | 'KMS';

export interface EcrRepositoryProps {
  /**
   * Repository name, from the naming module: 2..256 characters, lower-case letters and digits,
   * parts joined by `.`, `_` or `-`, path segments by `/` (`llm-platform/api`).
   */
  readonly repositoryName: string;
  /**
   * How images are encrypted at rest: `'KMS'` (AWS KMS) or `'AES256'` (Amazon S3-managed keys).
   * Changing it replaces the repository.
   * @default 'KMS' (with the AWS managed key `aws/ecr` unless `kmsKeyArn` is set)
   */
  readonly encryption?: EcrEncryption;
  /**
   * Customer managed KMS key (or alias) ARN, in the repository's region. Only with `encryption: 'KMS'`.
   * @default - the AWS managed key `aws/ecr`
   */
  readonly kmsKeyArn?: string;
  /**
   * Let `terraform destroy` delete the repository while it still holds images. Refused when `production` is true.
   * @default false
   */
  readonly forceDelete?: boolean;
  /**
   * Days after push an untagged image expires (lifecycle rule 1). 1..365.
   * @default 7
   */
  readonly untaggedExpiryDays?: number;
  /**
   * Images kept, newest first, whatever their tag status; older ones expire (lifecycle rule 2). 1..1000.
   * @default 30
   */
  readonly keepLastImages?: number;
  /**
   * The repository belongs to a production environment: `forceDelete` is then refused.
   * @default false
   */
  readonly production?: boolean;
}

// ECR's CreateRepository rules; the length is checked by the lookahead.
const REPOSITORY_NAME_PATTERN = /^(?=.{2,256}$)(?:[a-z0-9]+(?:[._-][a-z0-9]+)*\/)*[a-z0-9]+(?:[._-][a-z0-9]+)*$/;
const KMS_ARN_PATTERN = /^arn:aws[a-z-]*:kms:([a-z0-9-]+):\d{12}:(?:key|alias)\/[A-Za-z0-9/_-]+$/;

export class EcrRepository extends Construct {
  readonly repository: AwsEcrRepository;
  readonly lifecyclePolicy: EcrLifecyclePolicy;
  /** `<account>.dkr.ecr.<region>.amazonaws.com/<name>`, known after apply. */
  readonly repositoryUrl: string;
  readonly repositoryArn: string;
  /** The repository name, as a reference to the resource so users depend on it. */
  readonly repositoryName: string;

  constructor(scope: Construct, id: string, props: EcrRepositoryProps) {
    super(scope, id);
    validateProps(this, props);
    const encryption = props.encryption ?? 'KMS';

    this.repository = new AwsEcrRepository(this, 'Repository', {
      name: props.repositoryName,
      imageTagMutability: 'IMMUTABLE',
      imageScanningConfiguration: { scanOnPush: true },
      encryptionConfiguration: [
        encryption === 'KMS' && props.kmsKeyArn !== undefined ? { encryptionType: 'KMS', kmsKey: props.kmsKeyArn } : { encryptionType: encryption },
      ],
      forceDelete: props.forceDelete ?? false,
    });
    this.lifecyclePolicy = new EcrLifecyclePolicy(this, 'LifecyclePolicy', {
      repository: this.repository.name,
      policy: lifecyclePolicyJson({
        untaggedExpiryDays: props.untaggedExpiryDays ?? UNTAGGED_EXPIRY_DAYS.default,
        keepLastImages: props.keepLastImages ?? KEEP_LAST_IMAGES.default,
      }),
    });
    this.repositoryUrl = this.repository.repositoryUrl;
    this.repositoryArn = this.repository.arn;
    this.repositoryName = this.repository.name;
  }
}

function validateProps(scope: Construct, props: EcrRepositoryProps): void {
  if (!Token.isUnresolved(props.repositoryName) && !REPOSITORY_NAME_PATTERN.test(props.repositoryName)) {
    throw invalidRepositoryName(scope, props.repositoryName);
  }
  const encryption: string = props.encryption ?? 'KMS';
  if (encryption !== 'AES256' && encryption !== 'KMS') throw unknownEncryption(scope, encryption);
  if (props.kmsKeyArn !== undefined) {
    if (encryption !== 'KMS') throw kmsKeyWithoutKmsEncryption(scope, encryption);
    validateKmsKeyArn(scope, props.kmsKeyArn);
  }
  for (const [field, value, range] of [
    ['untaggedExpiryDays', props.untaggedExpiryDays, { ...UNTAGGED_EXPIRY_DAYS, unit: 'days' }],
    ['keepLastImages', props.keepLastImages, { ...KEEP_LAST_IMAGES, unit: 'images' }],
  ] as const) {
    if (value === undefined || Token.isUnresolved(value)) continue;
    if (!Number.isInteger(value) || value < range.min || value > range.max) {
      throw notWholeNumberInRange(scope, 'EcrRepository', field, range, value);
    }
  }
  if (props.production === true && props.forceDelete === true) throw forceDeleteInProduction(scope);
}

function validateKmsKeyArn(scope: Construct, arn: string): void {
  if (Token.isUnresolved(arn)) return;
  const match = KMS_ARN_PATTERN.exec(arn);
  if (!match) throw invalidKmsKeyArn(scope, arn);
  const keyRegion = match[1];
  const { region } = deploymentContextOf(scope);
  if (region !== undefined && keyRegion !== region) throw kmsKeyInOtherRegion(scope, keyRegion, region);
}
