/** The Lambda handler: what each invocation does, the metrics it publishes, and how a partial run surfaces. */
import { Metrics } from '@aws-lambda-powertools/metrics';
import { TerminateInstancesCommand } from '@aws-sdk/client-ec2';
import { PutObjectCommand } from '@aws-sdk/client-s3';
import type { JanitorConfig } from './config';
import { PartialRunError } from './errors';
import { createHandler, type LogPort, type MetricsPort } from './handler';
import { alarm, BUDGET_ALERT, SCHEDULED_EVENT, snsEvent, SPEND_ALARM } from './testing/events';
import { BUCKET, ENV, mockAws, NOW, REGION, workerTagList, type World } from './testing/world';

const CONFIG: JanitorConfig = {
  environment: ENV,
  region: REGION,
  maxHours: 8,
  outputBucketName: BUCKET,
  spendAlarmName: SPEND_ALARM,
  metricsNamespace: 'LlmPlatform',
  serviceName: 'janitor',
};

const WORLD: World = {
  instances: [
    { InstanceId: 'i-running', State: { Name: 'running' }, LaunchTime: NOW, Tags: workerTagList({ ExpiresAt: '2026-05-01T18:00:00Z' }) },
    { InstanceId: 'i-expired', State: { Name: 'running' }, LaunchTime: NOW, Tags: workerTagList({ ExpiresAt: '2026-05-01T06:00:00Z' }) },
  ],
};

function setUp(world: World = WORLD, metrics?: MetricsPort) {
  const aws = mockAws(world);
  const logged: { level: string; message: string }[] = [];
  const logger = {
    info: (message: string) => logged.push({ level: 'info', message }),
    error: (message: string) => logged.push({ level: 'error', message }),
  } as unknown as LogPort;
  const published: Record<string, number>[] = [];
  let pending: Record<string, number> = {};
  const fakeMetrics: MetricsPort = {
    addMetric: (name, _unit, value) => {
      pending[name] = value;
    },
    publishStoredMetrics: () => {
      published.push(pending);
      pending = {};
    },
  };
  const handler = createHandler({ config: CONFIG, clients: aws.clients, logger, metrics: metrics ?? fakeMetrics, now: () => NOW });
  return { aws, handler, logged, published };
}

describe('the janitor handler', () => {
  let aws: ReturnType<typeof mockAws>;
  afterEach(() => aws.restore());

  it('sweeps on the schedule, with the request id as run id, and publishes JanitorActions and JanitorFailures', async () => {
    const t = setUp();
    aws = t.aws;

    const run = await t.handler(SCHEDULED_EVENT, { awsRequestId: 'req-1' });

    expect(aws.mutations()).toEqual(['TerminateInstances i-expired']);
    expect(run).toMatchObject({ runId: 'req-1', trigger: 'schedule', recordsKey: 'janitor/2026/05/01/2026-05-01T12:00:00.000Z-req-1.jsonl' });
    expect(t.published).toEqual([{ JanitorActions: 1, JanitorFailures: 0 }]);
  });

  it('stops every running worker on an AWS Budgets alert', async () => {
    const t = setUp();
    aws = t.aws;

    const run = await t.handler(snsEvent(BUDGET_ALERT), { awsRequestId: 'req-2' });

    expect(aws.mutations()).toEqual(['StopInstances i-expired', 'StopInstances i-running']);
    expect(run.trigger).toBe('budget-alert');
  });

  it('stops every running worker when the spend alarm goes to ALARM', async () => {
    const t = setUp();
    aws = t.aws;

    await t.handler(snsEvent(alarm(SPEND_ALARM)), { awsRequestId: 'req-3' });

    expect(aws.mutations()).toEqual(['StopInstances i-expired', 'StopInstances i-running']);
  });

  it('ignores another alarm on the topic: no EC2 call at all, no record, the message logged as ignored', async () => {
    const t = setUp();
    aws = t.aws;

    const run = await t.handler(snsEvent(alarm('llm-platform-dev-us-east-1-api-errors')), { awsRequestId: 'req-4' });

    expect(aws.ec2.calls()).toHaveLength(0);
    expect(aws.s3.commandCalls(PutObjectCommand)).toHaveLength(0);
    expect(run).toMatchObject({
      trigger: 'alert',
      records: [],
      ignored: [{ reason: `alarm llm-platform-dev-us-east-1-api-errors is not the spend alarm ${SPEND_ALARM}` }],
    });
    expect(t.logged[0]).toEqual({ level: 'info', message: 'alert-topic message ignored' });
  });

  it('throws PartialRunError after writing the records and publishing the failure count when an action failed', async () => {
    const t = setUp();
    aws = t.aws;
    aws.ec2.on(TerminateInstancesCommand).rejects(Object.assign(new Error('insufficient permissions'), { name: 'UnauthorizedOperation' }));

    const failure = await t.handler(SCHEDULED_EVENT, { awsRequestId: 'req-5' }).catch((error: unknown) => error);

    expect(failure).toBeInstanceOf(PartialRunError);
    expect((failure as Error).message).toMatch(
      /^janitor run req-5 was partial: janitor dev us-east-1 \(schedule\): 1 action\(s\), 0 done, 1 failed, records s3:\/\//,
    );
    expect(aws.s3.commandCalls(PutObjectCommand)).toHaveLength(1);
    expect(t.published).toEqual([{ JanitorActions: 1, JanitorFailures: 1 }]);
    expect(t.logged.filter((line) => line.level === 'error').map((line) => line.message)[0]).toBe('janitor action failed');
  });

  it('publishes the counts as EMF with Powertools Metrics (no PutMetricData)', async () => {
    const lines: string[] = [];
    const spy = jest.spyOn(process.stdout, 'write').mockImplementation(((chunk: string) => lines.push(String(chunk)) > 0) as typeof process.stdout.write);
    const logSpy = jest.spyOn(console, 'log').mockImplementation((text: unknown) => void lines.push(String(text)));
    try {
      const t = setUp(WORLD, new Metrics({ namespace: 'LlmPlatform', serviceName: 'janitor' }));
      aws = t.aws;
      await t.handler(SCHEDULED_EVENT, { awsRequestId: 'req-6' });
    } finally {
      spy.mockRestore();
      logSpy.mockRestore();
    }

    const emf = lines
      .flatMap((line) => line.split('\n'))
      .filter((line) => line.includes('"_aws"'))
      .map((line) => JSON.parse(line));
    expect(emf).toHaveLength(1);
    expect(emf[0]).toMatchObject({ JanitorActions: 1, JanitorFailures: 0, service: 'janitor' });
    expect(emf[0]._aws.CloudWatchMetrics[0]).toMatchObject({ Namespace: 'LlmPlatform' });
  });
});
