/**
 * The two policies that make the alert topic publishable by AWS Budgets and CloudWatch alarms and
 * by nothing else: the SNS topic policy and the policy of the KMS key that encrypts the topic.
 */
import type { PolicyDocument } from '@llm/constructs/iam';

/** The only principals that may publish to an alert topic (and use its key to do so). */
export const ALERT_PUBLISHER_SERVICES = ['budgets.amazonaws.com', 'cloudwatch.amazonaws.com'] as const;

/**
 * What the account may do with the key through IAM: administer it, never encrypt or decrypt with
 * it. Listed one by one (no `kms:Create*`, which would include `kms:CreateGrant` and so let a
 * role grant itself `kms:Decrypt`), so that no principal of the account can publish to the topic
 * behind the topic policy's back: SNS needs the publisher's `kms:GenerateDataKey` on the key.
 */
export const KEY_ADMINISTRATION_ACTIONS = [
  'kms:DescribeKey',
  'kms:GetKeyPolicy',
  'kms:PutKeyPolicy',
  'kms:GetKeyRotationStatus',
  'kms:EnableKeyRotation',
  'kms:DisableKeyRotation',
  'kms:RotateKeyOnDemand',
  'kms:ListKeyRotations',
  'kms:ListKeyPolicies',
  'kms:ListResourceTags',
  'kms:ListAliases',
  'kms:ListGrants',
  'kms:RevokeGrant',
  'kms:CreateAlias',
  'kms:UpdateAlias',
  'kms:DeleteAlias',
  'kms:UpdateKeyDescription',
  'kms:TagResource',
  'kms:UntagResource',
  'kms:EnableKey',
  'kms:DisableKey',
  'kms:ScheduleKeyDeletion',
  'kms:CancelKeyDeletion',
] as const;

/** What SNS needs from a publisher's side to put an encrypted message on the topic. */
export const PUBLISHER_KEY_ACTIONS = ['kms:GenerateDataKey', 'kms:Decrypt'] as const;

export interface AlertTopicPolicyInput {
  readonly topicArn: string;
  readonly accountId: string;
}

export interface AlertKeyPolicyInput {
  readonly accountId: string;
  readonly partition: string;
}

/** Budgets and CloudWatch of this account may publish, over TLS; no statement grants anyone else. */
export function alertTopicPolicyDocument(input: AlertTopicPolicyInput): PolicyDocument {
  return {
    Version: '2012-10-17',
    Statement: [
      {
        Sid: 'AllowBudgetsAndCloudWatchToPublish',
        Effect: 'Allow',
        Principal: { Service: ALERT_PUBLISHER_SERVICES },
        Action: 'sns:Publish',
        Resource: input.topicArn,
        // Confused-deputy guard: the services may publish only on behalf of this account.
        Condition: { StringEquals: { 'aws:SourceAccount': input.accountId } },
      },
      {
        Sid: 'DenyPublishWithoutTls',
        Effect: 'Deny',
        Principal: '*',
        Action: 'sns:Publish',
        Resource: input.topicArn,
        Condition: { Bool: { 'aws:SecureTransport': 'false' } },
      },
    ],
  };
}

/** The account administers the key; only Budgets and CloudWatch of this account may use it. */
export function alertKeyPolicyDocument(input: AlertKeyPolicyInput): PolicyDocument {
  return {
    Version: '2012-10-17',
    Statement: [
      {
        Sid: 'AllowAccountToAdministerKey',
        Effect: 'Allow',
        Principal: { AWS: `arn:${input.partition}:iam::${input.accountId}:root` },
        Action: KEY_ADMINISTRATION_ACTIONS,
        Resource: '*',
      },
      {
        Sid: 'AllowBudgetsAndCloudWatchToEncryptAlerts',
        Effect: 'Allow',
        Principal: { Service: ALERT_PUBLISHER_SERVICES },
        Action: PUBLISHER_KEY_ACTIONS,
        Resource: '*',
        Condition: { StringEquals: { 'aws:SourceAccount': input.accountId } },
      },
    ],
  };
}
