import { Apigatewayv2Api } from '@cdktf/provider-aws/lib/apigatewayv2-api';
import { Apigatewayv2Authorizer } from '@cdktf/provider-aws/lib/apigatewayv2-authorizer';
import { Apigatewayv2Integration } from '@cdktf/provider-aws/lib/apigatewayv2-integration';
import { Apigatewayv2Route } from '@cdktf/provider-aws/lib/apigatewayv2-route';
import { Apigatewayv2Stage } from '@cdktf/provider-aws/lib/apigatewayv2-stage';
import { CloudwatchLogGroup } from '@cdktf/provider-aws/lib/cloudwatch-log-group';
import { LambdaPermission } from '@cdktf/provider-aws/lib/lambda-permission';
import { Testing } from 'cdktf';
import { ACCESS_LOG_FIELDS, HttpApi, type HttpApiProps } from './index';
import { API_PROPS, HANDLER, KEY_ARN, logicalIdsOf, onlyResource, PROD_EU, resourcesOf, synthApi, synthFunction, makeTempZip } from './spec-helpers';

const WHERE = '(environment prod, region eu-west-1, construct stack/HttpApi)';
const JWT = { issuer: 'https://cognito-idp.eu-west-1.amazonaws.com/eu-west-1_AbCdEfGhI', audiences: ['client-a', 'client-b'] };

const failure = (overrides: Partial<HttpApiProps>) => () => synthApi(overrides, PROD_EU);

/** `${aws_apigatewayv2_api.<id>.<attribute>}` of the one API in the synth. */
function apiReference(synthesized: string, attribute: string): string {
  return `\${aws_apigatewayv2_api.${logicalIdsOf(synthesized, 'aws_apigatewayv2_api')[0]}.${attribute}}`;
}

