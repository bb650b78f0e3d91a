import { IamRole } from '@cdktf/provider-aws/lib/iam-role';
import { Testing } from 'cdktf';
import type { Construct } from 'constructs';
import { ExecutionRole, leastPrivilegeViolation, type ExecutionRoleProps, type PolicyStatement } from './index';

const props: ExecutionRoleProps = {
  roleName: 'llm-platform-dev-eu-west-1-api',
  servicePrincipal: 'lambda.amazonaws.com',
  permissionBoundaryArn: 'arn:aws:iam::111111111111:policy/boundary',
  accountId: '111111111111',
  region: 'eu-west-1',
};
const bucket = 'arn:aws:s3:::generations-bucket';
const secret = 'arn:aws:secretsmanager:eu-west-1:111111111111:secret:openai-AbCdEf';
const key = 'arn:aws:kms:eu-west-1:111111111111:key/1234';

/** Synthesizes a role set up by `grant` and returns the statements of its inline policy. */
function statementsOf(grant: (role: ExecutionRole) => void, overrides: Partial<ExecutionRoleProps> = {}): PolicyStatement[] {
  const synthesized = JSON.parse(Testing.synthScope((scope: Construct) => grant(new ExecutionRole(scope, 'Role', { ...props, ...overrides }))));
  const [policy] = Object.values(synthesized.resource.aws_iam_role_policy) as Array<{ policy: string }>;
  return JSON.parse(policy.policy).Statement.map(({ Sid: _sid, ...rest }: PolicyStatement) => rest);
}

