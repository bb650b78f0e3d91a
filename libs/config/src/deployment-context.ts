/**
 * Where a construct is deployed, for error messages. Stacks record their environment and region
 * in the construct tree's context; constructs (which may not import stacks) read it back, so a
 * validation error can say `(environment prod, region eu-west-1, construct prod-eu-west-1/Vpc)`.
 */
import type { IConstruct } from 'constructs';

const ENVIRONMENT_KEY = 'llm-platform:environment';
const REGION_KEY = 'llm-platform:region';

export interface DeploymentContext {
  readonly environment: string;
  /** The stack's provider region (the primary region for account-wide stacks). */
  readonly region: string;
}

/** Called by a stack before it adds children. */
export function setDeploymentContext(scope: IConstruct, context: DeploymentContext): void {
  scope.node.setContext(ENVIRONMENT_KEY, context.environment);
  scope.node.setContext(REGION_KEY, context.region);
}

export function deploymentContextOf(scope: IConstruct): Partial<DeploymentContext> {
  return {
    environment: scope.node.tryGetContext(ENVIRONMENT_KEY) as string | undefined,
    region: scope.node.tryGetContext(REGION_KEY) as string | undefined,
  };
}

/** `(environment prod, region eu-west-1, construct prod-eu-west-1/Vpc)`; parts not known are left out. */
export function describeLocation(scope: IConstruct): string {
  const { environment, region } = deploymentContextOf(scope);
  const parts = [environment ? `environment ${environment}` : undefined, region ? `region ${region}` : undefined, `construct ${scope.node.path}`].filter(
    Boolean,
  );
  return `(${parts.join(', ')})`;
}

/** `<Construct> <message> (environment ..., region ..., construct ...)`: the shape of every construct configuration error. */
export function constructError(scope: IConstruct, construct: string, message: string): Error {
  return new Error(`${construct} ${message} ${describeLocation(scope)}`);
}
