/**
 * The LLM's own spend, watched in AWS: an alarm on the estimated OpenAI spend of the current day
 * (UTC) in one region, computed by metric math from the token metrics the function publishes
 * (`InputTokens` and `OutputTokens` per `model`) and each model's price per million tokens. It
 * goes to the alert topic when the day's estimate passes the daily limit, and clears the next day.
 *
 * Cached input tokens are not published apart, so all input is priced at the full input price:
 * the estimate errs on the side of alarming early.
 */
import { CloudwatchMetricAlarm } from '@cdktf/provider-aws/lib/cloudwatch-metric-alarm';
import { Construct } from 'constructs';
import { checkAlarmTarget } from './alarms';
import { invalidNumber } from './errors';
import { checkPositive } from './validation';

export interface PricedModel {
  readonly model: string;
  /** USD per million input tokens. */
  readonly inputUsdPerMillion: number;
  /** USD per million output tokens. */
  readonly outputUsdPerMillion: number;
}

export interface OpenAiSpendAlarmProps {
  /** Start of the alarm name, as for FunctionAlarms. */
  readonly namePrefix: string;
  readonly alarmTopicArn: string;
  /** Namespace and `service` dimension of the function's metrics (POWERTOOLS_METRICS_NAMESPACE, POWERTOOLS_SERVICE_NAME). */
  readonly metricsNamespace: string;
  readonly serviceName: string;
  /** The models the function may call, with prices: 1..5 (metric math takes at most 10 metrics, two per model). */
  readonly models: readonly PricedModel[];
  /** The day's estimated spend above which the alarm fires, USD. */
  readonly dailyLimitUsd: number;
}

/** A day: CloudWatch aggregates a 1-day period from midnight UTC, so the datapoint is the day so far. */
export const SPEND_ALARM_PERIOD_SECONDS = 86_400;
export const MAX_SPEND_ALARM_MODELS = 5;

/** The alarm's name for a prefix; the function reads this alarm's state for the hard stop. */
export function spendAlarmName(namePrefix: string): string {
  return `${namePrefix}-openai-daily-spend`;
}

/** `(FILL(in0, 0) * 0.4 + FILL(out0, 0) * 1.6 + ...) / 1000000`: no tokens of a model today is 0, not missing data. */
export function spendExpression(models: readonly PricedModel[]): string {
  const terms = models.flatMap((model, index) => [`FILL(in${index}, 0) * ${model.inputUsdPerMillion}`, `FILL(out${index}, 0) * ${model.outputUsdPerMillion}`]);
  return `(${terms.join(' + ')}) / 1000000`;
}

export class OpenAiSpendAlarm extends Construct {
  readonly alarm: CloudwatchMetricAlarm;
  readonly alarmName: string;

  constructor(scope: Construct, id: string, props: OpenAiSpendAlarmProps) {
    super(scope, id);
    checkAlarmTarget(this, 'OpenAiSpendAlarm', props);
    checkPositive(this, 'OpenAiSpendAlarm', 'dailyLimitUsd', props.dailyLimitUsd);
    if (props.models.length < 1 || props.models.length > MAX_SPEND_ALARM_MODELS) {
      throw invalidNumber(
        this,
        'OpenAiSpendAlarm',
        'models.length',
        `1..${MAX_SPEND_ALARM_MODELS} (two metrics per model, at most 10 in metric math)`,
        props.models.length,
      );
    }
    props.models.forEach((model, index) => {
      checkPositive(this, 'OpenAiSpendAlarm', `models[${index}].inputUsdPerMillion`, model.inputUsdPerMillion);
      checkPositive(this, 'OpenAiSpendAlarm', `models[${index}].outputUsdPerMillion`, model.outputUsdPerMillion);
    });
    const metric = (metricName: string, model: string) => ({
      namespace: props.metricsNamespace,
      metricName,
      dimensions: { service: props.serviceName, model },
      period: SPEND_ALARM_PERIOD_SECONDS,
      stat: 'Sum',
    });
    this.alarmName = spendAlarmName(props.namePrefix);
    const actions = [props.alarmTopicArn];
    this.alarm = new CloudwatchMetricAlarm(this, 'DailySpend', {
      alarmName: this.alarmName,
      alarmDescription: `Estimated OpenAI spend today (UTC) passed ${props.dailyLimitUsd} USD: ${props.models
        .map((model) => model.model)
        .join(', ')} at list prices.`,
      alarmActions: actions,
      okActions: actions,
      comparisonOperator: 'GreaterThanThreshold',
      threshold: props.dailyLimitUsd,
      evaluationPeriods: 1,
      datapointsToAlarm: 1,
      treatMissingData: 'notBreaching',
      metricQuery: [
        ...props.models.flatMap((model, index) => [
          { id: `in${index}`, metric: metric('InputTokens', model.model), returnData: false },
          { id: `out${index}`, metric: metric('OutputTokens', model.model), returnData: false },
        ]),
        { id: 'spend', expression: spendExpression(props.models), label: 'estimated OpenAI spend today (USD)', returnData: true },
      ],
    });
  }
}
