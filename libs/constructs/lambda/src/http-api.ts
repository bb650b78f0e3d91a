/**
 * An API Gateway HTTP API in front of one Lambda function: the listed routes, each authorized by
 * IAM, a JWT authorizer or (outside production) nothing, a `$default` stage that deploys on every
 * change, throttles every route and writes JSON access logs, and the one permission that lets
 * this API, and no other, invoke the function.
 */
import { Apigatewayv2Api } from '@cdktf/provider-aws/lib/apigatewayv2-api';
import { Apigatewayv2Authorizer } from '@cdktf/provider-aws/lib/apigatewayv2-authorizer';
import { Apigatewayv2Integration } from '@cdktf/provider-aws/lib/apigatewayv2-integration';
import { Apigatewayv2Route } from '@cdktf/provider-aws/lib/apigatewayv2-route';
import { Apigatewayv2Stage } from '@cdktf/provider-aws/lib/apigatewayv2-stage';
import type { CloudwatchLogGroup } from '@cdktf/provider-aws/lib/cloudwatch-log-group';
import { LambdaPermission } from '@cdktf/provider-aws/lib/lambda-permission';
import { Token } from 'cdktf';
import { Construct } from 'constructs';
import { corsConfiguration, type HttpApiCors } from './cors';
import { invalidName } from './errors';
import { ACCESS_LOG_FORMAT, addLogGroup } from './logs';
import { methodsOf, parseRoutes, routeId, type HttpRouteProps, type JwtSettings, type ParsedRoute, type RouteAuthorization } from './routes';
import { checkKmsKeyArn, checkPositive, checkPositiveInteger, checkRetentionDays, checkWholeNumberInRange } from './validation';

/** The function behind the API; an `LlmFunction` is one. */
export interface HttpApiHandler {
  /** The function's ARN; a reference to the function resource, so the permission waits for it. */
  readonly functionArn: string;
  readonly invokeArn: string;
}

export interface HttpApiProps {
  /** API name from the naming module; 1..128 letters, digits, `.`, `_` or `-` (it also names the access-log group). */
  readonly apiName: string;
  readonly handler: HttpApiHandler;
  /** `'POST /v1/generate'`, or `{ route, authorization?, scopes? }` to set a route's own authorization. */
  readonly routes: readonly (string | HttpRouteProps)[];
  /**
   * How routes without their own `authorization` are authorized. `'jwt'` needs `jwt`; `'none'`
   * is refused when `production` is true.
   * @default 'iam'
   */
  readonly authorization?: RouteAuthorization;
  /** Issuer and audiences of the JWT authorizer; required when a route uses `'jwt'`. @default - no JWT authorizer */
  readonly jwt?: JwtSettings;
  /** Refuse unauthenticated routes. @default false */
  readonly production?: boolean;
  /** @default - no CORS: browsers refuse cross-origin calls */
  readonly cors?: HttpApiCors;
  /** Steady-state requests per second for every route, > 0. @default 50 */
  readonly throttlingRateLimit?: number;
  /** Requests above the steady rate a route may take at once, a whole number > 0. @default 100 */
  readonly throttlingBurstLimit?: number;
  /** How long the API waits for the function, 50..30000 ms (API Gateway's maximum). @default 30000 */
  readonly integrationTimeoutMs?: number;
  /**
   * Days the access-log group keeps events; one of the CloudWatch Logs periods
   * (`LOG_RETENTION_DAYS` in '@llm/config').
   * @default 90
   */
  readonly accessLogRetentionDays?: number;
  /**
   * Customer-managed KMS key ARN for the access-log group; its key policy must let
   * `logs.<region>.amazonaws.com` use it.
   * @default - encrypted by CloudWatch Logs with its own key
   */
  readonly accessLogKmsKeyArn?: string;
  /** @default - none */
  readonly description?: string;
}

export const STAGE_NAME = '$default';
export const DEFAULT_AUTHORIZATION: RouteAuthorization = 'iam';
export const DEFAULT_THROTTLING_RATE_LIMIT = 50;
export const DEFAULT_THROTTLING_BURST_LIMIT = 100;
export const DEFAULT_INTEGRATION_TIMEOUT_MS = 30_000;
export const DEFAULT_ACCESS_LOG_RETENTION_DAYS = 90;
const INTEGRATION_TIMEOUT_RANGE = { min: 50, max: 30_000, unit: 'ms' } as const;
const API_NAME_PATTERN = /^[A-Za-z0-9._-]{1,128}$/;
/** Request parameter API Gateway reads the bearer token from. */
export const JWT_IDENTITY_SOURCE = '$request.header.Authorization';

const AUTHORIZATION_TYPES: Readonly<Record<RouteAuthorization, string>> = { iam: 'AWS_IAM', jwt: 'JWT', none: 'NONE' };

export function accessLogGroupName(apiName: string): string {
  return `/aws/apigateway/${apiName}/access`;
}

export class HttpApi extends Construct {
  readonly api: Apigatewayv2Api;
  readonly stage: Apigatewayv2Stage;
  readonly integration: Apigatewayv2Integration;
  /** By route key, e.g. `routes['POST /v1/generate']`. */
  readonly routes: Readonly<Record<string, Apigatewayv2Route>>;
  /** Present when a route uses `'jwt'`. */
  readonly jwtAuthorizer?: Apigatewayv2Authorizer;
  readonly invokePermission: LambdaPermission;
  readonly accessLogGroup: CloudwatchLogGroup;
  readonly accessLogGroupName: string;
  readonly apiId: string;
  /** `https://<api id>.execute-api.<region>.amazonaws.com`; the `$default` stage is served at its root. */
  readonly apiEndpoint: string;
  /** `arn:<partition>:execute-api:<region>:<account>:<api id>`: what IAM policies and permissions name. */
  readonly executionArn: string;
  readonly stageName: string;

