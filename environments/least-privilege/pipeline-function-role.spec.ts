/**
 * The pipeline function's execution role (ApiRole) in every regional stack, simulated with its
 * synthesized inline policy, the environment's permission boundary and the resource's own policy:
 * it reads its one secret, writes records under generations/ of its one bucket, writes its own
 * logs and traces, and nothing else, anywhere else.
 */
import * as iamSimulate from '@cloud-copilot/iam-simulate';
import { Naming } from '@llm/naming';
import { ENI_ID, FOREIGN_ROLE_NAME, LAMBDA_LOG_STREAM, RECORD_KEY, otherEnvironment, regionOutside, synthesizeAllEnvironments } from './fixtures';
import { pipelineFunctionFacts } from './facts';
import { createSimulator, itMeetsEachRow, type AccessRow } from './simulation';
import type { ProjectIam, SynthesizedRole } from './synthesized-iam';

const project = synthesizeAllEnvironments();
const simulator = createSimulator(iamSimulate, project);
const roles = project.rolesOfKind('pipeline-function');

function pipelineRows(project: ProjectIam, role: SynthesizedRole): AccessRow[] {
  const { env } = role;
  const region = role.stack.region;
  const account = env.accountId;
  const partition = role.arn.split(':')[1];
  const facts = pipelineFunctionFacts(project, role);
  const secretName = facts.secretArn.split(':secret:')[1].replace(/-[A-Za-z0-9]{6}$/, '');
  const secretIn = (where: string, acct: string, name: string) => `arn:${partition}:secretsmanager:${where}:${acct}:secret:${name}-AbC123`;
  const outside = regionOutside(env);
  const otherEnvRegions = env.regions.map((entry) => entry.region).filter((candidate) => candidate !== region);
  const other = otherEnvironment(project, env);
  const naming = new Naming(env);
  const stateBucketArn = naming.bucketArn(naming.stateBucketName);
  const deployRole = project.rolesOfKind('ci-deploy').find((candidate) => candidate.env === env);
  const flowLogsRole = project.rolesOfKind('vpc-flow-logs').find((candidate) => candidate.stack === role.stack);
  const kmsVia = (service: string) => ({ 'kms:ViaService': `${service}.${region}.amazonaws.com`, 'kms:CallerAccount': account });
  const iamRole = (name: string) => `arn:${partition}:iam::${account}:role/${name}`;

  const rows: AccessRow[] = [
    // What the handler does.
    {
      note: 'its own secret, the ARN its OPENAI_API_KEY_SECRET_ARN names',
      request: { action: 'secretsmanager:GetSecretValue', resource: facts.secretArn },
      expect: 'allow',
    },
    { note: 'a record under generations/ of its bucket', request: { action: 's3:PutObject', resource: `${facts.bucketArn}/${RECORD_KEY}` }, expect: 'allow' },
    {
      note: 'a stream of its log group',
      request: { action: 'logs:CreateLogStream', resource: `${facts.logGroupArn}:log-stream:${LAMBDA_LOG_STREAM}` },
      expect: 'allow',
    },
    {
      note: 'its log group stream',
      request: { action: 'logs:PutLogEvents', resource: `${facts.logGroupArn}:log-stream:${LAMBDA_LOG_STREAM}` },
      expect: 'allow',
    },
    { note: 'traces (X-Ray has no resource-level permissions)', request: { action: 'xray:PutTraceSegments', resource: '*' }, expect: 'allow' },
    { note: 'trace telemetry', request: { action: 'xray:PutTelemetryRecords', resource: '*' }, expect: 'allow' },

    // Other secrets.
    {
      note: 'another secret of its environment and region',
      request: { action: 'secretsmanager:GetSecretValue', resource: secretIn(region, account, `llm-platform/${env.name}/${region}/other-api-key`) },
      expect: 'deny:implicit',
    },
    {
      note: 'a secret whose name only starts like its own',
      request: { action: 'secretsmanager:GetSecretValue', resource: secretIn(region, account, `${secretName}-old`) },
      expect: 'deny:implicit',
    },
    ...otherEnvRegions.map((where): AccessRow => ({
      note: `the same secret name in ${where}, another region of ${env.name}`,
      request: { action: 'secretsmanager:GetSecretValue', resource: secretIn(where, account, secretName.replace(region, where)) },
      expect: 'deny:implicit',
    })),
    {
      note: `the same secret name in ${outside}, outside ${env.name}'s regions`,
      request: { action: 'secretsmanager:GetSecretValue', resource: secretIn(outside, account, secretName.replace(region, outside)) },
      expect: 'deny:boundary:DenyOutsideEnvironmentRegions',
    },
    {
      note: `${other.name}'s secret, in ${other.name}'s account ${other.accountId}`,
      request: { action: 'secretsmanager:GetSecretValue', resource: secretIn(region, other.accountId, `llm-platform/${other.name}/${region}/openai-api-key`) },
      expect: 'deny:implicit',
    },
    { note: 'changing its secret', request: { action: 'secretsmanager:PutSecretValue', resource: facts.secretArn }, expect: 'deny:implicit' },

    // Its bucket: put only, under generations/ only, over TLS only.
    { note: 'deleting a record', request: { action: 's3:DeleteObject', resource: `${facts.bucketArn}/${RECORD_KEY}` }, expect: 'deny:implicit' },
    { note: 'reading a record back', request: { action: 's3:GetObject', resource: `${facts.bucketArn}/${RECORD_KEY}` }, expect: 'deny:implicit' },
    { note: 'changing a record ACL', request: { action: 's3:PutObjectAcl', resource: `${facts.bucketArn}/${RECORD_KEY}` }, expect: 'deny:implicit' },
    { note: 'listing the bucket', request: { action: 's3:ListBucket', resource: facts.bucketArn }, expect: 'deny:implicit' },
    { note: 'writing outside generations/', request: { action: 's3:PutObject', resource: `${facts.bucketArn}/uploads/x.json` }, expect: 'deny:implicit' },
    {
      note: 'a key that only starts like generations',
      request: { action: 's3:PutObject', resource: `${facts.bucketArn}/generations.json` },
      expect: 'deny:implicit',
    },
    {
      note: 'writing a record over plain HTTP (the bucket policy)',
      request: { action: 's3:PutObject', resource: `${facts.bucketArn}/${RECORD_KEY}`, context: { 'aws:SecureTransport': 'false' } },
      expect: 'deny:resource:DenyInsecureTransport',
    },
    {
      note: "the environment's Terraform state bucket",
      request: { action: 's3:PutObject', resource: `${stateBucketArn}/${RECORD_KEY}` },
      expect: 'deny:implicit',
    },
    {
      note: `${other.name}'s output bucket`,
      request: {
        action: 's3:PutObject',
        resource: `arn:${partition}:s3:::llm-platform-${other.name}-${region}-generations-${other.accountId}/${RECORD_KEY}`,
        resourceAccount: other.accountId,
      },
      expect: 'deny:implicit',
    },

    // Logs: its own group only, and Terraform creates the group.
    ...(flowLogsRole
      ? [
          {
            note: "the VPC flow-log group's stream",
            request: {
              action: 'logs:PutLogEvents',
              resource: `arn:${partition}:logs:${region}:${account}:log-group:/vpc-flow-logs/llm-platform-${env.name}-${region}:log-stream:x`,
            },
            expect: 'deny:implicit',
          } satisfies AccessRow,
        ]
      : []),
    {
      note: 'creating a log group',
      request: { action: 'logs:CreateLogGroup', resource: `arn:${partition}:logs:${region}:${account}:log-group:/aws/lambda/another-function` },
      expect: 'deny:implicit',
    },
    { note: 'deleting its log group', request: { action: 'logs:DeleteLogGroup', resource: facts.logGroupArn }, expect: 'deny:implicit' },
    {
      note: 'reading its own logs',
      request: { action: 'logs:GetLogEvents', resource: `${facts.logGroupArn}:log-stream:${LAMBDA_LOG_STREAM}` },
      expect: 'deny:implicit',
    },

    // Metrics leave as log lines, never through the API.
    {
      note: 'custom metrics through the API',
      request: { action: 'cloudwatch:PutMetricData', resource: '*', context: { 'cloudwatch:namespace': 'LlmPlatform' } },
      expect: 'deny:implicit',
    },

    // Identity: no IAM, no role chaining, no recursion.
    { note: 'rewriting its own policy', request: { action: 'iam:PutRolePolicy', resource: role.arn }, expect: 'deny:implicit' },
    {
      note: 'attaching a managed policy to itself',
      request: { action: 'iam:AttachRolePolicy', resource: role.arn, context: { 'iam:PolicyARN': `arn:${partition}:iam::aws:policy/AdministratorAccess` } },
      expect: 'deny:implicit',
    },
    {
      note: 'passing itself to a service',
      request: { action: 'iam:PassRole', resource: role.arn, context: { 'iam:PassedToService': 'lambda.amazonaws.com' } },
      expect: 'deny:implicit',
    },
    {
      note: 'creating a role, even with the boundary',
      request: {
        action: 'iam:CreateRole',
        resource: iamRole(`llm-platform-${env.name}-${region}-extra`),
        context: { 'iam:PermissionsBoundary': role.boundaryArn ?? '' },
      },
      expect: 'deny:implicit',
    },
    {
      note: 'changing a role outside the project',
      request: { action: 'iam:UpdateAssumeRolePolicy', resource: iamRole(FOREIGN_ROLE_NAME) },
      expect: 'deny:boundary:DenyIamOutsideEnvironment',
    },
    {
      note: 'creating an IAM user',
      request: { action: 'iam:CreateUser', resource: `arn:${partition}:iam::${account}:user/backdoor` },
      expect: 'deny:boundary:DenyIamUsers',
    },
    ...(deployRole
      ? [{ note: 'assuming the CI deploy role', request: { action: 'sts:AssumeRole', resource: deployRole.arn }, expect: 'deny:implicit' } satisfies AccessRow]
      : []),
    ...(flowLogsRole
      ? [
          {
            note: 'assuming the flow-logs role',
            request: { action: 'sts:AssumeRole', resource: flowLogsRole.arn },
            expect: 'deny:implicit',
          } satisfies AccessRow,
        ]
      : []),
    { note: 'invoking itself', request: { action: 'lambda:InvokeFunction', resource: facts.functionArn }, expect: 'deny:implicit' },
    { note: 'changing its own code', request: { action: 'lambda:UpdateFunctionCode', resource: facts.functionArn }, expect: 'deny:implicit' },

    // The boundary: nothing outside the environment's regions, whatever the identity policy says.
    {
      note: `traces sent to ${outside}`,
      request: { action: 'xray:PutTraceSegments', resource: '*', region: outside },
      expect: 'deny:boundary:DenyOutsideEnvironmentRegions',
    },
  ];

  // Network interfaces exist only for a function attached to a VPC.
  const eni = (where: string) => `arn:${partition}:ec2:${where}:${account}:network-interface/${ENI_ID}`;
  if (facts.vpcAttached) {
    rows.push(
      { note: 'its network interfaces (attached to the VPC)', request: { action: 'ec2:CreateNetworkInterface', resource: eni(region) }, expect: 'allow' },
      {
        note: `network interfaces in ${outside}`,
        request: { action: 'ec2:CreateNetworkInterface', resource: eni(outside) },
        expect: 'deny:boundary:DenyOutsideEnvironmentRegions',
      },
    );
  } else {
    rows.push({
      note: 'network interfaces (the function is not attached to a VPC)',
      request: { action: 'ec2:CreateNetworkInterface', resource: eni(region) },
      expect: 'deny:implicit',
    });
  }

  // KMS: with a customer-managed key on the secret, decrypt only through Secrets Manager.
  if (facts.secretKeyArn) {
    rows.push(
      {
        note: "its secret's key, through Secrets Manager",
        request: { action: 'kms:Decrypt', resource: facts.secretKeyArn, context: kmsVia('secretsmanager') },
        expect: 'allow',
      },
      {
        note: "its secret's key, called directly",
        request: { action: 'kms:Decrypt', resource: facts.secretKeyArn, context: { 'kms:CallerAccount': account } },
        expect: 'deny:implicit',
      },
      {
        note: "its secret's key, through S3",
        request: { action: 'kms:Decrypt', resource: facts.secretKeyArn, context: kmsVia('s3') },
        expect: 'deny:implicit',
      },
      {
        note: "encrypting with its secret's key",
        request: { action: 'kms:Encrypt', resource: facts.secretKeyArn, context: kmsVia('secretsmanager') },
        expect: 'deny:implicit',
      },
    );
  }
  // The OpenAI hard stop: the state of its region's spend alarm, no other alarm, and never changing one.
  const alarm = (where: string, name: string) => `arn:${partition}:cloudwatch:${where}:${account}:alarm:${name}`;
  const spendAlarm = `${naming.prefix(region)}-openai-daily-spend`;
  rows.push(
    {
      note: env.openai.hardStop ? 'the state of its spend alarm (hard stop)' : 'the state of its spend alarm (no hard stop in this environment)',
      request: { action: 'cloudwatch:DescribeAlarms', resource: alarm(region, spendAlarm) },
      expect: env.openai.hardStop ? 'allow' : 'deny:implicit',
    },
    {
      note: 'another alarm of its stack',
      request: { action: 'cloudwatch:DescribeAlarms', resource: alarm(region, `${naming.prefix(region)}-lambda-errors`) },
      expect: 'deny:implicit',
    },
    { note: 'silencing its spend alarm', request: { action: 'cloudwatch:SetAlarmState', resource: alarm(region, spendAlarm) }, expect: 'deny:implicit' },
  );
  for (const keyArn of facts.otherKeyArns) {
    rows.push({
      note: 'another key of the stack (the alert topic key), even through Secrets Manager',
      request: { action: 'kms:Decrypt', resource: keyArn, context: kmsVia('secretsmanager') },
      expect: 'deny:implicit',
    });
  }
  return rows;
}

