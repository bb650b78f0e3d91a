import { CloudwatchEventTarget } from '@cdktf/provider-aws/lib/cloudwatch-event-target';
import { LambdaFunction, type LambdaFunctionConfig } from '@cdktf/provider-aws/lib/lambda-function';
import { LambdaFunctionEventInvokeConfig } from '@cdktf/provider-aws/lib/lambda-function-event-invoke-config';
import { LambdaPermission } from '@cdktf/provider-aws/lib/lambda-permission';
import { SnsTopicSubscription } from '@cdktf/provider-aws/lib/sns-topic-subscription';
import { ExecutionRole } from '@llm/constructs/iam';
import { HttpApi, LlmFunction } from '@llm/constructs/lambda';
import type { TerraformStack } from 'cdktf';
import { ACCOUNT_ID, BOUNDARY_ARN, checkStack, findingsOf, problemsOf, REGION } from '../spec-helpers';

const FUNCTION_NAME = 'llm-platform-dev-eu-west-1-api';
const QUEUE_ARN = `arn:aws:sqs:${REGION}:${ACCOUNT_ID}:failed-events`;
const TOPIC_ARN = `arn:aws:sns:${REGION}:${ACCOUNT_ID}:events`;

function bareFunction(stack: TerraformStack, overrides: Partial<LambdaFunctionConfig> = {}): LambdaFunction {
  return new LambdaFunction(stack, 'Fn', {
    functionName: FUNCTION_NAME,
    role: `arn:aws:iam::${ACCOUNT_ID}:role/api`,
    packageType: 'Image',
    imageUri: `${ACCOUNT_ID}.dkr.ecr.${REGION}.amazonaws.com/api@sha256:${'ab12'.repeat(16)}`,
    ...overrides,
  });
}

/** The project's own function and API, as the regional stacks build them. */
function llmFunctionBehindApi(stack: TerraformStack, reservedConcurrency?: number): LlmFunction {
  const role = new ExecutionRole(stack, 'Role', {
    roleName: FUNCTION_NAME,
    servicePrincipal: 'lambda.amazonaws.com',
    permissionBoundaryArn: BOUNDARY_ARN,
    accountId: ACCOUNT_ID,
    region: REGION,
  });
  const fn = new LlmFunction(stack, 'Api', {
    functionName: FUNCTION_NAME,
    role,
    packaging: { type: 'image', repositoryUrl: `${ACCOUNT_ID}.dkr.ecr.${REGION}.amazonaws.com/api`, imageDigest: `sha256:${'ab12'.repeat(16)}` },
    reservedConcurrency,
  });
  new HttpApi(stack, 'HttpApi', { apiName: 'llm-api', handler: fn, routes: ['POST /v1/generate'] });
  return fn;
}

describe('lambda-tracing', () => {
  it('passes an LlmFunction, which traces actively', () => {
    expect(
      findingsOf(
        checkStack((stack) => llmFunctionBehindApi(stack)),
        'lambda-tracing',
      ),
    ).toEqual([]);
  });

  it('fails a function without active tracing, naming the mode', () => {
    const unset = checkStack((stack) => bareFunction(stack));
    const passThrough = checkStack((stack) => bareFunction(stack, { tracingConfig: { mode: 'PassThrough' } }));

    expect(problemsOf(unset, 'lambda-tracing')).toEqual(['stack/Fn: does not trace requests: tracing_config mode is not set (PassThrough)']);
    expect(problemsOf(passThrough, 'lambda-tracing')).toEqual(['stack/Fn: does not trace requests: tracing_config mode is PassThrough']);
    expect(findingsOf(unset, 'lambda-tracing')[0].fix).toContain('set tracing_config { mode = "Active" }');
  });
});

