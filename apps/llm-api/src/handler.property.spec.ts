/** Property-based: whatever arrives, the handler never answers 500, and every 200 has its record. */
import { GetSecretValueCommand, SecretsManagerClient } from '@aws-sdk/client-secrets-manager';
import { PutObjectCommand, S3Client } from '@aws-sdk/client-s3';
import type { APIGatewayProxyEventV2 } from 'aws-lambda';
import { mockClient } from 'aws-sdk-client-mock';
import fc from 'fast-check';
import type { GenerateHandler } from './handler';
import { captureOutput, type OutputCapture } from './testing/capture';
import { startFakeOpenAi, type FakeOpenAi } from './testing/fake-openai';
import { httpApiEvent, lambdaContext, parseResult, TEST_API_KEY, testConfig, testHandler } from './testing/harness';

const s3 = mockClient(S3Client);
const secrets = mockClient(SecretsManagerClient);
let fake: FakeOpenAi;
let output: OutputCapture;
let handler: GenerateHandler;
const stored = new Map<string, { request: { prompt: string }; response: { output: string } }>();
let failWrites = false;
const seen: number[] = [];

beforeAll(async () => {
  fake = await startFakeOpenAi();
  handler = testHandler(testConfig(fake.baseURL)).handler;
});
afterAll(async () => {
  await fake.close();
});
beforeEach(() => {
  stored.clear();
  s3.reset();
  secrets.reset();
  secrets.on(GetSecretValueCommand).resolves({ SecretString: TEST_API_KEY });
  s3.on(PutObjectCommand).callsFake((input: { Key: string; Body: string }) => {
    if (failWrites) throw Object.assign(new Error('SlowDown'), { name: 'SlowDown' });
    stored.set(input.Key, JSON.parse(input.Body) as { request: { prompt: string }; response: { output: string } });
    return {};
  });
  output = captureOutput();
});
afterEach(() => output.restore());

const KNOWN_STATUSES = [200, 400, 404, 405, 413, 503];

/** Field values that are mostly right and sometimes wrong in any way. */
const mostly = <T>(valid: fc.Arbitrary<T>) => fc.oneof({ arbitrary: valid, weight: 4 }, { arbitrary: fc.anything(), weight: 1 });
const promptValue = fc.oneof(
  { arbitrary: fc.string({ minLength: 1, maxLength: 200 }), weight: 4 },
  { arbitrary: fc.string({ unit: 'binary', maxLength: 50 }), weight: 1 },
  { arbitrary: fc.constant(''), weight: 1 },
  { arbitrary: fc.anything(), weight: 1 },
);
const modelValue = fc.oneof(
  { arbitrary: fc.constantFrom('gpt-4.1-mini', 'gpt-4.1'), weight: 4 },
  { arbitrary: fc.string({ maxLength: 20 }), weight: 1 },
  { arbitrary: fc.anything(), weight: 1 },
);
const tokensValue = fc.oneof(
  { arbitrary: fc.integer({ min: 16, max: 16_384 }), weight: 4 },
  { arbitrary: fc.integer({ min: -10, max: 20_000 }), weight: 1 },
  { arbitrary: fc.double(), weight: 1 },
  { arbitrary: fc.string({ maxLength: 5 }), weight: 1 },
);
const metadataValue = fc.oneof(
  {
    arbitrary: fc.dictionary(
      fc.stringMatching(/^[A-Za-z0-9_.:-]{1,10}$/),
      fc.oneof(fc.string({ maxLength: 20 }), fc.integer(), fc.boolean(), fc.constant(null)),
      { maxKeys: 16 },
    ),
    weight: 4,
  },
  {
    arbitrary: fc.dictionary(fc.string({ maxLength: 70 }), fc.oneof(fc.string({ maxLength: 600 }), fc.double(), fc.object({ maxDepth: 2 })), { maxKeys: 20 }),
    weight: 1,
  },
  { arbitrary: fc.anything(), weight: 1 },
);
const requestBody = fc
  .tuple(
    fc.record(
      { prompt: promptValue, model: modelValue, instructions: mostly(fc.string({ maxLength: 100 })), maxOutputTokens: tokensValue, metadata: metadataValue },
      { requiredKeys: ['prompt'] },
    ),
    fc.oneof(
      { arbitrary: fc.constant(undefined), weight: 8 },
      { arbitrary: fc.dictionary(fc.string({ maxLength: 10 }), fc.anything(), { minKeys: 1, maxKeys: 2 }), weight: 1 },
    ),
  )
  .map(([fields, extra]) => ({ ...(extra ?? {}), ...fields }));

