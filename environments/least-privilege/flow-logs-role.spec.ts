/**
 * The VPC flow-logs role of every regional stack, simulated with its synthesized inline policy and
 * the environment's permission boundary: the flow-logs service of its own account writes streams
 * of its own log group, and the role can do nothing else.
 */
import * as iamSimulate from '@cloud-copilot/iam-simulate';
import { flowLogsFacts } from './facts';
import { regionOutside, synthesizeAllEnvironments } from './fixtures';
import { createSimulator, itMeetsEachRow, type AccessRow } from './simulation';
import type { SynthesizedRole } from './synthesized-iam';

const project = synthesizeAllEnvironments();
const simulator = createSimulator(iamSimulate, project);
const roles = project.rolesOfKind('vpc-flow-logs');

function flowLogsRows(role: SynthesizedRole): AccessRow[] {
  const { env } = role;
  const region = role.stack.region;
  const account = env.accountId;
  const partition = role.arn.split(':')[1];
  const { logGroupArn } = flowLogsFacts(project, role);
  const stream = `${logGroupArn}:log-stream:eni-0123456789abcdef0-all`;
  const outside = regionOutside(env);
  const groupName = logGroupArn.split(':log-group:')[1];
  const functionGroup = `arn:${partition}:logs:${region}:${account}:log-group:/aws/lambda/llm-platform-${env.name}-${region}-api`;
  return [
    { note: 'a stream of its own log group', request: { action: 'logs:CreateLogStream', resource: stream }, expect: 'allow' },
    { note: 'flow records to its own log group', request: { action: 'logs:PutLogEvents', resource: stream }, expect: 'allow' },
    { note: 'the streams of its own log group', request: { action: 'logs:DescribeLogStreams', resource: logGroupArn }, expect: 'allow' },

    { note: "the pipeline function's log group", request: { action: 'logs:PutLogEvents', resource: `${functionGroup}:log-stream:x` }, expect: 'deny:implicit' },
    { note: 'a stream in another log group', request: { action: 'logs:CreateLogStream', resource: `${functionGroup}:log-stream:x` }, expect: 'deny:implicit' },
    {
      note: 'a log group whose name only starts like its own',
      request: { action: 'logs:PutLogEvents', resource: `${logGroupArn}-copy:log-stream:x` },
      expect: 'deny:implicit',
    },
    {
      note: 'creating a log group (Terraform creates it)',
      request: { action: 'logs:CreateLogGroup', resource: `${logGroupArn}-new` },
      expect: 'deny:implicit',
    },
    { note: 'deleting its log group', request: { action: 'logs:DeleteLogGroup', resource: logGroupArn }, expect: 'deny:implicit' },
    { note: 'shortening its retention', request: { action: 'logs:PutRetentionPolicy', resource: logGroupArn }, expect: 'deny:implicit' },
    { note: 'deleting a stream', request: { action: 'logs:DeleteLogStream', resource: stream }, expect: 'deny:implicit' },
    { note: 'reading the flow records back', request: { action: 'logs:GetLogEvents', resource: stream }, expect: 'deny:implicit' },
    {
      note: `the same log group name in ${outside}, outside ${env.name}'s regions`,
      request: { action: 'logs:PutLogEvents', resource: `arn:${partition}:logs:${outside}:${account}:log-group:${groupName}:log-stream:x` },
      expect: 'deny:boundary:DenyOutsideEnvironmentRegions',
    },
    {
      note: "another account's log group of the same name",
      request: { action: 'logs:PutLogEvents', resource: `arn:${partition}:logs:${region}:999999999999:log-group:${groupName}:log-stream:x` },
      expect: 'deny:implicit',
    },
    {
      note: 'writing to S3',
      request: { action: 's3:PutObject', resource: `arn:${partition}:s3:::llm-platform-${env.name}-${region}-generations-${account}/x` },
      expect: 'deny:implicit',
    },
    { note: 'describing flow logs', request: { action: 'ec2:DescribeFlowLogs', resource: '*' }, expect: 'deny:implicit' },
    {
      note: 'passing itself to a service',
      request: { action: 'iam:PassRole', resource: role.arn, context: { 'iam:PassedToService': 'vpc-flow-logs.amazonaws.com' } },
      expect: 'deny:implicit',
    },
    { note: 'rewriting its own policy', request: { action: 'iam:PutRolePolicy', resource: role.arn }, expect: 'deny:implicit' },
  ];
}

describe('least privilege: the VPC flow-logs role', () => {
  it('exists in every stack with a VPC, as the role its flow log uses', () => {
    const vpcStacks = project.stacks.filter((stack) => stack.json.resource?.aws_vpc);
    expect(roles.map((role) => role.stack.name)).toEqual(vpcStacks.map((stack) => stack.name));
    expect(roles.length).toBeGreaterThanOrEqual(6);
  });

  describe.each(roles.map((role) => ({ label: `${role.name} (${role.stack.name})`, role })))('$label', ({ role }) => {
    itMeetsEachRow(simulator, role, flowLogsRows(role));

    const account = role.env.accountId;
    const region = role.stack.region;
    const flowLogArn = (where: string, acct: string) => `arn:${role.arn.split(':')[1]}:ec2:${where}:${acct}:vpc-flow-log/fl-0123456789abcdef0`;
    const trustRows: ReadonlyArray<{ title: string; principal: string; context: Record<string, string>; expect: string }> = [
      {
        title: "may be assumed by the flow-logs service for this account's flow logs",
        principal: 'vpc-flow-logs.amazonaws.com',
        context: { 'aws:SourceAccount': account, 'aws:SourceArn': flowLogArn(region, account) },
        expect: 'Allowed',
      },
      {
        title: 'may not be assumed for a flow log of another region',
        principal: 'vpc-flow-logs.amazonaws.com',
        context: { 'aws:SourceAccount': account, 'aws:SourceArn': flowLogArn(regionOutside(role.env), account) },
        expect: 'ImplicitlyDenied',
      },
      {
        title: 'may not be assumed for another account (confused deputy)',
        principal: 'vpc-flow-logs.amazonaws.com',
        context: { 'aws:SourceAccount': '999999999999', 'aws:SourceArn': flowLogArn(region, '999999999999') },
        expect: 'ImplicitlyDenied',
      },
      {
        title: 'may not be assumed by another service',
        principal: 'lambda.amazonaws.com',
        context: { 'aws:SourceAccount': account, 'aws:SourceArn': flowLogArn(region, account) },
        expect: 'ImplicitlyDenied',
      },
    ];
    it.each(trustRows)('trust policy: $title', async ({ principal, context, expect: expected }) => {
      expect((await simulator.decideTrust(role, principal, 'sts:AssumeRole', context)).result).toBe(expected);
    });
  });
});
