/**
 * The hard stop against moto's CloudWatch: the real SDK client reads a real alarm's state over
 * HTTP, the handler calls the fake OpenAI over a socket; S3 and Secrets Manager are mocked as in
 * the unit tier.
 */
import { CloudWatchClient, PutMetricAlarmCommand, SetAlarmStateCommand } from '@aws-sdk/client-cloudwatch';
import { GetSecretValueCommand, SecretsManagerClient } from '@aws-sdk/client-secrets-manager';
import { PutObjectCommand, S3Client } from '@aws-sdk/client-s3';
import { describeWithEmulator, startTestEmulator, type TestEmulator } from '@llm/emulator/testing';
import { mockClient } from 'aws-sdk-client-mock';
import { AlarmSpendGuard } from './spend-guard';
import { captureOutput, type OutputCapture } from './testing/capture';
import { startFakeOpenAi, type FakeOpenAi } from './testing/fake-openai';
import { generateEvent, lambdaContext, parseResult, TEST_API_KEY, testConfig, testHandler } from './testing/harness';

const ALARM = 'llm-platform-test-us-east-1-openai-daily-spend';

describeWithEmulator('the OpenAI hard stop against the emulator', () => {
  let emulator: TestEmulator;
  let fake: FakeOpenAi;
  let cloudwatch: CloudWatchClient;
  let output: OutputCapture;
  const s3 = mockClient(S3Client);
  const secrets = mockClient(SecretsManagerClient);

  beforeAll(async () => {
    [emulator, fake] = await Promise.all([startTestEmulator(), startFakeOpenAi()]);
    cloudwatch = new CloudWatchClient({
      region: 'us-east-1',
      endpoint: emulator.url.href,
      credentials: { accessKeyId: 'testing', secretAccessKey: 'testing' },
    });
    await cloudwatch.send(
      new PutMetricAlarmCommand({
        AlarmName: ALARM,
        ComparisonOperator: 'GreaterThanThreshold',
        EvaluationPeriods: 1,
        Threshold: 10,
        Metrics: [
          {
            Id: 'in0',
            ReturnData: false,
            MetricStat: {
              Metric: {
                Namespace: 'LlmPlatform',
                MetricName: 'InputTokens',
                Dimensions: [
                  { Name: 'service', Value: 'llm-api' },
                  { Name: 'model', Value: 'gpt-4.1-mini' },
                ],
              },
              Period: 86400,
              Stat: 'Sum',
            },
          },
          { Id: 'spend', Expression: '(FILL(in0, 0) * 0.4) / 1000000', ReturnData: true },
        ],
      }),
    );
  }, 60_000);
  afterAll(async () => {
    await Promise.all([emulator?.stop(), fake?.close()]);
  });
  beforeEach(() => {
    s3.reset();
    secrets.reset();
    s3.on(PutObjectCommand).resolves({ ETag: '"etag"' });
    secrets.on(GetSecretValueCommand).resolves({ SecretString: TEST_API_KEY });
    fake.reset();
    output = captureOutput();
  });
  afterEach(() => output.restore());

  it('answers 429 budget_exceeded while the alarm is in ALARM and serves again once it is OK', async () => {
    let clock = 0;
    const failures: string[] = [];
    const spendGuard = new AlarmSpendGuard({
      client: cloudwatch,
      alarmName: ALARM,
      ttlSeconds: 60,
      now: () => clock,
      onReadFailure: (detail) => failures.push(detail),
    });
    const { handler } = testHandler(testConfig(fake.baseURL), { spendGuard, now: () => clock });

    await cloudwatch.send(new SetAlarmStateCommand({ AlarmName: ALARM, StateValue: 'ALARM', StateReason: 'test: the day passed its limit' }));
    const stopped = parseResult(await handler(generateEvent({ prompt: 'hello' }), lambdaContext()));
    expect({ status: stopped.status, code: stopped.json.error?.code }).toEqual({ status: 429, code: 'budget_exceeded' });
    expect(fake.requests).toHaveLength(0);

    await cloudwatch.send(new SetAlarmStateCommand({ AlarmName: ALARM, StateValue: 'OK', StateReason: 'test: a new day' }));
    clock = 60_000;
    const served = parseResult(await handler(generateEvent({ prompt: 'hello' }), lambdaContext()));
    expect(served.status).toBe(200);
    expect(fake.requests).toHaveLength(1);
    expect(failures).toEqual([]);
  });
});
