import { BudgetsBudget } from '@cdktf/provider-aws/lib/budgets-budget';
import { TerraformVariable, Testing } from 'cdktf';
import { MonthlyBudget, type MonthlyBudgetProps } from './index';

const TOPIC_ARN = 'arn:aws:sns:eu-west-1:111111111111:llm-alerts';

const props: MonthlyBudgetProps = {
  budgetName: 'llm-prod-monthly',
  accountId: '111111111111',
  monthlyLimitUsd: 500,
  subscriberSnsTopicArns: [TOPIC_ARN],
};

function synth(overrides: Partial<MonthlyBudgetProps> = {}): string {
  return Testing.synthScope((scope) => new MonthlyBudget(scope, 'Budget', { ...props, ...overrides }));
}

function notificationsOf(synthesized: string): unknown[] {
  const [budget] = Object.values(JSON.parse(synthesized).resource.aws_budgets_budget) as Array<{ notification: unknown[] }>;
  return budget.notification;
}

describe('MonthlyBudget', () => {
  it('is a monthly USD cost budget on the account given explicitly', () => {
    expect(synth()).toHaveResourceWithProperties(BudgetsBudget, {
      name: 'llm-prod-monthly',
      account_id: '111111111111',
      budget_type: 'COST',
      time_unit: 'MONTHLY',
      limit_amount: '500',
      limit_unit: 'USD',
    });
  });

  it('keeps cents in the limit', () => {
    expect(synth({ monthlyLimitUsd: 99.95 })).toHaveResourceWithProperties(BudgetsBudget, { limit_amount: '99.95' });
  });

  it('passes a limit known only at apply time through unchecked', () => {
    const synthesized = Testing.synthScope((scope) => {
      const limit = new TerraformVariable(scope, 'limit', { type: 'number' }).numberValue;
      new MonthlyBudget(scope, 'Budget', { ...props, monthlyLimitUsd: limit });
    });
    expect(synthesized).toHaveResourceWithProperties(BudgetsBudget, { limit_amount: '${var.limit}' });
  });

  it('notifies the alert topic at 80% and 100% of actual cost and at 100% of forecast cost, and nothing else', () => {
    const toTopic = { comparison_operator: 'GREATER_THAN', threshold_type: 'PERCENTAGE', subscriber_sns_topic_arns: [TOPIC_ARN] };
    expect(notificationsOf(synth())).toEqual([
      { ...toTopic, notification_type: 'ACTUAL', threshold: 80 },
      { ...toTopic, notification_type: 'ACTUAL', threshold: 100 },
      { ...toTopic, notification_type: 'FORECASTED', threshold: 100 },
    ]);
  });

  it('sends every notification to the e-mail addresses too when given', () => {
    const notifications = notificationsOf(synth({ subscriberEmailAddresses: ['finance@example.com'] }));
    expect(notifications).toHaveLength(3);
    for (const notification of notifications) {
      expect(notification).toMatchObject({ subscriber_sns_topic_arns: [TOPIC_ARN], subscriber_email_addresses: ['finance@example.com'] });
    }
  });

  it('may notify by e-mail only', () => {
    const notifications = notificationsOf(synth({ subscriberSnsTopicArns: undefined, subscriberEmailAddresses: ['finance@example.com'] }));
    for (const notification of notifications) {
      expect(notification).toEqual(expect.not.objectContaining({ subscriber_sns_topic_arns: expect.anything() }));
      expect(notification).toMatchObject({ subscriber_email_addresses: ['finance@example.com'] });
    }
  });

  describe('validation', () => {
    it('rejects a limit that is not a positive amount', () => {
      expect(() => synth({ monthlyLimitUsd: 0 })).toThrow('MonthlyBudget monthlyLimitUsd must be a positive amount in USD, got 0 (construct stack/Budget)');
      expect(() => synth({ monthlyLimitUsd: -10 })).toThrow('MonthlyBudget monthlyLimitUsd must be a positive amount in USD, got -10 (construct stack/Budget)');
      expect(() => synth({ monthlyLimitUsd: Number.NaN })).toThrow(
        'MonthlyBudget monthlyLimitUsd must be a positive amount in USD, got NaN (construct stack/Budget)',
      );
    });

    it('rejects an account id that is not 12 digits', () => {
      expect(() => synth({ accountId: '11111111111a' })).toThrow('MonthlyBudget accountId must be 12 digits, got "11111111111a" (construct stack/Budget)');
    });

    it('rejects a budget name AWS Budgets would refuse', () => {
      expect(() => synth({ budgetName: 'prod:monthly' })).toThrow(
        'MonthlyBudget budgetName must be 1..100 characters without ":" or "\\", got "prod:monthly" (construct stack/Budget)',
      );
      expect(() => synth({ budgetName: 'b'.repeat(101) })).toThrow('MonthlyBudget budgetName must be 1..100 characters');
      expect(() => synth({ budgetName: '' })).toThrow('MonthlyBudget budgetName must be 1..100 characters without ":" or "\\", got ""');
    });

    it('rejects more than one SNS topic, the AWS Budgets limit', () => {
      expect(() => synth({ subscriberSnsTopicArns: [TOPIC_ARN, `${TOPIC_ARN}-2`] })).toThrow(
        'MonthlyBudget subscriberSnsTopicArns may name at most 1 topic (AWS Budgets allows one SNS subscriber per notification), got 2 (construct stack/Budget)',
      );
    });

    it('rejects a topic ARN that is not an SNS topic ARN', () => {
      expect(() => synth({ subscriberSnsTopicArns: ['arn:aws:sqs:eu-west-1:111111111111:queue'] })).toThrow(
        'MonthlyBudget subscriberSnsTopicArns[0] must be an SNS topic ARN (arn:<partition>:sns:<region>:<account>:<name>), got "arn:aws:sqs:eu-west-1:111111111111:queue" (construct stack/Budget)',
      );
    });

    it('rejects a topic of another account', () => {
      expect(() => synth({ subscriberSnsTopicArns: ['arn:aws:sns:eu-west-1:222222222222:llm-alerts'] })).toThrow(
        'MonthlyBudget subscriberSnsTopicArns[0] must name a topic in account 111111111111, got a topic in account 222222222222: the alert topic lets only Budgets of its own account publish (construct stack/Budget)',
      );
    });

    it('rejects an invalid or repeated e-mail address, and more than 10', () => {
      expect(() => synth({ subscriberEmailAddresses: ['finance'] })).toThrow(
        'MonthlyBudget subscriberEmailAddresses[0] must be an e-mail address, got "finance" (construct stack/Budget)',
      );
      expect(() => synth({ subscriberEmailAddresses: ['a@example.com', 'A@Example.com'] })).toThrow(
        'MonthlyBudget subscriberEmailAddresses must not repeat an address (compared ignoring case), got "A@Example.com" more than once (construct stack/Budget)',
      );
      const eleven = Array.from({ length: 11 }, (_, index) => `person${index}@example.com`);
      expect(() => synth({ subscriberEmailAddresses: eleven })).toThrow(
        'MonthlyBudget subscriberEmailAddresses may list at most 10 addresses (AWS Budgets allows 10 e-mail subscribers per notification), got 11 (construct stack/Budget)',
      );
    });

    it('rejects a budget that would notify nobody', () => {
      const message =
        'MonthlyBudget needs at least one subscriber: set subscriberSnsTopicArns or subscriberEmailAddresses, got neither (AWS Budgets rejects a notification without subscribers) (construct stack/Budget)';
      expect(() => synth({ subscriberSnsTopicArns: undefined })).toThrow(message);
      expect(() => synth({ subscriberSnsTopicArns: [], subscriberEmailAddresses: [] })).toThrow(message);
    });
  });
});
