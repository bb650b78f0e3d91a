/**
 * The AWS-native image pipeline of the LLM function: a CodeBuild project that, on every push to
 * one branch of the GitHub repository, runs the repository's buildspec (bundle, `docker build`,
 * push to ECR tagged with the commit SHA) and records the pushed digest in an SSM parameter.
 *
 * Deploys stay reproducible: the function names its image by digest, taken from configuration
 * (`lambda.imageDigest`) or, once promoted, from this parameter; nothing ever deploys a tag.
 */
import { CodebuildProject } from '@cdktf/provider-aws/lib/codebuild-project';
import { CodebuildWebhook } from '@cdktf/provider-aws/lib/codebuild-webhook';
import type { CloudwatchLogGroup } from '@cdktf/provider-aws/lib/cloudwatch-log-group';
import type { CodeconnectionsConnection } from '@cdktf/provider-aws/lib/codeconnections-connection';
import type { SsmParameter } from '@cdktf/provider-aws/lib/ssm-parameter';
import { partitionOf } from '@llm/config';
import type { ExecutionRole } from '@llm/constructs/iam';
import { Construct } from 'constructs';
import { buildEnvironment, type BuildArchitecture, type BuildComputeType } from './build-environment';
import { addDigestParameter, IMAGE_DIGEST_PLACEHOLDER, parameterArn } from './digest-parameter';
import { addBuildLogGroup, buildLogGroupName } from './logs';
import { addServiceRole, grantImagePipeline, rolePolicies } from './service-role';
import { addGithubConnection, githubSource, pushFilterGroups } from './source';
import { BUILD_TIMEOUT_MINUTES, validateProps } from './validation';

export const DEFAULT_BRANCH = 'main';
export const DEFAULT_BUILDSPEC_PATH = 'apps/llm-api/buildspec.yml';
export const DEFAULT_BUILD_ARCHITECTURE: BuildArchitecture = 'arm64';
export const DEFAULT_COMPUTE_TYPE: BuildComputeType = 'BUILD_GENERAL1_SMALL';
export const DEFAULT_BUILD_LOG_RETENTION_DAYS = 90;

export interface ImagePipelineProps {
  /** CodeBuild project name, from the naming module: 2..255 letters, digits, `-` or `_`. */
  readonly projectName: string;
  /** Account of the project, its role, the repository and the parameter: 12 digits. */
  readonly accountId: string;
  /** Region of the project, the repository and the parameter; must be the stack's region. */
  readonly region: string;
  /** GitHub repository built on push, `owner/repository` (the environment's `ci.githubRepository`). */
  readonly githubRepository: string;
  /**
   * Branch whose pushes start a build (webhook filter `^refs/heads/<branch>$`), also the branch a
   * manual build without a source version builds.
   * @default 'main'
   */
  readonly branch?: string;
  /**
   * ECR repository the image is pushed to, in this account and region; the role may push to
   * this repository only. Its tags must be immutable (EcrRepository's are).
   */
  readonly ecrRepositoryName: string;
  /** Service role name, from the naming module; 1..64 characters. */
  readonly roleName: string;
  /** ARN of the environment's permission boundary, which the service role carries. */
  readonly permissionBoundaryArn: string;
  /**
   * An existing CodeConnections connection to GitHub (AVAILABLE), shared with other projects.
   * Exclusive with `connectionName`; one of the two is required.
   * @default - none: `connectionName` creates one
   */
  readonly connectionArn?: string;
  /**
   * Name of the connection to create, 1..32 characters. It is created PENDING: complete it once
   * in the console (Developer Tools > Settings > Connections) before `connectionAvailable: true`.
   * @default - none: `connectionArn` names an existing one
   */
  readonly connectionName?: string;
  /**
   * Whether the connection is AVAILABLE. CodeBuild checks the connection when it creates the
   * project and its webhook, so while it is false only the connection, role, log group and
   * parameter exist; set it to true once the connection is completed, and apply again.
   * @default true
   */
  readonly connectionAvailable?: boolean;
  /** SSM parameter that receives the pushed digest, e.g. `/llm-platform/prod/eu-west-1/api-image-digest`. */
  readonly imageDigestParameterName: string;
  /**
   * The parameter's first value (`sha256:<64 hex>`), e.g. the configuration's approved digest.
   * Later values come from the builds; Terraform ignores changes to the value.
   * @default 'pending-first-build'
   */
  readonly initialImageDigest?: string;
  /**
   * The Lambda function's architecture; the build runs on a host of the same architecture.
   * @default 'arm64'
   */
  readonly architecture?: BuildArchitecture;
  /**
   * Build host size (SMALL: 2 vCPU, 3 GB x86 / 4 GB ARM; MEDIUM: 4 vCPU; LARGE: 8 vCPU).
   * @default 'BUILD_GENERAL1_SMALL'
   */
  readonly computeType?: BuildComputeType;
  /**
   * Days build logs are kept; one of the CloudWatch Logs periods (1, 3, 5, 7, 14, 30, 60, 90, ...).
   * @default 90
   */
  readonly logRetentionDays?: number;
  /**
   * Minutes before CodeBuild stops a build. 5..2160.
   * @default 30
   */
  readonly buildTimeoutMinutes?: number;
  /**
   * Buildspec, relative to the repository root.
   * @default 'apps/llm-api/buildspec.yml'
   */
  readonly buildspecPath?: string;
  /** @default - "Builds and pushes the llm-api image of <repository> on push to <branch>" */
  readonly description?: string;
}

