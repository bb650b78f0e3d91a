/** Shared arrangement for this lib's specs: a throwaway zip, a role, typical props and synth helpers. */
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { setDeploymentContext, type DeploymentContext } from '@llm/config';
import { ExecutionRole, type PolicyStatement } from '@llm/constructs/iam';
import { Testing } from 'cdktf';
import type { Construct } from 'constructs';
import { LlmFunction, type LlmFunctionProps } from './function';
import { HttpApi, type HttpApiProps } from './http-api';
import { onlyResource } from '@llm/terraform/testing';

// Reading synthesized stacks is shared by every construct lib's tests.
export { logicalIdsOf, onlyResource, resourcesOf, type SynthBlock as Block } from '@llm/terraform/testing';

export const ACCOUNT_ID = '111111111111';
export const PROD_EU: DeploymentContext = { environment: 'prod', region: 'eu-west-1' };
export const FUNCTION_NAME = 'llm-platform-prod-eu-west-1-api';
export const TOPIC_ARN = `arn:aws:sns:eu-west-1:${ACCOUNT_ID}:llm-platform-prod-eu-west-1-alerts`;
export const KEY_ARN = `arn:aws:kms:eu-west-1:${ACCOUNT_ID}:key/1234abcd-12ab-34cd-56ef-1234567890ab`;
export const SECRET_ARN = `arn:aws:secretsmanager:eu-west-1:${ACCOUNT_ID}:secret:llm-platform/prod/eu-west-1/openai-api-key-AbCdEf`;
export const REPOSITORY_URL = `${ACCOUNT_ID}.dkr.ecr.eu-west-1.amazonaws.com/llm-platform-prod-api`;
export const DIGEST = `sha256:${'ab12'.repeat(16)}`;

/** A zip-shaped file in a fresh temp folder; Lambda never sees it, so any bytes do. */
export function makeTempZip(contents: string | Buffer = 'PK\u0003\u0004 not really a zip'): { path: string; dir: string; cleanup: () => void } {
  const dir = mkdtempSync(join(tmpdir(), 'llm-lambda-spec-'));
  const path = join(dir, 'llm-api.zip');
  writeFileSync(path, contents);
  return { path, dir, cleanup: () => rmSync(dir, { recursive: true, force: true }) };
}

export function makeRole(scope: Construct): ExecutionRole {
  return new ExecutionRole(scope, 'Role', {
    roleName: FUNCTION_NAME,
    servicePrincipal: 'lambda.amazonaws.com',
    permissionBoundaryArn: `arn:aws:iam::${ACCOUNT_ID}:policy/llm-platform-prod-permission-boundary`,
    accountId: ACCOUNT_ID,
    region: 'eu-west-1',
  });
}

export type FunctionOverrides = Partial<Omit<LlmFunctionProps, 'role'>>;

export function functionProps(role: ExecutionRole, zipPath: string, overrides: FunctionOverrides = {}): LlmFunctionProps {
  return { functionName: FUNCTION_NAME, role, packaging: { type: 'zip', assetPath: zipPath }, ...overrides };
}

/** Synthesizes one function (with its role) and, if `build` is given, whatever it adds. */
export function synthFunction(
  zipPath: string,
  overrides: FunctionOverrides = {},
  options: { context?: DeploymentContext; build?: (scope: Construct, fn: LlmFunction) => void } = {},
): string {
  return Testing.synthScope((scope) => {
    if (options.context) setDeploymentContext(scope, options.context);
    const fn = new LlmFunction(scope, 'Api', functionProps(makeRole(scope), zipPath, overrides));
    options.build?.(scope, fn);
  });
}

/** A handler that stands in for a function; its ARNs are plain strings. */
export const HANDLER = {
  functionArn: `arn:aws:lambda:eu-west-1:${ACCOUNT_ID}:function:${FUNCTION_NAME}`,
  invokeArn: `arn:aws:apigateway:eu-west-1:lambda:path/2015-03-31/functions/arn:aws:lambda:eu-west-1:${ACCOUNT_ID}:function:${FUNCTION_NAME}/invocations`,
};

export const API_PROPS: HttpApiProps = {
  apiName: 'llm-platform-prod-eu-west-1-api',
  handler: HANDLER,
  routes: ['POST /v1/generate'],
};

export function synthApi(overrides: Partial<HttpApiProps> = {}, context?: DeploymentContext): string {
  return Testing.synthScope((scope) => {
    if (context) setDeploymentContext(scope, context);
    new HttpApi(scope, 'HttpApi', { ...API_PROPS, ...overrides });
  });
}

/** The statements of the role's inline policy, without their generated Sids. */
export function roleStatements(synthesized: string): PolicyStatement[] {
  const policy = onlyResource(synthesized, 'aws_iam_role_policy');
  return JSON.parse(policy.policy).Statement.map(({ Sid: _sid, ...rest }: PolicyStatement) => rest);
}
