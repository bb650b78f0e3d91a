/** The sweep and the stop end to end over mocked EC2 and S3: which resources are touched, how, and what the run reports. */
import { CreateTagsCommand, DeleteVolumeCommand, DescribeVolumesCommand, TerminateInstancesCommand } from '@aws-sdk/client-ec2';
import { PutObjectCommand } from '@aws-sdk/client-s3';
import type { Plan } from './events';
import { runJanitor, type RunOptions } from './janitor';
import { BUCKET, ENV, hoursBefore, mockAws, NOW, REGION, tags, workerTagList, type World } from './testing/world';

const SWEEP: Plan = { kind: 'sweep', trigger: 'schedule', ignored: [] };
const options = (overrides: Partial<RunOptions> = {}): RunOptions => ({
  environment: ENV,
  region: REGION,
  maxHours: 8,
  bucket: BUCKET,
  now: NOW,
  runId: 'run-1',
  dryRun: false,
  plan: SWEEP,
  ...overrides,
});

const running = { Name: 'running' as const };
const instance = (id: string, tagList = workerTagList(), launchedHoursAgo = 1, extra = {}) => ({
  InstanceId: id,
  State: running,
  LaunchTime: hoursBefore(NOW, launchedHoursAgo),
  Tags: tagList,
  ...extra,
});

let aws: ReturnType<typeof mockAws>;
afterEach(() => aws.restore());

const sweep = async (world: World, overrides: Partial<RunOptions> = {}) => {
  aws = mockAws(world);
  return runJanitor(aws.clients, options(overrides));
};

describe('runJanitor: instances', () => {
  it('terminates a worker whose ExpiresAt has passed and keeps one whose ExpiresAt is ahead', async () => {
    const run = await sweep({
      instances: [
        instance('i-expired', workerTagList({ ExpiresAt: '2026-05-01T11:00:00Z' })),
        instance('i-fresh', workerTagList({ ExpiresAt: '2026-05-01T15:00:00Z' })),
      ],
    });

    expect(aws.mutations()).toEqual(['TerminateInstances i-expired']);
    expect(run.records).toEqual([
      expect.objectContaining({ action: 'terminate', resourceId: 'i-expired', outcome: 'done', reason: 'ExpiresAt 2026-05-01T11:00:00.000Z has passed' }),
    ]);
  });

  it('terminates a worker without ExpiresAt once it is older than maxHours, counted from LaunchTime', async () => {
    await sweep({ instances: [instance('i-old', workerTagList(), 9), instance('i-young', workerTagList(), 7)] });

    expect(aws.mutations()).toEqual(['TerminateInstances i-old']);
  });

  it('caps ExpiresAt at maxHours: a worker tagged to live longer still goes after maxHours', async () => {
    await sweep({ instances: [instance('i-greedy', workerTagList({ ExpiresAt: '2026-05-09T00:00:00Z' }), 9)] });

    expect(aws.mutations()).toEqual(['TerminateInstances i-greedy']);
  });

  it('treats a malformed ExpiresAt as absent and says so in the record', async () => {
    const run = await sweep({
      instances: [instance('i-bad', workerTagList({ ExpiresAt: 'tomorrow' }), 9), instance('i-bad-young', workerTagList({ ExpiresAt: '2026-05-01 11:00' }), 2)],
    });

    expect(aws.mutations()).toEqual(['TerminateInstances i-bad']);
    expect(run.records[0].reason).toMatch(/^ExpiresAt "tomorrow" is not an ISO 8601 UTC time, ignored; launched 2026-05-01T03:00:00.000Z, past maxHours 8/);
  });

  it('never touches an untagged, other-environment or Terraform-managed instance, even when Describe returns it', async () => {
    const expired = { ExpiresAt: '2026-01-01T00:00:00Z' };
    await sweep({
      instances: [
        instance('i-untagged', [], 100),
        instance('i-staging', workerTagList(expired, 'staging'), 100),
        instance('i-not-worker', tags({ Project: 'llm-platform', Environment: ENV, Role: 'api', ...expired }), 100),
        instance('i-other-project', tags({ Project: 'other', Environment: ENV, Role: 'worker', ...expired }), 100),
        instance('i-terraform', workerTagList({ ...expired, ManagedBy: 'terraform-cdktf' }), 100),
      ],
    });

    expect(aws.mutations()).toEqual([]);
  });
});

