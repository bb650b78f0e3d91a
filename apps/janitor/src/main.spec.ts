/** `npm run janitor`: options from the environments' configuration, the printed table, the exit code. */
import { TerminateInstancesCommand } from '@aws-sdk/client-ec2';
import { KNOWN_REGIONS } from '@llm/config';
import { ENVIRONMENTS } from '@llm/environments';
import { parseJanitorArgs } from './args';
import { JanitorConfigError, UsageError } from './errors';
import { main } from './main';
import { BUCKET, hoursBefore, mockAws, NOW, workerTagList } from './testing/world';

describe('parseJanitorArgs', () => {
  it('takes maxHours and the bucket from the environment configuration', () => {
    expect(parseJanitorArgs(['--env', 'dev', '--region', 'us-east-1', '--dry-run'])).toEqual({
      environment: 'dev',
      region: 'us-east-1',
      maxHours: 8,
      bucket: BUCKET,
      dryRun: true,
    });
  });

  // From the configuration, so adding an environment or a region to dev breaks nothing here.
  const devRegions = ENVIRONMENTS.find((env) => env.name === 'dev')?.regions.map((entry) => entry.region) ?? [];
  const otherRegion = KNOWN_REGIONS.find((region) => !devRegions.includes(region)) ?? 'no-such-region';

  it.each([
    [['--region', 'us-east-1'], UsageError, 'missing --env'],
    [['--env', 'dev', '--region', 'us-east-1', '--force'], UsageError, "Unknown option '--force'"],
    // Hyphens are refused by the name rule, so no configured environment can ever be called that.
    [
      ['--env', 'no-such-env', '--region', 'us-east-1'],
      JanitorConfigError,
      `--env no-such-env is not an environment; known: ${ENVIRONMENTS.map((env) => env.name).join(', ')}`,
    ],
    [['--env', 'dev', '--region', otherRegion], JanitorConfigError, `--region ${otherRegion} is not a region of dev; its regions: ${devRegions.join(', ')}`],
    [['--env', 'dev', '--region', 'us-east-1', '--max-hours', '100'], UsageError, '--max-hours must be an integer 1..72, got "100"'],
  ])('refuses %p', (argv, type, message) => {
    expect(() => parseJanitorArgs(argv)).toThrow(type);
    expect(() => parseJanitorArgs(argv)).toThrow(message);
  });
});

describe('main', () => {
  let aws: ReturnType<typeof mockAws>;
  afterEach(() => aws.restore());

  const world = () =>
    mockAws({
      instances: [
        { InstanceId: 'i-old', State: { Name: 'running' }, LaunchTime: hoursBefore(NOW, 9), Tags: workerTagList() },
        { InstanceId: 'i-expired', State: { Name: 'running' }, LaunchTime: NOW, Tags: workerTagList({ ExpiresAt: '2026-05-01T00:00:00Z' }) },
      ],
    });

  it('prints the actions and a summary, exit 0 when all were done', async () => {
    aws = world();
    const lines: string[] = [];

    const code = await main(['--env', 'dev', '--region', 'us-east-1'], { clients: () => aws.clients, now: () => NOW, write: (line) => lines.push(line) });

    expect(code).toBe(0);
    expect(lines[0].split('\n')[0]).toMatch(/^OUTCOME +ACTION +TYPE +RESOURCE +REASON$/);
    expect(lines[0]).toMatch(/done +terminate +instance +i-old +no ExpiresAt tag; launched/);
    expect(lines[1]).toMatch(
      /^janitor dev us-east-1 \(manual\): 2 action\(s\), 2 done, 0 failed, records s3:\/\/llm-platform-dev-us-east-1-generations-111111111111\/janitor\/2026\/05\/01\//,
    );
  });

  it('exits 1 on a partial run and shows the AWS error', async () => {
    aws = world();
    aws.ec2.on(TerminateInstancesCommand, { InstanceIds: ['i-old'] }).rejects(Object.assign(new Error('boom'), { name: 'InternalError' }));
    const lines: string[] = [];

    const code = await main(['--env', 'dev', '--region', 'us-east-1'], { clients: () => aws.clients, now: () => NOW, write: (line) => lines.push(line) });

    expect(code).toBe(1);
    expect(lines[0]).toContain('[InternalError: boom]');
    expect(lines[1]).toMatch(/1 done, 1 failed.* - PARTIAL RUN$/);
  });

  it('says what it would do in a dry run and changes nothing', async () => {
    aws = world();
    const lines: string[] = [];

    const code = await main(['--env', 'dev', '--region', 'us-east-1', '--dry-run'], {
      clients: () => aws.clients,
      now: () => NOW,
      write: (line) => lines.push(line),
    });

    expect(code).toBe(0);
    expect(aws.mutations()).toEqual([]);
    expect(lines[1]).toBe('janitor dev us-east-1 (manual, dry run): 2 action(s) planned, nothing changed');
  });
});
