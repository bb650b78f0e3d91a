/** The region's alert topic: budgets and alarms publish here, e-mail subscribers receive. */
import { partitionOf } from '@llm/config';
import { AlertTopic } from '@llm/constructs/budgets';
import type { ProjectStack } from '../project-stack';

export function addAlertTopic(stack: ProjectStack): AlertTopic {
  const { env, naming, region } = stack;
  const topic = new AlertTopic(stack, 'AlertTopic', {
    topicName: naming.alertTopicName(region),
    accountId: env.accountId,
    region,
    partition: partitionOf(region),
    emails: env.budget.alertEmails,
  });
  // The global stack's budget addresses this topic by the ARN naming computes; they must agree.
  if (topic.topicArn !== naming.alertTopicArn(region)) {
    throw new Error(`Alert topic ARN ${topic.topicArn} differs from the one the budget uses, ${naming.alertTopicArn(region)}`);
  }
  return topic;
}
