/**
 * The CI plan role of every environment, simulated with its synthesized inline policy, the AWS
 * managed policy ReadOnlyAccess (vendored excerpt, see aws-managed-policies.ts) and the
 * environment's permission boundary: it reads what `terraform plan` reads and takes the state
 * lock, and writes no infrastructure, reads no generation record and no secret value.
 */
import * as iamSimulate from '@cloud-copilot/iam-simulate';
import { Naming } from '@llm/naming';
import { READ_ONLY_ACCESS_SERVICES } from './aws-managed-policies';
import { pipelineFunctionFacts } from './facts';
import { FOREIGN_ROLE_NAME, INSTANCE_ID, RECORD_KEY, VPC_ID, regionOutside, synthesizeAllEnvironments } from './fixtures';
import { createSimulator, itMeetsEachRow, type AccessRow } from './simulation';
import type { SynthesizedRole } from './synthesized-iam';

const project = synthesizeAllEnvironments();
const simulator = createSimulator(iamSimulate, project);
const roles = project.rolesOfKind('ci-plan');

function planRows(role: SynthesizedRole): AccessRow[] {
  const { env } = role;
  const naming = new Naming(env);
  const account = env.accountId;
  const partition = role.arn.split(':')[1];
  const stateBucketArn = naming.bucketArn(naming.stateBucketName);
  const stateKey = `${stateBucketArn}/${naming.stateKey(naming.stackName('global'))}`;
  const lockKey = `${stateKey}.tflock`;
  const outside = regionOutside(env);
  const functions = project.rolesOfKind('pipeline-function').filter((candidate) => candidate.env === env);
  const deployRole = project.rolesOfKind('ci-deploy').find((candidate) => candidate.env === env);

  const rows: AccessRow[] = [
    // What `terraform plan` does: read everything, read state, take and release the lock.
    ...env.regions.map((entry): AccessRow => ({
      note: `reading the network in ${entry.region}`,
      request: { action: 'ec2:DescribeVpcs', resource: '*', region: entry.region },
      expect: 'allow',
    })),
    { note: 'listing the state bucket', request: { action: 's3:ListBucket', resource: stateBucketArn }, expect: 'allow' },
    { note: 'reading state', request: { action: 's3:GetObject', resource: stateKey }, expect: 'allow' },
    { note: 'taking the state lock (use_lockfile)', request: { action: 's3:PutObject', resource: lockKey }, expect: 'allow' },
    { note: 'releasing the state lock', request: { action: 's3:DeleteObject', resource: lockKey }, expect: 'allow' },
    { note: 'reading the permission boundary', request: { action: 'iam:GetPolicyVersion', resource: role.boundaryArn ?? '' }, expect: 'allow' },
    { note: 'who am I', request: { action: 'sts:GetCallerIdentity', resource: '*' }, expect: 'allow' },
    {
      note: 'reading the budget',
      request: { action: 'budgets:ViewBudget', resource: `arn:${partition}:budgets::${account}:budget/${naming.budgetName}` },
      expect: 'allow',
    },

    // Writing the state itself, or its bucket.
    { note: 'overwriting state', request: { action: 's3:PutObject', resource: stateKey }, expect: 'deny:implicit' },
    { note: 'deleting state', request: { action: 's3:DeleteObject', resource: stateKey }, expect: 'deny:implicit' },
    { note: 'deleting a state version', request: { action: 's3:DeleteObjectVersion', resource: stateKey }, expect: 'deny:boundary:DenyStateBucketChanges' },
    {
      note: "changing the state bucket's policy",
      request: { action: 's3:PutBucketPolicy', resource: stateBucketArn },
      expect: 'deny:boundary:DenyStateBucketChanges',
    },

    // No infrastructure writes.
    ...env.regions.map((entry): AccessRow => ({
      note: `creating a VPC in ${entry.region}`,
      request: { action: 'ec2:CreateVpc', resource: `arn:${partition}:ec2:${entry.region}:${account}:vpc/${VPC_ID}` },
      expect: 'deny:implicit',
    })),
    {
      note: 'terminating an instance',
      request: { action: 'ec2:TerminateInstances', resource: `arn:${partition}:ec2:${naming.primaryRegion}:${account}:instance/${INSTANCE_ID}` },
      expect: 'deny:implicit',
    },
    {
      note: 'creating a role, even with the boundary',
      request: {
        action: 'iam:CreateRole',
        resource: `arn:${partition}:iam::${account}:role/llm-platform-${env.name}-global-extra`,
        context: { 'iam:PermissionsBoundary': role.boundaryArn ?? '' },
      },
      expect: 'deny:implicit',
    },
    {
      note: 'changing a role outside the project',
      request: { action: 'iam:AttachRolePolicy', resource: `arn:${partition}:iam::${account}:role/${FOREIGN_ROLE_NAME}` },
      expect: 'deny:boundary:DenyIamOutsideEnvironment',
    },
    {
      note: 'changing the permission boundary',
      request: { action: 'iam:CreatePolicyVersion', resource: role.boundaryArn ?? '' },
      expect: 'deny:boundary:DenyBoundaryChanges',
    },
    ...(deployRole
      ? [{ note: 'assuming the deploy role', request: { action: 'sts:AssumeRole', resource: deployRole.arn }, expect: 'deny:implicit' } satisfies AccessRow]
      : []),
    {
      note: `reading the network in ${outside}, outside ${env.name}'s regions`,
      request: { action: 'ec2:DescribeVpcs', resource: '*', region: outside },
      expect: 'deny:boundary:DenyOutsideEnvironmentRegions',
    },
  ];

  for (const fn of functions) {
    const facts = pipelineFunctionFacts(project, fn);
    const region = fn.stack.region;
    rows.push(
      { note: `reading the pipeline function in ${region}`, request: { action: 'lambda:GetFunction', resource: facts.functionArn }, expect: 'allow' },
      { note: `reading the pipeline role in ${region}`, request: { action: 'iam:GetRole', resource: fn.arn }, expect: 'allow' },
      { note: `describing the API key secret in ${region}`, request: { action: 'secretsmanager:DescribeSecret', resource: facts.secretArn }, expect: 'allow' },
      { note: `reading the output bucket's policy in ${region}`, request: { action: 's3:GetBucketPolicy', resource: facts.bucketArn }, expect: 'allow' },
      { note: `reading the alert topic in ${region}`, request: { action: 'sns:GetTopicAttributes', resource: naming.alertTopicArn(region) }, expect: 'allow' },

      { note: `writing a record in ${region}`, request: { action: 's3:PutObject', resource: `${facts.bucketArn}/${RECORD_KEY}` }, expect: 'deny:implicit' },
      { note: `deploying function code in ${region}`, request: { action: 'lambda:UpdateFunctionCode', resource: facts.functionArn }, expect: 'deny:implicit' },
      { note: `invoking the pipeline in ${region}`, request: { action: 'lambda:InvokeFunction', resource: facts.functionArn }, expect: 'deny:implicit' },
      { note: `rewriting the pipeline role's policy in ${region}`, request: { action: 'iam:PutRolePolicy', resource: fn.arn }, expect: 'deny:implicit' },
      {
        note: `passing the pipeline role in ${region}`,
        request: { action: 'iam:PassRole', resource: fn.arn, context: { 'iam:PassedToService': 'lambda.amazonaws.com' } },
        expect: 'deny:implicit',
      },

      // Data: never a generation record or a secret value, though ReadOnlyAccess grants s3:Get*.
      {
        note: `reading a generation record in ${region}`,
        request: { action: 's3:GetObject', resource: `${facts.bucketArn}/${RECORD_KEY}` },
        expect: 'deny:identity:NoDataObjects',
      },
      {
        note: `reading an old version of a record in ${region}`,
        request: { action: 's3:GetObjectVersion', resource: `${facts.bucketArn}/${RECORD_KEY}` },
        expect: 'deny:identity:NoDataObjects',
      },
      {
        note: `reading the API key in ${region}`,
        request: { action: 'secretsmanager:GetSecretValue', resource: facts.secretArn },
        expect: 'deny:identity:NoSecretValues',
      },
    );
    if (facts.secretKeyArn) {
      // Through Secrets Manager the key policy lets any principal of the account decrypt: the gate
      // is secretsmanager:GetSecretValue, denied above. Directly, nothing lets the plan role decrypt.
      rows.push(
        {
          note: `describing the secret's key in ${region}`,
          request: { action: 'kms:DescribeKey', resource: facts.secretKeyArn, context: { 'kms:CallerAccount': account } },
          expect: 'allow',
        },
        {
          note: `decrypting with the secret's key directly in ${region}`,
          request: { action: 'kms:Decrypt', resource: facts.secretKeyArn, context: { 'kms:CallerAccount': account } },
          expect: 'deny:implicit',
        },
      );
    }
    if (facts.promptTextLogged) {
      // The pipeline logs prompts and outputs here: the same data as the records.
      const stream = `${facts.logGroupArn}:log-stream:2026/11/27/[$LATEST]0123456789abcdef0123456789abcdef`;
      rows.push(
        { note: `reading prompt text from the function logs in ${region}`, request: { action: 'logs:GetLogEvents', resource: stream }, expect: 'deny' },
        {
          note: `searching prompt text in the function logs in ${region}`,
          request: { action: 'logs:FilterLogEvents', resource: facts.logGroupArn },
          expect: 'deny',
        },
        { note: `querying prompt text in the function logs in ${region}`, request: { action: 'logs:StartQuery', resource: facts.logGroupArn }, expect: 'deny' },
      );
    }
  }
  return rows;
}

describe('least privilege: the CI plan role', () => {
  it('exists once per environment, named by the ci_plan_role_arn output', () => {
    expect(roles.map((role) => role.env.name)).toEqual([...new Set(project.stacks.map((stack) => stack.env.name))]);
  });

  it('attaches ReadOnlyAccess, and its table asks ReadOnlyAccess only about services the vendored excerpt keeps', () => {
    for (const role of roles) {
      expect(role.identityPolicies.map((policy) => policy.name)).toContain(`managed:arn:aws:iam::aws:policy/ReadOnlyAccess`);
      const services = new Set(planRows(role).map((row) => row.request.action.split(':')[0]));
      expect([...services].filter((service) => !(READ_ONLY_ACCESS_SERVICES as readonly string[]).includes(service))).toEqual([]);
    }
  });

  describe.each(roles.map((role) => ({ label: `${role.name} (${role.env.name})`, role })))('$label', ({ role }) => {
    itMeetsEachRow(simulator, role, planRows(role));
  });
});
