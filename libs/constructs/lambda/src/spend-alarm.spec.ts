import { CloudwatchMetricAlarm } from '@cdktf/provider-aws/lib/cloudwatch-metric-alarm';
import { setDeploymentContext } from '@llm/config';
import type { SynthBlock } from '@llm/terraform/testing';
import { Testing } from 'cdktf';
import { OpenAiSpendAlarm, spendExpression, type OpenAiSpendAlarmProps } from './index';
import { PROD_EU, TOPIC_ARN } from './spec-helpers';

const MODELS = [
  { model: 'gpt-4.1-mini', inputUsdPerMillion: 0.4, outputUsdPerMillion: 1.6 },
  { model: 'gpt-4.1', inputUsdPerMillion: 2, outputUsdPerMillion: 8 },
];

function props(overrides: Partial<OpenAiSpendAlarmProps> = {}): OpenAiSpendAlarmProps {
  return {
    namePrefix: 'llm-platform-prod-eu-west-1',
    alarmTopicArn: TOPIC_ARN,
    metricsNamespace: 'LlmPlatform',
    serviceName: 'llm-api',
    models: MODELS,
    dailyLimitUsd: 66.67,
    ...overrides,
  };
}

function synth(overrides: Partial<OpenAiSpendAlarmProps> = {}): string {
  return Testing.synthScope((scope) => {
    setDeploymentContext(scope, PROD_EU);
    new OpenAiSpendAlarm(scope, 'Spend', props(overrides));
  });
}

/** The spend the alarm's expression computes for given token sums, evaluated the way CloudWatch would. */
function evaluate(expression: string, sums: Record<string, number | undefined>): number {
  const js = expression.replace(/FILL\((\w+), 0\)/g, (_match, id: string) => String(sums[id] ?? 0));
  return Function(`return ${js}`)() as number;
}

describe('OpenAiSpendAlarm', () => {
  it("alarms when the day's estimated spend passes the limit: token sums of each model over a day, to the alert topic both ways", () => {
    const synthesized = synth();
    expect(synthesized).toHaveResourceWithProperties(CloudwatchMetricAlarm, {
      alarm_name: 'llm-platform-prod-eu-west-1-openai-daily-spend',
      threshold: 66.67,
      comparison_operator: 'GreaterThanThreshold',
      alarm_actions: [TOPIC_ARN],
      ok_actions: [TOPIC_ARN],
      treat_missing_data: 'notBreaching',
    });
    const alarm = Object.values(JSON.parse(synthesized).resource.aws_cloudwatch_metric_alarm)[0] as { metric_query: SynthBlock[] };
    const metrics = alarm.metric_query
      .filter((query) => query.metric)
      .map((query) => [query.id, query.metric.metric_name, query.metric.dimensions.model, query.metric.period, query.metric.stat]);
    expect(metrics).toEqual([
      ['in0', 'InputTokens', 'gpt-4.1-mini', 86400, 'Sum'],
      ['out0', 'OutputTokens', 'gpt-4.1-mini', 86400, 'Sum'],
      ['in1', 'InputTokens', 'gpt-4.1', 86400, 'Sum'],
      ['out1', 'OutputTokens', 'gpt-4.1', 86400, 'Sum'],
    ]);
    // The dimensions Powertools writes: the function's service name and the model.
    expect(alarm.metric_query[0].metric.dimensions).toEqual({ service: 'llm-api', model: 'gpt-4.1-mini' });
    expect(alarm.metric_query.filter((query) => query.return_data).map((query) => query.id)).toEqual(['spend']);
  });

  it('prices tokens per million, by hand: 10M mini input + 2M mini output + 1M gpt-4.1 output = 4 + 3.2 + 8 USD; a model without tokens today counts 0', () => {
    const expression = spendExpression(MODELS);
    expect(evaluate(expression, { in0: 10_000_000, out0: 2_000_000, in1: undefined, out1: 1_000_000 })).toBeCloseTo(15.2, 9);
    expect(evaluate(expression, {})).toBe(0);
  });

  it('refuses what CloudWatch or the arithmetic would reject, naming the field', () => {
    expect(() => synth({ dailyLimitUsd: 0 })).toThrow(/dailyLimitUsd/);
    expect(() => synth({ models: [] })).toThrow(/models\.length must be 1\.\.5/);
    const six = Array.from({ length: 6 }, (_, index) => ({ ...MODELS[0], model: `m${index}` }));
    expect(() => synth({ models: six })).toThrow(/models\.length must be 1\.\.5/);
    expect(() => synth({ models: [{ ...MODELS[0], outputUsdPerMillion: -1 }] })).toThrow(/models\[0\]\.outputUsdPerMillion/);
    expect(() => synth({ alarmTopicArn: 'not-an-arn' })).toThrow();
  });
});
