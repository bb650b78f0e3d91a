import { GetSecretValueCommand, SecretsManagerClient } from '@aws-sdk/client-secrets-manager';
import { PutObjectCommand, S3Client } from '@aws-sdk/client-s3';
import { mockClient } from 'aws-sdk-client-mock';
import { captureOutput, type OutputCapture } from './testing/capture';
import { startFakeOpenAi, type FakeOpenAi } from './testing/fake-openai';
import { generateEvent, lambdaContext, parseResult, TEST_API_KEY, TEST_BUCKET, TEST_SECRET_ARN, testConfig, testHandler } from './testing/harness';

const s3 = mockClient(S3Client);
const secrets = mockClient(SecretsManagerClient);
let fake: FakeOpenAi;
let output: OutputCapture;

beforeAll(async () => {
  fake = await startFakeOpenAi();
});
afterAll(async () => {
  await fake.close();
});
beforeEach(() => {
  fake.reset();
  s3.reset();
  secrets.reset();
  s3.on(PutObjectCommand).resolves({ ETag: '"etag"' });
  secrets.on(GetSecretValueCommand).resolves({ SecretString: TEST_API_KEY });
  output = captureOutput();
});
afterEach(() => output.restore());

const PROMPT = 'Summarise the plot of Hamlet in one sentence, please.';