  constructor(scope: Construct, id: string, props: HttpApiProps) {
    super(scope, id);
    const settings = {
      throttlingRateLimit: props.throttlingRateLimit ?? DEFAULT_THROTTLING_RATE_LIMIT,
      throttlingBurstLimit: props.throttlingBurstLimit ?? DEFAULT_THROTTLING_BURST_LIMIT,
      integrationTimeoutMs: props.integrationTimeoutMs ?? DEFAULT_INTEGRATION_TIMEOUT_MS,
      accessLogRetentionDays: props.accessLogRetentionDays ?? DEFAULT_ACCESS_LOG_RETENTION_DAYS,
    };
    if (!Token.isUnresolved(props.apiName) && !API_NAME_PATTERN.test(props.apiName)) {
      throw invalidName(this, 'HttpApi', 'apiName', '1..128 letters, digits, ".", "_" or "-"', props.apiName);
    }
    const routes = parseRoutes(this, props.routes, {
      defaultAuthorization: props.authorization ?? DEFAULT_AUTHORIZATION,
      production: props.production ?? false,
      jwt: props.jwt,
    });
    checkPositive(this, 'HttpApi', 'throttlingRateLimit', settings.throttlingRateLimit);
    checkPositiveInteger(this, 'HttpApi', 'throttlingBurstLimit', settings.throttlingBurstLimit);
    checkWholeNumberInRange(this, 'HttpApi', 'integrationTimeoutMs', INTEGRATION_TIMEOUT_RANGE, settings.integrationTimeoutMs);
    checkRetentionDays(this, 'HttpApi', 'accessLogRetentionDays', settings.accessLogRetentionDays);
    checkKmsKeyArn(this, 'HttpApi', 'accessLogKmsKeyArn', props.accessLogKmsKeyArn);
    const cors = props.cors ? corsConfiguration(this, props.cors, methodsOf(routes)) : undefined;

    this.api = new Apigatewayv2Api(this, 'Api', {
      name: props.apiName,
      description: props.description,
      protocolType: 'HTTP',
      corsConfiguration: cors,
    });
    this.apiId = this.api.id;
    this.apiEndpoint = this.api.apiEndpoint;
    this.executionArn = this.api.executionArn;

    this.accessLogGroupName = accessLogGroupName(props.apiName);
    this.accessLogGroup = addLogGroup(this, 'AccessLogGroup', {
      name: this.accessLogGroupName,
      retentionDays: settings.accessLogRetentionDays,
      kmsKeyArn: props.accessLogKmsKeyArn,
    });

    this.integration = new Apigatewayv2Integration(this, 'Integration', {
      apiId: this.api.id,
      integrationType: 'AWS_PROXY',
      integrationMethod: 'POST',
      integrationUri: props.handler.invokeArn,
      payloadFormatVersion: '2.0',
      timeoutMilliseconds: settings.integrationTimeoutMs,
    });

    if (props.jwt && routes.some((route) => route.authorization === 'jwt')) {
      this.jwtAuthorizer = new Apigatewayv2Authorizer(this, 'JwtAuthorizer', {
        apiId: this.api.id,
        name: 'jwt',
        authorizerType: 'JWT',
        identitySources: [JWT_IDENTITY_SOURCE],
        jwtConfiguration: { issuer: props.jwt.issuer, audience: [...props.jwt.audiences] },
      });
    }
    this.routes = Object.fromEntries(routes.map((route) => [route.routeKey, this.addRoute(route)]));

    this.stage = new Apigatewayv2Stage(this, 'Stage', {
      apiId: this.api.id,
      name: STAGE_NAME,
      autoDeploy: true,
      accessLogSettings: { destinationArn: this.accessLogGroup.arn, format: ACCESS_LOG_FORMAT },
      defaultRouteSettings: {
        throttlingRateLimit: settings.throttlingRateLimit,
        throttlingBurstLimit: settings.throttlingBurstLimit,
        detailedMetricsEnabled: false,
      },
    });
    this.stageName = STAGE_NAME;

    // Any stage and route of this API, and nothing else; every route of the API leads to this function.
    this.invokePermission = new LambdaPermission(this, 'InvokePermission', {
      statementId: Token.isUnresolved(props.apiName) ? 'AllowInvokeFromHttpApi' : `AllowInvokeFromHttpApi-${props.apiName}`.slice(0, 100),
      action: 'lambda:InvokeFunction',
      functionName: props.handler.functionArn,
      principal: 'apigateway.amazonaws.com',
      sourceArn: `${this.api.executionArn}/*/*`,
    });
  }

  private addRoute(route: ParsedRoute): Apigatewayv2Route {
    const jwt = route.authorization === 'jwt';
    return new Apigatewayv2Route(this, routeId(route.routeKey), {
      apiId: this.api.id,
      routeKey: route.routeKey,
      target: `integrations/${this.integration.id}`,
      authorizationType: AUTHORIZATION_TYPES[route.authorization],
      authorizerId: jwt ? this.jwtAuthorizer?.id : undefined,
      authorizationScopes: jwt && route.scopes ? [...route.scopes] : undefined,
    });
  }
}
