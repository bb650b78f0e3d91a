/**
 * Wires the real implementations for a configuration: S3 or a local folder for records, Secrets
 * Manager or a given key for OpenAI, Powertools for logs and metrics. Constructors only: the AWS
 * clients resolve region, credentials and endpoints (`AWS_ENDPOINT_URL_*`) lazily, on first use.
 */
import { CloudWatchClient } from '@aws-sdk/client-cloudwatch';
import { S3Client } from '@aws-sdk/client-s3';
import { SecretsManagerClient } from '@aws-sdk/client-secrets-manager';
import type { Config } from './config';
import type { HandlerDependencies } from './handler';
import { createLogger, createMetrics } from './observability';
import { OpenAiResponsesGateway, type OpenAiGatewayOptions } from './openai';
import { LocalFolderRecordWriter, S3RecordWriter, type RecordWriter } from './records';
import { AlarmSpendGuard, NO_SPEND_GUARD, type SpendGuard } from './spend-guard';
import { SecretsManagerApiKeyProvider, StaticApiKeyProvider, type ApiKeyProvider } from './secrets';

/** Stands in for a key when a local run points OPENAI_BASE_URL at a server that needs none. */
export const PLACEHOLDER_API_KEY = 'local-run-without-key';

export interface DependencyOverrides extends Partial<Omit<HandlerDependencies, 'config'>> {
  /** Extra options for the OpenAI gateway (back-off, clock), mostly for tests. */
  readonly openaiOptions?: Partial<OpenAiGatewayOptions>;
}

export function createDependencies(config: Config, overrides: DependencyOverrides = {}): HandlerDependencies {
  const { openaiOptions, ...given } = overrides;
  const logger = given.logger ?? createLogger(config);
  return {
    config,
    apiKeys: given.apiKeys ?? createApiKeyProvider(config, given.now),
    openai:
      given.openai ??
      new OpenAiResponsesGateway({
        ...(config.openaiBaseUrl ? { baseURL: config.openaiBaseUrl } : {}),
        timeoutMs: config.openaiTimeoutMs,
        maxRetries: config.openaiMaxRetries,
        ...openaiOptions,
      }),
    records: given.records ?? createRecordWriter(config),
    logger,
    metrics: given.metrics ?? createMetrics(config),
    spendGuard: given.spendGuard ?? createSpendGuard(config, (detail) => logger.warn('hard stop degraded', { detail }), given.now),
    ...(given.now ? { now: given.now } : {}),
    ...(given.newId ? { newId: given.newId } : {}),
  };
}

export function createApiKeyProvider(config: Config, now?: () => number): ApiKeyProvider {
  if (config.apiKeySecretArn) {
    return new SecretsManagerApiKeyProvider({
      client: new SecretsManagerClient({}),
      secretId: config.apiKeySecretArn,
      ttlSeconds: config.secretCacheTtlSeconds,
      ...(now ? { now } : {}),
    });
  }
  return new StaticApiKeyProvider(config.localApiKey ?? PLACEHOLDER_API_KEY);
}

export function createSpendGuard(config: Config, onReadFailure: (detail: string) => void, now?: () => number): SpendGuard {
  if (!config.spendAlarmName) return NO_SPEND_GUARD;
  return new AlarmSpendGuard({
    client: new CloudWatchClient({}),
    alarmName: config.spendAlarmName,
    ttlSeconds: config.spendStateTtlSeconds,
    onReadFailure,
    ...(now ? { now } : {}),
  });
}

export function createRecordWriter(config: Config): RecordWriter {
  return config.outputBucketName ? new S3RecordWriter(new S3Client({}), config.outputBucketName) : new LocalFolderRecordWriter(config.localRecordsDir);
}
