import { CloudwatchMetricAlarm } from '@cdktf/provider-aws/lib/cloudwatch-metric-alarm';
import { setDeploymentContext } from '@llm/config';
import { TerraformVariable, Testing } from 'cdktf';
import { ApiAlarms, FunctionAlarms, HttpApi, type ApiAlarmsProps, type FunctionAlarmsProps } from './index';
import { API_PROPS, FUNCTION_NAME, logicalIdsOf, makeTempZip, PROD_EU, resourcesOf, synthFunction, TOPIC_ARN } from './spec-helpers';

const PREFIX = 'llm-platform-prod-eu-west-1-api';
const FUNCTION = { functionName: FUNCTION_NAME, timeoutSeconds: 20 };
const API = { apiId: 'a1b2c3d4e5', stageName: '$default' };

function synthFunctionAlarms(overrides: Partial<FunctionAlarmsProps> = {}): string {
  return Testing.synthScope((scope) => {
    setDeploymentContext(scope, PROD_EU);
    new FunctionAlarms(scope, 'FunctionAlarms', { namePrefix: PREFIX, function: FUNCTION, alarmTopicArn: TOPIC_ARN, ...overrides });
  });
}

function synthApiAlarms(overrides: Partial<ApiAlarmsProps> = {}): string {
  return Testing.synthScope((scope) => {
    setDeploymentContext(scope, PROD_EU);
    new ApiAlarms(scope, 'ApiAlarms', { namePrefix: PREFIX, api: API, alarmTopicArn: TOPIC_ARN, ...overrides });
  });
}

/** What every alarm shares: notify on alarm and on recovery, and no traffic is fine. */
const NOTIFY_BOTH_WAYS = {
  alarm_actions: [TOPIC_ARN],
  ok_actions: [TOPIC_ARN],
  treat_missing_data: 'notBreaching',
  comparison_operator: 'GreaterThanThreshold',
  evaluation_periods: 1,
  datapoints_to_alarm: 1,
};

describe('FunctionAlarms', () => {
  const synthesized = synthFunctionAlarms();

  it('alarms on any function error in 5 minutes', () => {
    expect(synthesized).toHaveResourceWithProperties(CloudwatchMetricAlarm, {
      ...NOTIFY_BOTH_WAYS,
      alarm_name: `${PREFIX}-lambda-errors`,
      namespace: 'AWS/Lambda',
      metric_name: 'Errors',
      dimensions: { FunctionName: FUNCTION_NAME },
      statistic: 'Sum',
      period: 300,
      threshold: 0,
    });
  });

  it('alarms on any throttle', () => {
    expect(synthesized).toHaveResourceWithProperties(CloudwatchMetricAlarm, {
      ...NOTIFY_BOTH_WAYS,
      alarm_name: `${PREFIX}-lambda-throttles`,
      metric_name: 'Throttles',
      dimensions: { FunctionName: FUNCTION_NAME },
      statistic: 'Sum',
      threshold: 0,
    });
  });

  it('alarms when p99 duration passes 90% of the timeout', () => {
    expect(synthesized).toHaveResourceWithProperties(CloudwatchMetricAlarm, {
      ...NOTIFY_BOTH_WAYS,
      alarm_name: `${PREFIX}-lambda-duration-p99`,
      metric_name: 'Duration',
      extended_statistic: 'p99',
      unit: 'Milliseconds',
      threshold: 18_000,
    });
    const duration = resourcesOf(synthesized, 'aws_cloudwatch_metric_alarm').find((alarm) => alarm.metric_name === 'Duration');
    expect(duration).not.toHaveProperty('statistic');
  });

  it('takes the timeout of an LlmFunction', () => {
    const zip = makeTempZip();
    try {
      const withFunction = synthFunction(
        zip.path,
        { timeoutSeconds: 29 },
        {
          build: (scope, fn) => new FunctionAlarms(scope, 'FunctionAlarms', { namePrefix: PREFIX, function: fn, alarmTopicArn: TOPIC_ARN }),
        },
      );

      expect(withFunction).toHaveResourceWithProperties(CloudwatchMetricAlarm, { metric_name: 'Duration', threshold: 26_100 });
    } finally {
      zip.cleanup();
    }
  });

  it('takes threshold, period and evaluation periods from props', () => {
    const custom = synthFunctionAlarms({ durationThresholdMs: 5000, periodSeconds: 60, evaluationPeriods: 3 });

    expect(custom).toHaveResourceWithProperties(CloudwatchMetricAlarm, {
      metric_name: 'Duration',
      threshold: 5000,
      period: 60,
      evaluation_periods: 3,
      datapoints_to_alarm: 3,
    });
    expect(custom).toHaveResourceWithProperties(CloudwatchMetricAlarm, { metric_name: 'Errors', period: 60, evaluation_periods: 3 });
  });

  it('needs an explicit duration threshold when the timeout is a token', () => {
    const attempt = () =>
      Testing.synthScope((scope) => {
        setDeploymentContext(scope, PROD_EU);
        const timeout = new TerraformVariable(scope, 'timeout', { type: 'number' });
        new FunctionAlarms(scope, 'FunctionAlarms', {
          namePrefix: PREFIX,
          function: { functionName: FUNCTION_NAME, timeoutSeconds: timeout.numberValue },
          alarmTopicArn: TOPIC_ARN,
        });
      });

    expect(attempt).toThrow(
      new Error(
        'FunctionAlarms function.timeoutSeconds must be known at synth time to set the duration threshold, got an unresolved token: set durationThresholdMs ' +
          '(environment prod, region eu-west-1, construct stack/FunctionAlarms)',
      ),
    );
  });
});

