/**
 * Every API route authorizes its callers (IAM, JWT or a Lambda authorizer). CORS preflight routes
 * (`OPTIONS ...`) are not applicable: browsers send preflights without credentials.
 */
import { COMPLIANT, defineRule, NOT_APPLICABLE, nonCompliant } from '../rule';

export const apiRouteAuthorization = defineRule(__filename, ['aws_apigatewayv2_route', 'aws_api_gateway_method'], (route) => {
  const rest = route.type === 'aws_api_gateway_method';
  const method = rest ? String(route.config.http_method ?? '') : String(route.config.route_key ?? '').split(' ')[0];
  if (method === 'OPTIONS') return NOT_APPLICABLE;
  const authorization = String((rest ? route.config.authorization : route.config.authorization_type) ?? 'NONE');
  if (authorization !== 'NONE') return COMPLIANT;
  const what = rest ? `method ${String(route.config.http_method)}` : `route "${String(route.config.route_key)}"`;
  return nonCompliant(
    `lets anyone call ${what}: authorization is NONE`,
    "authorize the route with AWS_IAM or JWT (HttpApi authorization 'iam' or 'jwt', api.authorization in the environment configuration)",
  );
});
