import { UpstreamError, UpstreamTimeoutError } from './errors';
import { OpenAiResponsesGateway, redact, type OpenAiGatewayOptions, type RetryEvent } from './openai';
import { startFakeOpenAi, type FakeOpenAi } from './testing/fake-openai';
import { TEST_API_KEY } from './testing/harness';

let fake: FakeOpenAi;
beforeAll(async () => {
  fake = await startFakeOpenAi();
});
afterAll(async () => {
  await fake.close();
});
beforeEach(() => fake.reset());

const INPUT = { prompt: 'Hello there', model: 'gpt-4.1-mini' } as const;

function gateway(options: Partial<OpenAiGatewayOptions> = {}, retries: RetryEvent[] = []): OpenAiResponsesGateway {
  return new OpenAiResponsesGateway({
    baseURL: fake.baseURL,
    timeoutMs: 2_000,
    maxRetries: 2,
    backoffBaseMs: 5,
    backoffMaxMs: 20,
    onRetry: (event) => retries.push(event),
    ...options,
  });
}

async function failure(promise: Promise<unknown>): Promise<unknown> {
  try {
    await promise;
  } catch (error) {
    return error;
  }
  throw new Error('expected a rejection');
}

describe('OpenAiResponsesGateway', () => {
  it('returns the output text, the answering model and the usage of a Responses API answer', async () => {
    fake.enqueue({ kind: 'ok', text: 'General Kenobi.' });

    const generation = await gateway().generate(INPUT, { apiKey: TEST_API_KEY });

    expect(generation).toEqual({
      responseId: expect.stringMatching(/^resp_/),
      model: 'gpt-4.1-mini-2025-04-14',
      status: 'completed',
      output: 'General Kenobi.',
      usage: { inputTokens: 3, outputTokens: 4, totalTokens: 7 },
      attempts: 1,
      openaiMs: expect.any(Number),
    });
    expect(fake.requests[0].headers.authorization).toBe(`Bearer ${TEST_API_KEY}`);
  });

  it('retries a 429, waiting what retry-after asks, then succeeds', async () => {
    const retries: RetryEvent[] = [];
    fake.enqueue({ kind: 'error', status: 429, headers: { 'retry-after': '0.05' } });

    const generation = await gateway({}, retries).generate(INPUT, { apiKey: TEST_API_KEY });

    expect(generation.attempts).toBe(2);
    expect(fake.requests).toHaveLength(2);
    expect(retries).toEqual([{ attempt: 1, status: 429, delayMs: 50 }]);
  });

  it('retries 5xx with back-off up to OPENAI_MAX_RETRIES, then fails with 502 upstream_error', async () => {
    const retries: RetryEvent[] = [];
    fake.enqueue({ kind: 'error', status: 500 }, { kind: 'error', status: 503 }, { kind: 'error', status: 500 });

    const error = await failure(gateway({ maxRetries: 2 }, retries).generate(INPUT, { apiKey: TEST_API_KEY }));

    expect(error).toBeInstanceOf(UpstreamError);
    expect(error).toMatchObject({ code: 'upstream_error', upstreamStatus: 500, attempts: 3 });
    expect(fake.requests).toHaveLength(3);
    expect(retries.map((retry) => retry.status)).toEqual([500, 503]);
    expect(retries[1].delayMs).toBeGreaterThan(retries[0].delayMs * 1.2);
  });

  it('gives up on 429 after the retries with upstream_rate_limited', async () => {
    fake.enqueue(...Array.from({ length: 3 }, () => ({ kind: 'error' as const, status: 429, headers: { 'retry-after-ms': '1' } })));

    const error = await failure(gateway().generate(INPUT, { apiKey: TEST_API_KEY }));

    expect(error).toMatchObject({ name: 'UpstreamError', code: 'upstream_rate_limited', attempts: 3 });
  });

  it.each([400, 401, 403, 404, 422])('does not retry a %i', async (status) => {
    fake.enqueue({ kind: 'error', status });

    const error = await failure(gateway().generate(INPUT, { apiKey: TEST_API_KEY }));

    expect(error).toMatchObject({ name: 'UpstreamError', upstreamStatus: status, attempts: 1 });
    expect(fake.requests).toHaveLength(1);
  });

  it('fails with 504 upstream_timeout when OpenAI answers after the timeout', async () => {
    fake.enqueue({ kind: 'ok', delayMs: 1_000 });

    const started = Date.now();
    const error = await failure(gateway({ timeoutMs: 150 }).generate(INPUT, { apiKey: TEST_API_KEY }));

    expect(error).toBeInstanceOf(UpstreamTimeoutError);
    expect(error).toMatchObject({ code: 'upstream_timeout', budgetMs: 150, attempts: 1 });
    expect(Date.now() - started).toBeLessThan(900);
  });

  it('keeps within the budget the invocation has left, when that is shorter than the timeout', async () => {
    fake.enqueue({ kind: 'hang' });

    const error = await failure(gateway({ timeoutMs: 10_000 }).generate(INPUT, { apiKey: TEST_API_KEY, budgetMs: 100 }));

    expect(error).toMatchObject({ name: 'UpstreamTimeoutError', budgetMs: 100 });
  });

  it('does not wait for a retry-after that would outlast the budget', async () => {
    fake.enqueue({ kind: 'error', status: 429, headers: { 'retry-after': '3600' } });

    const started = Date.now();
    const error = await failure(gateway().generate(INPUT, { apiKey: TEST_API_KEY }));

    expect(error).toMatchObject({ name: 'UpstreamError', code: 'upstream_rate_limited', attempts: 1 });
    expect((error as UpstreamError).detail).toContain('would exceed the time budget');
    expect(Date.now() - started).toBeLessThan(1_000);
  });

  it('treats a response with status failed as an upstream error', async () => {
    fake.enqueue({ kind: 'failed' });

    const error = await failure(gateway().generate(INPUT, { apiKey: TEST_API_KEY }));

    expect(error).toMatchObject({ name: 'UpstreamError', code: 'upstream_error', message: 'OpenAI reported the response as failed (1 attempt)' });
  });

  it('reports an answer cut short by max_output_tokens as incomplete', async () => {
    fake.enqueue({ kind: 'ok', status: 'incomplete', text: 'Once upon a' });

    const generation = await gateway().generate({ ...INPUT, maxOutputTokens: 16 }, { apiKey: TEST_API_KEY });

    expect(generation).toMatchObject({ status: 'incomplete', incompleteReason: 'max_output_tokens', output: 'Once upon a' });
    expect(fake.requests[0].body.max_output_tokens).toBe(16);
  });

  it('fails with 502 when OpenAI cannot be reached at all', async () => {
    const error = await failure(gateway({ baseURL: 'http://127.0.0.1:9/v1', maxRetries: 1 }).generate(INPUT, { apiKey: TEST_API_KEY }));

    expect(error).toMatchObject({ name: 'UpstreamError', upstreamStatus: undefined, attempts: 2, message: 'OpenAI could not be reached (2 attempts)' });
  });
});

describe('redact', () => {
  it('removes the key and anything shaped like an OpenAI key', () => {
    expect(redact(`key ${TEST_API_KEY} and sk-abc1****wxyz`, TEST_API_KEY)).toBe('key [redacted] and sk-[redacted]');
  });
});
