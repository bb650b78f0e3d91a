/**
 * Configuration errors of the budget and alert constructs, as small factories: what is wrong, the
 * value received, the rule or fix, and where (environment, region, construct path).
 */
import { constructError } from '@llm/config';
import type { IConstruct } from 'constructs';

export type BudgetsConstructName = 'AlertTopic' | 'MonthlyBudget' | 'CostAnomalyAlerts';

function configError(scope: IConstruct, construct: BudgetsConstructName, message: string): Error {
  return constructError(scope, construct, message);
}

export function invalidTopicName(scope: IConstruct, name: string, max: number): Error {
  return configError(
    scope,
    'AlertTopic',
    `topicName must be 1..${max} letters, digits, hyphens or underscores (so that the key alias alias/<topicName> fits KMS's 256 characters), got "${name}"`,
  );
}

export function invalidAccountId(scope: IConstruct, construct: BudgetsConstructName, accountId: string): Error {
  return configError(scope, construct, `accountId must be 12 digits, got "${accountId}"`);
}

export function unknownRegion(scope: IConstruct, region: string): Error {
  return configError(scope, 'AlertTopic', `region must be a known AWS region, got "${region}"`);
}

export function partitionNotOfRegion(scope: IConstruct, partition: string, region: string, expected: string): Error {
  return configError(
    scope,
    'AlertTopic',
    `partition must be the partition of region ${region}, ${expected}, got "${partition}": ARNs in the policies would name the wrong partition`,
  );
}

export function notWholeNumberInRange(
  scope: IConstruct,
  construct: BudgetsConstructName,
  field: string,
  range: { readonly min: number; readonly max: number; readonly unit: string },
  value: number,
): Error {
  return configError(scope, construct, `${field} must be a whole number of ${range.unit} ${range.min}..${range.max}, got ${value}`);
}

export function notPositiveUsd(scope: IConstruct, construct: BudgetsConstructName, field: string, value: number): Error {
  return configError(scope, construct, `${field} must be a positive amount in USD, got ${value}`);
}

export function invalidEmail(scope: IConstruct, construct: BudgetsConstructName, field: string, index: number, value: string): Error {
  return configError(scope, construct, `${field}[${index}] must be an e-mail address, got "${value}"`);
}

export function duplicateEmail(scope: IConstruct, construct: BudgetsConstructName, field: string, value: string): Error {
  return configError(scope, construct, `${field} must not repeat an address (compared ignoring case), got "${value}" more than once`);
}

export function tooManyEmails(scope: IConstruct, construct: BudgetsConstructName, field: string, max: number, count: number, why: string): Error {
  return configError(scope, construct, `${field} may list at most ${max} addresses (${why}), got ${count}`);
}

export function unresolvedEmailList(scope: IConstruct, construct: BudgetsConstructName, field: string): Error {
  return configError(
    scope,
    construct,
    `${field} must be a list known at synth time (each address becomes its own subscriber), got an unresolved token; pass the addresses from configuration`,
  );
}

export function noEmails(scope: IConstruct, construct: BudgetsConstructName, field: string, why: string): Error {
  return configError(scope, construct, `${field} must list at least one e-mail address (${why}), got none`);
}

export function invalidBudgetName(scope: IConstruct, name: string): Error {
  return configError(scope, 'MonthlyBudget', `budgetName must be 1..100 characters without ":" or "\\", got "${name}"`);
}

export function tooManySnsTopics(scope: IConstruct, count: number): Error {
  return configError(
    scope,
    'MonthlyBudget',
    `subscriberSnsTopicArns may name at most 1 topic (AWS Budgets allows one SNS subscriber per notification), got ${count}`,
  );
}

export function invalidSnsTopicArn(scope: IConstruct, index: number, arn: string): Error {
  return configError(
    scope,
    'MonthlyBudget',
    `subscriberSnsTopicArns[${index}] must be an SNS topic ARN (arn:<partition>:sns:<region>:<account>:<name>), got "${arn}"`,
  );
}

export function snsTopicInOtherAccount(scope: IConstruct, index: number, topicAccount: string, accountId: string): Error {
  return configError(
    scope,
    'MonthlyBudget',
    `subscriberSnsTopicArns[${index}] must name a topic in account ${accountId}, got a topic in account ${topicAccount}: ` +
      'the alert topic lets only Budgets of its own account publish',
  );
}

export function noBudgetSubscribers(scope: IConstruct): Error {
  return configError(
    scope,
    'MonthlyBudget',
    'needs at least one subscriber: set subscriberSnsTopicArns or subscriberEmailAddresses, got neither (AWS Budgets rejects a notification without subscribers)',
  );
}

export function invalidAnomalyName(scope: IConstruct, name: string): Error {
  return configError(scope, 'CostAnomalyAlerts', `name must be 1..1024 characters, got "${name}"`);
}
