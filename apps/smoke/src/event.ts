/** The API Gateway HTTP API (payload format 2.0) event the smoke test sends straight to the function. */
import { randomUUID } from 'node:crypto';

export interface GenerateRequest {
  readonly prompt: string;
  readonly model?: string;
  readonly maxOutputTokens?: number;
  readonly metadata?: Record<string, string>;
}

export function generateEvent(request: GenerateRequest, now = new Date()): Record<string, unknown> {
  const body = JSON.stringify(request);
  const requestId = `smoke-${randomUUID()}`;
  return {
    version: '2.0',
    routeKey: 'POST /v1/generate',
    rawPath: '/v1/generate',
    rawQueryString: '',
    headers: { 'content-type': 'application/json', 'content-length': String(Buffer.byteLength(body)), 'user-agent': 'llm-platform-smoke' },
    requestContext: {
      accountId: 'anonymous',
      apiId: 'smoke',
      domainName: 'smoke.local',
      domainPrefix: 'smoke',
      http: { method: 'POST', path: '/v1/generate', protocol: 'HTTP/1.1', sourceIp: '127.0.0.1', userAgent: 'llm-platform-smoke' },
      requestId,
      routeKey: 'POST /v1/generate',
      stage: '$default',
      time: now.toUTCString(),
      timeEpoch: now.getTime(),
    },
    body,
    isBase64Encoded: false,
  };
}
