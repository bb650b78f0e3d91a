import { SnsTopic } from '@cdktf/provider-aws/lib/sns-topic';
import { AlertTopic } from '@llm/constructs/budgets';
import { ACCOUNT_ID, checkStack, findingsOf, problemsOf, REGION } from '../spec-helpers';

describe('sns-encryption', () => {
  it('passes an AlertTopic, which has its own KMS key', () => {
    const report = checkStack((stack) => {
      new AlertTopic(stack, 'Alerts', { topicName: 'llm-alerts', accountId: ACCOUNT_ID, region: REGION, emails: ['ops@example.com'] });
    });

    expect(findingsOf(report, 'sns-encryption')).toEqual([]);
  });

  it('fails a topic without a KMS key, saying how to add one', () => {
    const report = checkStack((stack) => {
      new SnsTopic(stack, 'Topic', { name: 'plain' });
    });

    expect(problemsOf(report, 'sns-encryption')).toEqual(['stack/Topic: stores messages unencrypted: kms_master_key_id is not set']);
    expect(findingsOf(report, 'sns-encryption')[0].fix).toContain('set kms_master_key_id');
  });
});