describe('runJanitor: volumes, key pairs and security groups', () => {
  const mark = (hoursAgo: number) => ({ JanitorUnusedSince: hoursBefore(NOW, hoursAgo).toISOString() });

  it('marks unused resources on first sight with CreateTags of JanitorUnusedSince only', async () => {
    await sweep({
      volumes: [{ VolumeId: 'vol-orphan', State: 'available', Tags: workerTagList() }],
      keyPairs: [{ KeyPairId: 'key-unused', KeyName: 'worker-key', Tags: workerTagList() }],
      securityGroups: [{ GroupId: 'sg-unused', GroupName: 'worker-adhoc', Tags: workerTagList() }],
    });

    expect(aws.mutations()).toEqual(['CreateTags key-unused', 'CreateTags sg-unused', 'CreateTags vol-orphan']);
    for (const call of aws.ec2.commandCalls(CreateTagsCommand)) {
      expect(call.args[0].input.Tags).toEqual([{ Key: 'JanitorUnusedSince', Value: NOW.toISOString() }]);
    }
  });

  it('deletes them once the mark is more than an hour old, and waits while it is younger', async () => {
    const run = await sweep({
      volumes: [
        { VolumeId: 'vol-old', State: 'available', Tags: workerTagList(mark(1.1)) },
        { VolumeId: 'vol-recent', State: 'available', Tags: workerTagList(mark(0.9)) },
      ],
      keyPairs: [{ KeyPairId: 'key-old', KeyName: 'old-key', Tags: workerTagList(mark(2)) }],
      securityGroups: [{ GroupId: 'sg-old', GroupName: 'g', Tags: workerTagList(mark(2)) }],
    });

    expect(aws.mutations()).toEqual(['DeleteKeyPair old-key', 'DeleteSecurityGroup sg-old', 'DeleteVolume vol-old']);
    expect(run.records.find((record) => record.resourceId === 'vol-old')?.reason).toBe('unused since 2026-05-01T10:54:00.000Z (66 min, more than 60)');
  });

  it('keeps resources in use, and removes the mark of one in use again', async () => {
    await sweep({
      instances: [{ InstanceId: 'i-anyone', State: running, KeyName: 'used-key', Tags: [] }],
      volumes: [
        { VolumeId: 'vol-attached', State: 'in-use', Tags: workerTagList() },
        { VolumeId: 'vol-reattached', State: 'in-use', Tags: workerTagList(mark(5)) },
      ],
      keyPairs: [{ KeyPairId: 'key-used', KeyName: 'used-key', Tags: workerTagList(mark(5)) }],
      securityGroups: [{ GroupId: 'sg-used', GroupName: 'g', Tags: workerTagList() }],
      networkInterfaces: [{ NetworkInterfaceId: 'eni-1', Groups: [{ GroupId: 'sg-used' }] }],
    });

    // The key pair is named by an instance without the project's tags: in use all the same.
    expect(aws.mutations()).toEqual(['DeleteTags key-used', 'DeleteTags vol-reattached']);
  });

  it('never touches an untagged, other-environment or Terraform-managed volume, key pair or security group', async () => {
    const old = mark(5);
    await sweep({
      volumes: [
        { VolumeId: 'vol-untagged', State: 'available', Tags: [] },
        { VolumeId: 'vol-prod', State: 'available', Tags: workerTagList(old, 'prod') },
      ],
      keyPairs: [{ KeyPairId: 'key-untagged', KeyName: 'personal', Tags: tags(old) }],
      securityGroups: [
        { GroupId: 'sg-terraform', GroupName: 'llm-platform-dev-us-east-1-worker', Tags: workerTagList({ ...old, ManagedBy: 'terraform-cdktf' }) },
        { GroupId: 'sg-default', GroupName: 'default', Tags: workerTagList(old) },
      ],
    });

    expect(aws.mutations()).toEqual([]);
  });
});

