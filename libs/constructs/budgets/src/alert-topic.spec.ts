import { KmsAlias } from '@cdktf/provider-aws/lib/kms-alias';
import { KmsKey } from '@cdktf/provider-aws/lib/kms-key';
import { SnsTopic } from '@cdktf/provider-aws/lib/sns-topic';
import { SnsTopicPolicy } from '@cdktf/provider-aws/lib/sns-topic-policy';
import { SnsTopicSubscription } from '@cdktf/provider-aws/lib/sns-topic-subscription';
import { TerraformOutput, TerraformStack, TerraformVariable, Testing } from 'cdktf';
import { setDeploymentContext } from '@llm/config';
import { resourcesOf } from '@llm/terraform/testing';
import { asList, type PolicyDocument, type PolicyStatement } from '@llm/constructs/iam';
import { AlertTopic, type AlertTopicProps } from './index';

const TOPIC_ARN = 'arn:aws:sns:eu-west-1:111111111111:llm-alerts';

const props: AlertTopicProps = {
  topicName: 'llm-alerts',
  accountId: '111111111111',
  region: 'eu-west-1',
  emails: ['ops@example.com', 'finance@example.com'],
};

function synth(overrides: Partial<AlertTopicProps> = {}): string {
  return Testing.synthScope((scope) => new AlertTopic(scope, 'Alerts', { ...props, ...overrides }));
}

function policyOf(synthesized: string, type: 'aws_sns_topic_policy' | 'aws_kms_key'): PolicyDocument {
  const [resource] = resourcesOf(synthesized, type);
  return JSON.parse(resource.policy);
}

function servicesOf(statement: PolicyStatement): readonly string[] {
  if (statement.Principal === '*') return ['*'];
  return asList(statement.Principal?.Service);
}

function actionsOf(statement: PolicyStatement): readonly string[] {
  return asList(statement.Action);
}

/** Whether some Allow statement lets `service` perform `action` (wildcards in actions honoured). */
function allows(policy: PolicyDocument, service: string, action: string): boolean {
  return policy.Statement.some(
    (statement) =>
      statement.Effect === 'Allow' &&
      servicesOf(statement).some((principal) => principal === service || principal === '*') &&
      actionsOf(statement).some((pattern) => new RegExp(`^${pattern.replace(/\*/g, '.*')}$`).test(action)),
  );
}

