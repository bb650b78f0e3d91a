/** Bad input, one row each: what arrives, the status it gets, and the message that names the problem. */
import { GetSecretValueCommand, SecretsManagerClient } from '@aws-sdk/client-secrets-manager';
import { PutObjectCommand, S3Client } from '@aws-sdk/client-s3';
import type { APIGatewayProxyEventV2 } from 'aws-lambda';
import { mockClient } from 'aws-sdk-client-mock';
import { captureOutput, type OutputCapture } from './testing/capture';
import { startFakeOpenAi, type FakeOpenAi } from './testing/fake-openai';
import { generateEvent, httpApiEvent, lambdaContext, parseResult, TEST_API_KEY, testConfig, testHandler } from './testing/harness';

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
  s3.on(PutObjectCommand).resolves({});
  secrets.on(GetSecretValueCommand).resolves({ SecretString: TEST_API_KEY });
  output = captureOutput();
});
afterEach(() => output.restore());

const base64 = (text: string) => Buffer.from(text, 'utf8').toString('base64');
const nested = (depth: number): unknown => (depth === 0 ? 'leaf' : { inner: nested(depth - 1) });

interface Row {
  readonly name: string;
  readonly event: unknown;
  readonly status: number;
  readonly code: string;
  readonly message: string | RegExp;
}

