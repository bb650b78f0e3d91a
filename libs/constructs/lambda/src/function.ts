/**
 * A Node.js Lambda function with the settings this project wants everywhere: code from a built zip
 * or an ECR image pinned by digest, X-Ray tracing, JSON logs into a log group Terraform created
 * first (with retention), no secrets in environment variables, and an execution role (passed in)
 * that gets exactly the logs, tracing and, in a VPC, network-interface grants the function needs.
 */
import { LambdaFunction } from '@cdktf/provider-aws/lib/lambda-function';
import type { CloudwatchLogGroup } from '@cdktf/provider-aws/lib/cloudwatch-log-group';
import type { ExecutionRole } from '@llm/constructs/iam';
import { TerraformResource, Token, type ITerraformDependable } from 'cdktf';
import { Construct } from 'constructs';
import { checkEnvironment } from './environment';
import { handlerWithImage, invalidHandler, invalidName, unknownArchitecture, unknownLogLevel, vpcListSize } from './errors';
import { addLogGroup, functionLogGroupName } from './logs';
import { packageCode, type FunctionPackaging } from './packaging';
import { checkKmsKeyArn, checkRetentionDays, checkWholeNumberAtLeast, checkWholeNumberInRange } from './validation';

export type Architecture = 'arm64' | 'x86_64';
export type LogLevel = 'TRACE' | 'DEBUG' | 'INFO' | 'WARN' | 'ERROR' | 'FATAL';

export interface FunctionVpcConfig {
  /** 1..16 private subnets, one per zone the function may run in. */
  readonly subnetIds: readonly string[];
  /** 1..5 security groups; egress as the function needs (HTTPS out), no ingress. */
  readonly securityGroupIds: readonly string[];
}

export interface LlmFunctionProps {
  /** Function name from the naming module; 1..64 letters, digits, hyphens or underscores. */
  readonly functionName: string;
  /**
   * The execution role, made by the caller with the grants of what the code does (secrets,
   * buckets, metrics, ECR pull for images). This construct adds only its logs, X-Ray and, with
   * `vpc`, network-interface management.
   */
  readonly role: ExecutionRole;
  /** Where the code comes from: a built zip (`{ type: 'zip', assetPath }`) or an ECR image by digest. */
  readonly packaging: FunctionPackaging;
  /**
   * `<file>.<export>` of the bundle; zip packaging only (an image's CMD names its handler).
   * @default 'index.handler'
   */
  readonly handler?: string;
  /** @default 'arm64' - cheaper per GB-second than x86_64 for the same work */
  readonly architecture?: Architecture;
  /** Memory, 128..10240 MB; CPU grows with it. @default 512 */
  readonly memoryMb?: number;
  /** Timeout, 1..900 s. Behind an HTTP API keep it under the integration's 30 s. @default 10 */
  readonly timeoutSeconds?: number;
  /**
   * Concurrency reserved for (and capping) this function, 0 or more; 0 stops all invocations.
   * @default - unreserved: the function shares the account's pool and has no cap
   */
  readonly reservedConcurrency?: number;
  /**
   * Environment variables. Names that look like secrets (a word KEY, SECRET, TOKEN, PASSWORD, ...
   * unless the name ends in _ARN) and values that look like keys or tokens are refused: keep
   * secrets in Secrets Manager and pass their ARN.
   * @default {}
   */
  readonly environment?: Readonly<Record<string, string>>;
  /** @default - not attached to a VPC: the function reaches the internet and AWS directly */
  readonly vpc?: FunctionVpcConfig;
  /**
   * Days the function's log group keeps events; one of the CloudWatch Logs periods
   * (`LOG_RETENTION_DAYS` in '@llm/config': 1, 3, 5, 7, 14, 30, 60, 90, ... 3653).
   * @default 90
   */
  readonly logRetentionDays?: number;
  /**
   * Customer-managed KMS key ARN for the log group; its key policy must let
   * `logs.<region>.amazonaws.com` use it.
   * @default - encrypted by CloudWatch Logs with its own key
   */
  readonly logKmsKeyArn?: string;
  /** Lowest level of the function's own JSON logs that Lambda keeps. @default 'INFO' */
  readonly applicationLogLevel?: LogLevel;
  /** @default - none */
  readonly description?: string;
}

