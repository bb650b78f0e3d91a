/**
 * The ECR repository of the pipeline image. It exists in every region under one name, so that
 * replication from the primary region lands in a repository with this project's settings
 * (immutable tags, scan on push, lifecycle) rather than one ECR creates with its defaults.
 * Apply the regional stacks before the first push.
 */
import { EcrReplication, EcrRepository } from '@llm/constructs/ecr';
import type { ProjectStack } from '../project-stack';

export function addImageRepository(stack: ProjectStack): EcrRepository {
  const { env, naming, region } = stack;
  const repository = new EcrRepository(stack, 'ImageRepository', {
    repositoryName: naming.ecrRepositoryName,
    forceDelete: !env.production && env.storage.forceDestroy,
    production: env.production,
    untaggedExpiryDays: env.ecr.untaggedExpiryDays,
    keepLastImages: env.ecr.keepLastImages,
  });
  const isPrimary = region === naming.primaryRegion;
  if (env.ecr.replicate && isPrimary) {
    new EcrReplication(stack, 'ImageReplication', {
      accountId: env.accountId,
      sourceRegion: region,
      destinationRegions: env.regions.map((entry) => entry.region).filter((other) => other !== region),
      repositoryPrefix: naming.ecrRepositoryName,
    });
  }
  return repository;
}
