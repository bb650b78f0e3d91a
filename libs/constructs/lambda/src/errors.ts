/**
 * Configuration errors of the Lambda, HTTP API and alarm constructs, as small factories: what is
 * wrong, the value received, the rule or fix, and where (environment, region, construct path).
 */
import { constructError } from '@llm/config';
import type { IConstruct } from 'constructs';

export type LambdaConstructName = 'LlmFunction' | 'HttpApi' | 'FunctionAlarms' | 'ApiAlarms' | 'OpenAiSpendAlarm';

export interface NumericRange {
  readonly min: number;
  readonly max: number;
  /** Printed after the range: `128..10240 MB`. */
  readonly unit: string;
}

function configError(scope: IConstruct, construct: LambdaConstructName, message: string): Error {
  return constructError(scope, construct, message);
}

// Shared

export function notWholeNumberInRange(scope: IConstruct, construct: LambdaConstructName, field: string, range: NumericRange, value: number): Error {
  return configError(scope, construct, `${field} must be ${range.min}..${range.max} ${range.unit}, got ${value}`);
}

/** `rule` completes "must be ...": `a number greater than 0`. */
export function invalidNumber(scope: IConstruct, construct: LambdaConstructName, field: string, rule: string, value: number): Error {
  return configError(scope, construct, `${field} must be ${rule}, got ${value}`);
}

export function retentionNotCloudWatchPeriod(
  scope: IConstruct,
  construct: LambdaConstructName,
  field: string,
  days: number,
  periods: readonly number[],
): Error {
  return configError(scope, construct, `${field} must be one of the CloudWatch Logs periods ${periods.join(', ')}, got ${days}`);
}

export function invalidKmsKeyArn(scope: IConstruct, construct: LambdaConstructName, field: string, arn: string): Error {
  return configError(
    scope,
    construct,
    `${field} must be the ARN of a KMS key (arn:<partition>:kms:<region>:<account>:key/<id>; CloudWatch Logs takes no alias), got "${arn}"`,
  );
}

export function invalidName(scope: IConstruct, construct: LambdaConstructName, field: string, rule: string, value: string): Error {
  return configError(scope, construct, `${field} must be ${rule}, got "${value}"`);
}

// LlmFunction: packaging

export function zipNotFound(scope: IConstruct, assetPath: string, resolved: string): Error {
  return configError(
    scope,
    'LlmFunction',
    `packaging.assetPath names no file: ${resolved} (from "${assetPath}") does not exist; run \`npm run build\` to build the function's zip first`,
  );
}

export function zipNotAFile(scope: IConstruct, resolved: string): Error {
  return configError(scope, 'LlmFunction', `packaging.assetPath must name the zip file the build writes, got the directory ${resolved}`);
}

export function zipTooLarge(scope: IConstruct, resolved: string, maxMb: number, bytes: number): Error {
  return configError(
    scope,
    'LlmFunction',
    `packaging.assetPath must be a zip of at most ${maxMb} MB (Lambda's limit for a direct upload), got ${(bytes / 1024 / 1024).toFixed(1)} MB at ${resolved}: ` +
      'use image packaging or shrink the bundle',
  );
}

export function invalidImageDigest(scope: IConstruct, digest: string): Error {
  return configError(scope, 'LlmFunction', `packaging.imageDigest must be "sha256:" followed by 64 lower-case hex digits, got "${digest}"`);
}

export function invalidRepositoryUrl(scope: IConstruct, url: string): Error {
  return configError(
    scope,
    'LlmFunction',
    `packaging.repositoryUrl must be an ECR repository URL without tag or digest (<account>.dkr.ecr.<region>.amazonaws.com/<name>), got "${url}"`,
  );
}

export function unknownPackaging(scope: IConstruct, type: string): Error {
  return configError(scope, 'LlmFunction', `packaging.type must be 'zip' or 'image', got "${type}"`);
}

export function handlerWithImage(scope: IConstruct, handler: string): Error {
  return configError(scope, 'LlmFunction', `handler applies to zip packaging only, got "${handler}" with packaging 'image': the image's CMD names the handler`);
}

export function invalidHandler(scope: IConstruct, handler: string): Error {
  return configError(scope, 'LlmFunction', `handler must be <file>.<export> such as index.handler, got "${handler}"`);
}

export function unknownArchitecture(scope: IConstruct, architecture: string): Error {
  return configError(scope, 'LlmFunction', `architecture must be 'arm64' or 'x86_64', got "${architecture}"`);
}

export function unknownLogLevel(scope: IConstruct, level: string, levels: readonly string[]): Error {
  return configError(scope, 'LlmFunction', `applicationLogLevel must be one of ${levels.join(', ')}, got "${level}"`);
}

// LlmFunction: environment variables

export function invalidVariableName(scope: IConstruct, name: string): Error {
  return configError(
    scope,
    'LlmFunction',
    `environment variable names must start with a letter and hold only letters, digits and _ (at least 2 characters), got "${name}"`,
  );
}

export function reservedVariableName(scope: IConstruct, name: string): Error {
  return configError(scope, 'LlmFunction', `environment variable ${name} is reserved by the Lambda runtime and cannot be set, got "${name}"`);
}

/** The value is never printed: if it is a secret, the error must not leak it into CI logs. */
export function secretLikeVariableName(scope: IConstruct, name: string): Error {
  return configError(
    scope,
    'LlmFunction',
    `environment variable ${name} looks like it holds a secret (its name contains a word such as KEY, SECRET, TOKEN or PASSWORD), got a value (not shown): ` +
      `keep secrets in Secrets Manager and pass the secret's ARN as ${name}_SECRET_ARN (names ending in _ARN are allowed)`,
  );
}

