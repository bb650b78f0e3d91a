/**
 * The worker janitor's role in every region with workers, simulated with its synthesized inline
 * policy and the environment's permission boundary: it ends and deletes only what carries its
 * environment's worker tags and is not managed by Terraform, marks leftovers with its one tag,
 * writes records under janitor/ of its bucket, and can do nothing else.
 */
import * as iamSimulate from '@cloud-copilot/iam-simulate';
import { validateEnvironments } from '@llm/config';
import { ENVIRONMENTS } from '@llm/environments';
import { MANAGED_BY, Naming, WORKER_TAGS } from '@llm/naming';
import { INSTANCE_ID, otherEnvironment, regionOutside, synthesizeAllEnvironments } from './fixtures';
import { createSimulator, itMeetsEachRow, type AccessRow } from './simulation';
import type { SynthesizedRole } from './synthesized-iam';

const project = synthesizeAllEnvironments();
const simulator = createSimulator(iamSimulate, project);
const roles = project.rolesOfKind('janitor-function');

function janitorRows(role: SynthesizedRole): AccessRow[] {
  const { env } = role;
  const region = role.stack.region;
  const account = env.accountId;
  const partition = role.arn.split(':')[1];
  const naming = new Naming(env);
  const other = otherEnvironment(project, env);
  const outside = regionOutside(env);
  const ec2 = (type: string, id: string, where = region) => `arn:${partition}:ec2:${where}:${account}:${type}/${id}`;
  const tagged = (tags: Record<string, string>) => Object.fromEntries(Object.entries(tags).map(([key, value]) => [`aws:ResourceTag/${key}`, value]));
  const worker = tagged({ Project: 'llm-platform', Environment: env.name, Role: WORKER_TAGS.roleValue });
  const instance = ec2('instance', INSTANCE_ID);
  const volume = ec2('volume', 'vol-0123456789abcdef0');
  const keyPair = ec2('key-pair', 'key-0123456789abcdef0');
  const group = ec2('security-group', 'sg-0123456789abcdef0');
  const bucketArn = naming.bucketArn(naming.outputBucketName(region));
  const markOnly = { ...worker, 'aws:TagKeys': [WORKER_TAGS.unusedSince] };

  return [
    // What the janitor does.
    { note: 'finding instances (Describe* has no resources)', request: { action: 'ec2:DescribeInstances', resource: '*' }, expect: 'allow' },
    { note: 'finding volumes', request: { action: 'ec2:DescribeVolumes', resource: '*' }, expect: 'allow' },
    { note: 'finding key pairs', request: { action: 'ec2:DescribeKeyPairs', resource: '*' }, expect: 'allow' },
    { note: 'finding security groups', request: { action: 'ec2:DescribeSecurityGroups', resource: '*' }, expect: 'allow' },
    { note: 'finding what uses a security group', request: { action: 'ec2:DescribeNetworkInterfaces', resource: '*' }, expect: 'allow' },
    { note: 'terminating a worker of its environment', request: { action: 'ec2:TerminateInstances', resource: instance, context: worker }, expect: 'allow' },
    {
      note: 'stopping a worker of its environment (budget alert)',
      request: { action: 'ec2:StopInstances', resource: instance, context: worker },
      expect: 'allow',
    },
    { note: "deleting a worker's leftover volume", request: { action: 'ec2:DeleteVolume', resource: volume, context: worker }, expect: 'allow' },
    { note: "deleting a worker's key pair", request: { action: 'ec2:DeleteKeyPair', resource: keyPair, context: worker }, expect: 'allow' },
    { note: "deleting a worker's security group", request: { action: 'ec2:DeleteSecurityGroup', resource: group, context: worker }, expect: 'allow' },
    { note: 'marking a leftover unused (its one tag)', request: { action: 'ec2:CreateTags', resource: volume, context: markOnly }, expect: 'allow' },
    { note: 'removing its mark', request: { action: 'ec2:DeleteTags', resource: volume, context: markOnly }, expect: 'allow' },
    {
      note: 'a record under janitor/ of its bucket',
      request: { action: 's3:PutObject', resource: `${bucketArn}/janitor/2026/12/03/run.jsonl` },
      expect: 'allow',
    },

    // Nothing without its environment's worker tags.
    { note: 'terminating an untagged instance', request: { action: 'ec2:TerminateInstances', resource: instance }, expect: 'deny:implicit' },
    {
      note: 'terminating a project instance that is not a worker',
      request: { action: 'ec2:TerminateInstances', resource: instance, context: tagged({ Project: 'llm-platform', Environment: env.name }) },
      expect: 'deny:implicit',
    },
    {
      note: `terminating a worker tagged for ${other.name}`,
      request: { action: 'ec2:TerminateInstances', resource: instance, context: tagged({ Project: 'llm-platform', Environment: other.name, Role: 'worker' }) },
      expect: 'deny:implicit',
    },
    {
      note: "terminating another project's worker",
      request: { action: 'ec2:TerminateInstances', resource: instance, context: tagged({ Project: 'other', Environment: env.name, Role: 'worker' }) },
      expect: 'deny:implicit',
    },
    { note: 'deleting an untagged volume', request: { action: 'ec2:DeleteVolume', resource: volume }, expect: 'deny:implicit' },
    {
      note: 'deleting the Terraform-managed worker security group',
      request: { action: 'ec2:DeleteSecurityGroup', resource: group, context: { ...worker, 'aws:ResourceTag/ManagedBy': MANAGED_BY } },
      expect: 'deny:implicit',
    },
    { note: 'deleting an untagged security group', request: { action: 'ec2:DeleteSecurityGroup', resource: group }, expect: 'deny:implicit' },
    {
      note: 'tagging a leftover with another tag',
      request: { action: 'ec2:CreateTags', resource: volume, context: { ...worker, 'aws:TagKeys': ['Environment'] } },
      expect: 'deny:implicit',
    },
    {
      note: 'tagging an untagged volume',
      request: { action: 'ec2:CreateTags', resource: volume, context: { 'aws:TagKeys': [WORKER_TAGS.unusedSince] } },
      expect: 'deny:implicit',
    },
    { note: 'tagging an instance', request: { action: 'ec2:CreateTags', resource: instance, context: markOnly }, expect: 'deny:implicit' },
    {
      note: `terminating a worker in ${outside}, outside ${env.name}'s regions`,
      request: { action: 'ec2:TerminateInstances', resource: ec2('instance', INSTANCE_ID, outside), context: worker },
      expect: 'deny:boundary:DenyOutsideEnvironmentRegions',
    },

    // Nothing else of EC2, S3 or IAM.
    { note: 'launching an instance', request: { action: 'ec2:RunInstances', resource: instance, context: worker }, expect: 'deny:implicit' },
    { note: 'starting a stopped worker', request: { action: 'ec2:StartInstances', resource: instance, context: worker }, expect: 'deny:implicit' },
    {
      note: "changing a worker's security group rules",
      request: { action: 'ec2:AuthorizeSecurityGroupIngress', resource: group, context: worker },
      expect: 'deny:implicit',
    },
    {
      note: 'deleting a snapshot',
      request: { action: 'ec2:DeleteSnapshot', resource: ec2('snapshot', 'snap-0123456789abcdef0').replace(`:${account}:`, '::') },
      expect: 'deny:implicit',
    },
    { note: 'writing outside janitor/', request: { action: 's3:PutObject', resource: `${bucketArn}/generations/x.json` }, expect: 'deny:implicit' },
    { note: 'reading a generation', request: { action: 's3:GetObject', resource: `${bucketArn}/generations/x.json` }, expect: 'deny:implicit' },
    { note: 'deleting a record', request: { action: 's3:DeleteObject', resource: `${bucketArn}/janitor/2026/12/03/run.jsonl` }, expect: 'deny:implicit' },
    {
      note: 'passing the worker role',
      request: { action: 'iam:PassRole', resource: `arn:${partition}:iam::${account}:role/${naming.workerRoleName(region)}` },
      expect: 'deny:implicit',
    },
  ];
}

describe('least privilege: the worker janitor role', () => {
  it('exists in every regional stack with workers, as the role of its janitor function', () => {
    const withWorkers = project.stacks.filter((stack) => stack.json.resource?.aws_launch_template);
    expect(roles.map((role) => role.stack.name)).toEqual(withWorkers.map((stack) => stack.name));
    // Exactly the regions whose configuration has workers (today dev's and staging's primary regions).
    const configured = validateEnvironments(ENVIRONMENTS).flatMap((env) =>
      env.regions.filter((entry) => entry.workers).map((entry) => new Naming(env).stackName(entry.region)),
    );
    expect(configured.length).toBeGreaterThan(0);
    expect(roles.map((role) => role.stack.name).sort()).toEqual(configured.sort());
  });

  describe.each(roles.map((role) => ({ label: `${role.name} (${role.stack.name})`, role })))('$label', ({ role }) => {
    itMeetsEachRow(simulator, role, janitorRows(role));
  });
});
