/**
 * The worker commands against moto's EC2 and STS: the stack's VPC, subnets and launch template
 * created as the stack names them, then the real code (in-process, and main through a child
 * process with AWS_ENDPOINT_URL) launching up to maxInstances, refusing the next, listing and terminating.
 */
import {
  CreateLaunchTemplateCommand,
  CreateSecurityGroupCommand,
  CreateSubnetCommand,
  CreateVpcCommand,
  DescribeInstancesCommand,
  DescribeVolumesCommand,
  EC2Client,
  RunInstancesCommand,
} from '@aws-sdk/client-ec2';
import { STSClient } from '@aws-sdk/client-sts';
import { describeWithEmulator, startTestEmulator, type TestEmulator } from '@llm/emulator/testing';
import { execFile } from 'node:child_process';
import { resolve } from 'node:path';
import type { WorkerDeps } from './deps';
import { WorkerRefusal } from './errors';
import { launchWorker } from './launch';
import { listWorkers } from './list';
import { resolveTarget } from './target';
import { terminateWorkers } from './terminate';

const REGION = 'us-east-1';
const PREFIX = 'llm-platform-dev-us-east-1';
const ROOT = resolve(__dirname, '../../..');
const CREDENTIALS = { accessKeyId: 'testing', secretAccessKey: 'testing' };

interface CliRun {
  readonly code: number;
  readonly stdout: string;
  readonly stderr: string;
}

