/**
 * The Secrets Manager secret that holds the OpenAI API key. Terraform creates the secret and
 * never its value: no aws_secretsmanager_secret_version exists, so the key never enters
 * configuration, synth output, plans or state. The value is put out of band (README).
 */
import { KmsAlias } from '@cdktf/provider-aws/lib/kms-alias';
import { KmsKey } from '@cdktf/provider-aws/lib/kms-key';
import { SecretsmanagerSecret } from '@cdktf/provider-aws/lib/secretsmanager-secret';
import { describeLocation } from '@llm/config';
import { Construct } from 'constructs';

export interface ApiKeySecretProps {
  /** Secret name from the naming module, e.g. `llm-platform/prod/eu-west-1/openai-api-key`. */
  readonly secretName: string;
  readonly accountId: string;
  readonly region: string;
  /** @default 'aws' */
  readonly partition?: string;
  /**
   * Days a deleted secret can still be restored; 0 deletes at once. AWS allows 0 or 7..30.
   * @default 30
   */
  readonly recoveryWindowDays?: number;
  /**
   * Encrypt with a customer-managed KMS key (rotated yearly) instead of the AWS managed key.
   * @default false
   */
  readonly customerManagedKey?: boolean;
  /** Make any plan that would destroy the secret (or its key) fail. @default false */
  readonly preventDestroy?: boolean;
}

export class ApiKeySecret extends Construct {
  readonly secret: SecretsmanagerSecret;
  readonly secretArn: string;
  /** The customer-managed key, when one was asked for. */
  readonly kmsKey?: KmsKey;

  constructor(scope: Construct, id: string, props: ApiKeySecretProps) {
    super(scope, id);
    const recoveryWindowDays = props.recoveryWindowDays ?? 30;
    if (!(recoveryWindowDays === 0 || (Number.isInteger(recoveryWindowDays) && recoveryWindowDays >= 7 && recoveryWindowDays <= 30))) {
      throw new Error(`ApiKeySecret recoveryWindowDays must be 0 or 7..30, got ${recoveryWindowDays} ${describeLocation(this)}`);
    }
    const lifecycle = { preventDestroy: props.preventDestroy ?? false };
    if (props.customerManagedKey) {
      this.kmsKey = new KmsKey(this, 'Key', {
        description: `Encrypts ${props.secretName}`,
        enableKeyRotation: true,
        deletionWindowInDays: 30,
        policy: JSON.stringify(secretKeyPolicy(props)),
        lifecycle,
      });
      new KmsAlias(this, 'KeyAlias', { name: `alias/${props.secretName.replace(/[^a-zA-Z0-9/_-]/g, '-')}`, targetKeyId: this.kmsKey.keyId });
    }
    this.secret = new SecretsmanagerSecret(this, 'Secret', {
      name: props.secretName,
      description: 'OpenAI API key. The value is set out of band, never by Terraform.',
      recoveryWindowInDays: recoveryWindowDays,
      kmsKeyId: this.kmsKey?.arn,
      lifecycle,
    });
    this.secretArn = this.secret.arn;
  }
}

/**
 * Key policy: the account administers the key through IAM (the root statement every key needs,
 * or it becomes unmanageable), and principals of the account may use it only through Secrets
 * Manager in this region.
 */
export function secretKeyPolicy(props: ApiKeySecretProps): object {
  const partition = props.partition ?? 'aws';
  return {
    Version: '2012-10-17',
    Statement: [
      {
        Sid: 'AccountAdministersKeyThroughIam',
        Effect: 'Allow',
        Principal: { AWS: `arn:${partition}:iam::${props.accountId}:root` },
        Action: 'kms:*',
        Resource: '*',
      },
      {
        Sid: 'UseOnlyThroughSecretsManager',
        Effect: 'Allow',
        Principal: { AWS: '*' },
        Action: ['kms:Decrypt', 'kms:GenerateDataKey', 'kms:DescribeKey'],
        Resource: '*',
        Condition: {
          StringEquals: {
            'kms:CallerAccount': props.accountId,
            'kms:ViaService': `secretsmanager.${props.region}.amazonaws.com`,
          },
        },
      },
    ],
  };
}
