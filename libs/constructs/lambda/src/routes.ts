/**
 * The routes of an HTTP API and how each is authorized: parsed and checked at synth, so that a
 * typo in a route key or an open route in production fails the synth instead of the deploy.
 */
import { Token } from 'cdktf';
import type { IConstruct } from 'constructs';
import {
  duplicateRoute,
  invalidAudiences,
  invalidIssuer,
  invalidRouteKey,
  jwtConfigUnused,
  jwtRouteWithoutJwtConfig,
  noAuthorizationInProduction,
  noRoutes,
  scopesWithoutJwt,
  unknownAuthorization,
} from './errors';

/** `iam`: SigV4-signed calls (AWS_IAM); `jwt`: a bearer token from `jwt.issuer`; `none`: open. */
export type RouteAuthorization = 'iam' | 'jwt' | 'none';

export interface HttpRouteProps {
  /** `<METHOD> /<path>` such as `POST /v1/generate` (`{param}`, `{proxy+}` last), or `$default`. */
  readonly route: string;
  /** @default - the API's `authorization` */
  readonly authorization?: RouteAuthorization;
  /** OAuth scopes a token must carry; jwt routes only. @default - none: any valid token */
  readonly scopes?: readonly string[];
}

export interface JwtSettings {
  /** Token issuer, an https URL (e.g. `https://cognito-idp.<region>.amazonaws.com/<pool id>`). */
  readonly issuer: string;
  /** 1..50 accepted `aud` (or `client_id`) values. */
  readonly audiences: readonly string[];
}

export interface ParsedRoute {
  readonly routeKey: string;
  /** Upper-case method, `ANY`, or undefined for `$default`. */
  readonly method?: string;
  readonly authorization: RouteAuthorization;
  /** The prop that set the authorization, for messages: `routes[0].authorization` or `authorization`. */
  readonly authorizationField: string;
  readonly scopes?: readonly string[];
}

export const DEFAULT_ROUTE_KEY = '$default';
export const ROUTE_METHODS = ['GET', 'POST', 'PUT', 'PATCH', 'DELETE', 'HEAD', 'OPTIONS', 'ANY'] as const;
const AUTHORIZATIONS: readonly RouteAuthorization[] = ['iam', 'jwt', 'none'];
const SEGMENT = String.raw`(?:[A-Za-z0-9._~-]+|\{[A-Za-z_][A-Za-z0-9_]*\})`;
const GREEDY = String.raw`\{[A-Za-z_][A-Za-z0-9_]*\+\}`;
const ROUTE_KEY_PATTERN = new RegExp(`^(${ROUTE_METHODS.join('|')}) (/|(?:/${SEGMENT})*(?:/${GREEDY})?)$`);
const MAX_AUDIENCES = 50;

export interface RouteRules {
  readonly defaultAuthorization: RouteAuthorization;
  readonly production: boolean;
  readonly jwt?: JwtSettings;
}

export function parseRoutes(scope: IConstruct, routes: readonly (string | HttpRouteProps)[], rules: RouteRules): ParsedRoute[] {
  if (!AUTHORIZATIONS.includes(rules.defaultAuthorization)) throw unknownAuthorization(scope, 'authorization', rules.defaultAuthorization);
  if (routes.length === 0) throw noRoutes(scope);
  const seen = new Set<string>();
  const parsed = routes.map((entry, index) => {
    const route = typeof entry === 'string' ? { route: entry } : entry;
    const routeKey = route.route;
    const match = ROUTE_KEY_PATTERN.exec(routeKey);
    if (routeKey !== DEFAULT_ROUTE_KEY && !match) throw invalidRouteKey(scope, index, routeKey);
    if (seen.has(routeKey)) throw duplicateRoute(scope, routeKey);
    seen.add(routeKey);
    const authorizationField = route.authorization === undefined ? 'authorization' : `routes[${index}].authorization`;
    const authorization = route.authorization ?? rules.defaultAuthorization;
    if (!AUTHORIZATIONS.includes(authorization)) throw unknownAuthorization(scope, authorizationField, authorization);
    if (authorization === 'none' && rules.production) throw noAuthorizationInProduction(scope, authorizationField, routeKey);
    if (authorization === 'jwt' && !rules.jwt) throw jwtRouteWithoutJwtConfig(scope, authorizationField, routeKey);
    if (route.scopes !== undefined && authorization !== 'jwt') throw scopesWithoutJwt(scope, index, authorization);
    return { routeKey, method: match?.[1], authorization, authorizationField, scopes: route.scopes };
  });
  if (rules.jwt) {
    if (!parsed.some((route) => route.authorization === 'jwt')) throw jwtConfigUnused(scope);
    checkJwt(scope, rules.jwt);
  }
  return parsed;
}

function checkJwt(scope: IConstruct, jwt: JwtSettings): void {
  if (!Token.isUnresolved(jwt.issuer) && !isHttpsUrl(jwt.issuer)) throw invalidIssuer(scope, jwt.issuer);
  if (Token.isUnresolved(jwt.audiences)) return;
  const count = jwt.audiences.length;
  if (count < 1 || count > MAX_AUDIENCES || jwt.audiences.some((audience) => audience.trim() === '')) {
    throw invalidAudiences(scope, count);
  }
}

function isHttpsUrl(value: string): boolean {
  try {
    const url = new URL(value);
    return url.protocol === 'https:' && url.hostname !== '' && url.search === '' && url.hash === '';
  } catch {
    return false;
  }
}

/** The methods a browser may need to preflight: those of the routes (every method for ANY or $default). */
export function methodsOf(routes: readonly ParsedRoute[]): string[] {
  if (routes.some((route) => route.method === undefined || route.method === 'ANY')) return ['*'];
  return [...new Set(routes.map((route) => route.method as string))];
}

/** A construct id for a route: `/` is the construct path separator, so it becomes `|` (never in a valid path). */
export function routeId(routeKey: string): string {
  return `Route ${routeKey.replace(/\//g, '|')}`;
}
