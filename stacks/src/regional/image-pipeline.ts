/**
 * The CodeBuild pipeline that builds the pipeline image on every push to the configured branch
 * (image-packaged environments with `imagePipeline`, primary region only: ECR replication copies
 * each pushed image, same digest, to the other regions).
 */
import { ImagePipeline } from '@llm/constructs/codebuild';
import { leftOutInEmulator } from '../emulator-gaps';
import type { ProjectStack } from '../project-stack';

export function addImagePipeline(stack: ProjectStack): ImagePipeline | undefined {
  const { env, naming, region } = stack;
  const settings = env.imagePipeline;
  if (!settings || env.lambda.packaging !== 'image' || region !== naming.primaryRegion) return undefined;
  return new ImagePipeline(stack, 'ImagePipeline', {
    projectName: naming.imagePipelineProjectName(region),
    accountId: env.accountId,
    region,
    githubRepository: env.ci.githubRepository,
    branch: settings.branch,
    ecrRepositoryName: naming.ecrRepositoryName,
    roleName: naming.roleName(region, 'api-image-build'),
    permissionBoundaryArn: naming.permissionBoundaryArn,
    ...connection(stack, settings.connectionArn),
    connectionAvailable: settings.connectionAvailable,
    imageDigestParameterName: naming.imageDigestParameterName(region),
    architecture: env.lambda.architecture,
    logRetentionDays: env.logging.retentionDays,
  });
}

/**
 * The configured connection, else one this stack creates. The emulator has no CodeConnections
 * (EMULATOR_LEFT_OUT), and the service role's policy names the connection's ARN: there the stack
 * names one by ARN instead of creating it, so no reference dangles.
 */
function connection(stack: ProjectStack, configuredArn: string | undefined): { connectionArn: string } | { connectionName: string } {
  if (configuredArn) return { connectionArn: configuredArn };
  if (leftOutInEmulator(stack.mode, 'aws_codeconnections_connection')) {
    return { connectionArn: `arn:${stack.naming.partition}:codeconnections:${stack.region}:${stack.env.accountId}:connection/left-out-in-emulator` };
  }
  return { connectionName: stack.naming.githubConnectionName };
}
