/**
 * An IAM role for an AWS service (Lambda, CodeBuild, ...) that always carries the environment's
 * permission boundary, and whose permissions are added by small grant methods that each produce
 * least-privilege statements. The statements are rendered once, at synth time, into one inline
 * policy, so grants can be added after construction.
 */
import { IamRole } from '@cdktf/provider-aws/lib/iam-role';
import { IamRolePolicy } from '@cdktf/provider-aws/lib/iam-role-policy';
import { describeLocation } from '@llm/config';
import { Lazy, Token } from 'cdktf';
import { Construct } from 'constructs';
import { leastPrivilegeViolation, policyDocument, type PolicyStatement } from './policy-document';

export interface ExecutionRoleProps {
  /** Role name from the naming module; 1..64 characters. */
  readonly roleName: string;
  /** Service that assumes the role, e.g. `lambda.amazonaws.com`. */
  readonly servicePrincipal: string;
  /** ARN of the environment's permission boundary; required, every role carries it. */
  readonly permissionBoundaryArn: string;
  /** Account the role lives in; limits who may assume it through aws:SourceAccount. */
  readonly accountId: string;
  /** Region the grants refer to (logs, secrets). */
  readonly region: string;
  /** @default 'aws' */
  readonly partition?: string;
  /** @default - none */
  readonly description?: string;
  /**
   * Require `aws:SourceAccount` = accountId in the trust policy (confused-deputy protection).
   * Off only for services that do not send it when they assume the role, such as EC2 for an
   * instance profile (there iam:PassRole decides who may attach the role).
   * @default true
   */
  readonly requireSourceAccount?: boolean;
}

const ROLE_NAME_PATTERN = /^[\w+=,.@-]{1,64}$/;
const BOUNDARY_ARN_PATTERN = /^arn:aws(-[a-z-]+)?:iam::\d{12}:policy\/.+$/;

export class ExecutionRole extends Construct {
  readonly role: IamRole;
  readonly roleArn: string;
  readonly roleName: string;
  private readonly statements: PolicyStatement[] = [];
  private readonly partition: string;

  constructor(
    scope: Construct,
    id: string,
    private readonly props: ExecutionRoleProps,
  ) {
    super(scope, id);
    validateProps(this, props);
    this.partition = props.partition ?? 'aws';
    this.roleName = props.roleName;
    this.roleArn = `arn:${this.partition}:iam::${props.accountId}:role/${props.roleName}`;
    this.role = new IamRole(this, 'Role', {
      name: props.roleName,
      description: props.description,
      permissionsBoundary: props.permissionBoundaryArn,
      assumeRolePolicy: JSON.stringify(
        policyDocument([
          {
            Effect: 'Allow',
            Principal: { Service: props.servicePrincipal },
            Action: 'sts:AssumeRole',
            // Only this account's resources may make the service assume the role (confused deputy).
            ...(props.requireSourceAccount === false ? {} : { Condition: { StringEquals: { 'aws:SourceAccount': props.accountId } } }),
          },
        ]),
      ),
    });
    new IamRolePolicy(this, 'Policy', {
      name: 'least-privilege',
      role: this.role.name,
      policy: Lazy.stringValue({ produce: () => JSON.stringify(policyDocument(this.renderStatements())) }),
    });
  }

  /** Adds a statement after checking it is least privilege; prefer the grant methods. */
  addStatement(statement: PolicyStatement): void {
    const violation = leastPrivilegeViolation(statement);
    if (violation) {
      throw new Error(`ExecutionRole statement ${statement.Sid ?? '(no Sid)'} ${violation} ${describeLocation(this)}`);
    }
    this.statements.push(statement);
  }

  /** Read objects under `prefix` (and list that prefix) of a bucket. */
  grantRead(bucketArn: string, prefix = '', options: KmsOption = {}): void {
    this.addStatement({ Sid: sid('ReadObjects', bucketArn, prefix), Effect: 'Allow', Action: ['s3:GetObject'], Resource: `${bucketArn}/${prefix}*` });
    this.addStatement({
      Sid: sid('ListPrefix', bucketArn, prefix),
      Effect: 'Allow',
      Action: ['s3:ListBucket'],
      Resource: bucketArn,
      ...(prefix ? { Condition: { StringLike: { 's3:prefix': [`${prefix}*`] } } } : {}),
    });
    if (options.kmsKeyArn) this.grantKms(options.kmsKeyArn, ['kms:Decrypt'], `s3.${this.props.region}.amazonaws.com`);
  }

  /** Write (put, never delete or overwrite ACLs) objects under `prefix` of a bucket. */
  grantWrite(bucketArn: string, prefix: string, options: KmsOption = {}): void {
    if (!prefix) throw new Error(`ExecutionRole.grantWrite needs a key prefix such as "generations/", not the whole bucket ${describeLocation(this)}`);
    this.addStatement({ Sid: sid('WriteObjects', bucketArn, prefix), Effect: 'Allow', Action: ['s3:PutObject'], Resource: `${bucketArn}/${prefix}*` });
    if (options.kmsKeyArn) this.grantKms(options.kmsKeyArn, ['kms:GenerateDataKey'], `s3.${this.props.region}.amazonaws.com`);
  }

  /** Read one secret's value; with a customer-managed key, decrypt through Secrets Manager only. */
  grantSecretRead(secretArn: string, options: KmsOption = {}): void {
    this.addStatement({ Sid: sid('ReadSecret', secretArn), Effect: 'Allow', Action: ['secretsmanager:GetSecretValue'], Resource: secretArn });
    if (options.kmsKeyArn) this.grantKms(options.kmsKeyArn, ['kms:Decrypt'], `secretsmanager.${this.props.region}.amazonaws.com`);
  }

