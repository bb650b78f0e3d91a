/** `<env>-bootstrap`: the per-account Terraform state bucket. Applied once, by hand, with local state. */
import { SecureBucket } from '@llm/constructs/storage';
import type { EnvironmentConfig } from '@llm/config';
import type { Construct } from 'constructs';
import type { DeploymentMode } from './mode';
import { ProjectStack } from './project-stack';

const STATE_VERSION_RETENTION_DAYS = 365;

export class BootstrapStack extends ProjectStack {
  readonly stateBucket: SecureBucket;

  constructor(scope: Construct, env: EnvironmentConfig, mode: DeploymentMode) {
    super(scope, { env, scope: 'bootstrap', region: env.regions[0].region, mode, forceLocalState: true });
    this.stateBucket = new SecureBucket(this, 'StateBucket', {
      bucketName: this.naming.stateBucketName,
      partition: this.naming.partition,
      // State history is the way back from a bad apply: never destroyed with the stack, and in
      // production no plan may destroy the bucket at all.
      forceDestroy: false,
      preventDestroy: env.production,
      noncurrentVersionExpirationDays: STATE_VERSION_RETENTION_DAYS,
    });
  }
}