export const NODE_RUNTIME = 'nodejs22.x';
export const DEFAULT_HANDLER = 'index.handler';
export const DEFAULT_ARCHITECTURE: Architecture = 'arm64';
export const DEFAULT_MEMORY_MB = 512;
export const DEFAULT_TIMEOUT_SECONDS = 10;
export const DEFAULT_LOG_RETENTION_DAYS = 90;
export const MEMORY_RANGE = { min: 128, max: 10_240, unit: 'MB' } as const;
export const TIMEOUT_RANGE = { min: 1, max: 900, unit: 's' } as const;
const LOG_LEVELS: readonly LogLevel[] = ['TRACE', 'DEBUG', 'INFO', 'WARN', 'ERROR', 'FATAL'];
const FUNCTION_NAME_PATTERN = /^[A-Za-z0-9_-]{1,64}$/;
const HANDLER_PATTERN = /^[^\s.][^\s]*\.[A-Za-z_$][\w$]*$/;
const MAX_SUBNETS = 16;
const MAX_SECURITY_GROUPS = 5;

export class LlmFunction extends Construct {
  readonly function: LambdaFunction;
  readonly logGroup: CloudwatchLogGroup;
  /** As given (known at synth), for names, dimensions and the log group. */
  readonly functionName: string;
  /** A reference to the function resource: whatever uses it waits for the function. */
  readonly functionArn: string;
  /** What an API Gateway integration calls; a reference, like `functionArn`. */
  readonly invokeArn: string;
  readonly logGroupName: string;
  readonly logGroupArn: string;
  readonly memoryMb: number;
  readonly timeoutSeconds: number;
  readonly architecture: Architecture;

  constructor(scope: Construct, id: string, props: LlmFunctionProps) {
    super(scope, id);
    const settings = resolveSettings(props);
    validate(this, props, settings);

    this.functionName = props.functionName;
    this.memoryMb = settings.memoryMb;
    this.timeoutSeconds = settings.timeoutSeconds;
    this.architecture = settings.architecture;
    this.logGroupName = functionLogGroupName(props.functionName);
    this.logGroup = addLogGroup(this, 'LogGroup', {
      name: this.logGroupName,
      retentionDays: settings.logRetentionDays,
      kmsKeyArn: props.logKmsKeyArn,
    });
    this.logGroupArn = this.logGroup.arn;

    props.role.grantLogs(this.logGroupName);
    props.role.grantXRayWrite();
    if (props.vpc) props.role.grantVpcAccess();

    const code = packageCode(this, 'Code', props.packaging);
    const zip = code.packageType === 'Zip';
    const variables = props.environment ?? {};
    this.function = new LambdaFunction(this, 'Function', {
      functionName: props.functionName,
      description: props.description,
      // The reference (not the computed ARN) orders the role before the function.
      role: props.role.role.arn,
      packageType: code.packageType,
      filename: code.filename,
      sourceCodeHash: code.sourceCodeHash,
      imageUri: code.imageUri,
      runtime: zip ? NODE_RUNTIME : undefined,
      handler: zip ? settings.handler : undefined,
      architectures: [settings.architecture],
      memorySize: settings.memoryMb,
      timeout: settings.timeoutSeconds,
      reservedConcurrentExecutions: props.reservedConcurrency,
      tracingConfig: { mode: 'Active' },
      loggingConfig: {
        logFormat: 'JSON',
        logGroup: this.logGroup.name,
        applicationLogLevel: settings.applicationLogLevel,
        systemLogLevel: 'INFO',
      },
      // Omitted when empty, so the plan shows no empty environment block.
      environment: Token.isUnresolved(variables) || Object.keys(variables).length > 0 ? { variables: variables as Record<string, string> } : undefined,
      vpcConfig: props.vpc ? { subnetIds: [...props.vpc.subnetIds], securityGroupIds: [...props.vpc.securityGroupIds] } : undefined,
      // The log group first, so Lambda never creates one without retention; the role's policy
      // first, so logs, traces and (in a VPC) ENI creation are allowed from the first invocation.
      dependsOn: [this.logGroup, ...resourcesOf(props.role)],
    });
    this.functionArn = this.function.arn;
    this.invokeArn = this.function.invokeArn;
  }
}

