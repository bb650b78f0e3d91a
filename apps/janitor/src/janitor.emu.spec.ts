/**
 * The real janitor code against moto's EC2 and S3: project workers, an untagged instance, volumes,
 * a key pair and security groups; a dry run changes nothing, a run marks, a run over an hour later
 * deletes; only the expired project resources go. moto stamps LaunchTime with the real clock, so
 * the runs use an injected `now` and maxHours 2, and the fresh worker is launched seconds after
 * the old one: at the deleting run the old one is just past maxHours, the fresh one just short of it.
 */
import { execFile } from 'node:child_process';
import { join } from 'node:path';
import { promisify } from 'node:util';
import {
  AttachVolumeCommand,
  CreateKeyPairCommand,
  CreateSecurityGroupCommand,
  CreateSubnetCommand,
  CreateVolumeCommand,
  CreateVpcCommand,
  DescribeImagesCommand,
  DescribeInstancesCommand,
  DescribeKeyPairsCommand,
  DescribeSecurityGroupsCommand,
  DescribeVolumesCommand,
  EC2Client,
  RunInstancesCommand,
  type Tag,
  type TagSpecification,
} from '@aws-sdk/client-ec2';
import { CreateBucketCommand, GetObjectCommand, ListObjectsV2Command, S3Client } from '@aws-sdk/client-s3';
import { describeWithEmulator, startTestEmulator, type TestEmulator } from '@llm/emulator/testing';
import { runJanitor, type JanitorRun, type RunOptions } from './janitor';

const run = promisify(execFile);
const REGION = 'us-east-1';
const BUCKET = 'llm-platform-dev-us-east-1-generations-111111111111';
const CREDENTIALS = { accessKeyId: 'testing', secretAccessKey: 'testing' };
const WORKER: Tag[] = [
  { Key: 'Project', Value: 'llm-platform' },
  { Key: 'Environment', Value: 'dev' },
  { Key: 'Role', Value: 'worker' },
];
const HOUR = 3_600_000;
const spec = (ResourceType: TagSpecification['ResourceType'], tags: Tag[]): TagSpecification[] => [{ ResourceType, Tags: tags }];
const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