describe('handler', () => {
  it('answers 200 with id, output, model, usage and s3Key, and stores the record under generations/YYYY/MM/DD/<id>.json', async () => {
    const { handler } = testHandler(testConfig(fake.baseURL), {
      now: () => Date.parse('2025-12-31T23:59:59.500Z'),
      newId: () => '6f1c2a9e-3b4d-4e5f-8a7b-9c0d1e2f3a4b',
    });

    const result = parseResult(await handler(generateEvent({ prompt: PROMPT, metadata: { ticket: 'T-1' } }), lambdaContext()));

    expect(result.status).toBe(200);
    expect(result.json).toEqual({
      id: '6f1c2a9e-3b4d-4e5f-8a7b-9c0d1e2f3a4b',
      output: `echo: ${PROMPT}`,
      model: 'gpt-4.1-mini-2025-04-14',
      usage: { inputTokens: expect.any(Number), outputTokens: expect.any(Number), totalTokens: expect.any(Number) },
      s3Key: 'generations/2025/12/31/6f1c2a9e-3b4d-4e5f-8a7b-9c0d1e2f3a4b.json',
      status: 'completed',
    });
    const puts = s3.commandCalls(PutObjectCommand);
    expect(puts).toHaveLength(1);
    const input = puts[0].args[0].input;
    expect(input).toMatchObject({ Bucket: TEST_BUCKET, Key: result.json.s3Key, ContentType: 'application/json', IfNoneMatch: '*' });
    expect(JSON.parse(String(input.Body))).toEqual({
      schemaVersion: 1,
      id: '6f1c2a9e-3b4d-4e5f-8a7b-9c0d1e2f3a4b',
      createdAt: '2025-12-31T23:59:59.500Z',
      apiRequestId: 'Ab1CdEfGhIjKlM=',
      lambdaRequestId: 'c0ffee00-0000-4000-8000-000000000001',
      request: { prompt: PROMPT, model: 'gpt-4.1-mini', instructions: null, maxOutputTokens: null, metadata: { ticket: 'T-1' } },
      response: {
        openaiResponseId: expect.stringMatching(/^resp_/),
        model: 'gpt-4.1-mini-2025-04-14',
        status: 'completed',
        incompleteReason: null,
        output: `echo: ${PROMPT}`,
        usage: result.json.usage,
      },
      latencyMs: { openai: expect.any(Number), total: expect.any(Number) },
      attempts: 1,
    });
  });

  it('sends prompt, model, instructions and max_output_tokens to the Responses API with the key from the secret', async () => {
    const { handler } = testHandler(testConfig(fake.baseURL));

    const result = await handler(
      generateEvent({ prompt: PROMPT, model: 'gpt-4.1', instructions: 'Answer as a pirate.', maxOutputTokens: 64 }),
      lambdaContext(),
    );

    expect(result.statusCode).toBe(200);
    expect(fake.requests).toHaveLength(1);
    const [request] = fake.requests;
    expect(request.path).toBe('/v1/responses');
    expect(request.headers.authorization).toBe(`Bearer ${TEST_API_KEY}`);
    expect(request.body).toEqual({ model: 'gpt-4.1', input: PROMPT, instructions: 'Answer as a pirate.', max_output_tokens: 64, store: false });
    expect(secrets.commandCalls(GetSecretValueCommand)[0].args[0].input).toEqual({ SecretId: TEST_SECRET_ARN });
  });

  it('reads the secret once across many invocations while the cache is warm', async () => {
    const { handler } = testHandler(testConfig(fake.baseURL));

    for (let i = 0; i < 5; i++) expect((await handler(generateEvent({ prompt: `p${i}` }), lambdaContext())).statusCode).toBe(200);

    expect(secrets.commandCalls(GetSecretValueCommand)).toHaveLength(1);
  });

  it('reads the secret again after SECRET_CACHE_TTL_SECONDS', async () => {
    let now = Date.parse('2025-06-01T12:00:00Z');
    const { handler } = testHandler(testConfig(fake.baseURL, { SECRET_CACHE_TTL_SECONDS: '60' }), { now: () => now });

    await handler(generateEvent({ prompt: 'a' }), lambdaContext());
    now += 59_000;
    await handler(generateEvent({ prompt: 'b' }), lambdaContext());
    expect(secrets.commandCalls(GetSecretValueCommand)).toHaveLength(1);
    now += 2_000;
    await handler(generateEvent({ prompt: 'c' }), lambdaContext());

    expect(secrets.commandCalls(GetSecretValueCommand)).toHaveLength(2);
  });

  it('answers 503 record_not_stored, not 200, when the S3 write fails', async () => {
    s3.on(PutObjectCommand).rejects(Object.assign(new Error('Access Denied'), { name: 'AccessDenied' }));
    const { handler } = testHandler(testConfig(fake.baseURL));

    const result = parseResult(await handler(generateEvent({ prompt: PROMPT }), lambdaContext()));

    expect(result.status).toBe(503);
    expect(result.json).toEqual({ error: { code: 'record_not_stored', message: expect.stringContaining('could not be stored') } });
    expect(result.raw).not.toContain('echo:');
    expect(output.lines().find((line) => line.message === 'request failed')).toMatchObject({
      code: 'record_not_stored',
      detail: 'AccessDenied: Access Denied',
    });
  });

  it('answers 503 api_key_unavailable when the secret cannot be read, and never calls OpenAI', async () => {
    secrets
      .on(GetSecretValueCommand)
      .rejects(
        Object.assign(new Error("Secrets Manager can't find the specified secret value for staging label: AWSCURRENT"), { name: 'ResourceNotFoundException' }),
      );
    const { handler } = testHandler(testConfig(fake.baseURL));

    const result = parseResult(await handler(generateEvent({ prompt: PROMPT }), lambdaContext()));

    expect(result.status).toBe(503);
    expect(result.json.error?.code).toBe('api_key_unavailable');
    expect(fake.requests).toHaveLength(0);
    expect(s3.commandCalls(PutObjectCommand)).toHaveLength(0);
  });

  it('answers 502 after the retries when OpenAI keeps failing with 5xx, and stores nothing', async () => {
    fake.enqueue({ kind: 'error', status: 500 }, { kind: 'error', status: 502 }, { kind: 'error', status: 503 });
    const { handler } = testHandler(testConfig(fake.baseURL, { OPENAI_MAX_RETRIES: '2' }));

    const result = parseResult(await handler(generateEvent({ prompt: PROMPT }), lambdaContext()));

    expect(result.status).toBe(502);
    expect(result.json).toEqual({ error: { code: 'upstream_error', message: 'OpenAI answered 503 (3 attempts)' } });
    expect(fake.requests).toHaveLength(3);
    expect(s3.commandCalls(PutObjectCommand)).toHaveLength(0);
  });

  it('answers 504 when OpenAI does not answer before the invocation runs out of time', async () => {
    fake.enqueue({ kind: 'hang' });
    const { handler } = testHandler(testConfig(fake.baseURL));

    // 1.5 s are kept for the record and the answer, so OpenAI gets about 300 ms.
    const result = parseResult(await handler(generateEvent({ prompt: PROMPT }), lambdaContext(1_800)));

    expect(result.status).toBe(504);
    expect(result.json.error?.code).toBe('upstream_timeout');
  });

  it('re-reads the secret after OpenAI refuses the key (it may have been rotated)', async () => {
    fake.enqueue({
      kind: 'error',
      status: 401,
      type: 'invalid_request_error',
      code: 'invalid_api_key',
      message: `Incorrect API key provided: ${TEST_API_KEY.slice(0, 8)}****${TEST_API_KEY.slice(-4)}.`,
    });
    const { handler } = testHandler(testConfig(fake.baseURL));

    const refused = parseResult(await handler(generateEvent({ prompt: PROMPT }), lambdaContext()));
    const next = await handler(generateEvent({ prompt: PROMPT }), lambdaContext());

    expect(refused.status).toBe(502);
    expect(refused.json.error?.code).toBe('upstream_auth_failed');
    expect(next.statusCode).toBe(200);
    expect(secrets.commandCalls(GetSecretValueCommand)).toHaveLength(2);
  });

  it('keeps the API key out of every log line and every response, error paths included', async () => {
    const { handler } = testHandler(testConfig(fake.baseURL, { LOG_PROMPT_TEXT: 'true' }));
    fake.enqueue(
      { kind: 'error', status: 401, message: `Incorrect API key provided: ${TEST_API_KEY}.` },
      { kind: 'error', status: 400, message: `bad request for key ${TEST_API_KEY}` },
      { kind: 'error', status: 500 },
      { kind: 'error', status: 500 },
      { kind: 'error', status: 500 },
      { kind: 'failed' },
    );
    const bodies: string[] = [];
    for (let i = 0; i < 5; i++) bodies.push(String((await handler(generateEvent({ prompt: `${PROMPT} ${i}` }), lambdaContext())).body));
    s3.on(PutObjectCommand).rejects(new Error(`disk full near ${TEST_API_KEY}`));
    bodies.push(String((await handler(generateEvent({ prompt: PROMPT }), lambdaContext())).body));
    bodies.push(String((await handler(generateEvent({ prompt: 42 }), lambdaContext())).body));

    expect(bodies.map((body) => JSON.parse(body).error?.code ?? 'ok')).toEqual([
      'upstream_auth_failed',
      'upstream_error',
      'upstream_error',
      'upstream_error',
      'ok',
      'record_not_stored',
      'invalid_request',
    ]);
    const everything = `${bodies.join('\n')}\n${output.text()}`;
    expect(output.text()).toContain('Incorrect API key provided: [redacted]');
    expect(everything).not.toContain(TEST_API_KEY);
    expect(everything).not.toContain(TEST_API_KEY.slice(8));
  });

  it('logs the prompt only when LOG_PROMPT_TEXT is true', async () => {
    const secretPrompt = 'my card number is 4111 1111 1111 1111';
    await testHandler(testConfig(fake.baseURL)).handler(generateEvent({ prompt: secretPrompt, instructions: 'private instructions' }), lambdaContext());
    expect(output.text()).not.toContain('4111');
    expect(output.text()).not.toContain('private instructions');
    expect(output.lines().find((line) => line.message === 'generation requested')).toMatchObject({ promptChars: secretPrompt.length });

    output.clear();
    await testHandler(testConfig(fake.baseURL, { LOG_PROMPT_TEXT: 'true' })).handler(generateEvent({ prompt: secretPrompt }), lambdaContext());
    expect(output.lines().find((line) => line.message === 'generation requested')).toMatchObject({ prompt: secretPrompt });
  });

  it('publishes latency and tokens per model, and errors by code, as EMF metrics', async () => {
    const { handler } = testHandler(testConfig(fake.baseURL));

    await handler(generateEvent({ prompt: PROMPT, model: 'gpt-4.1' }), lambdaContext());
    await handler(generateEvent({ prompt: PROMPT, model: 'gpt-5-turbo-max' }), lambdaContext());

    const emf = output.lines().filter((line) => '_aws' in line);
    const success = emf.find((line) => line.model === 'gpt-4.1');
    expect(success).toMatchObject({
      service: 'llm-api',
      Requests: 1,
      InputTokens: expect.any(Number),
      OutputTokens: expect.any(Number),
      Latency: expect.any(Number),
    });
    expect(JSON.stringify(success)).toContain('"Namespace":"LlmPlatformTest"');
    expect(emf.find((line) => line.code === 'model_not_allowed')).toMatchObject({ Errors: 1 });
  });

  it('answers 500 internal_error without a stack when a bug throws', async () => {
    const { handler } = testHandler(testConfig(fake.baseURL), {
      newId: (() => {
        let calls = 0;
        return () => (++calls === 1 ? 'id-1' : 'id-2');
      })(),
      openai: {
        generate: () => Promise.reject(new TypeError("Cannot read properties of undefined (reading 'text')")),
      },
    });

    const result = parseResult(await handler(generateEvent({ prompt: PROMPT }), lambdaContext()));

    expect(result.status).toBe(500);
    expect(result.json).toEqual({ error: { code: 'internal_error', message: 'internal error; quote request id id-1' } });
    expect(result.raw).not.toContain('TypeError');
    expect(output.lines().find((line) => line.message === 'unexpected error')).toMatchObject({
      error: expect.stringContaining('TypeError'),
      stack: expect.any(String),
    });
  });
});
