/**
 * A function invoked asynchronously (by S3, SNS, EventBridge, CloudWatch Logs, ... or with an
 * event invoke config) has somewhere for failed events to go: a dead-letter queue or an on-failure
 * destination. Lambda otherwise drops an event after two retries, silently. Functions called
 * synchronously (API Gateway, a load balancer, SDK RequestResponse calls) get the error back in the
 * caller and are not applicable. What the configuration cannot show (a role calling Invoke with
 * InvocationType Event) is not seen: declare an aws_lambda_function_event_invoke_config for such a
 * function, which makes the rule apply.
 */
import { COMPLIANT, defineRule, NOT_APPLICABLE, nonCompliant } from '../rule';
import { blockOf, blocksOf, pointsAt, stringOf, type ResourceView } from '../stack-view';

/** Services that invoke Lambda asynchronously (AWS Lambda developer guide, "Invoking Lambda functions"). */
export const ASYNC_INVOKERS: readonly string[] = [
  's3.amazonaws.com',
  'sns.amazonaws.com',
  'events.amazonaws.com',
  'logs.amazonaws.com',
  'ses.amazonaws.com',
  'iot.amazonaws.com',
  'config.amazonaws.com',
  'codecommit.amazonaws.com',
  'lambda.alarms.cloudwatch.amazonaws.com',
];

export const lambdaAsyncFailureDestination = defineRule(__filename, ['aws_lambda_function'], (fn, stack) => {
  const refersToFn = (value: unknown) => refersToFunction(value, fn);
  const invokeConfigs = stack.resourcesOfType('aws_lambda_function_event_invoke_config').filter((config) => refersToFn(config.config.function_name));
  const asyncInvokers = [
    ...stack
      .resourcesOfType('aws_lambda_permission')
      .filter((permission) => ASYNC_INVOKERS.includes(String(permission.config.principal)) && refersToFn(permission.config.function_name))
      .map((permission) => String(permission.config.principal)),
    ...stack
      .resourcesOfType('aws_sns_topic_subscription')
      .filter((subscription) => subscription.config.protocol === 'lambda' && refersToFn(subscription.config.endpoint))
      .map(() => 'an SNS subscription'),
    ...stack
      .resourcesOfType('aws_s3_bucket_notification')
      .filter((notification) => blocksOf(notification.config.lambda_function).some((target) => refersToFn(target.lambda_function_arn)))
      .map(() => 'an S3 bucket notification'),
    ...stack
      .resourcesOfType('aws_cloudwatch_event_target')
      .filter((target) => refersToFn(target.config.arn))
      .map(() => 'an EventBridge target'),
  ];
  if (invokeConfigs.length === 0 && asyncInvokers.length === 0) return NOT_APPLICABLE;

  const deadLetter = stringOf(blockOf(fn.config.dead_letter_config)?.target_arn);
  const onFailure = invokeConfigs.some((config) => stringOf(blockOf(blockOf(config.config.destination_config)?.on_failure)?.destination));
  if (deadLetter || onFailure) return COMPLIANT;
  const how = asyncInvokers.length > 0 ? `invoked asynchronously by ${[...new Set(asyncInvokers)].join(', ')}` : 'configured for asynchronous invocation';
  return nonCompliant(
    `is ${how} but has neither a dead-letter queue nor an on-failure destination, so events that fail twice are dropped`,
    'add an aws_lambda_function_event_invoke_config with destination_config { on_failure { destination = <SQS queue or SNS topic ARN> } } (or dead_letter_config on the function), and grant the function role sending to it',
  );
});

function refersToFunction(value: unknown, fn: ResourceView): boolean {
  const name = fn.config.function_name;
  if (pointsAt(value, fn, [name])) return true;
  if (typeof name !== 'string' || typeof value !== 'string') return false;
  // A literal ARN, possibly qualified with a version or alias.
  return new RegExp(`:function:${name.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')}(?::[^:]+)?$`).test(value);
}
