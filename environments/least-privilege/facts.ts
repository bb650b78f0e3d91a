/**
 * What a role's table asks about, read from the same synthesized configuration as its policies:
 * the pipeline function's secret, bucket and log group are the ones its environment variables and
 * logging configuration name (resolved like the policies), not names recomputed by the tests.
 */
import { referencedAddress, resourceOf, type ProjectIam, type SynthesizedRole } from './synthesized-iam';

export interface PipelineFunctionFacts {
  readonly functionName: string;
  readonly functionArn: string;
  /** The secret the function reads (OPENAI_API_KEY_SECRET_ARN), with its six-character suffix. */
  readonly secretArn: string;
  /** The customer-managed key that encrypts that secret, if any. */
  readonly secretKeyArn: string | undefined;
  /** Every other KMS key of the stack (the alert topic's, ...). */
  readonly otherKeyArns: readonly string[];
  readonly bucketName: string;
  readonly bucketArn: string;
  readonly logGroupArn: string;
  readonly vpcAttached: boolean;
  /** LOG_PROMPT_TEXT=true: the function's logs hold prompts and outputs. */
  readonly promptTextLogged: boolean;
}

export function pipelineFunctionFacts(project: ProjectIam, role: SynthesizedRole): PipelineFunctionFacts {
  const { stack } = role;
  const where = `${stack.name} ${role.usedBy}`;
  const fn = addressOf(role.usedBy, where);
  const config = resourceOf(stack, fn.type, fn.id, where);
  const variables = ((config.environment as { variables?: Record<string, string> } | undefined)?.variables ?? {}) as Record<string, string>;
  const variable = (name: string) => {
    const value = variables[name];
    if (typeof value !== 'string') throw new Error(`${where} sets no environment variable ${name}`);
    return value;
  };
  const secretReference = referencedAddress(variable('OPENAI_API_KEY_SECRET_ARN'));
  const secretKey = secretReference ? resourceOf(stack, secretReference.type, secretReference.id, where).kms_key_id : undefined;
  const secretKeyArn = typeof secretKey === 'string' ? project.resolve(stack, secretKey, where) : undefined;
  const keyIds = Object.keys(stack.json.resource?.aws_kms_key ?? {});
  const logging = config.logging_config as { log_group?: string } | undefined;
  const logGroupName = logging?.log_group ? project.resolve(stack, logging.log_group, where) : `/aws/lambda/${String(config.function_name)}`;
  const [partition, region, account] = [role.arn.split(':')[1], stack.region, role.env.accountId];
  const bucketName = project.resolve(stack, variable('OUTPUT_BUCKET_NAME'), where);
  return {
    functionName: project.resolve(stack, String(config.function_name), where),
    functionArn: project.resolve(stack, `\${${fn.type}.${fn.id}.arn}`, where),
    secretArn: project.resolve(stack, variable('OPENAI_API_KEY_SECRET_ARN'), where),
    secretKeyArn,
    otherKeyArns: keyIds.map((id) => project.resolve(stack, `\${aws_kms_key.${id}.arn}`, where)).filter((arn) => arn !== secretKeyArn),
    bucketName,
    bucketArn: `arn:${partition}:s3:::${bucketName}`,
    logGroupArn: `arn:${partition}:logs:${region}:${account}:log-group:${logGroupName}`,
    vpcAttached: config.vpc_config !== undefined,
    promptTextLogged: variables.LOG_PROMPT_TEXT === 'true',
  };
}

export interface FlowLogsFacts {
  /** The log group the flow log delivers to. */
  readonly logGroupArn: string;
}

export function flowLogsFacts(project: ProjectIam, role: SynthesizedRole): FlowLogsFacts {
  const where = `${role.stack.name} ${role.usedBy}`;
  const flowLog = addressOf(role.usedBy, where);
  const destination = resourceOf(role.stack, flowLog.type, flowLog.id, where).log_destination;
  if (typeof destination !== 'string') throw new Error(`${where} has no log_destination`);
  return { logGroupArn: project.resolve(role.stack, destination, where) };
}

function addressOf(usedBy: string | undefined, where: string): { type: string; id: string } {
  const [type, id] = (usedBy ?? '').split('.');
  if (!type || !id) throw new Error(`${where}: the role is not used by a resource`);
  return { type, id };
}

export interface ImageBuildFacts {
  /** The CodeBuild project's log group (`/aws/codebuild/...`). */
  readonly logGroupArn: string;
  /** The image repository of the stack. */
  readonly repositoryArn: string;
  /** The GitHub connection the build clones through, when the stack creates it (else configured by ARN). */
  readonly connectionArn: string | undefined;
  /** The parameter the build writes the pushed digest to. */
  readonly digestParameterArn: string;
}

/** The resources of the image pipeline in the role's stack, each expected exactly once. */
export function imageBuildFacts(project: ProjectIam, role: SynthesizedRole): ImageBuildFacts {
  const { stack } = role;
  const resources = stack.json.resource ?? {};
  const only = (type: string, filter: (attributes: Record<string, unknown>) => boolean = () => true) => {
    const ids = Object.entries(resources[type] ?? {})
      .filter(([, attributes]) => filter(attributes))
      .map(([id]) => id);
    if (ids.length !== 1) throw new Error(`${stack.name}: the image pipeline needs exactly one ${type}, found ${ids.length}`);
    return ids[0];
  };
  const arnOf = (type: string, id: string) => project.resolve(stack, `\${${type}.${id}.arn}`, `${stack.name} ${type}.${id}`);
  const connectionType = ['aws_codeconnections_connection', 'aws_codestarconnections_connection'].find((type) => resources[type]);
  return {
    logGroupArn: arnOf(
      'aws_cloudwatch_log_group',
      only('aws_cloudwatch_log_group', (group) => String(group.name).startsWith('/aws/codebuild/')),
    ),
    repositoryArn: arnOf('aws_ecr_repository', only('aws_ecr_repository')),
    connectionArn: connectionType ? arnOf(connectionType, only(connectionType)) : undefined,
    digestParameterArn: arnOf(
      'aws_ssm_parameter',
      only('aws_ssm_parameter', (parameter) => String(parameter.name).endsWith('image-digest')),
    ),
  };
}
