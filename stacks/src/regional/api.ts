/**
 * The service itself in this region: the pipeline function (zip from `npm run build`, or the
 * approved image by digest), the HTTP API in front of it, their alarms and the OpenAI spend alarm
 * to the alert topic.
 */
import type { EnvironmentConfig } from '@llm/config';
import {
  ApiAlarms,
  FunctionAlarms,
  HttpApi,
  LlmFunction,
  OpenAiSpendAlarm,
  spendAlarmName,
  type FunctionPackaging,
  type PricedModel,
} from '@llm/constructs/lambda';
import { modelPrice, type ModelPrice } from '@llm/pricing';
import type { AlertTopic } from '@llm/constructs/budgets';
import type { ExecutionRole } from '@llm/constructs/iam';
import type { Vpc } from '@llm/constructs/vpc';
import { resolve } from 'node:path';
import type { ProjectStack } from '../project-stack';
import { METRICS_NAMESPACE } from './api-role';
import type { RegionalStorage } from './storage';

/** Built by `npm run build` (apps/llm-api/build.ts); `npm start` builds it before synthesizing. */
export const API_BUNDLE_ZIP = resolve(__dirname, '..', '..', '..', 'dist', 'apps', 'llm-api', 'llm-api.zip');

export const GENERATE_ROUTE = 'POST /v1/generate';

/** The function's Powertools service name: the `service` dimension of its metrics. */
export const SERVICE_NAME = 'llm-api';

export interface RegionalApi {
  readonly function: LlmFunction;
  readonly httpApi: HttpApi;
}

export function addApi(
  stack: ProjectStack,
  parts: { readonly role: ExecutionRole; readonly storage: RegionalStorage; readonly vpc: Vpc; readonly alertTopic: AlertTopic },
): RegionalApi {
  const { env, naming, region } = stack;
  const fn = new LlmFunction(stack, 'ApiFunction', {
    functionName: naming.functionName(region),
    description: `LLM pipeline, ${env.name} ${region}`,
    role: parts.role,
    packaging: packagingOf(stack),
    architecture: env.lambda.architecture,
    memoryMb: env.lambda.memoryMb,
    timeoutSeconds: env.lambda.timeoutSeconds,
    reservedConcurrency: env.lambda.reservedConcurrency,
    logRetentionDays: env.logging.retentionDays,
    vpc: env.lambda.attachToVpc ? { subnetIds: parts.vpc.privateSubnetIds, securityGroupIds: [parts.vpc.lambdaSecurityGroupId] } : undefined,
    // What apps/llm-api/src/config.ts reads; the API key itself never: only its secret's ARN.
    environment: {
      OUTPUT_BUCKET_NAME: parts.storage.outputBucket.bucketName,
      OPENAI_API_KEY_SECRET_ARN: parts.storage.apiKeySecret.secretArn,
      OPENAI_MODEL: env.openai.defaultModel,
      OPENAI_ALLOWED_MODELS: env.openai.allowedModels.join(','),
      OPENAI_TIMEOUT_MS: String(env.openai.timeoutMs),
      OPENAI_MAX_RETRIES: String(env.openai.maxRetries),
      MAX_BODY_BYTES: String(env.api.maxBodyBytes),
      LOG_PROMPT_TEXT: String(env.logging.logPromptText),
      POWERTOOLS_METRICS_NAMESPACE: METRICS_NAMESPACE,
      POWERTOOLS_SERVICE_NAME: SERVICE_NAME,
      // The hard stop: answer 429 budget_exceeded while this alarm is in ALARM.
      ...(env.openai.hardStop ? { SPEND_ALARM_NAME: spendAlarmName(naming.prefix(region)) } : {}),
    },
  });
  const httpApi = new HttpApi(stack, 'HttpApi', {
    apiName: `${naming.prefix(region)}-api`,
    description: `LLM pipeline API, ${env.name} ${region}`,
    handler: fn,
    routes: [GENERATE_ROUTE],
    authorization: env.api.authorization,
    jwt: env.api.jwt,
    production: env.production,
    cors: env.api.corsAllowOrigins ? { allowOrigins: env.api.corsAllowOrigins } : undefined,
    throttlingRateLimit: env.api.throttling.rateLimit,
    throttlingBurstLimit: env.api.throttling.burstLimit,
    accessLogRetentionDays: env.logging.retentionDays,
  });
  new FunctionAlarms(stack, 'FunctionAlarms', { namePrefix: naming.prefix(region), function: fn, alarmTopicArn: parts.alertTopic.topicArn });
  new ApiAlarms(stack, 'ApiAlarms', { namePrefix: naming.prefix(region), api: httpApi, alarmTopicArn: parts.alertTopic.topicArn });
  new OpenAiSpendAlarm(stack, 'OpenAiSpendAlarm', {
    namePrefix: naming.prefix(region),
    alarmTopicArn: parts.alertTopic.topicArn,
    metricsNamespace: METRICS_NAMESPACE,
    serviceName: SERVICE_NAME,
    models: env.openai.allowedModels.map(pricedModel),
    dailyLimitUsd: dailySpendLimitUsd(env),
  });
  return { function: fn, httpApi };
}

/** The day's OpenAI spend a region may reach before its spend alarm fires. */
export function dailySpendLimitUsd(env: EnvironmentConfig): number {
  return env.openai.dailySpendLimitUsd ?? Math.round((env.budget.monthlyLimitUsd / 30) * 100) / 100;
}

function pricedModel(model: string): PricedModel {
  // Validation refused every allowed model without a price, so one is always there.
  const price = modelPrice(model) as ModelPrice;
  return { model, inputUsdPerMillion: price.input, outputUsdPerMillion: price.output };
}

function packagingOf(stack: ProjectStack): FunctionPackaging {
  const { env, naming, region } = stack;
  if (env.lambda.packaging === 'zip') return { type: 'zip', assetPath: API_BUNDLE_ZIP };
  return {
    type: 'image',
    // Computed, not read from the repository resource, so the image URI is known at plan time.
    repositoryUrl: `${env.accountId}.dkr.ecr.${region}.amazonaws.com/${naming.ecrRepositoryName}`,
    imageDigest: env.lambda.imageDigest as string,
  };
}
