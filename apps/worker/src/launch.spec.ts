import {
  DescribeInstancesCommand,
  DescribeLaunchTemplateVersionsCommand,
  DescribeVpcsCommand,
  EC2Client,
  RunInstancesCommand,
  type RunInstancesCommandInput,
} from '@aws-sdk/client-ec2';
import { GetCallerIdentityCommand, STSClient } from '@aws-sdk/client-sts';
import { developmentInput } from '@llm/config/testing';
import { mockClient } from 'aws-sdk-client-mock';
import { WorkerAwsError, WorkerRefusal } from './errors';
import { formatLaunched, launchWorker } from './launch';
import { appliedStack, awsError, CALLER_ARN, captureDeps, instance, reservations } from './spec-helpers';
import { resolveTarget } from './target';

const ec2 = mockClient(EC2Client);
const sts = mockClient(STSClient);
const dev = resolveTarget('dev', 'us-east-1');

/** dev us-east-1 with a GPU worker and a quota, for the quota hints. */
const gpu = resolveTarget('dev', 'us-east-1', [
  developmentInput({
    regions: [
      {
        region: 'us-east-1',
        vpc: { cidr: '10.0.0.0/16', availabilityZones: ['us-east-1a', 'us-east-1b'], nat: 'single' },
        workers: { instanceType: 'g5.xlarge', maxHours: 4, maxInstances: 1, volumeGb: 100, quota: { code: 'L-DB2E81BA', vCpus: 8 } },
      },
    ],
  }),
]);

function runInput(): RunInstancesCommandInput {
  const calls = ec2.commandCalls(RunInstancesCommand);
  expect(calls).toHaveLength(1);
  return calls[0].args[0].input;
}