const ROWS: Row[] = [
  { name: 'body that is not JSON', event: httpApiEvent({ body: 'prompt=hello' }), status: 400, code: 'malformed_body', message: 'body: not valid JSON' },
  { name: 'truncated JSON', event: httpApiEvent({ body: '{"prompt": "hel' }), status: 400, code: 'malformed_body', message: 'body: not valid JSON' },
  { name: 'a JSON array', event: generateEvent([{ prompt: 'hi' }]), status: 400, code: 'malformed_body', message: 'body: must be a JSON object, got an array' },
  { name: 'a JSON string', event: generateEvent('hello'), status: 400, code: 'malformed_body', message: 'body: must be a JSON object, got string' },
  { name: 'JSON null', event: httpApiEvent({ body: 'null' }), status: 400, code: 'malformed_body', message: 'body: must be a JSON object, got null' },
  { name: 'missing body', event: httpApiEvent({ body: undefined }), status: 400, code: 'malformed_body', message: 'body: required, a JSON object' },
  { name: 'empty body', event: httpApiEvent({ body: '' }), status: 400, code: 'malformed_body', message: 'body: required, a JSON object' },
  { name: 'missing prompt', event: generateEvent({ model: 'gpt-4.1' }), status: 400, code: 'invalid_request', message: 'prompt: is required' },
  { name: 'prompt of the wrong type', event: generateEvent({ prompt: 42 }), status: 400, code: 'invalid_request', message: 'prompt: must be a string' },
  { name: 'empty prompt', event: generateEvent({ prompt: '' }), status: 400, code: 'invalid_request', message: 'prompt: must not be empty' },
  { name: 'blank prompt', event: generateEvent({ prompt: ' \n\t ' }), status: 400, code: 'invalid_request', message: 'prompt: must not be blank' },
  {
    name: 'prompt too long',
    event: generateEvent({ prompt: 'x'.repeat(32_001) }),
    status: 400,
    code: 'invalid_request',
    message: 'prompt: must be at most 32000 characters',
  },
  {
    name: 'maxOutputTokens 0',
    event: generateEvent({ prompt: 'hi', maxOutputTokens: 0 }),
    status: 400,
    code: 'invalid_request',
    message: 'maxOutputTokens: must be an integer 16..16384',
  },
  {
    name: 'maxOutputTokens 1.5',
    event: generateEvent({ prompt: 'hi', maxOutputTokens: 1.5 }),
    status: 400,
    code: 'invalid_request',
    message: 'maxOutputTokens: must be an integer',
  },
  {
    name: 'maxOutputTokens huge',
    event: generateEvent({ prompt: 'hi', maxOutputTokens: 1e9 }),
    status: 400,
    code: 'invalid_request',
    message: 'maxOutputTokens: must be an integer 16..16384',
  },
  {
    name: 'maxOutputTokens as a string',
    event: generateEvent({ prompt: 'hi', maxOutputTokens: '100' }),
    status: 400,
    code: 'invalid_request',
    message: 'maxOutputTokens: must be an integer',
  },
  {
    name: 'unknown model',
    event: generateEvent({ prompt: 'hi', model: 'gpt-9-ultra' }),
    status: 400,
    code: 'model_not_allowed',
    message: 'model: "gpt-9-ultra" is not allowed here; allowed: gpt-4.1-mini, gpt-4.1',
  },
  {
    name: 'model of the wrong type',
    event: generateEvent({ prompt: 'hi', model: ['gpt-4.1'] }),
    status: 400,
    code: 'invalid_request',
    message: 'model: must be a string',
  },
  {
    name: 'instructions too long',
    event: generateEvent({ prompt: 'hi', instructions: 'i'.repeat(8_001) }),
    status: 400,
    code: 'invalid_request',
    message: 'instructions: must be at most 8000 characters',
  },
  {
    name: 'metadata nested too deep',
    event: generateEvent({ prompt: 'hi', metadata: { user: nested(3) } }),
    status: 400,
    code: 'invalid_request',
    message: 'metadata.user: must be a string, number, boolean or null (metadata is flat: no nested objects or arrays)',
  },
  {
    name: 'metadata as an array',
    event: generateEvent({ prompt: 'hi', metadata: ['a'] }),
    status: 400,
    code: 'invalid_request',
    message: /^metadata: must be an object/,
  },
  {
    name: 'metadata with too many keys',
    event: generateEvent({ prompt: 'hi', metadata: Object.fromEntries(Array.from({ length: 17 }, (_, i) => [`k${i}`, i])) }),
    status: 400,
    code: 'invalid_request',
    message: 'metadata: must have at most 16 keys, got 17',
  },
  {
    name: 'metadata key with a space',
    event: generateEvent({ prompt: 'hi', metadata: { 'a b': 1 } }),
    status: 400,
    code: 'invalid_request',
    message: /^metadata\.a b: key must be/,
  },
  {
    name: 'a misspelt field',
    event: generateEvent({ prompt: 'hi', max_output_tokens: 100 }),
    status: 400,
    code: 'invalid_request',
    message: 'body: unknown field "max_output_tokens"; allowed: prompt, model, instructions, maxOutputTokens, metadata',
  },
  {
    name: 'several problems at once',
    event: generateEvent({ prompt: 7, maxOutputTokens: -1 }),
    status: 400,
    code: 'invalid_request',
    message: 'prompt: must be a string; maxOutputTokens: must be an integer 16..16384',
  },
  {
    name: 'base64 body that is not base64',
    event: httpApiEvent({ body: '%%%not-base64%%%', isBase64Encoded: true }),
    status: 400,
    code: 'malformed_body',
    message: /not valid base64/,
  },
  {
    name: 'base64 body that decodes to no JSON',
    event: httpApiEvent({ body: base64('hello'), isBase64Encoded: true }),
    status: 400,
    code: 'malformed_body',
    message: 'body: not valid JSON',
  },
  {
    name: 'base64 body with a bad field',
    event: httpApiEvent({ body: base64('{"prompt":1}'), isBase64Encoded: true }),
    status: 400,
    code: 'invalid_request',
    message: 'prompt: must be a string',
  },
  {
    name: 'body over MAX_BODY_BYTES',
    event: generateEvent({ prompt: 'x'.repeat(40_000) }),
    status: 413,
    code: 'payload_too_large',
    message: 'body: must be at most 32768 bytes, got 40013',
  },
  {
    name: 'multi-byte body over MAX_BODY_BYTES',
    event: generateEvent({ prompt: 'é'.repeat(17_000) }),
    status: 413,
    code: 'payload_too_large',
    message: 'body: must be at most 32768 bytes, got 34013',
  },
  {
    name: 'base64 body over MAX_BODY_BYTES',
    event: httpApiEvent({ body: base64('x'.repeat(50_000)), isBase64Encoded: true }),
    status: 413,
    code: 'payload_too_large',
    message: /^body: must be at most 32768 bytes/,
  },
  {
    name: 'GET on the path',
    event: httpApiEvent({ method: 'GET', body: undefined }),
    status: 405,
    code: 'method_not_allowed',
    message: 'method GET is not allowed on this path; use POST',
  },
  {
    name: 'PUT on the path',
    event: generateEvent({ prompt: 'hi' }, { method: 'PUT' }),
    status: 405,
    code: 'method_not_allowed',
    message: 'method PUT is not allowed on this path; use POST',
  },
  {
    name: 'another path',
    event: generateEvent({ prompt: 'hi' }, { path: '/v1/chat' }),
    status: 404,
    code: 'not_found',
    message: 'no route for /v1/chat; the API serves POST /v1/generate',
  },
  {
    name: 'the root path',
    event: httpApiEvent({ method: 'GET', path: '/' }),
    status: 404,
    code: 'not_found',
    message: 'no route for /; the API serves POST /v1/generate',
  },
  { name: 'an empty event', event: {}, status: 400, code: 'invalid_event', message: 'event: not an API Gateway HTTP API event (payload format 2.0)' },
  { name: 'a null event', event: null, status: 400, code: 'invalid_event', message: 'event: not an API Gateway HTTP API event (payload format 2.0)' },
  {
    name: 'a REST API (payload 1.0) event',
    event: { httpMethod: 'POST', path: '/v1/generate', body: '{}' },
    status: 400,
    code: 'invalid_event',
    message: /payload format 2\.0/,
  },
  {
    name: 'an event whose body is not a string',
    event: { ...httpApiEvent(), body: { prompt: 'hi' } },
    status: 400,
    code: 'invalid_event',
    message: 'event: body must be a string',
  },
];

