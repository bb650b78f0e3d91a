/**
 * `POST /v1/generate`: route and validate the event, read the API key, ask OpenAI, store the
 * record, answer. Built from its dependencies so tests, the benchmark and the local server run
 * the same code as Lambda.
 */
import { randomUUID } from 'node:crypto';
import type { Logger } from '@aws-lambda-powertools/logger';
import type { Metrics } from '@aws-lambda-powertools/metrics';
import type { APIGatewayProxyEventV2, APIGatewayProxyStructuredResultV2, Context } from 'aws-lambda';
import type { Config } from './config';
import { ApiKeyUnavailableError, BudgetExceededError, LlmApiError, publicError, RecordNotStoredError, UpstreamError } from './errors';
import { errorResponse, jsonResponse, parseJson, readBody, routeEvent } from './http';
import { publishError, publishSuccess, requestLogFields } from './observability';
import { redact, type OpenAiGateway } from './openai';
import { recordKey, type GenerationRecord, type RecordWriter } from './records';
import type { ApiKeyProvider } from './secrets';
import { NO_SPEND_GUARD, type SpendGuard } from './spend-guard';
import { parseGenerateRequest } from './validation';

export interface HandlerDependencies {
  readonly config: Config;
  readonly apiKeys: ApiKeyProvider;
  readonly openai: OpenAiGateway;
  readonly records: RecordWriter;
  readonly logger: Logger;
  readonly metrics: Metrics;
  /** The OpenAI hard stop. @default NO_SPEND_GUARD */
  readonly spendGuard?: SpendGuard;
  /** Epoch milliseconds. @default Date.now */
  readonly now?: () => number;
  /** Id of a generation (record name and answer id). @default crypto.randomUUID */
  readonly newId?: () => string;
}

/** The answer of a successful request. */
export interface GenerateAnswer {
  readonly id: string;
  readonly output: string;
  /** The model that answered, as OpenAI names it. */
  readonly model: string;
  readonly usage: { readonly inputTokens: number; readonly outputTokens: number; readonly totalTokens: number };
  readonly s3Key: string;
  /** `incomplete` when the output was cut short (e.g. by maxOutputTokens). */
  readonly status: 'completed' | 'incomplete';
}

export type GenerateHandler = (event: APIGatewayProxyEventV2, context?: Context) => Promise<APIGatewayProxyStructuredResultV2>;

/** Time kept back from the invocation's deadline for the S3 write and the answer. */
const RESPONSE_RESERVE_MS = 1_500;

