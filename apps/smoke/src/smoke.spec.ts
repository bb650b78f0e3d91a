import { InvokeCommand, LambdaClient, type InvokeCommandOutput } from '@aws-sdk/client-lambda';
import { HeadObjectCommand, NotFound, S3Client } from '@aws-sdk/client-s3';
import { mockClient } from 'aws-sdk-client-mock';
import { parseSmokeArgs, UsageError } from './args';
import { runSmoke } from './smoke';

const lambdaMock = mockClient(LambdaClient);
const s3Mock = mockClient(S3Client);
const target = { functionName: 'fn', bucket: 'bucket' };
const key = 'generations/2026/11/27/abc.json';

/** The SDK types Payload as its blob adapter; the bytes are what the client really receives. */
function payload(result: object): Pick<InvokeCommandOutput, 'Payload'> {
  return { Payload: new TextEncoder().encode(JSON.stringify(result)) as unknown as InvokeCommandOutput['Payload'] };
}

function answer(body: object, statusCode = 200) {
  return payload({ statusCode, headers: { 'content-type': 'application/json' }, body: JSON.stringify(body) });
}

const good = { id: 'abc', output: 'pong', model: 'gpt-4.1-mini', usage: { input_tokens: 5, output_tokens: 1 }, s3Key: key };

async function smoke() {
  return runSmoke({ lambda: new LambdaClient({ region: 'eu-west-1' }), s3: new S3Client({ region: 'eu-west-1' }) }, target, { prompt: 'ping' });
}

describe('runSmoke', () => {
  beforeEach(() => {
    lambdaMock.reset();
    s3Mock.reset();
  });

  it('passes when the function answers 200 and the record is in S3', async () => {
    lambdaMock.on(InvokeCommand).resolves(answer(good));
    s3Mock.on(HeadObjectCommand, { Bucket: 'bucket', Key: key }).resolves({ ContentLength: 321 });
    const checks = await smoke();
    expect(checks.map((check) => [check.name, check.ok])).toEqual([
      ['function invoked', true],
      ['answers 200', true],
      ['answer has id, output, model, usage, s3Key', true],
      ['record key under generations/', true],
      ['record stored in S3', true],
    ]);
    const sent = JSON.parse(Buffer.from(lambdaMock.commandCalls(InvokeCommand)[0].args[0].input.Payload as Uint8Array).toString());
    expect(sent).toMatchObject({ version: '2.0', routeKey: 'POST /v1/generate', requestContext: { http: { method: 'POST', path: '/v1/generate' } } });
    expect(JSON.parse(sent.body)).toEqual({ prompt: 'ping' });
  });

  it('fails on a function error, with what the function said', async () => {
    lambdaMock.on(InvokeCommand).resolves({ FunctionError: 'Unhandled', ...payload({ errorMessage: 'boom' }) });
    const checks = await smoke();
    expect(checks).toEqual([{ name: 'function invoked', ok: false, detail: 'Unhandled: {"errorMessage":"boom"}' }]);
  });

  it('fails on a non-200 answer and shows its body', async () => {
    lambdaMock.on(InvokeCommand).resolves(answer({ error: { code: 'upstream_failed', message: 'OpenAI failed' } }, 502));
    const checks = await smoke();
    expect(checks[1]).toEqual({ name: 'answers 200', ok: false, detail: 'status 502: {"error":{"code":"upstream_failed","message":"OpenAI failed"}}' });
  });

  it('fails when the record is missing from S3', async () => {
    lambdaMock.on(InvokeCommand).resolves(answer(good));
    s3Mock.on(HeadObjectCommand).rejects(new NotFound({ message: 'Not Found', $metadata: {} }));
    const checks = await smoke();
    expect(checks.at(-1)).toEqual({ name: 'record stored in S3', ok: false, detail: `s3://bucket/${key}: NotFound: Not Found` });
  });

  it('fails on an answer without output', async () => {
    lambdaMock.on(InvokeCommand).resolves(answer({ ...good, output: '' }));
    expect((await smoke()).at(-1)).toMatchObject({ name: 'answer has id, output, model, usage, s3Key', ok: false });
  });
});

describe('parseSmokeArgs', () => {
  it('resolves a stack name to the function and bucket the naming module gives it', () => {
    expect(parseSmokeArgs(['--stack', 'prod-eu-west-1'])).toEqual({
      functionName: 'llm-platform-prod-eu-west-1-api',
      bucket: 'llm-platform-prod-eu-west-1-generations-333333333333',
      region: 'eu-west-1',
      prompt: 'Reply with the single word: pong',
    });
  });

  it('names what is missing or unknown', () => {
    expect(() => parseSmokeArgs(['--function-name', 'f'])).toThrow(
      new UsageError('give --stack, or all of --function-name, --bucket and --region (missing: --bucket, --region)'),
    );
    expect(() => parseSmokeArgs(['--stack', 'prod-mars-1'])).toThrow(/--stack prod-mars-1 is not a regional stack; known: dev-us-east-1, /);
  });
});
