/**
 * The CodeBuild pipeline that builds the pipeline image on every push to the configured branch
 * (image-packaged environments with `imagePipeline`, primary region only: ECR replication copies
 * each pushed image, same digest, to the other regions).
 */
import { ImagePipeline } from '@llm/constructs/codebuild';
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
    ...(settings.connectionArn ? { connectionArn: settings.connectionArn } : { connectionName: naming.githubConnectionName }),
    connectionAvailable: settings.connectionAvailable,
    imageDigestParameterName: naming.imageDigestParameterName(region),
    architecture: env.lambda.architecture,
    logRetentionDays: env.logging.retentionDays,
  });
}