describe('handler, bad input', () => {
  it.each(ROWS)('$name -> $status $code', async ({ event, status, code, message }) => {
    const { handler } = testHandler(testConfig(fake.baseURL));

    const result = parseResult(await handler(event as APIGatewayProxyEventV2, lambdaContext()));

    expect(result.status).toBe(status);
    expect(result.json.error?.code).toBe(code);
    if (typeof message === 'string') expect(result.json.error?.message).toBe(message);
    else expect(result.json.error?.message).toMatch(message);
    expect(Object.keys(result.json)).toEqual(['error']);
    expect(result.headers['content-type']).toBe('application/json');
    expect(fake.requests).toHaveLength(0);
    expect(s3.commandCalls(PutObjectCommand)).toHaveLength(0);
  });

  it('says which methods are allowed on a 405', async () => {
    const result = await testHandler(testConfig(fake.baseURL)).handler(httpApiEvent({ method: 'DELETE' }), lambdaContext());

    expect(result.statusCode).toBe(405);
    expect(result.headers?.allow).toBe('POST');
  });

  it('accepts a valid base64-encoded body', async () => {
    const result = parseResult(
      await testHandler(testConfig(fake.baseURL)).handler(
        httpApiEvent({ body: base64(JSON.stringify({ prompt: 'héllo' })), isBase64Encoded: true }),
        lambdaContext(),
      ),
    );

    expect(result.status).toBe(200);
    expect(fake.requests[0].body.input).toBe('héllo');
  });

  it('routes a named stage (/prod/v1/generate) and a trailing slash to the generate route', async () => {
    const { handler } = testHandler(testConfig(fake.baseURL));

    expect((await handler(generateEvent({ prompt: 'a' }, { stage: 'prod', path: '/prod/v1/generate' }), lambdaContext())).statusCode).toBe(200);
    expect((await handler(generateEvent({ prompt: 'a' }, { path: '/v1/generate/' }), lambdaContext())).statusCode).toBe(200);
  });

  it('honours a larger MAX_BODY_BYTES', async () => {
    const { handler } = testHandler(testConfig(fake.baseURL, { MAX_BODY_BYTES: '100000' }));

    expect((await handler(generateEvent({ prompt: 'x'.repeat(32_000), instructions: 'y'.repeat(8_000) }), lambdaContext())).statusCode).toBe(200);
  });

  it('never quotes the body in a malformed-JSON message', async () => {
    const result = parseResult(
      await testHandler(testConfig(fake.baseURL)).handler(httpApiEvent({ body: '{"prompt": "my secret diagnosis", oops}' }), lambdaContext()),
    );

    expect(result.raw).not.toContain('diagnosis');
    expect(output.text()).not.toContain('diagnosis');
  });
});
