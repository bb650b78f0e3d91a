/** `npm run janitor`: options from the environments' configuration, the printed table, the exit code. */
import { TerminateInstancesCommand } from '@aws-sdk/client-ec2';
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

  it.each([
    [['--region', 'us-east-1'], UsageError, 'missing --env'],
    [['--env', 'dev', '--region', 'us-east-1', '--force'], UsageError, "Unknown option '--force'"],
    [['--env', 'qa', '--region', 'us-east-1'], JanitorConfigError, '--env qa is not an environment; known: dev, staging, prod'],
    [['--env', 'dev', '--region', 'eu-west-1'], JanitorConfigError, '--region eu-west-1 is not a region of dev; its regions: us-east-1'],
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