describe('least privilege: the pipeline function role', () => {
  it('exists in every regional stack, as the role its function runs as', () => {
    const regionalStacks = project.stacks.filter((stack) => stack.json.resource?.aws_lambda_function);
    expect(roles.map((role) => role.stack.name)).toEqual(regionalStacks.map((stack) => stack.name));
    expect(roles.length).toBeGreaterThanOrEqual(6);
  });

  describe.each(roles.map((role) => ({ label: `${role.name} (${role.stack.name})`, role })))('$label', ({ role }) => {
    itMeetsEachRow(simulator, role, pipelineRows(project, role));

    const trustRows: ReadonlyArray<{ title: string; principal: string; context: Record<string, string>; expect: string }> = [
      {
        title: 'may be assumed by Lambda for its own account',
        principal: 'lambda.amazonaws.com',
        context: { 'aws:SourceAccount': role.env.accountId },
        expect: 'Allowed',
      },
      {
        title: 'may not be assumed by Lambda for another account (confused deputy)',
        principal: 'lambda.amazonaws.com',
        context: { 'aws:SourceAccount': '999999999999' },
        expect: 'ImplicitlyDenied',
      },
      { title: 'may not be assumed by Lambda without a source account', principal: 'lambda.amazonaws.com', context: {}, expect: 'ImplicitlyDenied' },
      {
        title: 'may not be assumed by another service',
        principal: 'ec2.amazonaws.com',
        context: { 'aws:SourceAccount': role.env.accountId },
        expect: 'ImplicitlyDenied',
      },
    ];
    it.each(trustRows)('trust policy: $title', async ({ principal, context, expect: expected }) => {
      expect((await simulator.decideTrust(role, principal, 'sts:AssumeRole', context)).result).toBe(expected);
    });
  });
});
