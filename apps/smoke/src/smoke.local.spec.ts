/**
 * The smoke test against the function served locally: the real @aws-sdk/client-lambda invokes it
 * through the Lambda Invoke API path of `npm run dev`'s server, and the real S3 client checks the
 * record in a fake S3 on 127.0.0.1 — the same code path as after a deploy, endpoints overridden.
 */
import { LambdaClient } from '@aws-sdk/client-lambda';
import { S3Client } from '@aws-sdk/client-s3';
import { startLocalApp, type LocalApp } from '@llm/llm-api/local';
import { startFakeAws, startFakeOpenAi, type FakeAws, type FakeOpenAi } from '@llm/llm-api/testing';
import { runSmoke } from './smoke';

const BUCKET = 'llm-platform-dev-us-east-1-generations-111111111111';
const SECRET_ARN = 'arn:aws:secretsmanager:us-east-1:111111111111:secret:llm-platform/dev/us-east-1/openai-api-key-AbCdEf';
const credentials = { accessKeyId: 'local-test', secretAccessKey: 'local-test' };

describe('smoke test against the local server', () => {
  let openai: FakeOpenAi;
  let aws: FakeAws;
  let app: LocalApp;
  const saved = { ...process.env };

  beforeAll(async () => {
    openai = await startFakeOpenAi();
    aws = await startFakeAws('local-test-key-not-a-secret');
    // The function reaches the fakes through the SDK's standard endpoint variables.
    process.env.AWS_ENDPOINT_URL_S3 = aws.url;
    process.env.AWS_ENDPOINT_URL_SECRETS_MANAGER = aws.url;
    process.env.AWS_REGION = 'us-east-1';
    process.env.AWS_ACCESS_KEY_ID = credentials.accessKeyId;
    process.env.AWS_SECRET_ACCESS_KEY = credentials.secretAccessKey;
    // Quiet test output: the function's JSON logs and metric lines are tested in apps/llm-api.
    process.env.POWERTOOLS_LOG_LEVEL = 'SILENT';
    process.env.POWERTOOLS_METRICS_DISABLED = 'true';
    app = await startLocalApp(
      {
        OUTPUT_BUCKET_NAME: BUCKET,
        OPENAI_API_KEY_SECRET_ARN: SECRET_ARN,
        OPENAI_BASE_URL: openai.baseURL,
        OPENAI_MODEL: 'gpt-4.1-mini',
        AWS_ENDPOINT_URL_S3: aws.url,
        AWS_ENDPOINT_URL_SECRETS_MANAGER: aws.url,
        AWS_REGION: 'us-east-1',
      },
      { port: 0 },
    );
  });

  afterAll(async () => {
    await app?.server.close();
    await aws?.close();
    await openai?.close();
    process.env = saved;
  });

  function clients(s3Endpoint: string) {
    return {
      lambda: new LambdaClient({ region: 'us-east-1', endpoint: app.server.url, credentials }),
      s3: new S3Client({ region: 'us-east-1', endpoint: s3Endpoint, forcePathStyle: true, credentials }),
    };
  }

  it('passes every check: invoked, 200, answer shape, record key, record in S3', async () => {
    const checks = await runSmoke(clients(aws.url), { functionName: 'llm-platform-dev-us-east-1-api', bucket: BUCKET }, { prompt: 'ping' });
    expect(checks.filter((check) => !check.ok)).toEqual([]);
    expect(checks).toHaveLength(5);
    expect([...aws.objects.keys()]).toEqual([expect.stringMatching(new RegExp(`^/${BUCKET}/generations/\\d{4}/\\d{2}/\\d{2}/.+\\.json$`))]);
    expect(openai.requests).toHaveLength(1);
  });

  it('fails the S3 check when the record is not where the answer says', async () => {
    const elsewhere = await startFakeAws('unused');
    try {
      const checks = await runSmoke(clients(elsewhere.url), { functionName: 'fn', bucket: BUCKET }, { prompt: 'ping' });
      expect(checks.at(-1)).toMatchObject({ name: 'record stored in S3', ok: false });
    } finally {
      await elsewhere.close();
    }
  });

  it('fails the 200 check when OpenAI keeps failing', async () => {
    openai.enqueue({ kind: 'error', status: 500 }, { kind: 'error', status: 500 }, { kind: 'error', status: 500 });
    const checks = await runSmoke(clients(aws.url), { functionName: 'fn', bucket: BUCKET }, { prompt: 'ping' });
    expect(checks.map((check) => [check.name, check.ok])).toEqual([
      ['function invoked', true],
      ['answers 200', false],
    ]);
    expect(checks[1].detail).toMatch(/^status 502/);
  });
});