export class ImagePipeline extends Construct {
  readonly role: ExecutionRole;
  readonly logGroup: CloudwatchLogGroup;
  readonly imageDigestParameter: SsmParameter;
  /** The connection this construct created, when given `connectionName`. */
  readonly connection: CodeconnectionsConnection | undefined;
  /** The project; undefined while `connectionAvailable` is false. */
  readonly project: CodebuildProject | undefined;
  /** The push trigger; undefined while `connectionAvailable` is false. */
  readonly webhook: CodebuildWebhook | undefined;
  readonly connectionArn: string;
  readonly projectName: string;
  readonly imageDigestParameterName: string;
  /** Computed from the name, so a deploy role's policy can name it at plan time. */
  readonly imageDigestParameterArn: string;
  readonly repositoryArn: string;

  constructor(scope: Construct, id: string, props: ImagePipelineProps) {
    super(scope, id);
    validateProps(this, props);
    const partition = partitionOf(props.region);
    const branch = props.branch ?? DEFAULT_BRANCH;
    const architecture = props.architecture ?? DEFAULT_BUILD_ARCHITECTURE;
    this.projectName = props.projectName;
    this.imageDigestParameterName = props.imageDigestParameterName;
    this.imageDigestParameterArn = parameterArn(partition, props.region, props.accountId, props.imageDigestParameterName);
    this.repositoryArn = `arn:${partition}:ecr:${props.region}:${props.accountId}:repository/${props.ecrRepositoryName}`;

    this.connection = props.connectionName !== undefined ? addGithubConnection(this, props.connectionName) : undefined;
    this.connectionArn = this.connection?.arn ?? (props.connectionArn as string);

    this.logGroup = addBuildLogGroup(this, buildLogGroupName(props.projectName), props.logRetentionDays ?? DEFAULT_BUILD_LOG_RETENTION_DAYS);
    this.imageDigestParameter = addDigestParameter(
      this,
      props.imageDigestParameterName,
      props.initialImageDigest ?? IMAGE_DIGEST_PLACEHOLDER,
      `Digest of the newest llm-api image pushed by CodeBuild project ${props.projectName}; written by the build`,
    );
    this.role = addServiceRole(this, {
      roleName: props.roleName,
      permissionBoundaryArn: props.permissionBoundaryArn,
      accountId: props.accountId,
      region: props.region,
      partition,
      description: `CodeBuild image pipeline ${props.projectName}`,
    });
    grantImagePipeline(this.role, {
      logGroupName: buildLogGroupName(props.projectName),
      repositoryArn: this.repositoryArn,
      connectionArn: this.connectionArn,
      parameterArn: this.imageDigestParameterArn,
    });

    if (props.connectionAvailable === false) {
      this.project = undefined;
      this.webhook = undefined;
      return;
    }
    this.project = new CodebuildProject(this, 'Project', {
      name: props.projectName,
      description: props.description ?? `Builds and pushes the llm-api image of ${props.githubRepository} on push to ${branch}`,
      serviceRole: this.role.role.arn,
      buildTimeout: props.buildTimeoutMinutes ?? BUILD_TIMEOUT_MINUTES.default,
      source: githubSource(props.githubRepository, props.buildspecPath ?? DEFAULT_BUILDSPEC_PATH, this.connectionArn),
      sourceVersion: branch,
      // The image goes to ECR and the digest to SSM; buildspec's artifacts section is ignored.
      artifacts: { type: 'NO_ARTIFACTS' },
      environment: buildEnvironment(architecture, props.computeType ?? DEFAULT_COMPUTE_TYPE, {
        accountId: props.accountId,
        ecrRepositoryName: props.ecrRepositoryName,
        architecture,
        imageDigestParameterName: props.imageDigestParameterName,
      }),
      logsConfig: {
        cloudwatchLogs: { status: 'ENABLED', groupName: this.logGroup.name },
        s3Logs: { status: 'DISABLED' },
      },
      // Reuses Docker layers and the clone between builds on the same host; no extra permission.
      cache: { type: 'LOCAL', modes: ['LOCAL_DOCKER_LAYER_CACHE', 'LOCAL_SOURCE_CACHE'] },
      dependsOn: rolePolicies(this.role),
    });
    this.webhook = new CodebuildWebhook(this, 'Webhook', {
      projectName: this.project.name,
      buildType: 'BUILD',
      filterGroup: pushFilterGroups(branch),
    });
  }
}
