/** Shared arrangement for this lib's specs: typical props, a synth helper and readers of the synthesized JSON. */
import { setDeploymentContext, type DeploymentContext } from '@llm/config';
import type { PolicyStatement } from '@llm/constructs/iam';
import { Testing } from 'cdktf';
import type { Construct } from 'constructs';
import { ImagePipeline, type ImagePipelineProps } from './image-pipeline';
import { onlyResource } from '@llm/terraform/testing';

// Reading synthesized stacks is shared by every construct lib's tests.
export { logicalIdsOf, onlyResource, resourcesOf, type SynthBlock as Block } from '@llm/terraform/testing';

export const ACCOUNT_ID = '333333333333';
export const PROD_EU: DeploymentContext = { environment: 'prod', region: 'eu-west-1' };
export const WHERE = '(environment prod, region eu-west-1, construct stack/Images)';
export const PROJECT_NAME = 'llm-platform-prod-eu-west-1-api-image';
export const REPOSITORY_NAME = 'llm-platform-prod-api';
export const PARAMETER_NAME = '/llm-platform/prod/eu-west-1/api-image-digest';
export const CONNECTION_ARN = `arn:aws:codeconnections:eu-west-1:${ACCOUNT_ID}:connection/0a1b2c3d-4e5f-6789-abcd-ef0123456789`;
export const DIGEST = `sha256:${'ab12'.repeat(16)}`;

/** Props of the prod pipeline, with an existing connection unless overridden. */
export const PROPS: ImagePipelineProps = {
  projectName: PROJECT_NAME,
  accountId: ACCOUNT_ID,
  region: 'eu-west-1',
  githubRepository: 'acme/llm-platform',
  ecrRepositoryName: REPOSITORY_NAME,
  roleName: 'llm-platform-prod-eu-west-1-api-image-build',
  permissionBoundaryArn: `arn:aws:iam::${ACCOUNT_ID}:policy/llm-platform-prod-global-permission-boundary`,
  connectionArn: CONNECTION_ARN,
  imageDigestParameterName: PARAMETER_NAME,
};

export function synthPipeline(
  overrides: Partial<ImagePipelineProps> = {},
  options: { context?: DeploymentContext | null; build?: (scope: Construct, pipeline: ImagePipeline) => void } = {},
): string {
  return Testing.synthScope((scope) => {
    const context = options.context === undefined ? PROD_EU : options.context;
    if (context) setDeploymentContext(scope, context);
    const pipeline = new ImagePipeline(scope, 'Images', { ...PROPS, ...overrides });
    options.build?.(scope, pipeline);
  });
}

/** The statements of the service role's inline policy, in order, Sids included. */
export function roleStatements(synthesized: string): PolicyStatement[] {
  return JSON.parse(onlyResource(synthesized, 'aws_iam_role_policy').policy).Statement;
}
