/**
 * The alert topic of one region: an SNS topic encrypted with its own KMS key, to which only AWS
 * Budgets and CloudWatch alarms of the account may publish, with e-mail subscriptions.
 */
import { KmsAlias } from '@cdktf/provider-aws/lib/kms-alias';
import { KmsKey } from '@cdktf/provider-aws/lib/kms-key';
import { SnsTopic } from '@cdktf/provider-aws/lib/sns-topic';
import { SnsTopicPolicy } from '@cdktf/provider-aws/lib/sns-topic-policy';
import { SnsTopicSubscription } from '@cdktf/provider-aws/lib/sns-topic-subscription';
import { Token } from 'cdktf';
import { isKnownRegion, partitionOf } from '@llm/config';
import { Construct } from 'constructs';
import type { PolicyDocument } from '@llm/constructs/iam';
import { alertKeyPolicyDocument, alertTopicPolicyDocument } from './alert-topic-policies';
import { invalidTopicName, partitionNotOfRegion, unknownRegion } from './errors';
import { checkAccountId, checkEmails, checkWholeNumberInRange } from './validation';

export interface AlertTopicProps {
  /**
   * SNS topic name, from the naming module; also names the key alias `alias/<topicName>`.
   * 1..250 letters, digits, hyphens or underscores.
   */
  readonly topicName: string;
  /** The 12-digit account the topic lives in: the only account whose services may publish. */
  readonly accountId: string;
  /** Region of the stack the topic is created in; part of the topic ARN. */
  readonly region: string;
  /** ARN partition of `region`. @default 'aws' */
  readonly partition?: string;
  /**
   * Addresses that get every alert by e-mail. Each must confirm the subscription from the
   * message SNS sends; no address may appear twice (compared ignoring case). May be empty.
   */
  readonly emails: readonly string[];
  /**
   * Days KMS waits before deleting the key after the topic is destroyed, 7..30.
   * @default 30
   */
  readonly kmsDeletionWindowDays?: number;
}

/** SNS topic names may be 256 characters, but `alias/` + name must fit KMS's 256. */
const MAX_TOPIC_NAME = 256 - 'alias/'.length;
const TOPIC_NAME_PATTERN = new RegExp(`^[A-Za-z0-9_-]{1,${MAX_TOPIC_NAME}}$`);
const DELETION_WINDOW_DAYS = { min: 7, max: 30, unit: 'days' } as const;

export class AlertTopic extends Construct {
  readonly key: KmsKey;
  readonly keyAlias: KmsAlias;
  readonly topic: SnsTopic;
  readonly topicPolicy: SnsTopicPolicy;
  readonly subscriptions: readonly SnsTopicSubscription[];
  readonly topicName: string;
  /** Computed from the props, so other stacks can use it without reading this one's state. */
  readonly topicArn: string;
  /** ARN of the key; known only after apply. */
  readonly keyArn: string;
  readonly topicPolicyDocument: PolicyDocument;
  readonly keyPolicyDocument: PolicyDocument;

  constructor(scope: Construct, id: string, props: AlertTopicProps) {
    super(scope, id);
    validateProps(this, props);
    const partition = props.partition ?? 'aws';
    this.topicName = props.topicName;
    this.topicArn = alertTopicArn({ partition, region: props.region, accountId: props.accountId, topicName: props.topicName });
    this.keyPolicyDocument = alertKeyPolicyDocument({ accountId: props.accountId, partition });
    this.topicPolicyDocument = alertTopicPolicyDocument({ topicArn: this.topicArn, accountId: props.accountId });

    this.key = new KmsKey(this, 'Key', {
      description: `Encrypts SNS topic ${props.topicName}; only AWS Budgets and CloudWatch of the account may use it`,
      enableKeyRotation: true,
      deletionWindowInDays: props.kmsDeletionWindowDays ?? 30,
      policy: JSON.stringify(this.keyPolicyDocument),
    });
    this.keyArn = this.key.arn;
    this.keyAlias = new KmsAlias(this, 'KeyAlias', { name: `alias/${props.topicName}`, targetKeyId: this.key.keyId });

    this.topic = new SnsTopic(this, 'Topic', { name: props.topicName, kmsMasterKeyId: this.key.arn });
    this.topicPolicy = new SnsTopicPolicy(this, 'TopicPolicy', {
      arn: this.topic.arn,
      policy: JSON.stringify(this.topicPolicyDocument),
    });

    this.subscriptions = props.emails.map(
      (email, index) => new SnsTopicSubscription(this, subscriptionId(email, index), { topicArn: this.topic.arn, protocol: 'email', endpoint: email }),
    );
  }
}

export interface AlertTopicArnInput {
  readonly partition: string;
  readonly region: string;
  readonly accountId: string;
  readonly topicName: string;
}

export function alertTopicArn(input: AlertTopicArnInput): string {
  return `arn:${input.partition}:sns:${input.region}:${input.accountId}:${input.topicName}`;
}

/**
 * Ids follow the address, not its position, so reordering the list replaces no subscription
 * (each replacement would send a new confirmation e-mail).
 */
function subscriptionId(email: string, index: number): string {
  return Token.isUnresolved(email) ? `Email${index}` : `Email-${email.toLowerCase()}`;
}

function validateProps(scope: Construct, props: AlertTopicProps): void {
  if (!Token.isUnresolved(props.topicName) && !TOPIC_NAME_PATTERN.test(props.topicName)) {
    throw invalidTopicName(scope, props.topicName, MAX_TOPIC_NAME);
  }
  checkAccountId(scope, 'AlertTopic', props.accountId);
  const regionKnown = !Token.isUnresolved(props.region);
  if (regionKnown && !isKnownRegion(props.region)) {
    throw unknownRegion(scope, props.region);
  }
  const partition = props.partition ?? 'aws';
  if (regionKnown && !Token.isUnresolved(partition) && partition !== partitionOf(props.region)) {
    throw partitionNotOfRegion(scope, partition, props.region, partitionOf(props.region));
  }
  if (props.kmsDeletionWindowDays !== undefined) {
    checkWholeNumberInRange(scope, 'AlertTopic', 'kmsDeletionWindowDays', DELETION_WINDOW_DAYS, props.kmsDeletionWindowDays);
  }
  checkEmails(scope, 'AlertTopic', 'emails', props.emails, { knownAtSynth: true });
}