export function createHandler(deps: HandlerDependencies): GenerateHandler {
  const { config, apiKeys, openai, records, logger, metrics } = deps;
  const now = deps.now ?? Date.now;
  const newId = deps.newId ?? randomUUID;
  const spendGuard = deps.spendGuard ?? NO_SPEND_GUARD;
  let coldStart = true;

  return async (event, context) => {
    const started = now();
    const id = newId();
    let apiKey: string | undefined;
    if (context) logger.addContext(context);
    logger.appendKeys({ generationId: id });
    try {
      if (coldStart) {
        coldStart = false;
        safely(() => metrics.captureColdStartMetric(context?.functionName));
      }
      const route = routeEvent(event);
      if (route.apiRequestId) logger.appendKeys({ apiRequestId: route.apiRequestId });
      const request = parseGenerateRequest(parseJson(readBody(event, config.maxBodyBytes)), config);
      logger.info('generation requested', requestLogFields(request, config.logPromptText));

      // Checked after validation, so a bad request still learns what is wrong with it.
      if (await spendGuard.overBudget()) throw new BudgetExceededError();

      apiKey = await apiKeys.getApiKey();
      const remaining = typeof context?.getRemainingTimeInMillis === 'function' ? context.getRemainingTimeInMillis() : undefined;
      const budgetMs = remaining === undefined ? undefined : remaining - RESPONSE_RESERVE_MS;
      const generation = await openai.generate(request, { apiKey, ...(budgetMs !== undefined ? { budgetMs } : {}) }).catch((error: unknown) => {
        // A refused key may have been rotated: read the secret again on the next request.
        if (error instanceof UpstreamError && error.code === 'upstream_auth_failed') apiKeys.invalidate();
        throw error;
      });

      const createdAt = new Date(started);
      const s3Key = recordKey(createdAt, id);
      const record: GenerationRecord = {
        schemaVersion: 1,
        id,
        createdAt: createdAt.toISOString(),
        apiRequestId: route.apiRequestId ?? null,
        lambdaRequestId: context?.awsRequestId ?? 'none',
        request: {
          prompt: request.prompt,
          model: request.model,
          instructions: request.instructions ?? null,
          maxOutputTokens: request.maxOutputTokens ?? null,
          metadata: request.metadata ?? null,
        },
        response: {
          openaiResponseId: generation.responseId,
          model: generation.model,
          status: generation.status,
          incompleteReason: generation.incompleteReason ?? null,
          output: generation.output,
          usage: generation.usage,
        },
        latencyMs: { openai: generation.openaiMs, total: now() - started },
        attempts: generation.attempts,
      };
      try {
        await records.write(s3Key, record);
      } catch (error) {
        throw new RecordNotStoredError(s3Key, { cause: error });
      }

      const latencyMs = now() - started;
      safely(() =>
        publishSuccess(metrics, {
          model: request.model,
          latencyMs,
          openaiMs: generation.openaiMs,
          inputTokens: generation.usage.inputTokens,
          outputTokens: generation.usage.outputTokens,
        }),
      );
      logger.info('generation completed', {
        s3Key,
        model: generation.model,
        status: generation.status,
        usage: generation.usage,
        attempts: generation.attempts,
        latencyMs,
        openaiMs: generation.openaiMs,
        ...(config.logPromptText ? { output: generation.output } : {}),
      });
      const answer: GenerateAnswer = {
        id,
        output: generation.output,
        model: generation.model,
        usage: generation.usage,
        s3Key,
        status: generation.status,
      };
      return jsonResponse(200, answer, { 'x-request-id': id });
    } catch (error) {
      const failure = publicError(error, id);
      const latencyMs = now() - started;
      logFailure(logger, error, failure.status, failure.code, latencyMs, apiKey);
      safely(() => publishError(metrics, { code: failure.code, latencyMs }));
      return errorResponse(failure, id);
    } finally {
      logger.resetKeys();
    }
  };
}

function logFailure(logger: Logger, error: unknown, status: number, code: string, latencyMs: number, apiKey: string | undefined): void {
  const fields: Record<string, unknown> = { status, code, latencyMs };
  if (error instanceof LlmApiError) {
    fields.errorName = error.name;
    fields.errorMessage = error.message;
    if (error instanceof UpstreamError) Object.assign(fields, { upstreamStatus: error.upstreamStatus, attempts: error.attempts, detail: error.detail });
    if (error instanceof ApiKeyUnavailableError) fields.detail = error.detail;
    if (error instanceof RecordNotStoredError) Object.assign(fields, { s3Key: error.key, detail: describe(error.cause, apiKey) });
    if (status >= 500) logger.error('request failed', fields);
    else logger.info('request rejected', fields);
    return;
  }
  // A bug: keep the stack for us, scrubbed of the key in case some message quoted it.
  logger.error('unexpected error', { ...fields, error: describe(error, apiKey), stack: error instanceof Error ? scrub(error.stack ?? '', apiKey) : undefined });
}

function describe(error: unknown, apiKey: string | undefined): string {
  const text = error instanceof Error ? `${error.name}: ${error.message}` : String(error);
  return scrub(text, apiKey);
}

function scrub(text: string, apiKey: string | undefined): string {
  return redact(text, apiKey ?? '');
}

/** Telemetry must never turn an answer into an error. */
function safely(action: () => void): void {
  try {
    action();
  } catch {
    // Nothing sensible to do: the metric is lost, the request is not.
  }
}
