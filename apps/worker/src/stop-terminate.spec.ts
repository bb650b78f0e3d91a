import { DescribeInstancesCommand, EC2Client, StopInstancesCommand, TerminateInstancesCommand } from '@aws-sdk/client-ec2';
import { mockClient } from 'aws-sdk-client-mock';
import { WorkerRefusal } from './errors';
import { awsError, captureDeps, instance, reservations } from './spec-helpers';
import { stopWorkers } from './stop';
import { resolveTarget } from './target';
import { terminateWorkers } from './terminate';

const ec2 = mockClient(EC2Client);
const dev = resolveTarget('dev', 'us-east-1');
const OURS = 'i-0aaaaaaaaaaaaaaa1';
const STAGINGS = 'i-0bbbbbbbbbbbbbbb2';
const UNTAGGED = 'i-0ccccccccccccccc3';

describe('stop and terminate', () => {
  beforeEach(() => {
    ec2.reset();
    ec2
      .on(DescribeInstancesCommand)
      .resolves(
        reservations(
          instance({ id: OURS }),
          instance({ id: STAGINGS, env: 'staging' }),
          instance({ id: UNTAGGED, untagged: true }),
          instance({ id: 'i-0ddddddddddddddd4', tags: { ManagedBy: 'terraform-cdktf' } }),
        ),
      );
    ec2
      .on(StopInstancesCommand)
      .resolves({ StoppingInstances: [{ InstanceId: OURS, PreviousState: { Name: 'running' }, CurrentState: { Name: 'stopping' } }] });
    ec2.on(TerminateInstancesCommand).resolves({});
  });

  it.each([
    ['stop', stopWorkers, 'stopped'],
    ['terminate', terminateWorkers, 'terminated'],
  ] as const)('%s refuses, by name, instances that are not the environment’s workers, and touches none', async (_, act, done) => {
    const refused = act(captureDeps().deps, dev, { ids: [OURS, STAGINGS, UNTAGGED, 'i-0ddddddddddddddd4'] });

    await expect(refused).rejects.toThrow(WorkerRefusal);
    await expect(refused).rejects.toThrow(
      `i-0bbbbbbbbbbbbbbb2, i-0ccccccccccccccc3, i-0ddddddddddddddd4 are not workers of environment dev, region us-east-1 (tags Project, Environment, Role=worker); nothing ${done}`,
    );
    expect(ec2.commandCalls(StopInstancesCommand)).toHaveLength(0);
    expect(ec2.commandCalls(TerminateInstancesCommand)).toHaveLength(0);
  });

  it('refuses an id EC2 does not know, as one line', async () => {
    ec2.on(DescribeInstancesCommand).rejects(awsError('InvalidInstanceID.NotFound', "The instance ID 'i-0eeeeeeeeeeeeeee5' does not exist"));

    await expect(stopWorkers(captureDeps().deps, dev, { ids: ['i-0eeeeeeeeeeeeeee5'] })).rejects.toThrow(
      new WorkerRefusal("The instance ID 'i-0eeeeeeeeeeeeeee5' does not exist in region us-east-1; see npm run worker -- list; nothing changed"),
    );
  });

  it('stops the named worker and says what changed', async () => {
    ec2.on(DescribeInstancesCommand, { InstanceIds: [OURS] }).resolves(reservations(instance({ id: OURS })));

    const lines = await stopWorkers(captureDeps().deps, dev, { ids: [OURS] });

    expect(ec2.commandCalls(StopInstancesCommand)[0].args[0].input).toEqual({ InstanceIds: [OURS] });
    expect(lines[0]).toBe(`${OURS}: running -> stopping`);
  });

  it('with --all, stops only the environment’s running workers, found by their tags', async () => {
    ec2.on(DescribeInstancesCommand).resolves(reservations(instance({ id: OURS })));

    await stopWorkers(captureDeps().deps, dev, { all: true });

    expect(ec2.commandCalls(DescribeInstancesCommand)[0].args[0].input.Filters).toContainEqual({ Name: 'instance-state-name', Values: ['pending', 'running'] });
    expect(ec2.commandCalls(StopInstancesCommand)[0].args[0].input).toEqual({ InstanceIds: [OURS] });
  });

  it('terminate waits until EC2 reports terminated', async () => {
    ec2
      .on(DescribeInstancesCommand, { InstanceIds: [OURS] })
      .resolvesOnce(reservations(instance({ id: OURS })))
      .resolvesOnce(reservations(instance({ id: OURS, state: 'shutting-down' })))
      .resolves(reservations(instance({ id: OURS, state: 'terminated' })));

    const lines = await terminateWorkers(captureDeps().deps, dev, { ids: [OURS] });

    expect(lines).toEqual([`${OURS}: terminated`]);
    // One call to check ownership, then the waiter polls until terminated.
    expect(ec2.commandCalls(DescribeInstancesCommand, { InstanceIds: [OURS] })).toHaveLength(3);
  });

  it('terminate reports a worker that does not end in time', async () => {
    ec2.on(DescribeInstancesCommand, { InstanceIds: [OURS] }).resolves(reservations(instance({ id: OURS, state: 'shutting-down' })));

    await expect(terminateWorkers(captureDeps().deps, dev, { ids: [OURS] })).rejects.toThrow(
      `${OURS} did not reach terminated within 2 s; now: ${OURS} shutting-down; see npm run worker -- list`,
    );
  });

  it('with nothing to act on, says so and calls nothing', async () => {
    ec2.on(DescribeInstancesCommand).resolves(reservations());

    expect(await terminateWorkers(captureDeps().deps, dev, { all: true })).toEqual(['no workers to terminate in environment dev, region us-east-1']);
    expect(ec2.commandCalls(TerminateInstancesCommand)).toHaveLength(0);
  });
});