  /** Write log events to one log group (the group itself is created by Terraform, not by the role). */
  grantLogs(logGroupName: string): void {
    const arn = `arn:${this.partition}:logs:${this.props.region}:${this.props.accountId}:log-group:${logGroupName}`;
    this.addStatement({ Sid: sid('WriteLogs', logGroupName), Effect: 'Allow', Action: ['logs:CreateLogStream', 'logs:PutLogEvents'], Resource: `${arn}:*` });
  }

  /** Send X-Ray traces (no resource-level permissions exist for them). */
  grantXRayWrite(): void {
    this.addStatement({ Sid: 'WriteTraces', Effect: 'Allow', Action: ['xray:PutTraceSegments', 'xray:PutTelemetryRecords'], Resource: '*' });
  }

  /** Publish custom metrics to one CloudWatch namespace only. */
  grantMetrics(namespace: string): void {
    this.addStatement({
      Sid: sid('PutMetrics', namespace),
      Effect: 'Allow',
      Action: ['cloudwatch:PutMetricData'],
      Resource: '*',
      Condition: { StringEquals: { 'cloudwatch:namespace': namespace } },
    });
  }

  /** Read the state of one CloudWatch alarm (DescribeAlarms takes alarm ARNs as resources). */
  grantAlarmRead(alarmName: string): void {
    const arn = `arn:${this.partition}:cloudwatch:${this.props.region}:${this.props.accountId}:alarm:${alarmName}`;
    this.addStatement({ Sid: sid('ReadAlarm', alarmName), Effect: 'Allow', Action: ['cloudwatch:DescribeAlarms'], Resource: arn });
  }

  /** Pull images from one repository. */
  grantEcrPull(repositoryArn: string): void {
    this.addStatement({ Sid: 'EcrLogin', Effect: 'Allow', Action: ['ecr:GetAuthorizationToken'], Resource: '*' });
    this.addStatement({
      Sid: sid('PullImages', repositoryArn),
      Effect: 'Allow',
      Action: ['ecr:BatchGetImage', 'ecr:GetDownloadUrlForLayer'],
      Resource: repositoryArn,
    });
  }

  /** Manage the network interfaces a function attached to a VPC needs (ids unknown in advance). */
  grantVpcAccess(): void {
    this.addStatement({
      Sid: 'VpcNetworkInterfaces',
      Effect: 'Allow',
      Action: [
        'ec2:CreateNetworkInterface',
        'ec2:DescribeNetworkInterfaces',
        'ec2:DeleteNetworkInterface',
        'ec2:AssignPrivateIpAddresses',
        'ec2:UnassignPrivateIpAddresses',
      ],
      Resource: '*',
    });
  }

  /** The statements granted so far, in order, without duplicates. */
  renderStatements(): PolicyStatement[] {
    const seen = new Set<string>();
    return this.statements.filter((statement) => {
      // A Sid may be a lazy token, different for two identical grants: compare what they grant.
      const key = JSON.stringify({ ...statement, Sid: undefined });
      if (seen.has(key)) return false;
      seen.add(key);
      return true;
    });
  }

  private grantKms(keyArn: string, actions: string[], viaService: string): void {
    this.addStatement({
      Sid: sid('UseKey', keyArn, actions.join()),
      Effect: 'Allow',
      Action: actions,
      Resource: keyArn,
      Condition: { StringEquals: { 'kms:ViaService': viaService } },
    });
  }
}

export interface KmsOption {
  /** Customer-managed key that encrypts the resource; adds the KMS actions the grant needs. */
  readonly kmsKeyArn?: string;
}

/**
 * Statement ids must be alphanumeric; derive a stable one from what the grant is about. A part
 * that is an unresolved token (a key ARN another resource computes) is hashed as Terraform sees
 * it (`${aws_kms_key.Key.arn}`), resolved at synthesis: the token's own text carries a counter
 * that changes with everything else in the app, and a Sid taken from it changed between synths
 * (a perpetual diff on the role policy, found by the emulated apply).
 */
function sid(kind: string, ...parts: string[]): string {
  if (!parts.some((part) => Token.isUnresolved(part))) return hashedSid(kind, parts);
  return Lazy.stringValue({
    produce: (context) =>
      hashedSid(
        kind,
        parts.map((part) => (Token.isUnresolved(part) ? String(context.resolve(part)) : part)),
      ),
  });
}

function hashedSid(kind: string, parts: readonly string[]): string {
  let hash = 0;
  for (const char of parts.join('|')) hash = (hash * 31 + char.charCodeAt(0)) >>> 0;
  return `${kind}${hash.toString(36)}`;
}

function validateProps(scope: Construct, props: ExecutionRoleProps): void {
  const where = describeLocation(scope);
  if (!Token.isUnresolved(props.roleName) && !ROLE_NAME_PATTERN.test(props.roleName)) {
    throw new Error(`ExecutionRole roleName must be 1..64 letters, digits or +=,.@_-, got "${props.roleName}" ${where}`);
  }
  if (!Token.isUnresolved(props.permissionBoundaryArn) && !BOUNDARY_ARN_PATTERN.test(props.permissionBoundaryArn)) {
    throw new Error(`ExecutionRole permissionBoundaryArn must be an IAM policy ARN, got "${props.permissionBoundaryArn}" ${where}`);
  }
  if (!/^\d{12}$/.test(props.accountId)) {
    throw new Error(`ExecutionRole accountId must be 12 digits, got "${props.accountId}" ${where}`);
  }
}