describeWithEmulator('worker commands against the emulator', () => {
  let emulator: TestEmulator;
  let ec2: EC2Client;
  let deps: WorkerDeps;
  let foreignId: string;
  const dev = resolveTarget('dev', REGION);
  const warnings: string[] = [];

  /** `npm run worker -- ...` as a user runs it, pointed at moto by the SDK's standard variable. */
  function cli(...args: string[]): Promise<CliRun> {
    const env: NodeJS.ProcessEnv = {
      ...process.env,
      AWS_ENDPOINT_URL: emulator.url.href,
      AWS_ACCESS_KEY_ID: 'testing',
      AWS_SECRET_ACCESS_KEY: 'testing',
      AWS_EC2_METADATA_DISABLED: 'true',
      // The SDK warns on Node 20 that its 2027 releases need Node 22; off here so stderr is the refusal's one line.
      AWS_SDK_JS_NODE_VERSION_SUPPORT_WARNING_DISABLED: 'true',
    };
    delete env.AWS_PROFILE;
    return new Promise((done) => {
      execFile(process.execPath, ['--import', 'tsx', 'apps/worker/src/main.ts', ...args], { cwd: ROOT, env, timeout: 60_000 }, (error, stdout, stderr) => {
        done({ code: error ? (typeof error.code === 'number' ? error.code : -1) : 0, stdout, stderr });
      });
    });
  }

  async function instanceStates(): Promise<Record<string, string>> {
    const answer = await ec2.send(new DescribeInstancesCommand({}));
    const instances = (answer.Reservations ?? []).flatMap((reservation) => reservation.Instances ?? []);
    return Object.fromEntries(instances.map((instance) => [instance.InstanceId ?? '?', instance.State?.Name ?? '?']));
  }

  beforeAll(async () => {
    // moto answers as the environment's account, so launch's account check passes as it would in dev.
    emulator = await startTestEmulator({ MOTO_ACCOUNT_ID: dev.env.accountId });
    ec2 = new EC2Client({ region: REGION, endpoint: emulator.url.href, credentials: CREDENTIALS });
    deps = {
      ec2,
      sts: new STSClient({ region: REGION, endpoint: emulator.url.href, credentials: CREDENTIALS }),
      now: () => new Date(),
      out: () => undefined,
      warn: (line) => warnings.push(line),
      waitSeconds: 30,
      pollSeconds: 0.2,
    };

    const name = (value: string) => [{ ResourceType: 'vpc' as const, Tags: [{ Key: 'Name', Value: value }] }];
    const vpcId = (await ec2.send(new CreateVpcCommand({ CidrBlock: '10.10.0.0/16', TagSpecifications: name(`${PREFIX}-vpc`) }))).Vpc?.VpcId;
    const subnets: [string, string, string][] = [
      ['public-a', '10.10.0.0/24', 'us-east-1a'],
      ['public-b', '10.10.1.0/24', 'us-east-1b'],
      ['private-a', '10.10.10.0/24', 'us-east-1a'],
    ];
    for (const [suffix, cidr, zone] of subnets) {
      await ec2.send(
        new CreateSubnetCommand({
          VpcId: vpcId,
          CidrBlock: cidr,
          AvailabilityZone: zone,
          TagSpecifications: [{ ResourceType: 'subnet', Tags: [{ Key: 'Name', Value: `${PREFIX}-${suffix}` }] }],
        }),
      );
    }
    const groupId = (await ec2.send(new CreateSecurityGroupCommand({ GroupName: `${PREFIX}-worker`, Description: 'worker', VpcId: vpcId }))).GroupId;
    await ec2.send(
      new CreateLaunchTemplateCommand({
        LaunchTemplateName: dev.naming.workerName(REGION),
        LaunchTemplateData: {
          ImageId: 'ami-12345678',
          InstanceType: 't4g.small',
          NetworkInterfaces: [{ DeviceIndex: 0, AssociatePublicIpAddress: true, Groups: groupId ? [groupId] : [], DeleteOnTermination: true }],
        },
      }),
    );
    // An instance without the worker tags: nothing may count, list or terminate it.
    foreignId =
      (await ec2.send(new RunInstancesCommand({ ImageId: 'ami-12345678', InstanceType: 't3.small', MinCount: 1, MaxCount: 1 }))).Instances?.[0]?.InstanceId ??
      '';
  }, 60_000);
  afterAll(async () => {
    await emulator?.stop();
  });

  it('launches up to maxInstances, refuses the next with nothing more running, lists and terminates', async () => {
    const first = await launchWorker(deps, dev, 3);
    const second = await launchWorker(deps, dev);
    expect([first.subnet.name, second.subnet.name].sort()).toEqual([`${PREFIX}-public-a`, `${PREFIX}-public-b`]);
    expect(first.publicIp).toMatch(/^\d+\.\d+\.\d+\.\d+$/);
    expect(await instanceStates()).toEqual({ [foreignId]: 'running', [first.instanceId]: 'running', [second.instanceId]: 'running' });
    expect(warnings).toEqual([expect.stringMatching(/^launched i-/), expect.stringMatching(/^launched i-/)]);

    const volumes = await ec2.send(new DescribeVolumesCommand({ Filters: [{ Name: 'tag:Role', Values: ['worker'] }] }));
    expect(volumes.Volumes?.map((volume) => volume.Tags?.find((tag) => tag.Key === 'LaunchedBy')?.Value)).toEqual([
      'arn:aws:sts::111111111111:user/moto',
      'arn:aws:sts::111111111111:user/moto',
    ]);

    await expect(launchWorker(deps, dev)).rejects.toThrow(WorkerRefusal);
    const refused = await cli('launch', '--env', 'dev', '--region', REGION);
    expect(refused).toMatchObject({ code: 2, stdout: '' });
    expect(refused.stderr.trim()).toBe(
      `environment dev, region us-east-1 already has 2 of at most 2 workers (workers.maxInstances): ${[first.instanceId, second.instanceId].join(
        ', ',
      )}; stop or terminate one first; nothing launched`,
    );
    expect(Object.keys(await instanceStates())).toHaveLength(3);

    const listed = await cli('list', '--env', 'dev', '--region', REGION);
    expect(listed.code).toBe(0);
    expect(listed.stdout).toContain(first.instanceId);
    expect(listed.stdout).toContain(second.instanceId);
    expect(listed.stdout).not.toContain(foreignId);
    expect(listed.stdout).toMatch(new RegExp(`${first.instanceId}\\s+running\\s+t4g.small .*${first.expiresAt} \\(in 2h 5\\dm\\)`));

    await expect(terminateWorkers(deps, dev, { ids: [foreignId] })).rejects.toThrow(`${foreignId} is not a worker of environment dev`);
    expect(await terminateWorkers(deps, dev, { ids: [first.instanceId] })).toEqual([`${first.instanceId}: terminated`]);
    expect(await instanceStates()).toEqual({ [foreignId]: 'running', [first.instanceId]: 'terminated', [second.instanceId]: 'running' });
    expect((await listWorkers(deps, dev)).join('\n')).toMatch(new RegExp(`${first.instanceId}\\s+terminated`));

    // A terminated worker frees its slot: launch works again.
    const third = await launchWorker(deps, dev);
    expect((await instanceStates())[third.instanceId]).toBe('running');
  }, 120_000);
});
