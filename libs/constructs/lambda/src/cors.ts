/** CORS of an HTTP API, checked against what API Gateway and browsers accept. */
import type { Apigatewayv2ApiCorsConfiguration } from '@cdktf/provider-aws/lib/apigatewayv2-api';
import { Token } from 'cdktf';
import type { IConstruct } from 'constructs';
import { credentialsWithWildcardOrigin, invalidCorsMethod, invalidCorsOrigin, noCorsOrigins } from './errors';
import { checkWholeNumberInRange } from './validation';

export interface HttpApiCors {
  /** `*` or origins such as `https://app.example.com` (scheme, host, optional port; no path). */
  readonly allowOrigins: readonly string[];
  /** @default - the methods of the API's routes (`*` when a route is ANY or $default) */
  readonly allowMethods?: readonly string[];
  /** @default ['authorization', 'content-type'] */
  readonly allowHeaders?: readonly string[];
  /** Response headers a browser script may read. @default - none beyond the CORS-safelisted ones */
  readonly exposeHeaders?: readonly string[];
  /** Seconds a browser may cache a preflight answer, 0..86400. @default 300 */
  readonly maxAgeSeconds?: number;
  /** Let browsers send cookies or credentials; not with origin `*`. @default false */
  readonly allowCredentials?: boolean;
}

export const DEFAULT_CORS_HEADERS = ['authorization', 'content-type'] as const;
export const DEFAULT_CORS_MAX_AGE_SECONDS = 300;
const MAX_AGE_RANGE = { min: 0, max: 86_400, unit: 's' } as const;
const ORIGIN_PATTERN = /^[a-z][a-z0-9+.-]*:\/\/[^/\s?#]+$/i;
const CORS_METHODS = ['GET', 'POST', 'PUT', 'PATCH', 'DELETE', 'HEAD', 'OPTIONS', '*'];

export function corsConfiguration(scope: IConstruct, cors: HttpApiCors, routeMethods: readonly string[]): Apigatewayv2ApiCorsConfiguration {
  checkCors(scope, cors);
  return {
    allowOrigins: [...cors.allowOrigins],
    allowMethods: [...(cors.allowMethods ?? routeMethods)],
    allowHeaders: [...(cors.allowHeaders ?? DEFAULT_CORS_HEADERS)],
    exposeHeaders: cors.exposeHeaders ? [...cors.exposeHeaders] : undefined,
    maxAge: cors.maxAgeSeconds ?? DEFAULT_CORS_MAX_AGE_SECONDS,
    allowCredentials: cors.allowCredentials ?? false,
  };
}

function checkCors(scope: IConstruct, cors: HttpApiCors): void {
  if (!Token.isUnresolved(cors.allowOrigins)) {
    if (cors.allowOrigins.length === 0) throw noCorsOrigins(scope);
    cors.allowOrigins.forEach((origin, index) => {
      if (!Token.isUnresolved(origin) && origin !== '*' && !ORIGIN_PATTERN.test(origin)) throw invalidCorsOrigin(scope, index, origin);
    });
    if (cors.allowCredentials && cors.allowOrigins.includes('*')) throw credentialsWithWildcardOrigin(scope);
  }
  if (cors.allowMethods && !Token.isUnresolved(cors.allowMethods)) {
    cors.allowMethods.forEach((method, index) => {
      if (!Token.isUnresolved(method) && !CORS_METHODS.includes(method)) throw invalidCorsMethod(scope, index, method);
    });
  }
  if (cors.maxAgeSeconds !== undefined) checkWholeNumberInRange(scope, 'HttpApi', 'cors.maxAgeSeconds', MAX_AGE_RANGE, cors.maxAgeSeconds);
}