describe('ExecutionRole', () => {
  it('carries the permission boundary and trusts only its service from its own account', () => {
    const synthesized = Testing.synthScope((scope) => new ExecutionRole(scope, 'Role', props));
    expect(synthesized).toHaveResourceWithProperties(IamRole, {
      name: 'llm-platform-dev-eu-west-1-api',
      permissions_boundary: 'arn:aws:iam::111111111111:policy/boundary',
    });
    const [role] = Object.values(JSON.parse(synthesized).resource.aws_iam_role) as Array<{ assume_role_policy: string }>;
    expect(JSON.parse(role.assume_role_policy).Statement).toEqual([
      {
        Effect: 'Allow',
        Principal: { Service: 'lambda.amazonaws.com' },
        Action: 'sts:AssumeRole',
        Condition: { StringEquals: { 'aws:SourceAccount': '111111111111' } },
      },
    ]);
  });

  it('grantWrite allows PutObject under the prefix and nothing else, not even DeleteObject', () => {
    expect(statementsOf((role) => role.grantWrite(bucket, 'generations/'))).toEqual([
      { Effect: 'Allow', Action: ['s3:PutObject'], Resource: `${bucket}/generations/*` },
    ]);
  });

  it('grantWrite with a customer-managed key adds GenerateDataKey through S3 only', () => {
    expect(statementsOf((role) => role.grantWrite(bucket, 'generations/', { kmsKeyArn: key }))[1]).toEqual({
      Effect: 'Allow',
      Action: ['kms:GenerateDataKey'],
      Resource: key,
      Condition: { StringEquals: { 'kms:ViaService': 's3.eu-west-1.amazonaws.com' } },
    });
  });

  it('grantRead reads and lists only the prefix', () => {
    expect(statementsOf((role) => role.grantRead(bucket, 'prompts/'))).toEqual([
      { Effect: 'Allow', Action: ['s3:GetObject'], Resource: `${bucket}/prompts/*` },
      { Effect: 'Allow', Action: ['s3:ListBucket'], Resource: bucket, Condition: { StringLike: { 's3:prefix': ['prompts/*'] } } },
    ]);
  });

  it('grantSecretRead allows GetSecretValue on that secret only, decrypting through Secrets Manager', () => {
    expect(statementsOf((role) => role.grantSecretRead(secret, { kmsKeyArn: key }))).toEqual([
      { Effect: 'Allow', Action: ['secretsmanager:GetSecretValue'], Resource: secret },
      {
        Effect: 'Allow',
        Action: ['kms:Decrypt'],
        Resource: key,
        Condition: { StringEquals: { 'kms:ViaService': 'secretsmanager.eu-west-1.amazonaws.com' } },
      },
    ]);
  });

  it('grantLogs writes to one log group; X-Ray and metrics use Resource "*" only as AWS requires', () => {
    expect(
      statementsOf((role) => {
        role.grantLogs('/aws/lambda/api');
        role.grantXRayWrite();
        role.grantMetrics('LlmPlatform');
      }),
    ).toEqual([
      {
        Effect: 'Allow',
        Action: ['logs:CreateLogStream', 'logs:PutLogEvents'],
        Resource: 'arn:aws:logs:eu-west-1:111111111111:log-group:/aws/lambda/api:*',
      },
      { Effect: 'Allow', Action: ['xray:PutTraceSegments', 'xray:PutTelemetryRecords'], Resource: '*' },
      { Effect: 'Allow', Action: ['cloudwatch:PutMetricData'], Resource: '*', Condition: { StringEquals: { 'cloudwatch:namespace': 'LlmPlatform' } } },
    ]);
  });

  it('grantVpcAccess allows the ENI actions a VPC function needs, which AWS cannot scope', () => {
    expect(statementsOf((role) => role.grantVpcAccess())).toEqual([
      {
        Effect: 'Allow',
        Action: [
          'ec2:CreateNetworkInterface',
          'ec2:DescribeNetworkInterfaces',
          'ec2:DeleteNetworkInterface',
          'ec2:AssignPrivateIpAddresses',
          'ec2:UnassignPrivateIpAddresses',
        ],
        Resource: '*',
      },
    ]);
  });

  it('renders a repeated grant once', () => {
    expect(statementsOf((role) => [1, 2].forEach(() => role.grantEcrPull('arn:aws:ecr:eu-west-1:111111111111:repository/api')))).toHaveLength(2);
  });

  it('refuses a statement with an action wildcard or an unlisted Resource "*", naming the construct', () => {
    const add = (statement: PolicyStatement) => () => statementsOf((role) => role.addStatement(statement));
    expect(add({ Sid: 'Wide', Effect: 'Allow', Action: ['s3:Get*'], Resource: bucket })).toThrow(
      'ExecutionRole statement Wide grants action wildcard(s) s3:Get*; list the actions (construct stack/Role)',
    );
    expect(add({ Sid: 'Star', Effect: 'Allow', Action: ['s3:PutObject', 'xray:PutTraceSegments'], Resource: '*' })).toThrow(
      'ExecutionRole statement Star grants s3:PutObject on Resource "*", but AWS supports resource-level scoping for them; name the resources',
    );
  });

  it('refuses to grant writes to a whole bucket', () => {
    expect(() => statementsOf((role) => role.grantWrite(bucket, ''))).toThrow(/grantWrite needs a key prefix such as "generations\/"/);
  });

  it('validates its props, naming the value', () => {
    expect(() => statementsOf(() => undefined, { roleName: 'x'.repeat(65) })).toThrow(/roleName must be 1\.\.64 letters/);
    expect(() => statementsOf(() => undefined, { permissionBoundaryArn: 'boundary' })).toThrow(
      'ExecutionRole permissionBoundaryArn must be an IAM policy ARN, got "boundary" (construct stack/Role)',
    );
  });
});

describe('leastPrivilegeViolation', () => {
  it('ignores Deny statements and rejects NotAction in Allow', () => {
    expect(leastPrivilegeViolation({ Effect: 'Deny', Action: '*', Resource: '*' })).toBeUndefined();
    expect(leastPrivilegeViolation({ Effect: 'Allow', NotAction: 'iam:*', Resource: '*' })).toMatch(/NotAction/);
  });
});
