/**
 * The HTTP edge of the function: routes an API Gateway HTTP API (payload 2.0) event, reads its
 * body within the size limit, and builds JSON responses, errors included.
 */
import type { APIGatewayProxyEventV2, APIGatewayProxyStructuredResultV2 } from 'aws-lambda';
import { InvalidEventError, MalformedBodyError, MethodNotAllowedError, PayloadTooLargeError, type PublicError, RouteNotFoundError } from './errors';

export const GENERATE_PATH = '/v1/generate';
const GENERATE_METHODS = ['POST'] as const;

export interface RoutedRequest {
  readonly method: string;
  readonly path: string;
  /** API Gateway's request id, or undefined when the event has none. */
  readonly apiRequestId: string | undefined;
}

/** Checks the event's shape and route; throws 404/405 errors for anything but `POST /v1/generate`. */
export function routeEvent(event: unknown): RoutedRequest {
  if (!isObject(event) || event.version !== '2.0' || !isObject(event.requestContext) || !isObject(event.requestContext.http)) {
    throw new InvalidEventError('event: not an API Gateway HTTP API event (payload format 2.0)');
  }
  const http = event.requestContext.http;
  const method = typeof http.method === 'string' ? http.method.toUpperCase() : '';
  const rawPath = typeof event.rawPath === 'string' ? event.rawPath : typeof http.path === 'string' ? http.path : '';
  if (!method || !rawPath) throw new InvalidEventError('event: requestContext.http.method and rawPath are required');
  const stage = typeof event.requestContext.stage === 'string' ? event.requestContext.stage : '$default';
  // With a named stage, rawPath starts with it (/prod/v1/generate); with $default it does not.
  const stagePrefix = stage !== '$default' ? `/${stage}` : '';
  const path = stagePrefix && rawPath.startsWith(`${stagePrefix}/`) ? rawPath.slice(stagePrefix.length) : rawPath;
  const normalised = path.length > 1 && path.endsWith('/') ? path.slice(0, -1) : path;
  const apiRequestId = typeof event.requestContext.requestId === 'string' ? event.requestContext.requestId : undefined;

  if (normalised !== GENERATE_PATH) throw new RouteNotFoundError(normalised);
  if (!(GENERATE_METHODS as readonly string[]).includes(method)) throw new MethodNotAllowedError(method, GENERATE_METHODS);
  return { method, path: normalised, apiRequestId };
}

/**
 * The body as text, decoded from base64 when API Gateway encoded it; throws 413 above the limit,
 * measured in bytes after decoding.
 */
export function readBody(event: Pick<APIGatewayProxyEventV2, 'body' | 'isBase64Encoded'>, maxBytes: number): string {
  const body: unknown = event.body;
  if (body === undefined || body === null || body === '') throw new MalformedBodyError('body: required, a JSON object');
  if (typeof body !== 'string') throw new InvalidEventError('event: body must be a string');
  if (event.isBase64Encoded === true) {
    // Decoded size is at most 3/4 of the encoded length: refuse huge bodies before decoding them.
    const upperBound = Math.floor((body.length * 3) / 4);
    if (upperBound > maxBytes + 2) throw new PayloadTooLargeError(maxBytes, upperBound);
    if (!/^[A-Za-z0-9+/\r\n]*={0,2}\s*$/.test(body)) throw new MalformedBodyError('body: isBase64Encoded is true but the body is not valid base64');
    const bytes = Buffer.from(body, 'base64');
    if (bytes.length > maxBytes) throw new PayloadTooLargeError(maxBytes, bytes.length);
    return bytes.toString('utf8');
  }
  const size = Buffer.byteLength(body, 'utf8');
  if (size > maxBytes) throw new PayloadTooLargeError(maxBytes, size);
  return body;
}

/** Parses the body as JSON without echoing any of it: V8's messages quote the input, which may be a prompt. */
export function parseJson(text: string): unknown {
  try {
    return JSON.parse(text);
  } catch {
    throw new MalformedBodyError('body: not valid JSON');
  }
}

const BASE_HEADERS = { 'content-type': 'application/json', 'cache-control': 'no-store' } as const;

export function jsonResponse(
  statusCode: number,
  body: unknown,
  headers: Readonly<Record<string, string>> = {},
): APIGatewayProxyStructuredResultV2 & { statusCode: number; body: string; headers: Record<string, string> } {
  return { statusCode, headers: { ...BASE_HEADERS, ...headers }, body: JSON.stringify(body), isBase64Encoded: false };
}

/** The caller's view of an error: `{ "error": { "code", "message" } }`, never a stack or a secret. */
export function errorResponse(error: PublicError, requestId: string): ReturnType<typeof jsonResponse> {
  return jsonResponse(error.status, { error: { code: error.code, message: error.message } }, { ...error.headers, 'x-request-id': requestId });
}

function isObject(value: unknown): value is Record<string, unknown> & { [key: string]: unknown } {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}
