import { Apigatewayv2Api } from '@cdktf/provider-aws/lib/apigatewayv2-api';
import { Apigatewayv2Route } from '@cdktf/provider-aws/lib/apigatewayv2-route';
import { Apigatewayv2Stage } from '@cdktf/provider-aws/lib/apigatewayv2-stage';
import { HttpApi } from '@llm/constructs/lambda';
import { ACCOUNT_ID, checkStack, findingsOf, problemsOf, REGION } from '../spec-helpers';

const HANDLER = {
  functionArn: `arn:aws:lambda:${REGION}:${ACCOUNT_ID}:function:api`,
  invokeArn: `arn:aws:apigateway:${REGION}:lambda:path/2015-03-31/functions/arn:aws:lambda:${REGION}:${ACCOUNT_ID}:function:api/invocations`,
};

describe('api-access-logging and api-route-authorization', () => {
  it('pass an HttpApi: JSON access logs, IAM-authorized routes', () => {
    const report = checkStack((stack) => {
      new HttpApi(stack, 'HttpApi', { apiName: 'llm-api', handler: HANDLER, routes: ['POST /v1/generate'], authorization: 'iam' });
    });

    expect(findingsOf(report, 'api-access-logging')).toEqual([]);
    expect(findingsOf(report, 'api-route-authorization')).toEqual([]);
  });

  it('fail an open route of an HttpApi (authorization none, allowed outside production by the construct)', () => {
    const report = checkStack((stack) => {
      new HttpApi(stack, 'HttpApi', { apiName: 'llm-api', handler: HANDLER, routes: ['POST /v1/generate'], authorization: 'none' });
    });

    expect(problemsOf(report, 'api-route-authorization')).toEqual([
      'stack/HttpApi/Route POST |v1|generate: lets anyone call route "POST /v1/generate": authorization is NONE',
    ]);
    expect(findingsOf(report, 'api-route-authorization')[0]).toMatchObject({
      level: 'error',
      fix: "authorize the route with AWS_IAM or JWT (HttpApi authorization 'iam' or 'jwt', api.authorization in the environment configuration)",
    });
  });

  it('fail a stage without access logs and a route without any authorization type; CORS preflight routes are not applicable', () => {
    const report = checkStack((stack) => {
      const api = new Apigatewayv2Api(stack, 'Api', { name: 'bare', protocolType: 'HTTP' });
      new Apigatewayv2Stage(stack, 'Stage', { apiId: api.id, name: '$default', autoDeploy: true });
      new Apigatewayv2Route(stack, 'Route', { apiId: api.id, routeKey: 'GET /items' });
      new Apigatewayv2Route(stack, 'Preflight', { apiId: api.id, routeKey: 'OPTIONS /items' });
    });

    expect(problemsOf(report, 'api-access-logging')).toEqual(['stack/Stage: writes no access logs: access_log_settings is not set']);
    expect(findingsOf(report, 'api-access-logging')[0].fix).toContain('set access_log_settings { destination_arn = <log group ARN>, format = <JSON format> }');
    expect(problemsOf(report, 'api-route-authorization')).toEqual(['stack/Route: lets anyone call route "GET /items": authorization is NONE']);
  });
});
