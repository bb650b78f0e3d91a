/** `<env>-global`: things that exist once per account (IAM, billing), managed from the primary region. */
import { CostAnomalyAlerts, MonthlyBudget } from '@llm/constructs/budgets';
import { GithubCiRoles, GithubOidcProvider, PermissionBoundary } from '@llm/constructs/iam';
import type { EnvironmentConfig } from '@llm/config';
import { TerraformOutput } from 'cdktf';
import type { Construct } from 'constructs';
import type { DeploymentMode } from './mode';
import { ProjectStack } from './project-stack';

export class GlobalStack extends ProjectStack {
  readonly permissionBoundary: PermissionBoundary;
  readonly ciRoles: GithubCiRoles;

  constructor(scope: Construct, env: EnvironmentConfig, mode: DeploymentMode) {
    super(scope, { env, scope: 'global', region: env.regions[0].region, mode });
    const naming = this.naming;
    const stateBucketArn = naming.bucketArn(naming.stateBucketName);

    this.permissionBoundary = new PermissionBoundary(this, 'PermissionBoundary', {
      policyName: naming.permissionBoundaryName,
      boundaryArn: naming.permissionBoundaryArn,
      allowedRegions: env.regions.map((entry) => entry.region),
      stateBucketArn,
      iamNamePrefix: naming.iamNamePrefix,
      // The CI roles are changed by an account administrator only: a deploy role that could edit
      // itself could widen itself.
      protectedRoleArns: [naming.roleArn('global', 'ci-plan'), naming.roleArn('global', 'ci-deploy')],
      accountId: env.accountId,
      partition: naming.partition,
    });

    new GithubOidcProvider(this, 'GithubOidc');
    this.ciRoles = new GithubCiRoles(this, 'CiRoles', {
      environment: env.name,
      githubRepository: env.ci.githubRepository,
      accountId: env.accountId,
      partition: naming.partition,
      permissionBoundaryArn: naming.permissionBoundaryArn,
      planRoleName: naming.roleName('global', 'ci-plan'),
      deployRoleName: naming.roleName('global', 'ci-deploy'),
      stateBucketArn,
      iamNamePrefix: naming.iamNamePrefix,
      dataBucketArns: env.regions.map((entry) => naming.bucketArn(naming.outputBucketName(entry.region))),
      dataLogGroupArns: env.regions.map((entry) => naming.functionLogGroupArn(entry.region)),
    });
    // Roles must not exist before the boundary they carry: IAM rejects an unknown boundary ARN.
    this.ciRoles.node.addDependency(this.permissionBoundary);

    // Budgets are account-wide; they alert through the primary region's topic, addressed by the
    // ARN naming computes, so this stack plans before the regional stack has created it.
    new MonthlyBudget(this, 'MonthlyBudget', {
      budgetName: naming.budgetName,
      accountId: env.accountId,
      monthlyLimitUsd: env.budget.monthlyLimitUsd,
      subscriberSnsTopicArns: [naming.alertTopicArn(naming.primaryRegion)],
    });
    if (env.budget.alertEmails.length > 0) {
      new CostAnomalyAlerts(this, 'CostAnomalyAlerts', {
        name: naming.costAnomalyName,
        accountId: env.accountId,
        emails: env.budget.alertEmails,
        thresholdUsd: env.budget.anomalyThresholdUsd,
      });
    }

    new TerraformOutput(this, 'permission_boundary_arn', { value: this.permissionBoundary.policy.arn });
    new TerraformOutput(this, 'ci_plan_role_arn', { value: this.ciRoles.planRoleArn });
    new TerraformOutput(this, 'ci_deploy_role_arn', { value: this.ciRoles.deployRoleArn });
  }
}
