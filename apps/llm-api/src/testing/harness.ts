/**
 * Test helpers: HTTP API events and Lambda contexts, a configuration pointing at the fake OpenAI
 * server, and a handler wired with the real AWS clients (mocked through aws-sdk-client-mock by the
 * caller). No jest here: the benchmark uses it too.
 */
import type { APIGatewayProxyEventV2, APIGatewayProxyStructuredResultV2, Context } from 'aws-lambda';
import { loadConfig, type Config, type ConfigMode } from '../config';
import { createHandler, type GenerateHandler, type HandlerDependencies } from '../handler';
import { createDependencies, type DependencyOverrides } from '../runtime';

export const TEST_BUCKET = 'llm-platform-test-eu-west-1-generations-123456789012';
export const TEST_SECRET_ARN = 'arn:aws:secretsmanager:eu-west-1:123456789012:secret:llm-platform/test/eu-west-1/openai-api-key-AbCdEf';
/** Looks like a real key, so a leak would match the redaction patterns as well as the value. */
export const TEST_API_KEY = 'sk-proj-TEST9f8e7d6c5b4a39281706f5e4d3c2b1a0ZyXwVuTsRqPoNm';

export function testEnv(baseURL: string, extra: Record<string, string> = {}): Record<string, string> {
  return {
    OUTPUT_BUCKET_NAME: TEST_BUCKET,
    OPENAI_API_KEY_SECRET_ARN: TEST_SECRET_ARN,
    OPENAI_BASE_URL: baseURL,
    OPENAI_MODEL: 'gpt-4.1-mini',
    OPENAI_ALLOWED_MODELS: 'gpt-4.1-mini,gpt-4.1',
    OPENAI_TIMEOUT_MS: '5000',
    OPENAI_MAX_RETRIES: '2',
    POWERTOOLS_METRICS_NAMESPACE: 'LlmPlatformTest',
    ...extra,
  };
}

export function testConfig(baseURL: string, extra: Record<string, string> = {}, mode: ConfigMode = 'lambda'): Config {
  return loadConfig(testEnv(baseURL, extra), mode);
}

/** A handler with the real wiring; back-off shortened so retry tests stay fast. */
export function testHandler(config: Config, overrides: DependencyOverrides = {}): { handler: GenerateHandler; dependencies: HandlerDependencies } {
  const dependencies = createDependencies(config, { ...overrides, openaiOptions: { backoffBaseMs: 5, backoffMaxMs: 20, ...overrides.openaiOptions } });
  return { handler: createHandler(dependencies), dependencies };
}

export interface EventOptions {
  readonly body?: string | undefined;
  readonly method?: string;
  readonly path?: string;
  readonly isBase64Encoded?: boolean;
  readonly stage?: string;
  readonly requestId?: string;
}

export function httpApiEvent(options: EventOptions = {}): APIGatewayProxyEventV2 {
  const method = options.method ?? 'POST';
  const path = options.path ?? '/v1/generate';
  const now = new Date('2025-06-01T12:00:00Z');
  return {
    version: '2.0',
    routeKey: '$default',
    rawPath: path,
    rawQueryString: '',
    headers: { 'content-type': 'application/json', host: 'api.example.test' },
    requestContext: {
      accountId: '123456789012',
      apiId: 'abc123',
      domainName: 'abc123.execute-api.eu-west-1.amazonaws.com',
      domainPrefix: 'abc123',
      http: { method, path, protocol: 'HTTP/1.1', sourceIp: '203.0.113.7', userAgent: 'jest' },
      requestId: options.requestId ?? 'Ab1CdEfGhIjKlM=',
      routeKey: '$default',
      stage: options.stage ?? '$default',
      time: now.toUTCString(),
      timeEpoch: now.getTime(),
    },
    ...(options.body !== undefined ? { body: options.body } : {}),
    isBase64Encoded: options.isBase64Encoded ?? false,
  };
}

export function generateEvent(body: unknown, options: Omit<EventOptions, 'body'> = {}): APIGatewayProxyEventV2 {
  return httpApiEvent({ ...options, body: JSON.stringify(body) });
}

export function lambdaContext(remainingMs = 30_000, requestId = 'c0ffee00-0000-4000-8000-000000000001'): Context {
  const deadline = Date.now() + remainingMs;
  return {
    callbackWaitsForEmptyEventLoop: true,
    functionName: 'llm-platform-test-eu-west-1-api',
    functionVersion: '$LATEST',
    invokedFunctionArn: 'arn:aws:lambda:eu-west-1:123456789012:function:llm-platform-test-eu-west-1-api',
    memoryLimitInMB: '512',
    awsRequestId: requestId,
    logGroupName: '/aws/lambda/llm-platform-test-eu-west-1-api',
    logStreamName: '2025/06/01/[$LATEST]0123456789abcdef',
    getRemainingTimeInMillis: () => Math.max(0, deadline - Date.now()),
    done: () => undefined,
    fail: () => undefined,
    succeed: () => undefined,
  };
}

export interface ParsedResult {
  readonly status: number;
  readonly headers: Record<string, string>;
  readonly json: Record<string, unknown> & { error?: { code: string; message: string } };
  readonly raw: string;
}

export function parseResult(result: APIGatewayProxyStructuredResultV2): ParsedResult {
  const raw = result.body ?? '';
  return {
    status: result.statusCode ?? 0,
    headers: Object.fromEntries(Object.entries(result.headers ?? {}).map(([name, value]) => [name, String(value)])),
    json: JSON.parse(raw) as ParsedResult['json'],
    raw,
  };
}