interface Settings {
  readonly handler: string;
  readonly architecture: Architecture;
  readonly memoryMb: number;
  readonly timeoutSeconds: number;
  readonly logRetentionDays: number;
  readonly applicationLogLevel: LogLevel;
}

function resolveSettings(props: LlmFunctionProps): Settings {
  return {
    handler: props.handler ?? DEFAULT_HANDLER,
    architecture: props.architecture ?? DEFAULT_ARCHITECTURE,
    memoryMb: props.memoryMb ?? DEFAULT_MEMORY_MB,
    timeoutSeconds: props.timeoutSeconds ?? DEFAULT_TIMEOUT_SECONDS,
    logRetentionDays: props.logRetentionDays ?? DEFAULT_LOG_RETENTION_DAYS,
    applicationLogLevel: props.applicationLogLevel ?? 'INFO',
  };
}

function validate(scope: Construct, props: LlmFunctionProps, settings: Settings): void {
  if (!Token.isUnresolved(props.functionName) && !FUNCTION_NAME_PATTERN.test(props.functionName)) {
    throw invalidName(scope, 'LlmFunction', 'functionName', '1..64 letters, digits, hyphens or underscores', props.functionName);
  }
  if (props.packaging.type === 'image' && props.handler !== undefined) throw handlerWithImage(scope, props.handler);
  if (!Token.isUnresolved(settings.handler) && !HANDLER_PATTERN.test(settings.handler)) throw invalidHandler(scope, settings.handler);
  if (!['arm64', 'x86_64'].includes(settings.architecture)) throw unknownArchitecture(scope, settings.architecture);
  checkWholeNumberInRange(scope, 'LlmFunction', 'memoryMb', MEMORY_RANGE, settings.memoryMb);
  checkWholeNumberInRange(scope, 'LlmFunction', 'timeoutSeconds', TIMEOUT_RANGE, settings.timeoutSeconds);
  if (props.reservedConcurrency !== undefined) {
    checkWholeNumberAtLeast(scope, 'LlmFunction', 'reservedConcurrency', 0, props.reservedConcurrency);
  }
  if (!LOG_LEVELS.includes(settings.applicationLogLevel)) throw unknownLogLevel(scope, settings.applicationLogLevel, LOG_LEVELS);
  checkRetentionDays(scope, 'LlmFunction', 'logRetentionDays', settings.logRetentionDays);
  checkKmsKeyArn(scope, 'LlmFunction', 'logKmsKeyArn', props.logKmsKeyArn);
  checkEnvironment(scope, props.environment ?? {});
  if (props.vpc) {
    checkListSize(scope, 'vpc.subnetIds', props.vpc.subnetIds, MAX_SUBNETS);
    checkListSize(scope, 'vpc.securityGroupIds', props.vpc.securityGroupIds, MAX_SECURITY_GROUPS);
  }
}

function checkListSize(scope: Construct, field: string, ids: readonly string[], max: number): void {
  if (Token.isUnresolved(ids)) return;
  if (ids.length < 1 || ids.length > max) throw vpcListSize(scope, field, max, ids.length);
}

/** The role and its inline policy: the function must wait for both. */
function resourcesOf(role: ExecutionRole): ITerraformDependable[] {
  return role.node.children.filter((child): child is TerraformResource => child instanceof TerraformResource);
}
