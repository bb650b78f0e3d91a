/**
 * Calls OpenAI's Responses API through the official client, within one time budget.
 *
 * Retries are ours, not the client's (it gets `maxRetries: 0`): the client honours `Retry-After`
 * without any cap (openai 6.x `retryRequest`) and applies its timeout per attempt, so three
 * attempts could outlast the Lambda. Here every attempt, back-off and `Retry-After` wait fits in
 * one budget (`OPENAI_TIMEOUT_MS`, cut to what the invocation has left), and a wait that would
 * not fit ends the call at once. Retried like the client does: 408, 409, 429, 5xx and connection
 * errors; never other 4xx.
 */
import OpenAI, { APIConnectionError, APIConnectionTimeoutError, APIError } from 'openai';
import type { Response, ResponseCreateParamsNonStreaming } from 'openai/resources/responses/responses';
import { UpstreamError, UpstreamTimeoutError } from './errors';

export interface GenerationInput {
  readonly prompt: string;
  readonly model: string;
  readonly instructions?: string;
  readonly maxOutputTokens?: number;
}

export interface TokenUsage {
  readonly inputTokens: number;
  readonly outputTokens: number;
  readonly totalTokens: number;
}

export interface Generation {
  /** OpenAI's response id (`resp_...`). */
  readonly responseId: string;
  /** The model that answered, as OpenAI names it (often a dated snapshot of the requested one). */
  readonly model: string;
  /** `incomplete` when the answer was cut short, e.g. by `maxOutputTokens`. */
  readonly status: 'completed' | 'incomplete';
  readonly incompleteReason?: string;
  readonly output: string;
  readonly usage: TokenUsage;
  readonly attempts: number;
  /** Time spent in the OpenAI call, retries and waits included. */
  readonly openaiMs: number;
}

export interface GenerateOptions {
  readonly apiKey: string;
  /** Time the call may take at most, when less than the configured timeout (what the invocation has left). */
  readonly budgetMs?: number;
}

export interface OpenAiGateway {
  generate(input: GenerationInput, options: GenerateOptions): Promise<Generation>;
}

export interface RetryEvent {
  readonly attempt: number;
  readonly status: number | undefined;
  readonly delayMs: number;
}

export interface OpenAiGatewayOptions {
  /** Undefined: the client's own default (it reads `OPENAI_BASE_URL`, else api.openai.com). */
  readonly baseURL?: string;
  readonly timeoutMs: number;
  readonly maxRetries: number;
  /** First back-off delay; doubles per retry, with jitter, up to {@link backoffMaxMs}. @default 500 */
  readonly backoffBaseMs?: number;
  /** @default 8000 */
  readonly backoffMaxMs?: number;
  readonly now?: () => number;
  readonly sleep?: (ms: number) => Promise<void>;
  readonly onRetry?: (event: RetryEvent) => void;
}

const RETRYABLE_STATUS = (status: number) => status === 408 || status === 409 || status === 429 || status >= 500;

export class OpenAiResponsesGateway implements OpenAiGateway {
  private client: { readonly key: string; readonly openai: OpenAI } | undefined;
  private readonly now: () => number;
  private readonly sleep: (ms: number) => Promise<void>;

  constructor(private readonly options: OpenAiGatewayOptions) {
    this.now = options.now ?? Date.now;
    this.sleep = options.sleep ?? ((ms) => new Promise((resolve) => setTimeout(resolve, ms)));
  }