describe('launchWorker', () => {
  beforeEach(() => {
    ec2.reset();
    sts.reset();
    sts.on(GetCallerIdentityCommand).resolves({ Arn: CALLER_ARN, Account: '111111111111' });
    appliedStack(ec2);
    ec2.on(DescribeInstancesCommand).resolves(reservations());
    ec2.on(RunInstancesCommand).resolves({ Instances: [{ InstanceId: 'i-0new0000000000000' }] });
    ec2
      .on(DescribeInstancesCommand, { InstanceIds: ['i-0new0000000000000'] })
      .resolves(reservations({ ...instance({ id: 'i-0new0000000000000', subnetId: 'subnet-a' }), PublicIpAddress: '54.1.2.3' }));
  });

  it('launches from the stack template, tagging instance and volume with ExpiresAt two hours ahead, to the second', async () => {
    const { deps } = captureDeps();

    const launched = await launchWorker(deps, dev);

    const input = runInput();
    expect(input.LaunchTemplate).toEqual({ LaunchTemplateName: 'llm-platform-dev-us-east-1-worker', Version: '$Default' });
    expect(input).toMatchObject({ MinCount: 1, MaxCount: 1 });
    const expected = [
      { Key: 'Project', Value: 'llm-platform' },
      { Key: 'Environment', Value: 'dev' },
      { Key: 'Role', Value: 'worker' },
      { Key: 'ExpiresAt', Value: '2026-12-03T20:00:00Z' },
      { Key: 'LaunchedBy', Value: CALLER_ARN },
      { Key: 'Name', Value: 'llm-platform-dev-us-east-1-worker' },
    ];
    expect(input.TagSpecifications).toEqual([
      { ResourceType: 'instance', Tags: expected },
      { ResourceType: 'volume', Tags: expected },
    ]);
    expect(launched).toMatchObject({ instanceId: 'i-0new0000000000000', expiresAt: '2026-12-03T20:00:00Z', publicIp: '54.1.2.3', privateIp: '10.10.0.10' });
  });

  it('puts the subnet into the template interface (EC2 refuses SubnetId next to one), public in dev', async () => {
    await launchWorker(captureDeps().deps, dev);

    const input = runInput();
    expect(input.SubnetId).toBeUndefined();
    expect(input.NetworkInterfaces).toEqual([
      { DeviceIndex: 0, SubnetId: 'subnet-a', AssociatePublicIpAddress: true, DeleteOnTermination: true, Groups: ['sg-worker'] },
    ]);
  });

  it('uses the private subnets and no public IP where workers.publicIp is off (staging)', async () => {
    ec2.reset();
    appliedStack(ec2, 'llm-platform-staging-eu-west-1', 'private');
    ec2.on(DescribeInstancesCommand).resolves(reservations(instance({ id: 'i-0aaaaaaaaaaaaaaa1', env: 'staging' })));
    ec2.on(RunInstancesCommand).resolves({ Instances: [{ InstanceId: 'i-0new0000000000000' }] });
    sts.on(GetCallerIdentityCommand).resolves({ Arn: CALLER_ARN, Account: '222222222222' });

    await launchWorker(captureDeps('eu-west-1').deps, resolveTarget('staging', 'eu-west-1'), 12);

    const input = runInput();
    expect(input.NetworkInterfaces?.[0]).toMatchObject({ AssociatePublicIpAddress: false });
    expect(input.TagSpecifications?.[0].Tags).toContainEqual({ Key: 'ExpiresAt', Value: '2026-12-04T06:00:00Z' });
  });

  it('picks the subnet with the fewest of the environment’s workers', async () => {
    const existing = instance({ id: 'i-0aaaaaaaaaaaaaaa1', subnetId: 'subnet-a' });
    const launchedOne = instance({ id: 'i-0new0000000000000', subnetId: 'subnet-b' });
    ec2.on(DescribeInstancesCommand).callsFake((input) => (input.Filters ? reservations(existing) : reservations(launchedOne)));

    await launchWorker(captureDeps().deps, dev);

    expect(runInput().NetworkInterfaces?.[0].SubnetId).toBe('subnet-b');
  });

  it('prints the id, both addresses and the Session Manager command', async () => {
    const lines = formatLaunched(await launchWorker(captureDeps().deps, dev), 'us-east-1');

    expect(lines).toEqual([
      'i-0new0000000000000 (t4g.small) is running in us-east-1a, subnet llm-platform-dev-us-east-1-public-a',
      'private IP: 10.10.0.10',
      'public IP: 54.1.2.3',
      'expires: 2026-12-03T20:00:00Z (the janitor terminates it after that)',
      'connect: aws ssm start-session --target i-0new0000000000000 --region us-east-1',
    ]);
  });

  it('tags LaunchedBy with the OS user, and says so, when STS cannot answer', async () => {
    sts.on(GetCallerIdentityCommand).rejects(awsError('ExpiredToken', 'The security token included in the request is expired'));
    const { deps, warn } = captureDeps();

    await launchWorker(deps, dev);

    const launchedBy = runInput().TagSpecifications?.[0].Tags?.find((tag) => tag.Key === 'LaunchedBy')?.Value;
    expect(launchedBy).toMatch(/^[^:]+$/);
    expect(warn[0]).toMatch(
      /could not read the caller identity from STS \(ExpiredToken: .*\); LaunchedBy is the OS user ".+" instead and the account is not checked/,
    );
  });

  describe('refuses, launching nothing,', () => {
    afterEach(() => expect(ec2.commandCalls(RunInstancesCommand)).toHaveLength(0));

    it('without a workers configuration (prod has none)', async () => {
      await expect(launchWorker(captureDeps('eu-west-1').deps, resolveTarget('prod', 'eu-west-1'))).rejects.toThrow(
        new WorkerRefusal('no workers configuration for environment prod, region eu-west-1 (regions[].workers); no region of it has one; nothing launched'),
      );
    });

    it('in a region of the environment without workers, naming the regions that have some', async () => {
      await expect(launchWorker(captureDeps().deps, resolveTarget('staging', 'us-east-1'))).rejects.toThrow(/regions with workers: eu-west-1/);
    });

    it.each([0, 9])('for --hours %i, outside 1..maxHours', async (hours) => {
      await expect(launchWorker(captureDeps().deps, dev, hours)).rejects.toThrow(
        `--hours ${hours} is outside 1..8 (workers.maxHours of environment dev, region us-east-1); nothing launched`,
      );
    });

    it('at maxInstances, counting pending, running, stopping and stopped workers', async () => {
      ec2
        .on(DescribeInstancesCommand)
        .resolves(reservations(instance({ id: 'i-0aaaaaaaaaaaaaaa1' }), instance({ id: 'i-0aaaaaaaaaaaaaaa2', state: 'stopped' })));

      await expect(launchWorker(captureDeps().deps, dev)).rejects.toThrow(
        'environment dev, region us-east-1 already has 2 of at most 2 workers (workers.maxInstances): i-0aaaaaaaaaaaaaaa1, i-0aaaaaaaaaaaaaaa2; stop or terminate one first; nothing launched',
      );
      const filters = ec2.commandCalls(DescribeInstancesCommand)[0].args[0].input.Filters;
      expect(filters).toEqual([
        { Name: 'tag:Project', Values: ['llm-platform'] },
        { Name: 'tag:Environment', Values: ['dev'] },
        { Name: 'tag:Role', Values: ['worker'] },
        { Name: 'instance-state-name', Values: ['pending', 'running', 'stopping', 'stopped'] },
      ]);
    });

    it('with credentials of another account', async () => {
      sts.on(GetCallerIdentityCommand).resolves({ Arn: 'arn:aws:iam::999999999999:user/bob', Account: '999999999999' });

      await expect(launchWorker(captureDeps().deps, dev)).rejects.toThrow(
        /credentials are for account 999999999999, but environment dev is account 111111111111/,
      );
    });

    it('when the stack is not applied: no launch template, or no VPC', async () => {
      ec2.on(DescribeLaunchTemplateVersionsCommand).rejects(awsError('InvalidLaunchTemplateName.NotFoundException', 'does not exist'));
      await expect(launchWorker(captureDeps().deps, dev)).rejects.toThrow(
        'launch template llm-platform-dev-us-east-1-worker not found in environment dev, region us-east-1: the stack dev-us-east-1 is not applied yet (or has no workers); apply it first; nothing launched',
      );

      appliedStack(ec2);
      ec2.on(DescribeVpcsCommand).resolves({ Vpcs: [] });
      await expect(launchWorker(captureDeps().deps, dev)).rejects.toThrow(/^VPC llm-platform-dev-us-east-1-vpc not found .* not applied yet/);
    });
  });

  describe('reports AWS errors as such', () => {
    it('a vCPU quota with the workers.quota setting and the Service Quotas command', async () => {
      ec2.on(RunInstancesCommand).rejects(awsError('VcpuLimitExceeded', 'You have requested more vCPU capacity than your current vCPU limit of 0 allows.'));

      const failure = launchWorker(captureDeps().deps, gpu);

      await expect(failure).rejects.toThrow(WorkerAwsError);
      await expect(failure).rejects.toThrow(
        'EC2 refused a g5.xlarge in us-east-1, quota reached (VcpuLimitExceeded: You have requested more vCPU capacity than your current vCPU limit of 0 allows.); request more vCPUs: raise workers.quota.vCpus (now 8 for L-DB2E81BA) and apply the stack, or aws service-quotas request-service-quota-increase --service-code ec2 --quota-code L-DB2E81BA --desired-value N --region us-east-1',
      );
    });

    it('a quota without workers.quota, naming the code that covers the family', async () => {
      ec2.on(RunInstancesCommand).rejects(awsError('InstanceLimitExceeded', 'Your quota allows for 0 more running instance(s).'));

      await expect(launchWorker(captureDeps().deps, dev)).rejects.toThrow(/set workers.quota \{ code: 'L-1216C47A', vCpus: N \} and apply the stack/);
    });

    it('no capacity: tries the next zone first, then names every zone tried', async () => {
      ec2.on(RunInstancesCommand).rejects(awsError('InsufficientInstanceCapacity', 'We currently do not have sufficient t4g.small capacity.'));
      const { deps, warn } = captureDeps();

      await expect(launchWorker(deps, dev)).rejects.toThrow(
        /^EC2 has no t4g.small for this launch in us-east-1a, us-east-1b \(InsufficientInstanceCapacity: .*\); try again later, another instance type/,
      );
      expect(ec2.commandCalls(RunInstancesCommand).map((call) => call.args[0].input.NetworkInterfaces?.[0].SubnetId)).toEqual(['subnet-a', 'subnet-b']);
      expect(warn).toContain('us-east-1a: InsufficientInstanceCapacity; trying llm-platform-dev-us-east-1-public-b (us-east-1b)');
    });

    it('launches in the second zone when only the first has no capacity', async () => {
      ec2.on(RunInstancesCommand).callsFake((input: RunInstancesCommandInput) => {
        if (input.NetworkInterfaces?.[0].SubnetId === 'subnet-a') throw awsError('Unsupported', 'not supported in your requested Availability Zone');
        return { Instances: [{ InstanceId: 'i-0new0000000000000' }] };
      });

      const launched = await launchWorker(captureDeps().deps, dev);

      expect(launched.subnet.zone).toBe('us-east-1b');
    });

    it('any other error with its operation and code', async () => {
      ec2.on(RunInstancesCommand).rejects(awsError('UnauthorizedOperation', 'You are not authorized to perform this operation.'));

      await expect(launchWorker(captureDeps().deps, dev)).rejects.toThrow(
        /^EC2 RunInstances failed: UnauthorizedOperation: You are not authorized .*decode-authorization-message/,
      );
    });

    it('an instance that never runs, with the state EC2 gives', async () => {
      ec2
        .on(DescribeInstancesCommand, { InstanceIds: ['i-0new0000000000000'] })
        .resolves(reservations({ ...instance({ id: 'i-0new0000000000000', state: 'terminated' }), StateReason: { Message: 'Server.InternalError' } }));

      await expect(launchWorker(captureDeps().deps, dev)).rejects.toThrow(
        'i-0new0000000000000 did not reach running before the waiter gave up; now: i-0new0000000000000 terminated (Server.InternalError); see npm run worker -- list',
      );
    });
  });
});
