/** What every least-privilege table starts from: all environments, synthesized offline once per spec file. */
import { validateEnvironments, type EnvironmentConfig } from '@llm/config';
import { ENVIRONMENTS } from '@llm/environments';
import { synthesizeProjectIam, type ProjectIam } from './synthesized-iam';

export function synthesizeAllEnvironments(): ProjectIam {
  return synthesizeProjectIam(validateEnvironments(ENVIRONMENTS));
}

/** A real region the environment does not use, for the boundary's region rows. */
export function regionOutside(env: EnvironmentConfig): string {
  const candidates = ['ap-southeast-2', 'sa-east-1', 'ca-central-1'];
  const region = candidates.find((candidate) => !env.regions.some((entry) => entry.region === candidate));
  if (!region) throw new Error(`environment ${env.name} uses every candidate region`);
  return region;
}

/** Another environment of the project (another account), for cross-environment rows. */
export function otherEnvironment(project: ProjectIam, env: EnvironmentConfig): EnvironmentConfig {
  const other = project.stacks.map((stack) => stack.env).find((candidate) => candidate.name !== env.name);
  if (!other) throw new Error('the cross-environment rows need at least two environments');
  return other;
}

/** A role outside every environment's naming, which no role of the project may touch. */
export const FOREIGN_ROLE_NAME = 'OrganizationAccountAccessRole';

/** Fixed request values: a record key like the pipeline's, an ENI, an instance. */
export const RECORD_KEY = 'generations/2026/11/27/x.json';
export const LAMBDA_LOG_STREAM = '2026/11/27/[$LATEST]0123456789abcdef0123456789abcdef';
export const ENI_ID = 'eni-0123456789abcdef0';
export const INSTANCE_ID = 'i-0123456789abcdef0';
export const VPC_ID = 'vpc-0123456789abcdef0';
