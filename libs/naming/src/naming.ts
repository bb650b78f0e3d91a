/**
 * The one place that decides names and ARNs. Stacks never look each other up: anything one stack
 * needs from another (the boundary policy ARN, the alert topic ARN, the state bucket) is computed
 * here from the configuration, so every stack plans on its own before anything exists.
 */
import { partitionOf, type EnvironmentConfig } from '@llm/config';

export const PROJECT_NAME = 'llm-platform';

/** AWS limits on names in global namespaces. */
const MAX_BUCKET_NAME = 63;
const MAX_ROLE_NAME = 64;
const MAX_POLICY_NAME = 128;

export type StackScope = 'global' | 'bootstrap' | string;

export class Naming {
  readonly partition: string;

  constructor(readonly env: EnvironmentConfig) {
    this.partition = partitionOf(this.primaryRegion);
  }

  get primaryRegion(): string {
    return this.env.regions[0].region;
  }

  /** `<env>-global`, `<env>-bootstrap` or `<env>-<region>`: Terraform stack names, unique across the app. */
  stackName(scope: StackScope): string {
    return `${this.env.name}-${scope}`;
  }

  /** Every stack of the environment, in the order the app adds them: bootstrap, global, then one per region (primary first). */
  stackNames(): string[] {
    return [this.stackName('bootstrap'), this.stackName('global'), ...this.env.regions.map((entry) => this.stackName(entry.region))];
  }

  /** Prefix of everything this environment names in one scope: `llm-platform-prod-eu-west-1`. */
  prefix(scope: StackScope): string {
    return `${PROJECT_NAME}-${this.env.name}-${scope}`;
  }

  /** S3 bucket names are global across all accounts, so they carry the account id. */
  bucketName(scope: StackScope, component: string): string {
    return checkLength('S3 bucket name', `${this.prefix(scope)}-${component}-${this.env.accountId}`, MAX_BUCKET_NAME);
  }

  roleName(scope: StackScope, component: string): string {
    return checkLength('IAM role name', `${this.prefix(scope)}-${component}`, MAX_ROLE_NAME);
  }

  roleArn(scope: StackScope, component: string): string {
    return `arn:${this.partition}:iam::${this.env.accountId}:role/${this.roleName(scope, component)}`;
  }

  policyName(scope: StackScope, component: string): string {
    return checkLength('IAM policy name', `${this.prefix(scope)}-${component}`, MAX_POLICY_NAME);
  }

  /** Per-account Terraform state bucket, created by the `<env>-bootstrap` stack in the primary region. */
  get stateBucketName(): string {
    return this.bucketName('bootstrap', 'tfstate');
  }

  stateKey(stackName: string): string {
    return `${stackName}/terraform.tfstate`;
  }

  get permissionBoundaryName(): string {
    return this.policyName('global', 'permission-boundary');
  }

  get permissionBoundaryArn(): string {
    return `arn:${this.partition}:iam::${this.env.accountId}:policy/${this.permissionBoundaryName}`;
  }

  alertTopicName(region: string): string {
    return `${this.prefix(region)}-alerts`;
  }

  alertTopicArn(region: string): string {
    return `arn:${partitionOf(region)}:sns:${region}:${this.env.accountId}:${this.alertTopicName(region)}`;
  }

  outputBucketName(region: string): string {
    return this.bucketName(region, 'generations');
  }

  /** Secrets Manager names are regional; the path form reads well in the console and in IAM. */
  apiKeySecretName(region: string): string {
    return `${PROJECT_NAME}/${this.env.name}/${region}/openai-api-key`;
  }

  /**
   * The API key secret's ARN as a pattern: Secrets Manager appends six random characters, so the
   * exact ARN is known only after apply. `-??????` matches exactly that suffix, which keeps the
   * function's policy literal, and so reviewable, at plan time.
   */
  apiKeySecretArnPattern(region: string): string {
    return `arn:${partitionOf(region)}:secretsmanager:${region}:${this.env.accountId}:secret:${this.apiKeySecretName(region)}-??????`;
  }

  functionName(region: string): string {
    return checkLength('Lambda function name', `${this.prefix(region)}-api`, 64);
  }

  /** The function's log group (Lambda's fixed `/aws/lambda/<name>`). */
  functionLogGroupArn(region: string): string {
    return `arn:${partitionOf(region)}:logs:${region}:${this.env.accountId}:log-group:/aws/lambda/${this.functionName(region)}`;
  }

  /** Same name in every region, so ECR replication lands in the repository this project configured. */
  get ecrRepositoryName(): string {
    return `${PROJECT_NAME}-${this.env.name}-api`;
  }

  imagePipelineProjectName(region: string): string {
    return `${this.prefix(region)}-api-image`;
  }

  /** CodeConnections names are at most 32 characters and account-wide. */
  get githubConnectionName(): string {
    return checkLength('CodeConnections connection name', `${PROJECT_NAME}-${this.env.name}-github`, 32);
  }

  imageDigestParameterName(region: string): string {
    return `/${PROJECT_NAME}/${this.env.name}/${region}/api-image-digest`;
  }

  get budgetName(): string {
    return `${this.prefix('global')}-monthly`;
  }

  get costAnomalyName(): string {
    return `${this.prefix('global')}-cost-anomalies`;
  }

  /** Prefix shared by every IAM role and policy name of this environment (for the deploy role's scope). */
  get iamNamePrefix(): string {
    return `${PROJECT_NAME}-${this.env.name}-`;
  }

  /** The launch template `npm run worker -- launch` starts workers from; also the instance profile's and security group's name. */
  workerName(region: string): string {
    return `${this.prefix(region)}-worker`;
  }

  workerRoleName(region: string): string {
    return this.roleName(region, 'worker');
  }

  /** Where a worker's own logs go (the CloudWatch agent or the user's scripts write here). */
  workerLogGroupName(region: string): string {
    return `/${PROJECT_NAME}/${this.env.name}/${region}/workers`;
  }

  janitorFunctionName(region: string): string {
    return checkLength('Lambda function name', `${this.prefix(region)}-janitor`, 64);
  }

  bucketArn(bucketName: string): string {
    return `arn:${this.partition}:s3:::${bucketName}`;
  }
}

function checkLength(kind: string, name: string, max: number): string {
  if (name.length > max) {
    throw new Error(`${kind} "${name}" is ${name.length} characters; AWS allows at most ${max}. Shorten the environment name or the component.`);
  }
  return name;
}
