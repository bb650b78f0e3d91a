/**
 * CloudWatch alarms of the function and its HTTP API, sent to the region's alert topic when they
 * fire and again when they clear: function errors, throttles, p99 duration close to the timeout,
 * and the API's share of 5xx answers. No data (no traffic) never alarms.
 */
import { CloudwatchMetricAlarm, type CloudwatchMetricAlarmConfig } from '@cdktf/provider-aws/lib/cloudwatch-metric-alarm';
import { Token } from 'cdktf';
import { Construct } from 'constructs';
import { invalidName, invalidNumber, unresolvedTimeout, type LambdaConstructName } from './errors';
import { STAGE_NAME } from './http-api';
import { checkAlarmPeriod, checkPositive, checkTopicArn, checkWholeNumberInRange } from './validation';

/** What the function alarms need; an `LlmFunction` is one. */
export interface AlarmedFunction {
  readonly functionName: string;
  readonly timeoutSeconds: number;
}

/** What the API alarm needs; an `HttpApi` is one. */
export interface AlarmedApi {
  readonly apiId: string;
  /** @default '$default' */
  readonly stageName?: string;
}

interface CommonAlarmProps {
  /**
   * Start of every alarm name, e.g. `llm-platform-prod-eu-west-1-api`: 1..200 letters, digits or
   * `.`, `_`, `-`, `/`.
   */
  readonly namePrefix: string;
  /** SNS topic that gets the alarm and its recovery (`alarm_actions` and `ok_actions`). */
  readonly alarmTopicArn: string;
  /** Length of one evaluated period: 10, 20, 30 or a multiple of 60 seconds. @default 300 */
  readonly periodSeconds?: number;
  /** Consecutive breaching periods before an alarm fires, 1..100. @default 1 */
  readonly evaluationPeriods?: number;
}

export interface FunctionAlarmsProps extends CommonAlarmProps {
  readonly function: AlarmedFunction;
  /**
   * p99 duration above which the duration alarm fires, in ms.
   * @default - 90% of the function's timeout
   */
  readonly durationThresholdMs?: number;
}

export interface ApiAlarmsProps extends CommonAlarmProps {
  readonly api: AlarmedApi;
  /** Percentage of requests answered 5xx above which the alarm fires, (0, 100]. @default 5 */
  readonly serverErrorRatePercent?: number;
}

export const DEFAULT_ALARM_PERIOD_SECONDS = 300;
export const DEFAULT_EVALUATION_PERIODS = 1;
export const DEFAULT_SERVER_ERROR_RATE_PERCENT = 5;
/** Share of the timeout the p99 duration may reach before the duration alarm fires. */
export const DURATION_ALARM_SHARE_OF_TIMEOUT = 0.9;
const EVALUATION_PERIODS_RANGE = { min: 1, max: 100, unit: 'periods' } as const;
const PERCENT_RANGE_RULE = 'a percentage greater than 0 and at most 100';
const NAME_PREFIX_PATTERN = /^[A-Za-z0-9._/-]{1,200}$/;

interface AlarmDefaults {
  readonly period: number;
  readonly evaluationPeriods: number;
  readonly actions: string[];
}

/** What every alarm of this lib checks first: a usable name prefix and an SNS topic ARN. */
export function checkAlarmTarget(scope: Construct, construct: LambdaConstructName, props: Pick<CommonAlarmProps, 'namePrefix' | 'alarmTopicArn'>): void {
  if (!Token.isUnresolved(props.namePrefix) && !NAME_PREFIX_PATTERN.test(props.namePrefix)) {
    throw invalidName(scope, construct, 'namePrefix', '1..200 letters, digits, ".", "_", "-" or "/"', props.namePrefix);
  }
  checkTopicArn(scope, construct, props.alarmTopicArn);
}

function checkCommon(scope: Construct, construct: LambdaConstructName, props: CommonAlarmProps): AlarmDefaults {
  checkAlarmTarget(scope, construct, props);
  const period = props.periodSeconds ?? DEFAULT_ALARM_PERIOD_SECONDS;
  checkAlarmPeriod(scope, construct, period);
  const evaluationPeriods = props.evaluationPeriods ?? DEFAULT_EVALUATION_PERIODS;
  checkWholeNumberInRange(scope, construct, 'evaluationPeriods', EVALUATION_PERIODS_RANGE, evaluationPeriods);
  return { period, evaluationPeriods, actions: [props.alarmTopicArn] };
}

