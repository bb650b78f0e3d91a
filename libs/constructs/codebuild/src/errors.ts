/**
 * Configuration errors of the CodeBuild constructs, as small factories: what is wrong, the value
 * received, the rule or fix, and where (environment, region, construct path).
 */
import { constructError } from '@llm/config';
import type { IConstruct } from 'constructs';

type ConstructName = 'ImagePipeline';

function configError(scope: IConstruct, message: string, construct: ConstructName = 'ImagePipeline'): Error {
  return constructError(scope, construct, message);
}

/** `rule` completes "must be ...". */
export function invalidName(scope: IConstruct, field: string, rule: string, value: string): Error {
  return configError(scope, `${field} must be ${rule}, got "${value}"`);
}

export function invalidAccountId(scope: IConstruct, accountId: string): Error {
  return configError(scope, `accountId must be 12 digits, got "${accountId}"`);
}

export function unknownRegion(scope: IConstruct, region: string): Error {
  return configError(scope, `region must be a known AWS region, got "${region}"`);
}

export function regionNotStackRegion(scope: IConstruct, region: string, stackRegion: string): Error {
  return configError(
    scope,
    `region must be the region of the stack it is created in, ${stackRegion}, got ${region}: the project, its repository and its parameter live in one region`,
  );
}

export function unknownChoice(scope: IConstruct, field: string, choices: readonly string[], value: string): Error {
  return configError(scope, `${field} must be one of ${choices.map((choice) => `'${choice}'`).join(', ')}, got "${value}"`);
}

export function notWholeNumberInRange(
  scope: IConstruct,
  field: string,
  range: { readonly min: number; readonly max: number; readonly unit: string },
  value: number,
): Error {
  return configError(scope, `${field} must be a whole number of ${range.unit} ${range.min}..${range.max}, got ${value}`);
}

export function retentionNotCloudWatchPeriod(scope: IConstruct, days: number, periods: readonly number[]): Error {
  return configError(scope, `logRetentionDays must be one of the CloudWatch Logs periods ${periods.join(', ')}, got ${days}`);
}

export function connectionArnAndName(scope: IConstruct): Error {
  return configError(
    scope,
    'connectionArn and connectionName exclude each other, got both: give connectionArn to use an existing connection, or connectionName to create one',
  );
}

export function noConnection(scope: IConstruct): Error {
  return configError(
    scope,
    'needs a GitHub connection, got neither connectionArn nor connectionName: give connectionArn to use an existing connection, or connectionName to create one',
  );
}

export function invalidConnectionArn(scope: IConstruct, arn: string): Error {
  return configError(
    scope,
    `connectionArn must be a CodeConnections connection ARN (arn:<partition>:codeconnections|codestar-connections:<region>:<account>:connection/<id>), got "${arn}"`,
  );
}

export function invalidImageDigest(scope: IConstruct, digest: string): Error {
  return configError(scope, `initialImageDigest must be "sha256:" followed by 64 lower-case hex digits, got "${digest}"`);
}

export function reservedParameterName(scope: IConstruct, name: string): Error {
  return configError(scope, `imageDigestParameterName must not start with "aws" or "ssm" (reserved by AWS), got "${name}"`);
}

export function tooManyParameterLevels(scope: IConstruct, name: string, levels: number, max: number): Error {
  return configError(scope, `imageDigestParameterName may have at most ${max} hierarchy levels, got ${levels} in "${name}"`);
}