  async generate(input: GenerationInput, options: GenerateOptions): Promise<Generation> {
    const apiKey = options.apiKey;
    const started = this.now();
    const budgetMs = Math.max(0, Math.min(this.options.timeoutMs, options.budgetMs ?? Number.POSITIVE_INFINITY));
    const end = started + budgetMs;
    const openai = this.clientFor(apiKey);
    const params: ResponseCreateParamsNonStreaming = {
      model: input.model,
      input: input.prompt,
      // Every answer is kept in our bucket; OpenAI need not store it too.
      store: false,
      ...(input.instructions ? { instructions: input.instructions } : {}),
      ...(input.maxOutputTokens !== undefined ? { max_output_tokens: input.maxOutputTokens } : {}),
    };

    for (let attempts = 1; ; attempts++) {
      const remaining = end - this.now();
      if (remaining <= 0) throw new UpstreamTimeoutError(budgetMs, attempts - 1);
      let response: Response;
      // Our own timer decides what a timeout is: the client's classification of an aborted fetch
      // depends on how the runtime reports it.
      const controller = new AbortController();
      let timedOut = false;
      const timer = setTimeout(() => {
        timedOut = true;
        controller.abort();
      }, remaining);
      try {
        response = await openai.responses.create(params, { signal: controller.signal, timeout: remaining + 1_000, maxRetries: 0 });
      } catch (error) {
        if (timedOut || error instanceof APIConnectionTimeoutError) throw new UpstreamTimeoutError(budgetMs, attempts);
        if (!(error instanceof APIError)) throw error;
        const status = error instanceof APIConnectionError ? undefined : error.status;
        const detail = redact(`${error.name}: ${error.message}`, apiKey);
        const retryable = status === undefined || RETRYABLE_STATUS(status);
        if (retryable && attempts <= this.options.maxRetries) {
          const delayMs = this.retryDelay(error.headers, attempts);
          if (this.now() + delayMs < end) {
            this.options.onRetry?.({ attempt: attempts, status, delayMs });
            await this.sleep(delayMs);
            continue;
          }
          throw new UpstreamError({
            upstreamStatus: status,
            attempts,
            detail: `${detail}; the next retry (in ${Math.round(delayMs)} ms) would exceed the time budget`,
          });
        }
        throw new UpstreamError({ upstreamStatus: status, attempts, detail });
      } finally {
        clearTimeout(timer);
      }
      return toGeneration(response, attempts, this.now() - started);
    }
  }

  /** One client per key: a rotated key (new value from the secret) gets a fresh client. */
  private clientFor(apiKey: string): OpenAI {
    if (this.client?.key !== apiKey) {
      this.client = {
        key: apiKey,
        openai: new OpenAI({
          apiKey,
          ...(this.options.baseURL ? { baseURL: this.options.baseURL } : {}),
          maxRetries: 0,
          timeout: this.options.timeoutMs,
          // The client's own logger could print request details; our logs are the only ones.
          logLevel: 'off',
        }),
      };
    }
    return this.client.openai;
  }

  private retryDelay(headers: Headers | undefined, attempt: number): number {
    const retryAfterMs = Number.parseFloat(headers?.get('retry-after-ms') ?? '');
    if (Number.isFinite(retryAfterMs) && retryAfterMs >= 0) return retryAfterMs;
    const retryAfter = headers?.get('retry-after');
    if (retryAfter) {
      const seconds = Number.parseFloat(retryAfter);
      if (Number.isFinite(seconds) && seconds >= 0) return seconds * 1000;
      const date = Date.parse(retryAfter);
      if (Number.isFinite(date)) return Math.max(0, date - Date.now());
    }
    const base = this.options.backoffBaseMs ?? 500;
    const max = this.options.backoffMaxMs ?? 8_000;
    return Math.min(base * 2 ** (attempt - 1), max) * (1 - Math.random() * 0.25);
  }
}

function toGeneration(response: Response, attempts: number, openaiMs: number): Generation {
  if (response.status === 'failed' || response.error) {
    throw new UpstreamError({
      upstreamStatus: 200,
      attempts,
      summary: 'reported the response as failed',
      detail: `response ${response.id} failed: ${response.error?.code ?? 'unknown'}: ${response.error?.message ?? ''}`,
    });
  }
  const usage = response.usage;
  return {
    responseId: response.id,
    model: response.model,
    status: response.status === 'incomplete' ? 'incomplete' : 'completed',
    ...(response.incomplete_details?.reason ? { incompleteReason: response.incomplete_details.reason } : {}),
    output: response.output_text ?? '',
    usage: {
      inputTokens: usage?.input_tokens ?? 0,
      outputTokens: usage?.output_tokens ?? 0,
      totalTokens: usage?.total_tokens ?? (usage?.input_tokens ?? 0) + (usage?.output_tokens ?? 0),
    },
    attempts,
    openaiMs,
  };
}

/** OpenAI's 401 message quotes part of the key; keep neither the key nor anything key-shaped. */
export function redact(text: string, apiKey: string): string {
  const withoutKey = apiKey ? text.split(apiKey).join('[redacted]') : text;
  return withoutKey.replace(/\bsk-[A-Za-z0-9_*.-]{4,}/g, 'sk-[redacted]');
}