const bodyText = fc.oneof(
  { arbitrary: requestBody.map((body) => JSON.stringify(body)), weight: 8 },
  { arbitrary: fc.jsonValue().map((value) => JSON.stringify(value)), weight: 1 },
  { arbitrary: fc.string({ maxLength: 200 }), weight: 1 },
  { arbitrary: fc.string({ unit: 'binary', maxLength: 200 }), weight: 1 },
);

const event = fc
  .record({
    body: fc.option(bodyText, { nil: undefined, freq: 20 }),
    base64: fc.boolean(),
    method: fc.oneof({ arbitrary: fc.constant('POST'), weight: 10 }, { arbitrary: fc.constantFrom('GET', 'PUT', 'DELETE', 'OPTIONS', 'post'), weight: 1 }),
    path: fc.oneof(
      { arbitrary: fc.constant('/v1/generate'), weight: 10 },
      { arbitrary: fc.constantFrom('/v1/generate/', '/v1/other', '/', '/v1/generate/extra'), weight: 1 },
    ),
  })
  .map(({ body, base64, method, path }) =>
    httpApiEvent({
      method,
      path,
      body: body === undefined ? undefined : base64 ? Buffer.from(body, 'utf8').toString('base64') : body,
      isBase64Encoded: base64,
    }),
  );

async function check(input: APIGatewayProxyEventV2): Promise<void> {
  const putsBefore = s3.commandCalls(PutObjectCommand).length;
  const result = parseResult(await handler(input, lambdaContext()));

  seen.push(result.status);
  expect(KNOWN_STATUSES).toContain(result.status);
  expect(result.status).not.toBe(500);
  if (result.status === 200) {
    const s3Key = result.json.s3Key as string;
    expect(s3Key).toMatch(/^generations\/\d{4}\/\d{2}\/\d{2}\/[0-9a-f-]{36}\.json$/);
    expect(stored.get(s3Key)?.response.output).toBe(result.json.output);
    expect(s3.commandCalls(PutObjectCommand).length).toBe(putsBefore + 1);
  } else {
    expect(result.json.error).toEqual({ code: expect.any(String), message: expect.any(String) });
  }
}

describe('handler, random input', () => {
  it('never answers 500, and every 200 has its record stored under its s3Key', async () => {
    seen.length = 0;
    await fc.assert(fc.asyncProperty(event, check), { numRuns: 300 });
    // The generator must reach the answering path as well as the refusals, or the property proves little.
    expect(seen.filter((status) => status === 200).length).toBeGreaterThan(10);
    expect(seen.filter((status) => status === 400).length).toBeGreaterThan(30);
  });

  it('answers 200 with a stored record for every valid request', async () => {
    const valid = fc.record(
      {
        prompt: fc.string({ minLength: 1, maxLength: 500 }).filter((prompt) => prompt.trim().length > 0),
        model: fc.constantFrom('gpt-4.1-mini', 'gpt-4.1'),
        instructions: fc.string({ maxLength: 200 }),
        maxOutputTokens: fc.integer({ min: 16, max: 16_384 }),
        metadata: fc.dictionary(
          fc.stringMatching(/^[A-Za-z0-9_.:-]{1,20}$/),
          fc.oneof(fc.string({ maxLength: 50 }), fc.integer(), fc.boolean(), fc.constant(null)),
          { maxKeys: 16 },
        ),
      },
      { requiredKeys: ['prompt'] },
    );
    await fc.assert(
      fc.asyncProperty(valid, async (body) => {
        const result = parseResult(await handler(httpApiEvent({ body: JSON.stringify(body) }), lambdaContext()));

        expect(result.status).toBe(200);
        expect(stored.get(result.json.s3Key as string)?.request.prompt).toBe(body.prompt);
      }),
      { numRuns: 100 },
    );
  });

  it('answers 503 and never 200 when records cannot be stored', async () => {
    failWrites = true;
    try {
      await fc.assert(
        fc.asyncProperty(
          fc.string({ minLength: 1, maxLength: 100 }).filter((prompt) => prompt.trim().length > 0),
          async (prompt) => {
            const result = parseResult(await handler(httpApiEvent({ body: JSON.stringify({ prompt }) }), lambdaContext()));

            expect(result.status).toBe(503);
            expect(result.json.error?.code).toBe('record_not_stored');
          },
        ),
        { numRuns: 30 },
      );
    } finally {
      failWrites = false;
    }
  });
});