describe('HttpApi', () => {
  describe('API, integration and routes', () => {
    const synthesized = synthApi();

    it('is an HTTP API named from props', () => {
      expect(synthesized).toHaveResourceWithProperties(Apigatewayv2Api, { name: API_PROPS.apiName, protocol_type: 'HTTP' });
    });

    it('proxies to the function with payload format 2.0 and waits at most 30 s', () => {
      expect(synthesized).toHaveResourceWithProperties(Apigatewayv2Integration, {
        api_id: apiReference(synthesized, 'id'),
        integration_type: 'AWS_PROXY',
        integration_method: 'POST',
        integration_uri: HANDLER.invokeArn,
        payload_format_version: '2.0',
        timeout_milliseconds: 30_000,
      });
    });

    it('routes each listed route to the integration, IAM-authorized by default', () => {
      const [integrationId] = logicalIdsOf(synthesized, 'aws_apigatewayv2_integration');

      expect(resourcesOf(synthesized, 'aws_apigatewayv2_route')).toEqual([
        {
          api_id: apiReference(synthesized, 'id'),
          route_key: 'POST /v1/generate',
          target: `integrations/\${aws_apigatewayv2_integration.${integrationId}.id}`,
          authorization_type: 'AWS_IAM',
        },
      ]);
    });

    it('creates one route per entry, with stable ids taken from the route key', () => {
      const many = synthApi({ routes: ['POST /v1/generate', 'GET /v1/generations/{id}', 'ANY /admin/{proxy+}', '$default'], authorization: 'none' });

      expect(
        resourcesOf(many, 'aws_apigatewayv2_route')
          .map((route) => route.route_key)
          .sort(),
      ).toEqual(['$default', 'ANY /admin/{proxy+}', 'GET /v1/generations/{id}', 'POST /v1/generate']);
      expect(logicalIdsOf(many, 'aws_apigatewayv2_route')).toContainEqual(expect.stringMatching(/^HttpApi_RoutePOSTv1generate_[0-9A-F]{8}$/));
    });

    it('takes a shorter integration timeout from props', () => {
      expect(synthApi({ integrationTimeoutMs: 10_000 })).toHaveResourceWithProperties(Apigatewayv2Integration, { timeout_milliseconds: 10_000 });
    });
  });

  describe('stage', () => {
    const synthesized = synthApi();

    it('is $default and deploys every change', () => {
      expect(synthesized).toHaveResourceWithProperties(Apigatewayv2Stage, { name: '$default', auto_deploy: true, api_id: apiReference(synthesized, 'id') });
    });

    it('throttles every route at 50 requests/s with bursts of 100 by default', () => {
      expect(synthesized).toHaveResourceWithProperties(Apigatewayv2Stage, {
        default_route_settings: { throttling_rate_limit: 50, throttling_burst_limit: 100, detailed_metrics_enabled: false },
      });
    });

    it('throttles as asked', () => {
      expect(synthApi({ throttlingRateLimit: 2.5, throttlingBurstLimit: 5 })).toHaveResourceWithProperties(Apigatewayv2Stage, {
        default_route_settings: expect.objectContaining({ throttling_rate_limit: 2.5, throttling_burst_limit: 5 }),
      });
    });

    it('writes JSON access logs to its own log group, 90 days by default', () => {
      const [groupId] = logicalIdsOf(synthesized, 'aws_cloudwatch_log_group');
      const stage = onlyResource(synthesized, 'aws_apigatewayv2_stage');

      expect(synthesized).toHaveResourceWithProperties(CloudwatchLogGroup, {
        name: `/aws/apigateway/${API_PROPS.apiName}/access`,
        retention_in_days: 90,
      });
      expect(stage.access_log_settings.destination_arn).toBe(`\${aws_cloudwatch_log_group.${groupId}.arn}`);
      expect(JSON.parse(stage.access_log_settings.format)).toEqual(ACCESS_LOG_FIELDS);
    });

    it('logs who called what, how it ended and how long it took, but nothing the caller sent', () => {
      const format = JSON.parse(onlyResource(synthesized, 'aws_apigatewayv2_stage').access_log_settings.format);

      expect(format).toMatchObject({
        requestId: '$context.requestId',
        ip: '$context.identity.sourceIp',
        routeKey: '$context.routeKey',
        status: '$context.status',
        latency: '$context.responseLatency',
        integrationError: '$context.integrationErrorMessage',
      });
      expect(Object.values(format).filter((variable) => /claims|header|querystring|body/i.test(String(variable)))).toEqual([]);
    });

    it('keeps access logs as long as asked, encrypted with the given key', () => {
      expect(synthApi({ accessLogRetentionDays: 365, accessLogKmsKeyArn: KEY_ARN })).toHaveResourceWithProperties(CloudwatchLogGroup, {
        retention_in_days: 365,
        kms_key_id: KEY_ARN,
      });
    });
  });

  describe('CORS', () => {
    it('is off unless asked', () => {
      expect(onlyResource(synthApi(), 'aws_apigatewayv2_api')).not.toHaveProperty('cors_configuration');
    });

    it('allows the given origins, the routes’ methods, authorization and content-type headers, for 5 minutes', () => {
      expect(synthApi({ routes: ['POST /v1/generate', 'GET /v1/models'], cors: { allowOrigins: ['https://app.example.com'] } })).toHaveResourceWithProperties(
        Apigatewayv2Api,
        {
          cors_configuration: {
            allow_origins: ['https://app.example.com'],
            allow_methods: ['POST', 'GET'],
            allow_headers: ['authorization', 'content-type'],
            max_age: 300,
            allow_credentials: false,
          },
        },
      );
    });

    it('takes methods, headers, max age and credentials from props', () => {
      const cors = {
        allowOrigins: ['https://app.example.com', 'http://localhost:5173'],
        allowMethods: ['POST', 'OPTIONS'],
        allowHeaders: ['content-type', 'x-request-id'],
        exposeHeaders: ['x-request-id'],
        maxAgeSeconds: 3600,
        allowCredentials: true,
      };

      expect(synthApi({ cors })).toHaveResourceWithProperties(Apigatewayv2Api, {
        cors_configuration: {
          allow_origins: cors.allowOrigins,
          allow_methods: cors.allowMethods,
          allow_headers: cors.allowHeaders,
          expose_headers: cors.exposeHeaders,
          max_age: 3600,
          allow_credentials: true,
        },
      });
    });

    it('allows every method when a route takes any method', () => {
      expect(synthApi({ routes: ['ANY /v1/{proxy+}'], cors: { allowOrigins: ['*'] } })).toHaveResourceWithProperties(Apigatewayv2Api, {
        cors_configuration: expect.objectContaining({ allow_methods: ['*'] }),
      });
    });

    it.each([
      [{ allowOrigins: [] }, 'cors.allowOrigins must list at least one origin, got none: leave cors unset to allow no cross-origin calls'],
      [
        { allowOrigins: ['https://app.example.com/'] },
        'cors.allowOrigins[0] must be "*" or <scheme>://<host>[:<port>] without a path, got "https://app.example.com/"',
      ],
      [{ allowOrigins: ['app.example.com'] }, 'cors.allowOrigins[0] must be "*" or <scheme>://<host>[:<port>] without a path, got "app.example.com"'],
      [
        { allowOrigins: ['*'], allowMethods: ['FETCH'] },
        'cors.allowMethods[0] must be an HTTP method (GET, POST, PUT, PATCH, DELETE, HEAD, OPTIONS) or "*", got "FETCH"',
      ],
      [{ allowOrigins: ['*'], maxAgeSeconds: 86_401 }, 'cors.maxAgeSeconds must be 0..86400 s, got 86401'],
      [
        { allowOrigins: ['*'], allowCredentials: true },
        'cors.allowCredentials must be false when cors.allowOrigins contains "*", got true: browsers and API Gateway refuse credentials for any origin; list the origins',
      ],
    ])('refuses %j', (cors, message) => {
      expect(failure({ cors })).toThrow(new Error(`HttpApi ${message} ${WHERE}`));
    });
  });

  describe('authorization', () => {
    it("signs routes with IAM under 'iam'", () => {
      expect(synthApi({ authorization: 'iam' })).toHaveResourceWithProperties(Apigatewayv2Route, { authorization_type: 'AWS_IAM' });
    });

    it("validates a bearer token from the Authorization header under 'jwt'", () => {
      const synthesized = synthApi({ authorization: 'jwt', jwt: JWT });
      const [authorizerId] = logicalIdsOf(synthesized, 'aws_apigatewayv2_authorizer');

      expect(synthesized).toHaveResourceWithProperties(Apigatewayv2Authorizer, {
        api_id: apiReference(synthesized, 'id'),
        authorizer_type: 'JWT',
        identity_sources: ['$request.header.Authorization'],
        jwt_configuration: { issuer: JWT.issuer, audience: JWT.audiences },
      });
      expect(synthesized).toHaveResourceWithProperties(Apigatewayv2Route, {
        authorization_type: 'JWT',
        authorizer_id: `\${aws_apigatewayv2_authorizer.${authorizerId}.id}`,
      });
    });

    it('requires the scopes a jwt route asks for', () => {
      const synthesized = synthApi({ routes: [{ route: 'POST /v1/generate', authorization: 'jwt', scopes: ['llm/generate'] }], jwt: JWT });

      expect(synthesized).toHaveResourceWithProperties(Apigatewayv2Route, { authorization_scopes: ['llm/generate'] });
    });

    it("leaves routes open under 'none' outside production, with no authorizer", () => {
      const synthesized = synthApi({ authorization: 'none' });

      expect(synthesized).toHaveResourceWithProperties(Apigatewayv2Route, { authorization_type: 'NONE' });
      expect(resourcesOf(synthesized, 'aws_apigatewayv2_authorizer')).toEqual([]);
    });

    it('lets each route choose, falling back to the API default', () => {
      const synthesized = synthApi({ routes: ['POST /v1/generate', { route: 'GET /health', authorization: 'none' }], authorization: 'jwt', jwt: JWT });
      const byKey = Object.fromEntries(resourcesOf(synthesized, 'aws_apigatewayv2_route').map((route) => [route.route_key, route.authorization_type]));

      expect(byKey).toEqual({ 'POST /v1/generate': 'JWT', 'GET /health': 'NONE' });
    });

    it("refuses 'none' in production, naming the prop, the value and the route", () => {
      expect(failure({ authorization: 'none', production: true })).toThrow(
        new Error(
          `HttpApi authorization must not be 'none' in production, got 'none' for route "POST /v1/generate": anyone on the internet could call the function; use 'iam' or 'jwt' ${WHERE}`,
        ),
      );
      expect(failure({ routes: ['POST /v1/generate', { route: 'GET /health', authorization: 'none' }], production: true })).toThrow(
        new Error(
          `HttpApi routes[1].authorization must not be 'none' in production, got 'none' for route "GET /health": anyone on the internet could call the function; use 'iam' or 'jwt' ${WHERE}`,
        ),
      );
    });

    it.each([
      [
        { authorization: 'jwt' },
        `authorization is 'jwt' for route "POST /v1/generate", got no jwt settings: set jwt.issuer and jwt.audiences, or choose 'iam'`,
      ],
      [{ jwt: JWT }, "jwt is set but no route uses authorization 'jwt', got jwt settings without a use: remove jwt or set authorization to 'jwt'"],
      [{ authorization: 'basic' as never }, `authorization must be 'iam', 'jwt' or 'none', got "basic"`],
      [
        { routes: [{ route: 'POST /v1/generate', authorization: 'cognito' as never }] },
        `routes[0].authorization must be 'iam', 'jwt' or 'none', got "cognito"`,
      ],
      [
        { routes: [{ route: 'POST /v1/generate', scopes: ['a'] }] },
        "routes[0].scopes need authorization 'jwt', got authorization 'iam': remove scopes or use 'jwt'",
      ],
      [
        { authorization: 'jwt', jwt: { ...JWT, issuer: 'http://issuer.example.com' } },
        'jwt.issuer must be an https URL such as https://cognito-idp.eu-west-1.amazonaws.com/<pool id>, got "http://issuer.example.com"',
      ],
      [{ authorization: 'jwt', jwt: { ...JWT, audiences: [] } }, 'jwt.audiences must list 1..50 non-empty audiences (client ids), got 0'],
    ])('refuses %j', (overrides, message) => {
      expect(failure(overrides as Partial<HttpApiProps>)).toThrow(new Error(`HttpApi ${message} ${WHERE}`));
    });
  });

  describe('invoke permission', () => {
    it('lets API Gateway invoke the function only from this API', () => {
      const synthesized = synthApi();

      expect(synthesized).toHaveResourceWithProperties(LambdaPermission, {
        action: 'lambda:InvokeFunction',
        function_name: HANDLER.functionArn,
        principal: 'apigateway.amazonaws.com',
        source_arn: `${apiReference(synthesized, 'execution_arn')}/*/*`,
        statement_id: `AllowInvokeFromHttpApi-${API_PROPS.apiName}`,
      });
    });

    it('names the function by reference, so the permission waits for it', () => {
      const zip = makeTempZip();
      try {
        const synthesized = synthFunction(zip.path, {}, { build: (scope, fn) => new HttpApi(scope, 'HttpApi', { ...API_PROPS, handler: fn }) });
        const [functionId] = logicalIdsOf(synthesized, 'aws_lambda_function');

        expect(onlyResource(synthesized, 'aws_lambda_permission').function_name).toBe(`\${aws_lambda_function.${functionId}.arn}`);
        expect(onlyResource(synthesized, 'aws_apigatewayv2_integration').integration_uri).toBe(`\${aws_lambda_function.${functionId}.invoke_arn}`);
      } finally {
        zip.cleanup();
      }
    });
  });

  describe('validation', () => {
    it.each([
      [{ routes: [] }, 'routes must list at least one route such as "POST /v1/generate", got none'],
      [{ routes: ['POST /v1/generate', 'POST /v1/generate'] }, 'routes must not repeat a route, got "POST /v1/generate" more than once'],
      [{ throttlingRateLimit: 0 }, 'throttlingRateLimit must be a number greater than 0, got 0'],
      [{ throttlingBurstLimit: -5 }, 'throttlingBurstLimit must be a whole number greater than 0, got -5'],
      [{ throttlingBurstLimit: 1.5 }, 'throttlingBurstLimit must be a whole number greater than 0, got 1.5'],
      [{ integrationTimeoutMs: 31_000 }, 'integrationTimeoutMs must be 50..30000 ms, got 31000'],
      [{ integrationTimeoutMs: 10 }, 'integrationTimeoutMs must be 50..30000 ms, got 10'],
      [
        { accessLogRetentionDays: 0 },
        'accessLogRetentionDays must be one of the CloudWatch Logs periods 1, 3, 5, 7, 14, 30, 60, 90, 120, 150, 180, 365, 400, 545, 731, 1096, 1827, 2192, 2557, 2922, 3288, 3653, got 0',
      ],
      [
        { accessLogKmsKeyArn: 'key-1' },
        'accessLogKmsKeyArn must be the ARN of a KMS key (arn:<partition>:kms:<region>:<account>:key/<id>; CloudWatch Logs takes no alias), got "key-1"',
      ],
      [{ apiName: 'my api' }, 'apiName must be 1..128 letters, digits, ".", "_" or "-", got "my api"'],
    ])('refuses %j', (overrides, message) => {
      expect(failure(overrides as Partial<HttpApiProps>)).toThrow(new Error(`HttpApi ${message} ${WHERE}`));
    });

    it.each(['post /v1/generate', 'POST v1/generate', 'POST /v1/generate/', 'POST /v1//generate', 'FETCH /v1', 'POST /{proxy+}/more', 'POST /v1/gen|erate'])(
      'refuses the route key %j',
      (routeKey) => {
        expect(failure({ routes: [routeKey] })).toThrow(
          new Error(
            'HttpApi routes[0].route must be "<METHOD> /<path>" (GET, POST, PUT, PATCH, DELETE, HEAD, OPTIONS or ANY; path segments of letters, digits, - _ . ~ or {param}, {proxy+} last) ' +
              `or "$default", got "${routeKey}" ${WHERE}`,
          ),
        );
      },
    );

    it('exposes the stage name and ids for alarms and callers', () => {
      let api: HttpApi | undefined;
      Testing.synthScope((scope) => {
        api = new HttpApi(scope, 'HttpApi', API_PROPS);
      });

      expect(api?.stageName).toBe('$default');
      expect(api?.accessLogGroupName).toBe(`/aws/apigateway/${API_PROPS.apiName}/access`);
      expect(Object.keys(api?.routes ?? {})).toEqual(['POST /v1/generate']);
    });
  });
});
