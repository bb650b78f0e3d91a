/**
 * The monthly cost budget of an environment's account, warning at 80% and 100% of actual spend
 * and when the forecast reaches 100%.
 */
import { BudgetsBudget, type BudgetsBudgetNotification } from '@cdktf/provider-aws/lib/budgets-budget';
import { Token } from 'cdktf';
import { Construct } from 'constructs';
import { invalidBudgetName, invalidSnsTopicArn, noBudgetSubscribers, snsTopicInOtherAccount, tooManySnsTopics } from './errors';
import { checkAccountId, checkEmails, checkPositiveUsd, usdAmount } from './validation';

export interface MonthlyBudgetProps {
  /** Budget name, unique in the account: 1..100 characters, no `:` or `\`. */
  readonly budgetName: string;
  /**
   * The account the budget watches. Set explicitly: the provider would otherwise ask AWS, which
   * an offline plan cannot.
   */
  readonly accountId: string;
  /** Monthly cost limit in USD, > 0. */
  readonly monthlyLimitUsd: number;
  /**
   * Alert topic ARNs that get every notification, computed from names (no cross-stack
   * reference). At most one (the AWS Budgets limit per notification), in `accountId`.
   * @default - no SNS subscriber
   */
  readonly subscriberSnsTopicArns?: readonly string[];
  /**
   * Addresses that get every notification directly; at most 10 (the AWS Budgets limit).
   * @default - no e-mail subscriber
   */
  readonly subscriberEmailAddresses?: readonly string[];
}

export interface BudgetNotificationRule {
  readonly notificationType: 'ACTUAL' | 'FORECASTED';
  readonly thresholdPercent: number;
}

/** When the budget notifies, in percent of the monthly limit. */
export const BUDGET_NOTIFICATION_RULES: readonly BudgetNotificationRule[] = [
  { notificationType: 'ACTUAL', thresholdPercent: 80 },
  { notificationType: 'ACTUAL', thresholdPercent: 100 },
  { notificationType: 'FORECASTED', thresholdPercent: 100 },
];

const MAX_BUDGET_NAME = 100;
const MAX_SNS_SUBSCRIBERS = 1;
const MAX_EMAIL_SUBSCRIBERS = 10;
const SNS_TOPIC_ARN_PATTERN = /^arn:aws[a-z-]*:sns:[a-z0-9-]+:(\d{12}):[A-Za-z0-9_-]{1,256}$/;

export class MonthlyBudget extends Construct {
  readonly budget: BudgetsBudget;

  constructor(scope: Construct, id: string, props: MonthlyBudgetProps) {
    super(scope, id);
    validateProps(this, props);
    const subscribers = {
      subscriberSnsTopicArns: optionalList(props.subscriberSnsTopicArns),
      subscriberEmailAddresses: optionalList(props.subscriberEmailAddresses),
    };
    this.budget = new BudgetsBudget(this, 'Budget', {
      name: props.budgetName,
      accountId: props.accountId,
      budgetType: 'COST',
      timeUnit: 'MONTHLY',
      limitAmount: usdAmount(props.monthlyLimitUsd),
      limitUnit: 'USD',
      notification: BUDGET_NOTIFICATION_RULES.map((rule): BudgetsBudgetNotification => ({
        notificationType: rule.notificationType,
        comparisonOperator: 'GREATER_THAN',
        threshold: rule.thresholdPercent,
        thresholdType: 'PERCENTAGE',
        ...subscribers,
      })),
    });
  }
}

/** Terraform treats an empty list and an absent one alike here; leave it out of the JSON when empty. */
function optionalList(list: readonly string[] | undefined): string[] | undefined {
  if (list === undefined) return undefined;
  if (Token.isUnresolved(list)) return list as string[];
  return list.length === 0 ? undefined : [...list];
}

function validateProps(scope: Construct, props: MonthlyBudgetProps): void {
  const name = props.budgetName;
  if (!Token.isUnresolved(name) && (name.length < 1 || name.length > MAX_BUDGET_NAME || /[:\\]/.test(name))) {
    throw invalidBudgetName(scope, name);
  }
  checkAccountId(scope, 'MonthlyBudget', props.accountId);
  checkPositiveUsd(scope, 'MonthlyBudget', 'monthlyLimitUsd', props.monthlyLimitUsd);

  const topicArns = props.subscriberSnsTopicArns ?? [];
  const emails = props.subscriberEmailAddresses ?? [];
  if (!Token.isUnresolved(topicArns)) {
    if (topicArns.length > MAX_SNS_SUBSCRIBERS) throw tooManySnsTopics(scope, topicArns.length);
    topicArns.forEach((arn, index) => {
      if (Token.isUnresolved(arn)) return;
      const match = SNS_TOPIC_ARN_PATTERN.exec(arn);
      if (!match) throw invalidSnsTopicArn(scope, index, arn);
      // AWS Budgets does not publish to topics of other accounts.
      if (!Token.isUnresolved(props.accountId) && match[1] !== props.accountId) {
        throw snsTopicInOtherAccount(scope, index, match[1], props.accountId);
      }
    });
  }
  checkEmails(scope, 'MonthlyBudget', 'subscriberEmailAddresses', emails, {
    max: { count: MAX_EMAIL_SUBSCRIBERS, why: 'AWS Budgets allows 10 e-mail subscribers per notification' },
  });
  if (!Token.isUnresolved(topicArns) && !Token.isUnresolved(emails) && topicArns.length === 0 && emails.length === 0) {
    throw noBudgetSubscribers(scope);
  }
}
