import { CloudwatchLogGroup } from '@cdktf/provider-aws/lib/cloudwatch-log-group';
import { checkStack, findingsOf, problemsOf } from '../spec-helpers';

const KEY_ARN = 'arn:aws:kms:eu-west-1:111111111111:key/1234abcd-12ab-34cd-56ef-1234567890ab';

describe('log-group-retention', () => {
  it('passes a log group that expires its events', () => {
    const report = checkStack((stack) => {
      new CloudwatchLogGroup(stack, 'Logs', { name: '/aws/lambda/api', retentionInDays: 14 });
    });

    expect(findingsOf(report, 'log-group-retention')).toEqual([]);
  });

  it.each([
    ['no retention', {}],
    ['retention 0', { retentionInDays: 0 }],
  ])('fails a log group with %s, saying what to set', (_case, settings) => {
    const report = checkStack((stack) => {
      new CloudwatchLogGroup(stack, 'Logs', { name: '/aws/lambda/api', ...settings });
    });

    expect(problemsOf(report, 'log-group-retention')).toEqual(['stack/Logs: keeps log events forever: retention_in_days is not set (or 0)']);
    expect(findingsOf(report, 'log-group-retention')[0]).toMatchObject({
      level: 'error',
      fix: "set retention_in_days to one of the CloudWatch Logs periods (LOG_RETENTION_DAYS in @llm/config), normally the environment's logging.retentionDays",
    });
  });
});

describe('log-group-kms', () => {
  const withGroup = (kmsKeyId: string | undefined, production: boolean) =>
    checkStack(
      (stack) => {
        new CloudwatchLogGroup(stack, 'Logs', { name: '/aws/lambda/api', retentionInDays: 14, kmsKeyId });
      },
      { production },
    );

  it('passes a production log group with a customer-managed key', () => {
    expect(findingsOf(withGroup(KEY_ARN, true), 'log-group-kms')).toEqual([]);
  });

  it('warns about a production log group without one', () => {
    const [finding] = findingsOf(withGroup(undefined, true), 'log-group-kms');

    expect(finding).toMatchObject({
      level: 'warning',
      path: 'stack/Logs',
      problem: "is encrypted with CloudWatch Logs' own key, not a customer-managed KMS key (kms_key_id is not set)",
    });
  });

  it('does not apply outside production', () => {
    expect(findingsOf(withGroup(undefined, false), 'log-group-kms')).toEqual([]);
  });
});