describe('AlertTopic', () => {
  it('creates a topic encrypted with its own rotating key, reachable through alias/<topicName>', () => {
    const synthesized = synth();
    expect(synthesized).toHaveResourceWithProperties(KmsKey, { enable_key_rotation: true, deletion_window_in_days: 30 });
    expect(synthesized).toHaveResourceWithProperties(KmsAlias, {
      name: 'alias/llm-alerts',
      target_key_id: expect.stringMatching(/^\$\{aws_kms_key\.Alerts_Key_[0-9A-F]+\.key_id\}$/),
    });
    expect(synthesized).toHaveResourceWithProperties(SnsTopic, {
      name: 'llm-alerts',
      kms_master_key_id: expect.stringMatching(/^\$\{aws_kms_key\.Alerts_Key_[0-9A-F]+\.arn\}$/),
    });
  });

  it('keeps the key for the deletion window asked for', () => {
    expect(synth({ kmsDeletionWindowDays: 7 })).toHaveResourceWithProperties(KmsKey, { deletion_window_in_days: 7 });
  });

  it('exposes the topic ARN computed from its props, and the key ARN', () => {
    let topicArn = '';
    const synthesized = Testing.synthScope((scope) => {
      const alerts = new AlertTopic(scope, 'Alerts', props);
      topicArn = alerts.topicArn;
      new TerraformOutput(scope, 'key_arn', { value: alerts.keyArn });
    });
    expect(topicArn).toBe(TOPIC_ARN);
    expect(JSON.parse(synthesized).output.key_arn.value).toMatch(/^\$\{aws_kms_key\.Alerts_Key_[0-9A-F]+\.arn\}$/);
  });

  it('names the partition in every ARN it computes', () => {
    const synthesized = synth({ region: 'us-gov-west-1', partition: 'aws-us-gov' });
    expect(policyOf(synthesized, 'aws_sns_topic_policy').Statement[0].Resource).toBe('arn:aws-us-gov:sns:us-gov-west-1:111111111111:llm-alerts');
    expect(policyOf(synthesized, 'aws_kms_key').Statement[0].Principal).toEqual({ AWS: 'arn:aws-us-gov:iam::111111111111:root' });
  });

  describe('topic policy', () => {
    const policy = policyOf(synth(), 'aws_sns_topic_policy');

    it('is attached to the topic', () => {
      expect(synth()).toHaveResourceWithProperties(SnsTopicPolicy, {
        arn: expect.stringMatching(/^\$\{aws_sns_topic\.Alerts_Topic_[0-9A-F]+\.arn\}$/),
      });
    });

    it('allows only sns:Publish, only to Budgets and CloudWatch of this account, and denies publishing without TLS', () => {
      expect(policy).toEqual({
        Version: '2012-10-17',
        Statement: [
          {
            Sid: 'AllowBudgetsAndCloudWatchToPublish',
            Effect: 'Allow',
            Principal: { Service: ['budgets.amazonaws.com', 'cloudwatch.amazonaws.com'] },
            Action: 'sns:Publish',
            Resource: TOPIC_ARN,
            Condition: { StringEquals: { 'aws:SourceAccount': '111111111111' } },
          },
          {
            Sid: 'DenyPublishWithoutTls',
            Effect: 'Deny',
            Principal: '*',
            Action: 'sns:Publish',
            Resource: TOPIC_ARN,
            Condition: { Bool: { 'aws:SecureTransport': 'false' } },
          },
        ],
      });
    });

    it('lets Budgets and CloudWatch publish', () => {
      expect(allows(policy, 'budgets.amazonaws.com', 'sns:Publish')).toBe(true);
      expect(allows(policy, 'cloudwatch.amazonaws.com', 'sns:Publish')).toBe(true);
    });

    it('does not let any other service, such as EventBridge, publish', () => {
      expect(allows(policy, 'events.amazonaws.com', 'sns:Publish')).toBe(false);
      expect(allows(policy, 'costalerts.amazonaws.com', 'sns:Publish')).toBe(false);
    });

    it('grants no principal anything but publishing', () => {
      expect(allows(policy, 'budgets.amazonaws.com', 'sns:Subscribe')).toBe(false);
      expect(allows(policy, 'cloudwatch.amazonaws.com', 'sns:SetTopicAttributes')).toBe(false);
    });
  });

  describe('key policy', () => {
    const policy = policyOf(synth(), 'aws_kms_key');
    const [administration, use] = policy.Statement;

    it('lets the account root administer the key but not encrypt or decrypt with it', () => {
      expect(administration).toMatchObject({ Effect: 'Allow', Principal: { AWS: 'arn:aws:iam::111111111111:root' }, Resource: '*' });
      expect(actionsOf(administration)).toEqual(expect.arrayContaining(['kms:PutKeyPolicy', 'kms:ScheduleKeyDeletion', 'kms:EnableKeyRotation']));
      for (const action of ['kms:GenerateDataKey', 'kms:Decrypt', 'kms:Encrypt', 'kms:ReEncryptFrom', 'kms:CreateGrant']) {
        expect(actionsOf(administration).some((pattern) => new RegExp(`^${pattern.replace(/\*/g, '.*')}$`).test(action))).toBe(false);
      }
    });

    it('lets only Budgets and CloudWatch of this account use the key, for kms:GenerateDataKey and kms:Decrypt', () => {
      expect(policy.Statement).toHaveLength(2);
      expect(use).toEqual({
        Sid: 'AllowBudgetsAndCloudWatchToEncryptAlerts',
        Effect: 'Allow',
        Principal: { Service: ['budgets.amazonaws.com', 'cloudwatch.amazonaws.com'] },
        Action: ['kms:GenerateDataKey', 'kms:Decrypt'],
        Resource: '*',
        Condition: { StringEquals: { 'aws:SourceAccount': '111111111111' } },
      });
    });

    it('does not let any other service, such as EventBridge, use the key', () => {
      expect(allows(policy, 'events.amazonaws.com', 'kms:GenerateDataKey')).toBe(false);
      expect(allows(policy, 'events.amazonaws.com', 'kms:Decrypt')).toBe(false);
      expect(allows(policy, 'budgets.amazonaws.com', 'kms:GenerateDataKey')).toBe(true);
    });
  });

  describe('e-mail subscriptions', () => {
    it('subscribes each address by e-mail', () => {
      const synthesized = synth();
      expect(resourcesOf(synthesized, 'aws_sns_topic_subscription')).toHaveLength(2);
      for (const endpoint of props.emails) {
        expect(synthesized).toHaveResourceWithProperties(SnsTopicSubscription, {
          protocol: 'email',
          endpoint,
          topic_arn: expect.stringMatching(/^\$\{aws_sns_topic\.Alerts_Topic_[0-9A-F]+\.arn\}$/),
        });
      }
    });

    it('keeps each subscription when the list is reordered', () => {
      const addresses = (synthesized: string) =>
        Object.fromEntries(
          Object.entries(JSON.parse(synthesized).resource.aws_sns_topic_subscription as Record<string, { endpoint: string }>).map(([id, value]) => [
            id,
            value.endpoint,
          ]),
        );
      expect(addresses(synth({ emails: [...props.emails].reverse() }))).toEqual(addresses(synth()));
    });

    it('creates none for an empty list', () => {
      expect(synth({ emails: [] })).not.toHaveResource(SnsTopicSubscription);
    });
  });

  describe('validation', () => {
    it('rejects a topic name SNS would refuse', () => {
      expect(() => synth({ topicName: 'llm alerts' })).toThrow(
        `AlertTopic topicName must be 1..250 letters, digits, hyphens or underscores (so that the key alias alias/<topicName> fits KMS's 256 characters), got "llm alerts" (construct stack/Alerts)`,
      );
    });

    it('rejects a topic name too long for the key alias', () => {
      const name = 'a'.repeat(251);
      expect(() => synth({ topicName: name })).toThrow(`got "${name}" (construct stack/Alerts)`);
      expect(() => synth({ topicName: 'a'.repeat(250) })).not.toThrow();
    });

    it('rejects an account id that is not 12 digits', () => {
      expect(() => synth({ accountId: '12345' })).toThrow('AlertTopic accountId must be 12 digits, got "12345" (construct stack/Alerts)');
    });

    it('rejects an unknown region', () => {
      expect(() => synth({ region: 'eu-west1' })).toThrow('AlertTopic region must be a known AWS region, got "eu-west1" (construct stack/Alerts)');
    });

    it('rejects a partition that is not the region partition', () => {
      expect(() => synth({ region: 'us-gov-west-1' })).toThrow(
        'AlertTopic partition must be the partition of region us-gov-west-1, aws-us-gov, got "aws": ARNs in the policies would name the wrong partition (construct stack/Alerts)',
      );
    });

    it('rejects a key deletion window outside 7..30 days', () => {
      expect(() => synth({ kmsDeletionWindowDays: 6 })).toThrow(
        'AlertTopic kmsDeletionWindowDays must be a whole number of days 7..30, got 6 (construct stack/Alerts)',
      );
      expect(() => synth({ kmsDeletionWindowDays: 31 })).toThrow('kmsDeletionWindowDays must be a whole number of days 7..30, got 31');
      expect(() => synth({ kmsDeletionWindowDays: 7.5 })).toThrow('kmsDeletionWindowDays must be a whole number of days 7..30, got 7.5');
    });

    it('rejects an address that is not an e-mail address', () => {
      expect(() => synth({ emails: ['ops@example.com', 'ops-at-example.com'] })).toThrow(
        'AlertTopic emails[1] must be an e-mail address, got "ops-at-example.com" (construct stack/Alerts)',
      );
    });

    it('rejects an address listed twice, ignoring case', () => {
      expect(() => synth({ emails: ['ops@example.com', 'OPS@example.com'] })).toThrow(
        'AlertTopic emails must not repeat an address (compared ignoring case), got "OPS@example.com" more than once (construct stack/Alerts)',
      );
    });

    it('rejects an address list that is only known at apply time, since each address is its own subscription', () => {
      expect(() =>
        Testing.synthScope((scope) => {
          const emails = new TerraformVariable(scope, 'emails', { type: 'list(string)' }).listValue;
          new AlertTopic(scope, 'Alerts', { ...props, emails });
        }),
      ).toThrow(
        'AlertTopic emails must be a list known at synth time (each address becomes its own subscriber), got an unresolved token; pass the addresses from configuration (construct stack/Alerts)',
      );
    });

    it('names environment and region when the stack has set them', () => {
      const app = Testing.app();
      const stack = new TerraformStack(app, 'prod-eu-west-1');
      setDeploymentContext(stack, { environment: 'prod', region: 'eu-west-1' });
      expect(() => new AlertTopic(stack, 'Alerts', { ...props, accountId: 'x' })).toThrow(
        'AlertTopic accountId must be 12 digits, got "x" (environment prod, region eu-west-1, construct prod-eu-west-1/Alerts)',
      );
    });
  });
});
