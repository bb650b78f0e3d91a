import { describeWithTerraform, planOffline } from '@llm/terraform/testing';
import { AlertTopic, CostAnomalyAlerts, MonthlyBudget } from './index';

const ACCOUNT_ID = '111111111111';

describeWithTerraform('budgets and alerts', () => {
  it('plan with the real AWS provider: topic, key, alias, policy, subscriptions, budget and anomaly alerts', async () => {
    const result = await planOffline((stack) => {
      const alerts = new AlertTopic(stack, 'Alerts', {
        topicName: 'llm-platform-test-eu-west-1-alerts',
        accountId: ACCOUNT_ID,
        region: 'eu-west-1',
        emails: ['ops@example.com', 'finance@example.com'],
        kmsDeletionWindowDays: 7,
      });
      new MonthlyBudget(stack, 'Budget', {
        budgetName: 'llm-platform-test-monthly',
        accountId: ACCOUNT_ID,
        monthlyLimitUsd: 250.5,
        subscriberSnsTopicArns: [alerts.topicArn],
        subscriberEmailAddresses: ['finance@example.com'],
      });
      new CostAnomalyAlerts(stack, 'Anomalies', {
        name: 'llm-platform-test-cost-anomalies',
        accountId: ACCOUNT_ID,
        emails: ['ops@example.com'],
        thresholdUsd: 25,
      });
    });

    expect(result.ok ? '' : result.error).toBe('');
    // Key, alias, topic, topic policy, 2 subscriptions, budget, monitor, subscription.
    expect(result).toMatchObject({ ok: true, add: 9, change: 0, destroy: 0 });
    if (!result.ok) return;
    const changes = result.plan.resource_changes ?? [];
    // Everything is computed locally: no data source, so no AWS call at plan time.
    expect(changes.filter((change) => change.mode === 'data')).toEqual([]);
    expect(changes.map((change) => change.type).sort()).toEqual([
      'aws_budgets_budget',
      'aws_ce_anomaly_monitor',
      'aws_ce_anomaly_subscription',
      'aws_kms_alias',
      'aws_kms_key',
      'aws_sns_topic',
      'aws_sns_topic_policy',
      'aws_sns_topic_subscription',
      'aws_sns_topic_subscription',
    ]);
    const budget = changes.find((change) => change.type === 'aws_budgets_budget')?.change.after;
    expect(budget).toMatchObject({ account_id: ACCOUNT_ID, limit_amount: '250.5', limit_unit: 'USD', time_unit: 'MONTHLY' });
  }, 120_000);
});