describeWithEmulator('the janitor against the emulator', () => {
  let emulator: TestEmulator;
  let ec2: EC2Client;
  let s3: S3Client;
  const ids: Record<string, string> = {};
  let oldLaunch: Date;

  const state = async () => {
    const { Reservations = [] } = await ec2.send(new DescribeInstancesCommand({}));
    const instances = Object.fromEntries(Reservations.flatMap((r) => r.Instances ?? []).map((i) => [i.InstanceId, i.State?.Name]));
    const volumes = Object.fromEntries(((await ec2.send(new DescribeVolumesCommand({}))).Volumes ?? []).map((v) => [v.VolumeId, v.Tags ?? []]));
    const keyPairs = ((await ec2.send(new DescribeKeyPairsCommand({}))).KeyPairs ?? []).map((k) => k.KeyPairId);
    const groups = Object.fromEntries(((await ec2.send(new DescribeSecurityGroupsCommand({}))).SecurityGroups ?? []).map((g) => [g.GroupId, g.Tags ?? []]));
    return { instances, volumes, keyPairs, groups };
  };

  const sweep = (now: Date, overrides: Partial<RunOptions> = {}): Promise<JanitorRun> =>
    runJanitor(
      { ec2, s3 },
      {
        environment: 'dev',
        region: REGION,
        maxHours: 2,
        bucket: BUCKET,
        now,
        runId: `run-${now.getTime()}`,
        dryRun: false,
        plan: { kind: 'sweep', trigger: 'manual', ignored: [] },
        ...overrides,
      },
    );

  beforeAll(async () => {
    emulator = await startTestEmulator();
    ec2 = new EC2Client({ region: REGION, endpoint: emulator.url.href, credentials: CREDENTIALS });
    s3 = new S3Client({ region: REGION, endpoint: emulator.url.href, credentials: CREDENTIALS, forcePathStyle: true });
    await s3.send(new CreateBucketCommand({ Bucket: BUCKET }));
    const vpc = await ec2.send(new CreateVpcCommand({ CidrBlock: '10.20.0.0/16' }));
    const subnet = await ec2.send(new CreateSubnetCommand({ VpcId: vpc.Vpc?.VpcId, CidrBlock: '10.20.1.0/24', AvailabilityZone: 'us-east-1a' }));
    const { Images = [] } = await ec2.send(new DescribeImagesCommand({}));
    const launch = async (name: string, tags: Tag[]) => {
      const { Instances = [] } = await ec2.send(
        new RunInstancesCommand({
          ImageId: Images[0].ImageId,
          InstanceType: 't4g.small',
          MinCount: 1,
          MaxCount: 1,
          SubnetId: subnet.Subnet?.SubnetId,
          TagSpecifications: tags.length ? spec('instance', tags) : undefined,
        }),
      );
      ids[name] = Instances[0].InstanceId as string;
      return Instances[0];
    };

    const old = await launch('old', WORKER);
    oldLaunch = old.LaunchTime as Date;
    // The fresh worker must be a few seconds younger than the old one (see the file comment).
    await sleep(2_500);
    const expiresLater = new Date(oldLaunch.getTime() + 24 * HOUR).toISOString().replace(/\.\d+Z$/, 'Z');
    const fresh = await launch('fresh', [...WORKER, { Key: 'ExpiresAt', Value: expiresLater }]);
    expect((fresh.LaunchTime as Date).getTime() - oldLaunch.getTime()).toBeGreaterThanOrEqual(2_000);
    await launch('expired', [...WORKER, { Key: 'ExpiresAt', Value: new Date(Date.now() - HOUR).toISOString() }]);
    // No project tags, an ExpiresAt long past: never the janitor's.
    await launch('untagged', [{ Key: 'ExpiresAt', Value: '2020-01-01T00:00:00Z' }]);

    const orphan = await ec2.send(new CreateVolumeCommand({ AvailabilityZone: 'us-east-1a', Size: 8, TagSpecifications: spec('volume', WORKER) }));
    ids.orphanVolume = orphan.VolumeId as string;
    const attached = await ec2.send(new CreateVolumeCommand({ AvailabilityZone: 'us-east-1a', Size: 8, TagSpecifications: spec('volume', WORKER) }));
    ids.attachedVolume = attached.VolumeId as string;
    await ec2.send(new AttachVolumeCommand({ VolumeId: ids.attachedVolume, InstanceId: ids.fresh, Device: '/dev/sdf' }));
    const key = await ec2.send(new CreateKeyPairCommand({ KeyName: 'llm-platform-dev-worker-adhoc', TagSpecifications: spec('key-pair', WORKER) }));
    ids.keyPair = key.KeyPairId as string;
    const group = async (GroupName: string, tags: Tag[]) =>
      (
        await ec2.send(
          new CreateSecurityGroupCommand({ GroupName, Description: GroupName, VpcId: vpc.Vpc?.VpcId, TagSpecifications: spec('security-group', tags) }),
        )
      ).GroupId as string;
    ids.unusedGroup = await group('worker-adhoc', WORKER);
    // The stack's own worker group carries the worker tags too, and ManagedBy.
    ids.managedGroup = await group('llm-platform-dev-us-east-1-worker', [...WORKER, { Key: 'ManagedBy', Value: 'terraform-cdktf' }]);
  }, 120_000);
  afterAll(async () => {
    await emulator?.stop();
  });

  it('prints what it would do from the CLI (npm run janitor -- --dry-run) and changes nothing', async () => {
    const before = await state();
    const root = join(__dirname, '..', '..', '..');

    const { stdout } = await run(process.execPath, ['--import', 'tsx', 'apps/janitor/src/main.ts', '--env', 'dev', '--region', REGION, '--dry-run'], {
      cwd: root,
      env: {
        ...process.env,
        AWS_ENDPOINT_URL: emulator.url.href,
        AWS_ACCESS_KEY_ID: 'testing',
        AWS_SECRET_ACCESS_KEY: 'testing',
        AWS_REGION: REGION,
        NODE_NO_WARNINGS: '1',
      },
    });

    expect(stdout).toMatch(new RegExp(`planned +terminate +instance +${ids.expired} +ExpiresAt .* has passed`));
    expect(stdout).toMatch(new RegExp(`planned +mark-unused +volume +${ids.orphanVolume}`));
    expect(stdout).toContain('janitor dev us-east-1 (manual, dry run): 4 action(s) planned, nothing changed');
    expect(await state()).toEqual(before);
  }, 60_000);

  it('changes nothing in a dry run, though at that time it would terminate two workers and mark three resources', async () => {
    const before = await state();

    const result = await sweep(new Date(oldLaunch.getTime() + 2 * HOUR + 1_000), { dryRun: true });

    expect(result.records.map((r) => `${r.action} ${r.resourceId} ${r.outcome}`).sort()).toEqual(
      [
        `terminate ${ids.old} planned`,
        `terminate ${ids.expired} planned`,
        `mark-unused ${ids.orphanVolume} planned`,
        `mark-unused ${ids.keyPair} planned`,
        `mark-unused ${ids.unusedGroup} planned`,
      ].sort(),
    );
    expect(await state()).toEqual(before);
    expect((await s3.send(new ListObjectsV2Command({ Bucket: BUCKET }))).KeyCount ?? 0).toBe(0);
  });

  let markRun: JanitorRun;
  let deleteRun: JanitorRun;

  it('marks the unused project resources and terminates the expired worker', async () => {
    markRun = await sweep(new Date(oldLaunch.getTime() + HOUR));

    const after = await state();
    expect(markRun.partial).toBe(false);
    expect(after.instances[ids.expired]).toBe('terminated');
    expect(after.instances[ids.old]).toBe('running');
    expect(after.volumes[ids.orphanVolume]).toContainEqual({ Key: 'JanitorUnusedSince', Value: new Date(oldLaunch.getTime() + HOUR).toISOString() });
    expect(after.volumes[ids.attachedVolume]).not.toContainEqual(expect.objectContaining({ Key: 'JanitorUnusedSince' }));
    expect(after.groups[ids.unusedGroup]).toContainEqual(expect.objectContaining({ Key: 'JanitorUnusedSince' }));
    expect(after.groups[ids.managedGroup]).not.toContainEqual(expect.objectContaining({ Key: 'JanitorUnusedSince' }));
    expect(after.keyPairs).toContain(ids.keyPair);
  });

  it('an hour later deletes them and terminates the worker past maxHours; the untagged, fresh, attached and Terraform-managed ones remain', async () => {
    deleteRun = await sweep(new Date(oldLaunch.getTime() + 2 * HOUR + 1_000));

    const after = await state();
    expect(deleteRun.partial).toBe(false);
    expect(deleteRun.records.map((r) => `${r.action} ${r.resourceType} ${r.outcome}`).sort()).toEqual([
      'delete key-pair done',
      'delete security-group done',
      'delete volume done',
      'terminate instance done',
    ]);
    expect(after.instances[ids.old]).toBe('terminated');
    expect(after.instances[ids.fresh]).toBe('running');
    expect(after.instances[ids.untagged]).toBe('running');
    expect(Object.keys(after.volumes)).not.toContain(ids.orphanVolume);
    expect(Object.keys(after.volumes)).toContain(ids.attachedVolume);
    expect(after.keyPairs).not.toContain(ids.keyPair);
    expect(Object.keys(after.groups)).not.toContain(ids.unusedGroup);
    expect(Object.keys(after.groups)).toContain(ids.managedGroup);
  });

  it('wrote one records object per acting run, one JSON line per action', async () => {
    const { Contents = [] } = await s3.send(new ListObjectsV2Command({ Bucket: BUCKET, Prefix: 'janitor/' }));

    expect(Contents.map((object) => object.Key).sort()).toEqual([markRun.recordsKey, deleteRun.recordsKey].sort());
    for (const result of [markRun, deleteRun]) {
      const body = await (await s3.send(new GetObjectCommand({ Bucket: BUCKET, Key: result.recordsKey }))).Body?.transformToString();
      const lines = (body ?? '')
        .trimEnd()
        .split('\n')
        .map((line) => JSON.parse(line) as { resourceId: string; outcome: string });
      expect(lines).toHaveLength(result.records.length);
      expect(lines.map((line) => line.resourceId).sort()).toEqual(result.records.map((record) => record.resourceId).sort());
    }
  });
});
