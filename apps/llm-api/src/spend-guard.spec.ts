import { CloudWatchClient, DescribeAlarmsCommand } from '@aws-sdk/client-cloudwatch';
import { GetSecretValueCommand, SecretsManagerClient } from '@aws-sdk/client-secrets-manager';
import { PutObjectCommand, S3Client } from '@aws-sdk/client-s3';
import { mockClient } from 'aws-sdk-client-mock';
import { AlarmSpendGuard } from './spend-guard';
import { captureOutput, type OutputCapture } from './testing/capture';
import { startFakeOpenAi, type FakeOpenAi } from './testing/fake-openai';
import { generateEvent, lambdaContext, parseResult, TEST_API_KEY, testConfig, testHandler } from './testing/harness';

const cloudwatch = mockClient(CloudWatchClient);
const s3 = mockClient(S3Client);
const secrets = mockClient(SecretsManagerClient);
const ALARM = 'llm-platform-test-eu-west-1-openai-daily-spend';
const inState = (StateValue: 'OK' | 'ALARM' | 'INSUFFICIENT_DATA') => ({ MetricAlarms: [{ AlarmName: ALARM, StateValue }] });

beforeEach(() => {
  cloudwatch.reset();
  s3.reset();
  secrets.reset();
  s3.on(PutObjectCommand).resolves({ ETag: '"etag"' });
  secrets.on(GetSecretValueCommand).resolves({ SecretString: TEST_API_KEY });
});

describe('AlarmSpendGuard', () => {
  function guard(clock: { t: number }, failures: string[] = []) {
    return new AlarmSpendGuard({
      client: new CloudWatchClient({ region: 'eu-west-1' }),
      alarmName: ALARM,
      ttlSeconds: 60,
      now: () => clock.t,
      onReadFailure: (detail) => failures.push(detail),
    });
  }

  it('stops while the alarm is in ALARM, reads the state once per TTL, and one read serves concurrent requests', async () => {
    cloudwatch.on(DescribeAlarmsCommand).resolvesOnce(inState('ALARM')).resolves(inState('OK'));
    const clock = { t: 0 };
    const stop = guard(clock);
    expect(await Promise.all([stop.overBudget(), stop.overBudget(), stop.overBudget()])).toEqual([true, true, true]);
    clock.t = 59_999;
    expect(await stop.overBudget()).toBe(true);
    expect(cloudwatch.commandCalls(DescribeAlarmsCommand)).toHaveLength(1);
    expect(cloudwatch.commandCalls(DescribeAlarmsCommand)[0].args[0].input).toEqual({ AlarmNames: [ALARM], AlarmTypes: ['MetricAlarm'] });
    clock.t = 60_000;
    expect(await stop.overBudget()).toBe(false);
    expect(cloudwatch.commandCalls(DescribeAlarmsCommand)).toHaveLength(2);
  });

  it('serves on INSUFFICIENT_DATA (no tokens today yet)', async () => {
    cloudwatch.on(DescribeAlarmsCommand).resolves(inState('INSUFFICIENT_DATA'));
    expect(await guard({ t: 0 }).overBudget()).toBe(false);
  });

  it('fails open on a failed read, keeping the last known state, and says so', async () => {
    const failures: string[] = [];
    const clock = { t: 0 };
    const stop = guard(clock, failures);
    cloudwatch
      .on(DescribeAlarmsCommand)
      .resolvesOnce(inState('ALARM'))
      .rejects(Object.assign(new Error('denied'), { name: 'AccessDenied' }));
    expect(await stop.overBudget()).toBe(true);
    clock.t = 61_000;
    expect(await stop.overBudget()).toBe(true);
    expect(failures).toEqual([`spend alarm ${ALARM} could not be read (AccessDenied); serving on its last known state`]);

    const fresh = guard({ t: 0 }, failures);
    cloudwatch.reset();
    cloudwatch.on(DescribeAlarmsCommand).resolves({ MetricAlarms: [] });
    expect(await fresh.overBudget()).toBe(false);
    expect(failures.at(-1)).toBe(`spend alarm ${ALARM} does not exist; serving without the hard stop`);
  });
});

describe('the handler with the hard stop, over a real socket to the fake OpenAI', () => {
  let fake: FakeOpenAi;
  let output: OutputCapture;
  beforeAll(async () => {
    fake = await startFakeOpenAi();
  });
  afterAll(async () => fake.close());
  beforeEach(() => {
    fake.reset();
    output = captureOutput();
  });
  afterEach(() => output.restore());

  it('answers 429 budget_exceeded without calling OpenAI while the spend alarm is in ALARM, and 200 once it clears', async () => {
    let clock = 0;
    cloudwatch.on(DescribeAlarmsCommand).resolvesOnce(inState('ALARM')).resolves(inState('OK'));
    const { handler } = testHandler(testConfig(fake.baseURL, { SPEND_ALARM_NAME: ALARM }), { now: () => clock });

    const stopped = parseResult(await handler(generateEvent({ prompt: 'hello' }), lambdaContext()));
    expect(stopped.status).toBe(429);
    expect(stopped.json.error).toMatchObject({ code: 'budget_exceeded', message: expect.stringContaining('daily limit') });
    expect(fake.requests).toHaveLength(0);
    expect(s3.commandCalls(PutObjectCommand)).toHaveLength(0);

    // A bad request is still told what is wrong, not that the budget is spent.
    expect(parseResult(await handler(generateEvent({ prompt: '' }), lambdaContext())).status).toBe(400);

    clock = 61_000;
    const served = parseResult(await handler(generateEvent({ prompt: 'hello' }), lambdaContext()));
    expect(served.status).toBe(200);
    expect(fake.requests).toHaveLength(1);
  });

  it('has no hard stop, and reads no alarm, without SPEND_ALARM_NAME', async () => {
    const { handler } = testHandler(testConfig(fake.baseURL));
    expect(parseResult(await handler(generateEvent({ prompt: 'hello' }), lambdaContext())).status).toBe(200);
    expect(cloudwatch.commandCalls(DescribeAlarmsCommand)).toHaveLength(0);
  });
});
