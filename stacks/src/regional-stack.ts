/** `<env>-<region>`: the service in one region. For now its output bucket; constructs issues add the rest. */
import { SecureBucket } from '@llm/constructs/storage';
import type { EnvironmentConfig } from '@llm/config';
import { partitionOf } from '@llm/config';
import { TerraformOutput } from 'cdktf';
import type { Construct } from 'constructs';
import type { DeploymentMode } from './mode';
import { ProjectStack } from './project-stack';

/** Key prefix under which the pipeline writes one JSON record per request. */
export const GENERATIONS_PREFIX = 'generations/';

export class RegionalStack extends ProjectStack {
  readonly outputBucket: SecureBucket;

  constructor(scope: Construct, env: EnvironmentConfig, region: string, mode: DeploymentMode) {
    super(scope, { env, scope: region, region, mode });
    this.outputBucket = new SecureBucket(this, 'OutputBucket', {
      bucketName: this.naming.outputBucketName(region),
      partition: partitionOf(region),
      forceDestroy: env.storage.forceDestroy,
      expireAfterDays: env.storage.expireGenerationsAfterDays,
      expirePrefix: env.storage.expireGenerationsAfterDays === undefined ? undefined : GENERATIONS_PREFIX,
    });
    new TerraformOutput(this, 'output_bucket_name', { value: this.outputBucket.bucket.bucket });
  }
}
