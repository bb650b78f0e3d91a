/** Checks the constructs of this lib share; each skips values that are unresolved tokens. */
import { LOG_RETENTION_DAYS } from '@llm/config';
import { Token } from 'cdktf';
import type { IConstruct } from 'constructs';
import {
  invalidKmsKeyArn,
  invalidPeriod,
  invalidTopicArn,
  invalidNumber,
  notWholeNumberInRange,
  retentionNotCloudWatchPeriod,
  type LambdaConstructName,
  type NumericRange,
} from './errors';

const KMS_KEY_ARN_PATTERN = /^arn:aws(-[a-z-]+)?:kms:[a-z0-9-]+:\d{12}:key\/[A-Za-z0-9-]+$/;
const SNS_TOPIC_ARN_PATTERN = /^arn:aws(-[a-z-]+)?:sns:[a-z0-9-]+:\d{12}:[A-Za-z0-9_-]{1,256}$/;

export function checkWholeNumberInRange(scope: IConstruct, construct: LambdaConstructName, field: string, range: NumericRange, value: number): void {
  if (!Token.isUnresolved(value) && !(Number.isInteger(value) && value >= range.min && value <= range.max)) {
    throw notWholeNumberInRange(scope, construct, field, range, value);
  }
}

export function checkPositive(scope: IConstruct, construct: LambdaConstructName, field: string, value: number): void {
  if (!Token.isUnresolved(value) && !(Number.isFinite(value) && value > 0)) {
    throw invalidNumber(scope, construct, field, 'a number greater than 0', value);
  }
}

export function checkPositiveInteger(scope: IConstruct, construct: LambdaConstructName, field: string, value: number): void {
  if (!Token.isUnresolved(value) && !(Number.isInteger(value) && value > 0)) {
    throw invalidNumber(scope, construct, field, 'a whole number greater than 0', value);
  }
}

export function checkWholeNumberAtLeast(scope: IConstruct, construct: LambdaConstructName, field: string, min: number, value: number): void {
  if (!Token.isUnresolved(value) && !(Number.isInteger(value) && value >= min)) {
    throw invalidNumber(scope, construct, field, `a whole number, ${min} or more`, value);
  }
}

export function checkRetentionDays(scope: IConstruct, construct: LambdaConstructName, field: string, days: number): void {
  if (!Token.isUnresolved(days) && !(LOG_RETENTION_DAYS as readonly number[]).includes(days)) {
    throw retentionNotCloudWatchPeriod(scope, construct, field, days, LOG_RETENTION_DAYS);
  }
}

export function checkKmsKeyArn(scope: IConstruct, construct: LambdaConstructName, field: string, arn: string | undefined): void {
  if (arn !== undefined && !Token.isUnresolved(arn) && !KMS_KEY_ARN_PATTERN.test(arn)) {
    throw invalidKmsKeyArn(scope, construct, field, arn);
  }
}

export function checkTopicArn(scope: IConstruct, construct: LambdaConstructName, arn: string): void {
  if (!Token.isUnresolved(arn) && !SNS_TOPIC_ARN_PATTERN.test(arn)) {
    throw invalidTopicArn(scope, construct, arn);
  }
}

/** CloudWatch accepts 10, 20 and 30 s (high-resolution metrics) or whole minutes up to a day. */
export function checkAlarmPeriod(scope: IConstruct, construct: LambdaConstructName, period: number): void {
  if (Token.isUnresolved(period)) return;
  const valid = [10, 20, 30].includes(period) || (Number.isInteger(period) && period > 0 && period % 60 === 0 && period <= 86_400);
  if (!valid) throw invalidPeriod(scope, construct, period);
}
