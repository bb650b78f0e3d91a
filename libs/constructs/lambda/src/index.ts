/** Public API of constructs-lambda: a Node.js Lambda function, an HTTP API in front of it, and their alarms. */
export {
  DEFAULT_ARCHITECTURE,
  DEFAULT_HANDLER,
  DEFAULT_LOG_RETENTION_DAYS,
  DEFAULT_MEMORY_MB,
  DEFAULT_TIMEOUT_SECONDS,
  LlmFunction,
  MEMORY_RANGE,
  NODE_RUNTIME,
  TIMEOUT_RANGE,
  type Architecture,
  type FunctionVpcConfig,
  type LlmFunctionProps,
  type LogLevel,
} from './function';
export { MAX_ZIP_MB, type FunctionPackaging, type ImagePackaging, type ZipPackaging } from './packaging';
export { isSecretLikeName, RESERVED_VARIABLE_NAMES, SECRET_NAME_WORDS, secretKindOfValue } from './environment';
export { ACCESS_LOG_FIELDS, ACCESS_LOG_FORMAT, functionLogGroupName } from './logs';
export {
  accessLogGroupName,
  DEFAULT_ACCESS_LOG_RETENTION_DAYS,
  DEFAULT_AUTHORIZATION,
  DEFAULT_INTEGRATION_TIMEOUT_MS,
  DEFAULT_THROTTLING_BURST_LIMIT,
  DEFAULT_THROTTLING_RATE_LIMIT,
  HttpApi,
  JWT_IDENTITY_SOURCE,
  STAGE_NAME,
  type HttpApiHandler,
  type HttpApiProps,
} from './http-api';
export { DEFAULT_CORS_HEADERS, DEFAULT_CORS_MAX_AGE_SECONDS, type HttpApiCors } from './cors';
export { type HttpRouteProps, type JwtSettings, type RouteAuthorization } from './routes';
export {
  ApiAlarms,
  DEFAULT_ALARM_PERIOD_SECONDS,
  DEFAULT_EVALUATION_PERIODS,
  DEFAULT_SERVER_ERROR_RATE_PERCENT,
  DURATION_ALARM_SHARE_OF_TIMEOUT,
  FunctionAlarms,
  type AlarmedApi,
  type AlarmedFunction,
  type ApiAlarmsProps,
  type FunctionAlarmsProps,
} from './alarms';
export {
  MAX_SPEND_ALARM_MODELS,
  OpenAiSpendAlarm,
  SPEND_ALARM_PERIOD_SECONDS,
  spendAlarmName,
  spendExpression,
  type OpenAiSpendAlarmProps,
  type PricedModel,
} from './spend-alarm';
