/**
 * The execution role of the LLM pipeline function in this region, with exactly what the handler
 * does: read its one secret, write records under generations/ of its one bucket and, with the
 * OpenAI hard stop, read the state of its region's spend alarm. LlmFunction
 * adds its log group, X-Ray and, in a VPC, network interfaces. Nothing else: metrics leave as
 * embedded-metric log lines (no cloudwatch:PutMetricData), and Lambda pulls an image with the
 * deployer's permissions, not the function's.
 */
import { partitionOf } from '@llm/config';
import { ExecutionRole } from '@llm/constructs/iam';
import { spendAlarmName } from '@llm/constructs/lambda';
import type { ProjectStack } from '../project-stack';
import { GENERATIONS_PREFIX, type RegionalStorage } from './storage';

/** CloudWatch namespace of the pipeline's custom metrics (Powertools Metrics). */
export const METRICS_NAMESPACE = 'LlmPlatform';

export function addApiRole(stack: ProjectStack, storage: RegionalStorage): ExecutionRole {
  const { env, naming, region } = stack;
  const role = new ExecutionRole(stack, 'ApiRole', {
    roleName: naming.roleName(region, 'api'),
    servicePrincipal: 'lambda.amazonaws.com',
    permissionBoundaryArn: naming.permissionBoundaryArn,
    accountId: env.accountId,
    region,
    partition: partitionOf(region),
    description: `LLM pipeline function in ${env.name} ${region}`,
  });
  role.grantSecretRead(naming.apiKeySecretArnPattern(region), { kmsKeyArn: storage.apiKeySecret.kmsKey?.arn });
  role.grantWrite(storage.outputBucket.bucketArn, GENERATIONS_PREFIX);
  // The hard stop reads the region's spend alarm: that one alarm, nothing else of CloudWatch.
  if (env.openai.hardStop) role.grantAlarmRead(spendAlarmName(naming.prefix(region)));
  return role;
}
