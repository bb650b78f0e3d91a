/**
 * The log groups of this lib: the function's `/aws/lambda/<name>` group, created by Terraform
 * before the function so that retention (and the key) apply from the first line and Lambda never
 * creates a group that keeps logs forever; and the HTTP API's access-log group with its format.
 */
import { CloudwatchLogGroup } from '@cdktf/provider-aws/lib/cloudwatch-log-group';
import type { Construct } from 'constructs';

export interface LogGroupSettings {
  readonly name: string;
  /** One of LOG_RETENTION_DAYS; checked by the caller. */
  readonly retentionDays: number;
  /** Customer-managed key; its key policy must let logs.<region>.amazonaws.com use it. */
  readonly kmsKeyArn?: string;
}

export function functionLogGroupName(functionName: string): string {
  return `/aws/lambda/${functionName}`;
}

export function addLogGroup(scope: Construct, id: string, settings: LogGroupSettings): CloudwatchLogGroup {
  return new CloudwatchLogGroup(scope, id, {
    name: settings.name,
    retentionInDays: settings.retentionDays,
    kmsKeyId: settings.kmsKeyArn,
  });
}

/**
 * One JSON object per request. Enough to trace a failure from the caller's side to the
 * function's logs (requestId, integrationRequestId) without logging what the caller sent:
 * no headers, no query string, no body, no JWT claims.
 */
export const ACCESS_LOG_FIELDS: Readonly<Record<string, string>> = {
  requestId: '$context.requestId',
  extendedRequestId: '$context.extendedRequestId',
  requestTime: '$context.requestTime',
  ip: '$context.identity.sourceIp',
  userAgent: '$context.identity.userAgent',
  httpMethod: '$context.httpMethod',
  routeKey: '$context.routeKey',
  path: '$context.path',
  protocol: '$context.protocol',
  status: '$context.status',
  responseLength: '$context.responseLength',
  latency: '$context.responseLatency',
  integrationLatency: '$context.integrationLatency',
  integrationStatus: '$context.integrationStatus',
  integrationRequestId: '$context.integration.requestId',
  integrationError: '$context.integrationErrorMessage',
  errorMessage: '$context.error.message',
  errorType: '$context.error.responseType',
  authorizerError: '$context.authorizer.error',
};

export const ACCESS_LOG_FORMAT = JSON.stringify(ACCESS_LOG_FIELDS);