export function secretLikeVariableValue(scope: IConstruct, name: string, kind: string): Error {
  return configError(
    scope,
    'LlmFunction',
    `environment variable ${name} holds what looks like ${kind}, got a value (not shown): keep secrets in Secrets Manager and pass the secret's ARN instead`,
  );
}

export function environmentTooLarge(scope: IConstruct, maxBytes: number, bytes: number): Error {
  return configError(scope, 'LlmFunction', `environment must total at most ${maxBytes} bytes (Lambda's 4 KB limit, counted as JSON), got ${bytes} bytes`);
}

// LlmFunction: VPC

export function vpcListSize(scope: IConstruct, field: string, max: number, count: number): Error {
  return configError(scope, 'LlmFunction', `${field} must list 1..${max} ids, got ${count}`);
}

// HttpApi

export function noRoutes(scope: IConstruct): Error {
  return configError(scope, 'HttpApi', 'routes must list at least one route such as "POST /v1/generate", got none');
}

export function invalidRouteKey(scope: IConstruct, index: number, routeKey: string): Error {
  return configError(
    scope,
    'HttpApi',
    `routes[${index}].route must be "<METHOD> /<path>" (GET, POST, PUT, PATCH, DELETE, HEAD, OPTIONS or ANY; path segments of letters, digits, - _ . ~ or {param}, {proxy+} last) or "$default", got "${routeKey}"`,
  );
}

export function duplicateRoute(scope: IConstruct, routeKey: string): Error {
  return configError(scope, 'HttpApi', `routes must not repeat a route, got "${routeKey}" more than once`);
}

export function unknownAuthorization(scope: IConstruct, field: string, value: string): Error {
  return configError(scope, 'HttpApi', `${field} must be 'iam', 'jwt' or 'none', got "${value}"`);
}

export function noAuthorizationInProduction(scope: IConstruct, field: string, routeKey: string): Error {
  return configError(
    scope,
    'HttpApi',
    `${field} must not be 'none' in production, got 'none' for route "${routeKey}": anyone on the internet could call the function; use 'iam' or 'jwt'`,
  );
}

export function jwtRouteWithoutJwtConfig(scope: IConstruct, field: string, routeKey: string): Error {
  return configError(scope, 'HttpApi', `${field} is 'jwt' for route "${routeKey}", got no jwt settings: set jwt.issuer and jwt.audiences, or choose 'iam'`);
}

export function jwtConfigUnused(scope: IConstruct): Error {
  return configError(
    scope,
    'HttpApi',
    "jwt is set but no route uses authorization 'jwt', got jwt settings without a use: remove jwt or set authorization to 'jwt'",
  );
}

export function scopesWithoutJwt(scope: IConstruct, index: number, authorization: string): Error {
  return configError(scope, 'HttpApi', `routes[${index}].scopes need authorization 'jwt', got authorization '${authorization}': remove scopes or use 'jwt'`);
}

export function invalidIssuer(scope: IConstruct, issuer: string): Error {
  return configError(scope, 'HttpApi', `jwt.issuer must be an https URL such as https://cognito-idp.eu-west-1.amazonaws.com/<pool id>, got "${issuer}"`);
}

export function invalidAudiences(scope: IConstruct, count: number): Error {
  return configError(scope, 'HttpApi', `jwt.audiences must list 1..50 non-empty audiences (client ids), got ${count}`);
}

export function invalidCorsOrigin(scope: IConstruct, index: number, origin: string): Error {
  return configError(scope, 'HttpApi', `cors.allowOrigins[${index}] must be "*" or <scheme>://<host>[:<port>] without a path, got "${origin}"`);
}

export function noCorsOrigins(scope: IConstruct): Error {
  return configError(scope, 'HttpApi', 'cors.allowOrigins must list at least one origin, got none: leave cors unset to allow no cross-origin calls');
}

export function invalidCorsMethod(scope: IConstruct, index: number, method: string): Error {
  return configError(
    scope,
    'HttpApi',
    `cors.allowMethods[${index}] must be an HTTP method (GET, POST, PUT, PATCH, DELETE, HEAD, OPTIONS) or "*", got "${method}"`,
  );
}

export function credentialsWithWildcardOrigin(scope: IConstruct): Error {
  return configError(
    scope,
    'HttpApi',
    'cors.allowCredentials must be false when cors.allowOrigins contains "*", got true: browsers and API Gateway refuse credentials for any origin; list the origins',
  );
}

// Alarms

export function invalidTopicArn(scope: IConstruct, construct: LambdaConstructName, arn: string): Error {
  return configError(scope, construct, `alarmTopicArn must be an SNS topic ARN (arn:<partition>:sns:<region>:<account>:<name>), got "${arn}"`);
}

export function invalidPeriod(scope: IConstruct, construct: LambdaConstructName, period: number): Error {
  return configError(scope, construct, `periodSeconds must be 10, 20, 30 or a multiple of 60 up to 86400, got ${period}`);
}

export function unresolvedTimeout(scope: IConstruct): Error {
  return configError(
    scope,
    'FunctionAlarms',
    'function.timeoutSeconds must be known at synth time to set the duration threshold, got an unresolved token: set durationThresholdMs',
  );
}
