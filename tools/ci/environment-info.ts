/**
 * What a CI job needs to know about one environment, computed from its configuration and the
 * naming lib exactly as the stacks compute it: account, regions, the stacks CI plans and deploys,
 * and the GitHub OIDC roles of the global stack (libs/constructs/iam/src/ci-roles.ts).
 */
import { validateEnvironments, type EnvironmentConfig } from '@llm/config';
import { ENVIRONMENTS } from '@llm/environments';
import { Naming } from '@llm/naming';

export interface EnvironmentInfo {
  readonly name: string;
  readonly accountId: string;
  readonly primaryRegion: string;
  /** Primary region first. */
  readonly regions: readonly string[];
  /**
   * Stacks CI plans and deploys, in apply order: the global stack first (the permission boundary
   * every role carries), then one per region, primary first. Never `<env>-bootstrap`: its state is
   * local to the administrator who created the state bucket, so CI would see an empty state and
   * plan to create the bucket again.
   */
  readonly stacks: readonly string[];
  /** The regional stacks, whose function the smoke test invokes. */
  readonly regionalStacks: readonly string[];
  readonly bootstrapStack: string;
  readonly planRoleArn: string;
  readonly deployRoleArn: string;
}

export function environmentInfo(env: EnvironmentConfig): EnvironmentInfo {
  const naming = new Naming(env);
  const regions = env.regions.map((entry) => entry.region);
  const regionalStacks = regions.map((region) => naming.stackName(region));
  const roleArn = (component: string) => `arn:${naming.partition}:iam::${env.accountId}:role/${naming.roleName('global', component)}`;
  return {
    name: env.name,
    accountId: env.accountId,
    primaryRegion: naming.primaryRegion,
    regions,
    stacks: [naming.stackName('global'), ...regionalStacks],
    regionalStacks,
    bootstrapStack: naming.stackName('bootstrap'),
    planRoleArn: roleArn('ci-plan'),
    deployRoleArn: roleArn('ci-deploy'),
  };
}

/** The environments of environments/index.ts, validated as the cdktf app validates them. */
export function configuredEnvironments(): EnvironmentConfig[] {
  return validateEnvironments(ENVIRONMENTS);
}

export function findEnvironment(name: string, environments: readonly EnvironmentConfig[] = configuredEnvironments()): EnvironmentConfig {
  const env = environments.find((candidate) => candidate.name === name);
  if (!env) throw new Error(`unknown environment "${name}"; known: ${environments.map((candidate) => candidate.name).join(', ')}`);
  return env;
}

/** The value the repository variable AWS_ACCOUNT_IDS should hold, from the configuration. */
export function accountIdsVariable(environments: readonly EnvironmentConfig[] = configuredEnvironments()): string {
  return JSON.stringify(Object.fromEntries(environments.map((env) => [env.name, env.accountId])));
}

/**
 * Checks the account id a workflow took from the repository variable AWS_ACCOUNT_IDS against the
 * configuration: the provider's allowed_account_ids would refuse any other account anyway, but
 * only after init, with a message that does not say which variable is wrong.
 */
export function accountProblem(env: EnvironmentConfig, fromVariable: string): string | undefined {
  const expected = accountIdsVariable();
  if (fromVariable.trim() === '') {
    return `the repository variable AWS_ACCOUNT_IDS has no account for "${env.name}": set it (Settings > Secrets and variables > Actions > Variables) to ${expected}`;
  }
  if (fromVariable.trim() !== env.accountId) {
    return `AWS_ACCOUNT_IDS gives account ${fromVariable.trim()} for "${env.name}", but environments/${env.name}/config.ts says ${env.accountId}: fix whichever is wrong (the variable should be ${expected})`;
  }
  return undefined;
}

/**
 * The environment matrix of the workflows: every environment name in deployment order (the order of
 * environments/index.ts), as JSON for `fromJSON(...)` in `strategy.matrix`. Each job gets the rest
 * (account, regions, stacks, roles) from `--env <name>`, checked against AWS_ACCOUNT_IDS there.
 */
export function environmentMatrix(environments: readonly EnvironmentConfig[] = configuredEnvironments()): string {
  return JSON.stringify(environments.map((env) => env.name));
}

/** `key=value` lines for $GITHUB_OUTPUT; lists are space-separated. */
export function githubOutputLines(info: EnvironmentInfo): string {
  return [
    `name=${info.name}`,
    `account_id=${info.accountId}`,
    `primary_region=${info.primaryRegion}`,
    `regions=${info.regions.join(' ')}`,
    `stacks=${info.stacks.join(' ')}`,
    `regional_stacks=${info.regionalStacks.join(' ')}`,
    `plan_role_arn=${info.planRoleArn}`,
    `deploy_role_arn=${info.deployRoleArn}`,
    '',
  ].join('\n');
}