/** What every alarm of this lib shares: both actions to the topic, and no traffic is not a problem. */
function alarmBase(
  defaults: AlarmDefaults,
): Pick<CloudwatchMetricAlarmConfig, 'alarmActions' | 'okActions' | 'evaluationPeriods' | 'datapointsToAlarm' | 'treatMissingData' | 'comparisonOperator'> {
  return {
    alarmActions: defaults.actions,
    okActions: defaults.actions,
    evaluationPeriods: defaults.evaluationPeriods,
    datapointsToAlarm: defaults.evaluationPeriods,
    treatMissingData: 'notBreaching',
    comparisonOperator: 'GreaterThanThreshold',
  };
}

export class FunctionAlarms extends Construct {
  readonly errors: CloudwatchMetricAlarm;
  readonly throttles: CloudwatchMetricAlarm;
  readonly duration: CloudwatchMetricAlarm;
  /** The threshold of the duration alarm, in ms. */
  readonly durationThresholdMs: number;

  constructor(scope: Construct, id: string, props: FunctionAlarmsProps) {
    super(scope, id);
    const defaults = checkCommon(this, 'FunctionAlarms', props);
    const { functionName, timeoutSeconds } = props.function;
    if (props.durationThresholdMs === undefined && Token.isUnresolved(timeoutSeconds)) throw unresolvedTimeout(this);
    this.durationThresholdMs = props.durationThresholdMs ?? Math.round(timeoutSeconds * 1000 * DURATION_ALARM_SHARE_OF_TIMEOUT);
    checkPositive(this, 'FunctionAlarms', 'durationThresholdMs', this.durationThresholdMs);

    const metric = { namespace: 'AWS/Lambda', dimensions: { FunctionName: functionName }, period: defaults.period };
    this.errors = new CloudwatchMetricAlarm(this, 'Errors', {
      ...alarmBase(defaults),
      ...metric,
      alarmName: `${props.namePrefix}-lambda-errors`,
      alarmDescription: `Lambda ${functionName} returned errors (unhandled exceptions, timeouts, out of memory).`,
      metricName: 'Errors',
      statistic: 'Sum',
      threshold: 0,
    });
    this.throttles = new CloudwatchMetricAlarm(this, 'Throttles', {
      ...alarmBase(defaults),
      ...metric,
      alarmName: `${props.namePrefix}-lambda-throttles`,
      alarmDescription: `Lambda ${functionName} was throttled: its reserved or the account's concurrency is exhausted.`,
      metricName: 'Throttles',
      statistic: 'Sum',
      threshold: 0,
    });
    this.duration = new CloudwatchMetricAlarm(this, 'DurationP99', {
      ...alarmBase(defaults),
      ...metric,
      alarmName: `${props.namePrefix}-lambda-duration-p99`,
      alarmDescription: `Lambda ${functionName} p99 duration is above ${this.durationThresholdMs} ms, close to its timeout.`,
      metricName: 'Duration',
      extendedStatistic: 'p99',
      unit: 'Milliseconds',
      threshold: this.durationThresholdMs,
    });
  }
}

export class ApiAlarms extends Construct {
  readonly serverErrorRate: CloudwatchMetricAlarm;
  readonly serverErrorRatePercent: number;

  constructor(scope: Construct, id: string, props: ApiAlarmsProps) {
    super(scope, id);
    const defaults = checkCommon(this, 'ApiAlarms', props);
    this.serverErrorRatePercent = props.serverErrorRatePercent ?? DEFAULT_SERVER_ERROR_RATE_PERCENT;
    checkPercent(this, this.serverErrorRatePercent);
    const stageName = props.api.stageName ?? STAGE_NAME;
    const metric = (metricName: string) => ({
      namespace: 'AWS/ApiGateway',
      metricName,
      dimensions: { ApiId: props.api.apiId, Stage: stageName },
      period: defaults.period,
      stat: 'Sum',
    });

    this.serverErrorRate = new CloudwatchMetricAlarm(this, 'ServerErrorRate', {
      ...alarmBase(defaults),
      alarmName: `${props.namePrefix}-api-5xx-rate`,
      alarmDescription: `More than ${this.serverErrorRatePercent}% of the HTTP API's requests were answered with a 5xx status.`,
      threshold: this.serverErrorRatePercent,
      metricQuery: [
        { id: 'errors', metric: metric('5xx'), returnData: false },
        { id: 'requests', metric: metric('Count'), returnData: false },
        // No requests is no error rate, not a division by zero.
        { id: 'rate', expression: 'IF(requests > 0, 100 * errors / requests, 0)', label: '5xx rate (%)', returnData: true },
      ],
    });
  }
}

function checkPercent(scope: Construct, value: number): void {
  if (!Token.isUnresolved(value) && !(Number.isFinite(value) && value > 0 && value <= 100)) {
    throw invalidNumber(scope, 'ApiAlarms', 'serverErrorRatePercent', PERCENT_RANGE_RULE, value);
  }
}