describe('lambda-async-failure-destination', () => {
  it('does not apply to a function only API Gateway invokes (synchronously)', () => {
    expect(
      findingsOf(
        checkStack((stack) => llmFunctionBehindApi(stack)),
        'lambda-async-failure-destination',
      ),
    ).toEqual([]);
  });

  it('fails a function SNS invokes without a dead-letter queue or on-failure destination', () => {
    const report = checkStack((stack) => {
      const fn = bareFunction(stack);
      new LambdaPermission(stack, 'FromSns', {
        action: 'lambda:InvokeFunction',
        functionName: fn.functionName,
        principal: 'sns.amazonaws.com',
        sourceArn: TOPIC_ARN,
      });
      new SnsTopicSubscription(stack, 'Subscription', { topicArn: TOPIC_ARN, protocol: 'lambda', endpoint: fn.arn });
    });

    expect(problemsOf(report, 'lambda-async-failure-destination')).toEqual([
      'stack/Fn: is invoked asynchronously by sns.amazonaws.com, an SNS subscription but has neither a dead-letter queue nor an on-failure destination, so events that fail twice are dropped',
    ]);
    expect(findingsOf(report, 'lambda-async-failure-destination')[0].fix).toContain('destination_config { on_failure { destination');
  });

  it('fails a function with an event invoke config but no destination, and finds a literal function ARN', () => {
    const report = checkStack((stack) => {
      bareFunction(stack);
      new LambdaFunctionEventInvokeConfig(stack, 'Async', { functionName: FUNCTION_NAME, maximumRetryAttempts: 1 });
      new CloudwatchEventTarget(stack, 'Target', { rule: 'nightly', arn: `arn:aws:lambda:${REGION}:${ACCOUNT_ID}:function:${FUNCTION_NAME}:live` });
    });

    expect(problemsOf(report, 'lambda-async-failure-destination')).toEqual([
      'stack/Fn: is invoked asynchronously by an EventBridge target but has neither a dead-letter queue nor an on-failure destination, so events that fail twice are dropped',
    ]);
  });

  it('passes an asynchronously invoked function with an on-failure destination, or with a dead-letter queue', () => {
    const withDestination = checkStack((stack) => {
      const fn = bareFunction(stack);
      new LambdaPermission(stack, 'FromS3', { action: 'lambda:InvokeFunction', functionName: fn.functionName, principal: 's3.amazonaws.com' });
      new LambdaFunctionEventInvokeConfig(stack, 'Async', { functionName: fn.functionName, destinationConfig: { onFailure: { destination: QUEUE_ARN } } });
    });
    const withDeadLetterQueue = checkStack((stack) => {
      const fn = bareFunction(stack, { deadLetterConfig: { targetArn: QUEUE_ARN } });
      new LambdaPermission(stack, 'FromEvents', { action: 'lambda:InvokeFunction', functionName: fn.arn, principal: 'events.amazonaws.com' });
    });

    expect(findingsOf(withDestination, 'lambda-async-failure-destination')).toEqual([]);
    expect(findingsOf(withDeadLetterQueue, 'lambda-async-failure-destination')).toEqual([]);
  });
});

describe('lambda-reserved-concurrency', () => {
  it('passes a production function with reserved concurrency', () => {
    expect(
      findingsOf(
        checkStack((stack) => llmFunctionBehindApi(stack, 100), { production: true }),
        'lambda-reserved-concurrency',
      ),
    ).toEqual([]);
  });

  it('fails a production function without it, or with 0', () => {
    const unset = checkStack((stack) => llmFunctionBehindApi(stack), { production: true });
    const zero = checkStack((stack) => llmFunctionBehindApi(stack, 0), { production: true });

    expect(problemsOf(unset, 'lambda-reserved-concurrency')).toEqual([
      'stack/Api/Function: has no concurrency reservation: reserved_concurrent_executions is not set (the function shares the account pool, uncapped)',
    ]);
    expect(problemsOf(zero, 'lambda-reserved-concurrency')).toEqual([
      'stack/Api/Function: has no concurrency reservation: reserved_concurrent_executions is 0, which stops every invocation',
    ]);
    expect(findingsOf(unset, 'lambda-reserved-concurrency')[0].fix).toContain('lambda.reservedConcurrency');
  });

  it('does not apply outside production', () => {
    expect(
      findingsOf(
        checkStack((stack) => llmFunctionBehindApi(stack)),
        'lambda-reserved-concurrency',
      ),
    ).toEqual([]);
  });
});
