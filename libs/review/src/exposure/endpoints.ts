/** Endpoints reachable without authorization: function URLs, API methods and routes, public permissions, public databases. */
import type { ExposureDetector } from './exposure';

export const functionUrl: ExposureDetector = (values) =>
  values.authorization_type === 'NONE'
    ? [{ key: 'auth:none', severity: 'high', message: 'function URL with authorization_type NONE: anyone on the internet can invoke it' }]
    : [];

export const lambdaPermission: ExposureDetector = (values) => {
  if (values.principal !== '*') return [];
  if (values.function_url_auth_type === 'NONE') {
    return [
      { key: 'principal:*:url', severity: 'high', message: 'lets anyone invoke the function through its URL (principal *, function_url_auth_type NONE)' },
    ];
  }
  const limited = Boolean(values.source_arn) || Boolean(values.source_account) || Boolean(values.principal_org_id);
  return limited
    ? []
    : [{ key: 'principal:*', severity: 'high', message: 'lets any principal invoke the function (principal *, no source_arn or source_account)' }];
};

export const restApiMethod: ExposureDetector = (values) => {
  // CORS preflight methods have no authorization by design.
  if (values.authorization !== 'NONE' || values.api_key_required === true || values.http_method === 'OPTIONS') return [];
  const method = typeof values.http_method === 'string' ? `${values.http_method} ` : '';
  return [{ key: 'auth:none', severity: 'medium', message: `API method ${method}without authorization or API key` }];
};

export const httpApiRoute: ExposureDetector = (values) => {
  const routeKey = typeof values.route_key === 'string' ? values.route_key : '';
  if ((values.authorization_type ?? 'NONE') !== 'NONE' || routeKey.startsWith('OPTIONS ')) return [];
  return [{ key: 'auth:none', severity: 'medium', message: `API route ${routeKey || '(unnamed)'} without authorization` }];
};

export const publiclyAccessible: ExposureDetector = (values) =>
  values.publicly_accessible === true
    ? [{ key: 'publicly_accessible', severity: 'high', message: 'publicly_accessible = true: reachable from the internet' }]
    : [];
