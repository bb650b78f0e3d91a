import { DescribeInstancesCommand, EC2Client } from '@aws-sdk/client-ec2';
import { mockClient } from 'aws-sdk-client-mock';
import { captureDeps, instance, reservations } from './spec-helpers';
import { sshWorker, type SessionRunner } from './ssh';
import { resolveTarget } from './target';

const ec2 = mockClient(EC2Client);
const dev = resolveTarget('dev', 'us-east-1');
const ID = 'i-0aaaaaaaaaaaaaaa1';

function runner(interactive: boolean, awsCli: boolean): SessionRunner & { runs: (readonly string[])[] } {
  const runs: (readonly string[])[] = [];
  return { interactive, awsCliFound: () => awsCli, run: async (args) => (runs.push(args), 0), runs };
}

describe('sshWorker', () => {
  beforeEach(() => {
    ec2.reset();
    ec2.on(DescribeInstancesCommand).resolves(reservations(instance({ id: ID })));
  });

  it('runs aws ssm start-session on a terminal with the AWS CLI', async () => {
    const session = runner(true, true);

    expect(await sshWorker(captureDeps().deps, dev, ID, session)).toBe(0);
    expect(session.runs).toEqual([['aws', 'ssm', 'start-session', '--target', ID, '--region', 'us-east-1']]);
  });

  it.each([
    ['without a terminal', false, true],
    ['without the AWS CLI', true, false],
  ])('prints the command %s, with the plugin hint', async (_, interactive, awsCli) => {
    const session = runner(interactive, awsCli);
    const { deps, out, warn } = captureDeps();

    await sshWorker(deps, dev, ID, session);

    expect(session.runs).toEqual([]);
    expect(out).toEqual([`aws ssm start-session --target ${ID} --region us-east-1`]);
    expect(warn[0]).toMatch(/Session Manager plugin/);
  });

  it('refuses an instance that is not one of the environment’s workers', async () => {
    ec2.on(DescribeInstancesCommand).resolves(reservations(instance({ id: ID, env: 'staging' })));

    await expect(sshWorker(captureDeps().deps, dev, ID, runner(true, true))).rejects.toThrow(`${ID} is not a worker of environment dev, region us-east-1`);
  });

  it('refuses a stopped worker: Session Manager needs it running', async () => {
    ec2.on(DescribeInstancesCommand).resolves(reservations(instance({ id: ID, state: 'stopped' })));

    await expect(sshWorker(captureDeps().deps, dev, ID, runner(true, true))).rejects.toThrow(`${ID} is stopped, not running`);
  });
});
