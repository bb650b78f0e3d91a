import { existsSync, readFileSync } from 'node:fs';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { InvokeCommand, LambdaClient } from '@aws-sdk/client-lambda';
import { captureOutput, type OutputCapture } from '../testing/capture';
import { startFakeOpenAi, type FakeOpenAi } from '../testing/fake-openai';
import { generateEvent } from '../testing/harness';
import { startLocalApp, type LocalApp } from './index';

const LOCAL_KEY = 'sk-local-0123456789abcdefghijklmnop';
let fake: FakeOpenAi;
let app: LocalApp;
let recordsDir: string;
let output: OutputCapture;

beforeAll(async () => {
  fake = await startFakeOpenAi();
  recordsDir = await mkdtemp(join(tmpdir(), 'llm-api-local-'));
  app = await startLocalApp(
    { OPENAI_API_KEY: LOCAL_KEY, OPENAI_BASE_URL: fake.baseURL, LOCAL_RECORDS_DIR: recordsDir, OPENAI_ALLOWED_MODELS: 'gpt-4.1-mini,gpt-4.1' },
    { port: 0 },
  );
});
afterAll(async () => {
  await app.server.close();
  await fake.close();
  await rm(recordsDir, { recursive: true, force: true });
});
beforeEach(() => {
  fake.reset();
  output = captureOutput();
});
afterEach(() => output.restore());

function lambdaClient(): LambdaClient {
  return new LambdaClient({
    endpoint: app.server.url,
    region: 'eu-west-1',
    credentials: { accessKeyId: 'AKIDLOCALTEST', secretAccessKey: 'local-secret' },
    maxAttempts: 1,
  });
}

describe('local server', () => {
  it('listens on 127.0.0.1 and keeps records in the local folder', () => {
    expect(app.server.url).toMatch(/^http:\/\/127\.0\.0\.1:\d+$/);
    expect(app.records).toBe(`${join(recordsDir, 'generations')}/ (local folder)`);
  });

  it('serves POST /v1/generate over HTTP as the HTTP API would, with the key from OPENAI_API_KEY', async () => {
    const response = await fetch(`${app.server.url}/v1/generate`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ prompt: 'Hello from curl', model: 'gpt-4.1' }),
    });
    const answer = (await response.json()) as { id: string; output: string; model: string; s3Key: string };

    expect(response.status).toBe(200);
    expect(response.headers.get('x-request-id')).toBe(answer.id);
    expect(answer).toMatchObject({ output: 'echo: Hello from curl', model: 'gpt-4.1-2025-04-14' });
    expect(fake.requests[0].headers.authorization).toBe(`Bearer ${LOCAL_KEY}`);
    const record = JSON.parse(readFileSync(join(recordsDir, answer.s3Key), 'utf8')) as { request: { prompt: string } };
    expect(record.request.prompt).toBe('Hello from curl');
  });

  it('answers other paths and methods with the handler errors', async () => {
    const notFound = await fetch(`${app.server.url}/v1/nothing`, { method: 'POST', body: '{}' });
    const wrongMethod = await fetch(`${app.server.url}/v1/generate`);

    expect(notFound.status).toBe(404);
    expect(await notFound.json()).toEqual({ error: { code: 'not_found', message: 'no route for /v1/nothing; the API serves POST /v1/generate' } });
    expect(wrongMethod.status).toBe(405);
    expect(wrongMethod.headers.get('allow')).toBe('POST');
  });

  it('passes non-JSON content types base64-encoded, as API Gateway does', async () => {
    const response = await fetch(`${app.server.url}/v1/generate`, {
      method: 'POST',
      headers: { 'content-type': 'application/octet-stream' },
      body: JSON.stringify({ prompt: 'binary hello' }),
    });

    expect(response.status).toBe(200);
    expect(fake.requests[0].body.input).toBe('binary hello');
  });

  it('answers the Lambda Invoke API, so InvokeCommand from @aws-sdk/client-lambda reaches the handler', async () => {
    const invoked = await lambdaClient().send(
      new InvokeCommand({
        FunctionName: 'llm-platform-dev-us-east-1-api',
        Payload: Buffer.from(JSON.stringify(generateEvent({ prompt: 'Hello from the SDK' }))),
      }),
    );

    expect(invoked.StatusCode).toBe(200);
    expect(invoked.FunctionError).toBeUndefined();
    const result = JSON.parse(Buffer.from(invoked.Payload ?? new Uint8Array()).toString('utf8')) as { statusCode: number; body: string };
    expect(result.statusCode).toBe(200);
    const answer = JSON.parse(result.body) as { output: string; s3Key: string };
    expect(answer.output).toBe('echo: Hello from the SDK');
    expect(answer.s3Key).toMatch(/^generations\/\d{4}\/\d{2}\/\d{2}\/[0-9a-f-]{36}\.json$/);
    expect(existsSync(join(recordsDir, answer.s3Key))).toBe(true);
  });

  it('returns the handler result for a bad event through the Invoke API too', async () => {
    const invoked = await lambdaClient().send(new InvokeCommand({ FunctionName: 'any', Payload: Buffer.from('{"hello":"world"}') }));

    const result = JSON.parse(Buffer.from(invoked.Payload ?? new Uint8Array()).toString('utf8')) as { statusCode: number; body: string };
    expect(result.statusCode).toBe(400);
    expect(JSON.parse(result.body).error.code).toBe('invalid_event');
  });

  it('refuses an Invoke payload that is not JSON as Lambda does', async () => {
    await expect(lambdaClient().send(new InvokeCommand({ FunctionName: 'any', Payload: Buffer.from('not json') }))).rejects.toMatchObject({
      name: 'InvalidRequestContentException',
    });
  });
});
