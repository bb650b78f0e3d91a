import { DescribeInstancesCommand, EC2Client } from '@aws-sdk/client-ec2';
import { validateEnvironments } from '@llm/config';
import { ENVIRONMENTS } from '@llm/environments';
import { ec2HourlyPrice } from '@llm/pricing';
import { mockClient } from 'aws-sdk-client-mock';
import { describeCost, runningHours } from './cost';
import { describeExpiry, formatDuration } from './expiry';
import { listWorkers } from './list';
import { captureDeps, CALLER_ARN, instance, NOW, reservations } from './spec-helpers';
import { resolveTarget } from './target';

const ec2 = mockClient(EC2Client);
const dev = resolveTarget('dev', 'us-east-1');

describe('listWorkers', () => {
  beforeEach(() => ec2.reset());

  it('shows each worker with state, type, launch, expiry, launcher and cost so far, oldest first', async () => {
    ec2.on(DescribeInstancesCommand).resolves(
      reservations(
        instance({ id: 'i-0bbbbbbbbbbbbbbb2', launched: '2026-12-03T17:00:00Z', tags: { ExpiresAt: '2026-12-03T21:10:00Z', LaunchedBy: CALLER_ARN } }),
        instance({
          id: 'i-0aaaaaaaaaaaaaaa1',
          launched: '2026-12-03T12:00:00Z',
          type: 'x2gd.medium',
          tags: { ExpiresAt: '2026-12-03T14:00:00Z', LaunchedBy: 'alice' },
        }),
      ),
    );

    const lines = await listWorkers(captureDeps().deps, dev);

    expect(lines).toEqual([
      'ID                   STATE    TYPE         LAUNCHED              EXPIRES                                   LAUNCHED BY                                             COST SO FAR',
      'i-0aaaaaaaaaaaaaaa1  running  x2gd.medium  2026-12-03T12:00:00Z  2026-12-03T14:00:00Z (expired 4h 0m ago)  alice                                                   unpriced',
      `i-0bbbbbbbbbbbbbbb2  running  t4g.small    2026-12-03T17:00:00Z  2026-12-03T21:10:00Z (in 3h 9m)           ${CALLER_ARN}  $0.02 (1.0 h × $0.0168/h)`,
      '',
      '2 worker(s) in environment dev, region us-east-1. Cost: instance-hours since the last start at on-demand Linux prices of 2026-12-03; volumes and public IPv4 bill on top.',
    ]);
    expect(ec2.commandCalls(DescribeInstancesCommand)[0].args[0].input.Filters).toEqual([
      { Name: 'tag:Project', Values: ['llm-platform'] },
      { Name: 'tag:Environment', Values: ['dev'] },
      { Name: 'tag:Role', Values: ['worker'] },
    ]);
  });

  it('says so when there are none', async () => {
    ec2.on(DescribeInstancesCommand).resolves(reservations());

    expect(await listWorkers(captureDeps().deps, dev)).toEqual(['no workers in environment dev, region us-east-1']);
  });
});

describe('cost so far', () => {
  it('counts a stopped worker up to the stop time EC2 wrote, and a pending one as nothing yet', () => {
    const stopped = instance({
      id: 'i-01234567',
      state: 'stopped',
      type: 'g5.xlarge',
      launched: '2026-12-03T10:00:00Z',
      transition: 'User initiated (2026-12-03 12:30:00 GMT)',
    });
    expect(runningHours(stopped, NOW)).toBe(2.5);
    expect(describeCost(stopped, 'us-east-1', NOW)).toBe('$2.52 (2.5 h × $1.006/h)');
    expect(runningHours(instance({ id: 'i-01234567', state: 'pending' }), NOW)).toBe(0);
  });

  it('says unknown rather than guessing when a stopped worker has no stop time', () => {
    expect(describeCost(instance({ id: 'i-01234567', state: 'stopped' }), 'us-east-1', NOW)).toBe('unknown');
  });

  it('says unpriced, never $0, for a region the table lacks', () => {
    expect(describeCost(instance({ id: 'i-01234567' }), 'ap-south-1', NOW)).toBe('unpriced');
  });

  it('has a price for every worker type the environments configure, in its region', () => {
    const configured = validateEnvironments(ENVIRONMENTS).flatMap((env) =>
      env.regions.flatMap((entry) =>
        entry.workers
          ? [
              {
                where: `${env.name} ${entry.region} ${entry.workers.instanceType}`,
                priced: ec2HourlyPrice(entry.region, entry.workers.instanceType) !== undefined,
              },
            ]
          : [],
      ),
    );
    expect(configured.length).toBeGreaterThan(0);
    expect(configured.filter((entry) => !entry.priced)).toEqual([]);
  });
});

describe('expiry as the list shows it', () => {
  it('reads ahead, behind, missing and unreadable tags', () => {
    expect(describeExpiry('2026-12-03T21:10:00Z', NOW)).toBe('2026-12-03T21:10:00Z (in 3h 9m)');
    expect(describeExpiry('2026-12-03T17:55:00Z', NOW)).toBe('2026-12-03T17:55:00Z (expired 5m ago)');
    expect(describeExpiry(undefined, NOW)).toBe('none (janitor: maxHours after launch)');
    expect(describeExpiry('tomorrow', NOW)).toBe('tomorrow (unreadable)');
    expect(formatDuration(30_000)).toBe('<1m');
  });
});
