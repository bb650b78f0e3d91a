/** `<env>-global`: things that exist once per account (IAM, billing), managed from the primary region. */
import { PermissionBoundary } from '@llm/constructs/iam';
import type { EnvironmentConfig } from '@llm/config';
import { TerraformOutput } from 'cdktf';
import type { Construct } from 'constructs';
import type { DeploymentMode } from './mode';
import { ProjectStack } from './project-stack';

export class GlobalStack extends ProjectStack {
  readonly permissionBoundary: PermissionBoundary;

  constructor(scope: Construct, env: EnvironmentConfig, mode: DeploymentMode) {
    super(scope, { env, scope: 'global', region: env.regions[0].region, mode });
    this.permissionBoundary = new PermissionBoundary(this, 'PermissionBoundary', {
      policyName: this.naming.permissionBoundaryName,
      boundaryArn: this.naming.permissionBoundaryArn,
      allowedRegions: env.regions.map((entry) => entry.region),
      stateBucketArn: this.naming.bucketArn(this.naming.stateBucketName),
    });
    new TerraformOutput(this, 'permission_boundary_arn', { value: this.permissionBoundary.policy.arn });
  }
}