describe('ApiAlarms', () => {
  it('alarms when more than 5% of requests end in 5xx, from metric math over the stage', () => {
    const synthesized = synthApiAlarms();
    const metric = (name: string) => ({
      namespace: 'AWS/ApiGateway',
      metric_name: name,
      dimensions: { ApiId: API.apiId, Stage: '$default' },
      period: 300,
      stat: 'Sum',
    });

    expect(synthesized).toHaveResourceWithProperties(CloudwatchMetricAlarm, {
      ...NOTIFY_BOTH_WAYS,
      alarm_name: `${PREFIX}-api-5xx-rate`,
      threshold: 5,
      metric_query: [
        { id: 'errors', metric: metric('5xx'), return_data: false },
        { id: 'requests', metric: metric('Count'), return_data: false },
        { id: 'rate', expression: 'IF(requests > 0, 100 * errors / requests, 0)', label: '5xx rate (%)', return_data: true },
      ],
    });
  });

  it('takes the rate from props', () => {
    expect(synthApiAlarms({ serverErrorRatePercent: 1 })).toHaveResourceWithProperties(CloudwatchMetricAlarm, { threshold: 1 });
  });

  it('reads the API id and stage of an HttpApi', () => {
    const synthesized = Testing.synthScope((scope) => {
      const api = new HttpApi(scope, 'HttpApi', API_PROPS);
      new ApiAlarms(scope, 'ApiAlarms', { namePrefix: PREFIX, api, alarmTopicArn: TOPIC_ARN });
    });
    const [apiId] = logicalIdsOf(synthesized, 'aws_apigatewayv2_api');
    const [alarm] = resourcesOf(synthesized, 'aws_cloudwatch_metric_alarm');

    expect(alarm.metric_query[0].metric.dimensions).toEqual({ ApiId: `\${aws_apigatewayv2_api.${apiId}.id}`, Stage: '$default' });
  });
});

describe('alarm validation', () => {
  const functionWhere = '(environment prod, region eu-west-1, construct stack/FunctionAlarms)';
  const apiWhere = '(environment prod, region eu-west-1, construct stack/ApiAlarms)';

  it.each([
    [{ alarmTopicArn: 'alerts' }, 'alarmTopicArn must be an SNS topic ARN (arn:<partition>:sns:<region>:<account>:<name>), got "alerts"'],
    [{ namePrefix: 'has space' }, 'namePrefix must be 1..200 letters, digits, ".", "_", "-" or "/", got "has space"'],
    [{ periodSeconds: 90 }, 'periodSeconds must be 10, 20, 30 or a multiple of 60 up to 86400, got 90'],
    [{ evaluationPeriods: 0 }, 'evaluationPeriods must be 1..100 periods, got 0'],
    [{ durationThresholdMs: 0 }, 'durationThresholdMs must be a number greater than 0, got 0'],
  ])('FunctionAlarms refuses %j', (overrides, message) => {
    expect(() => synthFunctionAlarms(overrides)).toThrow(new Error(`FunctionAlarms ${message} ${functionWhere}`));
  });

  it.each([
    [{ serverErrorRatePercent: 0 }, 'serverErrorRatePercent must be a percentage greater than 0 and at most 100, got 0'],
    [{ serverErrorRatePercent: 101 }, 'serverErrorRatePercent must be a percentage greater than 0 and at most 100, got 101'],
    [
      { alarmTopicArn: 'arn:aws:sqs:eu-west-1:111111111111:queue' },
      'alarmTopicArn must be an SNS topic ARN (arn:<partition>:sns:<region>:<account>:<name>), got "arn:aws:sqs:eu-west-1:111111111111:queue"',
    ],
  ])('ApiAlarms refuses %j', (overrides, message) => {
    expect(() => synthApiAlarms(overrides)).toThrow(new Error(`ApiAlarms ${message} ${apiWhere}`));
  });
});
