/** The region's data: the output bucket for generation records and the secret that holds the OpenAI key. */
import { partitionOf } from '@llm/config';
import { ApiKeySecret, SecureBucket } from '@llm/constructs/storage';
import type { ProjectStack } from '../project-stack';

/** Key prefix under which the pipeline writes one JSON record per request. */
export const GENERATIONS_PREFIX = 'generations/';

export interface RegionalStorage {
  readonly outputBucket: SecureBucket;
  readonly apiKeySecret: ApiKeySecret;
}

export function addStorage(stack: ProjectStack): RegionalStorage {
  const { env, naming, region } = stack;
  const expiry = env.storage.expireGenerationsAfterDays;
  const outputBucket = new SecureBucket(stack, 'OutputBucket', {
    bucketName: naming.outputBucketName(region),
    partition: partitionOf(region),
    // Outside production a stack can be torn down with its data; in production the data outlives any plan.
    forceDestroy: !env.production && env.storage.forceDestroy,
    preventDestroy: env.production,
    expireAfterDays: expiry,
    expirePrefix: expiry === undefined ? undefined : GENERATIONS_PREFIX,
  });
  const apiKeySecret = new ApiKeySecret(stack, 'ApiKeySecret', {
    secretName: naming.apiKeySecretName(region),
    accountId: env.accountId,
    region,
    partition: partitionOf(region),
    recoveryWindowDays: env.secrets.recoveryWindowDays,
    customerManagedKey: env.secrets.customerManagedKey,
    preventDestroy: env.production,
  });
  return { outputBucket, apiKeySecret };
}
