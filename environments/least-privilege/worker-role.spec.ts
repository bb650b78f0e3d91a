/**
 * The role of on-demand workers (their instance profile) in every region with workers, simulated
 * with its synthesized inline policy and the environment's permission boundary: Session Manager,
 * its own log group and, where configured, reading generations/ of its bucket; nothing else, so a
 * process on a worker can neither reach other data nor launch, end or re-role anything.
 */
import * as iamSimulate from '@cloud-copilot/iam-simulate';
import { validateEnvironments } from '@llm/config';
import { ENVIRONMENTS } from '@llm/environments';
import { Naming } from '@llm/naming';
import { INSTANCE_ID, synthesizeAllEnvironments } from './fixtures';
import { createSimulator, itMeetsEachRow, type AccessRow } from './simulation';
import type { SynthesizedRole } from './synthesized-iam';

const project = synthesizeAllEnvironments();
const simulator = createSimulator(iamSimulate, project);
const roles = project.rolesOfKind('worker-instance');
const configs = validateEnvironments(ENVIRONMENTS);

function workerRows(role: SynthesizedRole): AccessRow[] {
  const { env } = role;
  const region = role.stack.region;
  const account = env.accountId;
  const partition = role.arn.split(':')[1];
  const naming = new Naming(env);
  const workers = configs.find((candidate) => candidate.name === env.name)?.regions.find((entry) => entry.region === region)?.workers;
  const instance = `arn:${partition}:ec2:${region}:${account}:instance/${INSTANCE_ID}`;
  const logGroup = `arn:${partition}:logs:${region}:${account}:log-group:${naming.workerLogGroupName(region)}`;
  const bucketArn = naming.bucketArn(naming.outputBucketName(region));
  const generation = `${bucketArn}/generations/2026/12/03/x.json`;

  return [
    { note: 'registering with Session Manager', request: { action: 'ssm:UpdateInstanceInformation', resource: instance }, expect: 'allow' },
    { note: 'opening a Session Manager control channel', request: { action: 'ssmmessages:CreateControlChannel', resource: '*' }, expect: 'allow' },
    { note: 'opening a Session Manager data channel', request: { action: 'ssmmessages:OpenDataChannel', resource: '*' }, expect: 'allow' },
    { note: 'a stream of its own log group', request: { action: 'logs:CreateLogStream', resource: `${logGroup}:log-stream:i-1` }, expect: 'allow' },
    { note: 'log events to its own log group', request: { action: 'logs:PutLogEvents', resource: `${logGroup}:log-stream:i-1` }, expect: 'allow' },
    workers?.readGenerations
      ? { note: 'reading a generation (readGenerations is on)', request: { action: 's3:GetObject', resource: generation }, expect: 'allow' }
      : { note: 'reading a generation (readGenerations is off)', request: { action: 's3:GetObject', resource: generation }, expect: 'deny:implicit' },

    {
      note: "the pipeline function's log group",
      request: {
        action: 'logs:PutLogEvents',
        resource: `arn:${partition}:logs:${region}:${account}:log-group:/aws/lambda/${naming.functionName(region)}:log-stream:x`,
      },
      expect: 'deny:implicit',
    },
    { note: 'writing a generation', request: { action: 's3:PutObject', resource: generation }, expect: 'deny:implicit' },
    {
      note: 'reading the janitor records',
      request: { action: 's3:GetObject', resource: `${bucketArn}/janitor/2026/12/03/run.jsonl` },
      expect: 'deny:implicit',
    },
    {
      note: 'the OpenAI API key',
      request: { action: 'secretsmanager:GetSecretValue', resource: naming.apiKeySecretArnPattern(region).replace('??????', 'AbC123') },
      expect: 'deny:implicit',
    },
    { note: 'running commands on other instances', request: { action: 'ssm:SendCommand', resource: instance }, expect: 'deny:implicit' },
    {
      note: 'reading parameters',
      request: { action: 'ssm:GetParameter', resource: `arn:${partition}:ssm:${region}:${account}:parameter/${'x'}` },
      expect: 'deny:implicit',
    },
    { note: 'launching another instance', request: { action: 'ec2:RunInstances', resource: instance }, expect: 'deny:implicit' },
    { note: 'terminating an instance', request: { action: 'ec2:TerminateInstances', resource: instance }, expect: 'deny:implicit' },
    { note: 'removing its own ExpiresAt tag', request: { action: 'ec2:DeleteTags', resource: instance }, expect: 'deny:implicit' },
    { note: 'passing its role on', request: { action: 'iam:PassRole', resource: role.arn }, expect: 'deny:implicit' },
    {
      note: 'assuming another role',
      request: { action: 'sts:AssumeRole', resource: `arn:${partition}:iam::${account}:role/${naming.roleName(region, 'api')}` },
      expect: 'deny:implicit',
    },
  ];
}

describe('least privilege: the worker instance role', () => {
  it('exists in every regional stack with workers, as the role of its instance profile', () => {
    const withWorkers = configs.flatMap((env) => env.regions.filter((entry) => entry.workers).map((entry) => new Naming(env).stackName(entry.region)));
    expect(withWorkers.length).toBeGreaterThan(0);
    expect(roles.map((role) => role.stack.name).sort()).toEqual(withWorkers.sort());
  });

  describe.each(roles.map((role) => ({ label: `${role.name} (${role.stack.name})`, role })))('$label', ({ role }) => {
    itMeetsEachRow(simulator, role, workerRows(role));

    it('trust policy: may be assumed by EC2 (for its instance profile), by no other service', async () => {
      expect((await simulator.decideTrust(role, 'ec2.amazonaws.com', 'sts:AssumeRole', {})).result).toBe('Allowed');
      expect((await simulator.decideTrust(role, 'lambda.amazonaws.com', 'sts:AssumeRole', { 'aws:SourceAccount': role.env.accountId })).result).toBe(
        'ImplicitlyDenied',
      );
    });
  });
});