describe('runJanitor: failures, dry run and records', () => {
  const expired = (id: string) => instance(id, workerTagList({ ExpiresAt: '2026-05-01T00:00:00Z' }));

  it('goes on after one TerminateInstances fails and reports the run as partial with the AWS error', async () => {
    aws = mockAws({
      instances: [expired('i-a'), expired('i-b'), expired('i-c')],
      volumes: [{ VolumeId: 'vol-old', State: 'available', Tags: workerTagList({ JanitorUnusedSince: '2026-05-01T09:00:00Z' }) }],
    });
    const denied = Object.assign(new Error('You are not authorized to perform this operation.'), { name: 'UnauthorizedOperation' });
    aws.ec2.on(TerminateInstancesCommand, { InstanceIds: ['i-b'] }).rejects(denied);

    const run = await runJanitor(aws.clients, options());

    expect(run.partial).toBe(true);
    expect(aws.ec2.commandCalls(TerminateInstancesCommand)).toHaveLength(3);
    expect(aws.ec2.commandCalls(DeleteVolumeCommand)).toHaveLength(1);
    expect(run.records.map((record) => [record.resourceId, record.outcome])).toEqual([
      ['i-a', 'done'],
      ['i-b', 'failed'],
      ['i-c', 'done'],
      ['vol-old', 'done'],
    ]);
    expect(run.records[1].error).toEqual({ name: 'UnauthorizedOperation', message: 'You are not authorized to perform this operation.' });
    expect(run.recordsKey).toBeDefined();
  });

  it('reports a failed Describe as a failed list action and still acts on the other resource types', async () => {
    aws = mockAws({ instances: [expired('i-a')] });
    aws.ec2.on(DescribeVolumesCommand).rejects(Object.assign(new Error('Rate exceeded'), { name: 'RequestLimitExceeded' }));

    const run = await runJanitor(aws.clients, options());

    expect(aws.mutations()).toEqual(['TerminateInstances i-a']);
    expect(run.partial).toBe(true);
    expect(run.records).toContainEqual(
      expect.objectContaining({
        action: 'list',
        resourceType: 'volume',
        resourceId: '*',
        outcome: 'failed',
        error: { name: 'RequestLimitExceeded', message: 'Rate exceeded' },
      }),
    );
  });

  it('changes nothing in a dry run: no mutating EC2 call, no tag, no S3 record; every action is planned', async () => {
    const run = await sweep({ instances: [expired('i-a')], volumes: [{ VolumeId: 'vol-new', State: 'available', Tags: workerTagList() }] }, { dryRun: true });

    expect(
      aws.ec2
        .calls()
        .map((call) => call.args[0].constructor.name)
        .filter((name) => !name.startsWith('Describe')),
    ).toEqual([]);
    expect(aws.s3.calls()).toHaveLength(0);
    expect(run.records.map((record) => `${record.action} ${record.resourceId} ${record.outcome}`)).toEqual([
      'terminate i-a planned',
      'mark-unused vol-new planned',
    ]);
    expect(run.recordsKey).toBeUndefined();
  });

  it('writes one JSON line per action under janitor/YYYY/MM/DD/<run time>-<run id>.jsonl', async () => {
    await sweep({ instances: [expired('i-a')], keyPairs: [{ KeyPairId: 'key-1', KeyName: 'k', Tags: workerTagList() }] });

    const [put] = aws.s3.commandCalls(PutObjectCommand);
    expect(put.args[0].input).toMatchObject({
      Bucket: BUCKET,
      Key: 'janitor/2026/05/01/2026-05-01T12:00:00.000Z-run-1.jsonl',
      ContentType: 'application/x-ndjson',
    });
    const lines = String(put.args[0].input.Body)
      .trimEnd()
      .split('\n')
      .map((line) => JSON.parse(line));
    expect(lines).toEqual([
      {
        time: '2026-05-01T12:00:00.000Z',
        environment: ENV,
        region: REGION,
        trigger: 'schedule',
        action: 'terminate',
        resourceType: 'instance',
        resourceId: 'i-a',
        reason: 'ExpiresAt 2026-05-01T00:00:00.000Z has passed',
        outcome: 'done',
      },
      expect.objectContaining({ action: 'mark-unused', resourceType: 'key-pair', resourceId: 'key-1', outcome: 'done' }),
    ]);
  });

  it('writes no record when there was nothing to do', async () => {
    const run = await sweep({ instances: [instance('i-fresh')] });

    expect(aws.s3.commandCalls(PutObjectCommand)).toHaveLength(0);
    expect(run).toMatchObject({ records: [], partial: false });
  });

  it('reports the run as partial when the records cannot be written', async () => {
    aws = mockAws({ instances: [expired('i-a')] });
    aws.s3.on(PutObjectCommand).rejects(Object.assign(new Error('Access Denied'), { name: 'AccessDenied' }));

    const run = await runJanitor(aws.clients, options());

    expect(run).toMatchObject({ partial: true, recordsError: { name: 'AccessDenied', message: 'Access Denied' } });
    expect(run.recordsKey).toBeUndefined();
  });
});

describe('runJanitor: the emergency stop', () => {
  it('stops every pending or running worker of the environment, and only those', async () => {
    const run = await sweep(
      {
        instances: [
          instance('i-running'),
          instance('i-pending', workerTagList(), 0, { State: { Name: 'pending' } }),
          instance('i-untagged', []),
          instance('i-terraform', workerTagList({ ManagedBy: 'terraform-cdktf' })),
        ],
        volumes: [{ VolumeId: 'vol-orphan', State: 'available', Tags: workerTagList() }],
      },
      { plan: { kind: 'stop', trigger: 'budget-alert', reason: 'budget alert "AWS Budgets: x"', ignored: [] } },
    );

    expect(aws.mutations()).toEqual(['StopInstances i-pending', 'StopInstances i-running']);
    expect(run.records.every((record) => record.trigger === 'budget-alert' && record.reason === 'budget alert "AWS Budgets: x"')).toBe(true);
  });
});
