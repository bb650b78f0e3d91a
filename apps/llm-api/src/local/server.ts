/**
 * The local stand-in for API Gateway and Lambda: an HTTP server on 127.0.0.1 that hands every
 * request to the handler as an HTTP API (payload 2.0) event, and also answers the Lambda Invoke
 * API (`POST /2015-03-31/functions/<name>/invocations`), so `@aws-sdk/client-lambda` pointed at
 * it (`endpoint: http://127.0.0.1:<port>`) invokes the handler as it would the deployed function.
 */
import { randomUUID } from 'node:crypto';
import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import type { GenerateHandler } from '../handler';
import { fromHandlerResult, localContext, toHttpApiEvent } from './events';

export interface LocalServerOptions {
  readonly handler: GenerateHandler;
  /** @default 3000; 0 picks a free port */
  readonly port?: number;
  /** @default '127.0.0.1' */
  readonly host?: string;
  /** Remaining time each invocation is given, like the function's timeout. @default 30000 */
  readonly functionTimeoutMs?: number;
  /** Name reported in the context when a request comes through the HTTP path. @default 'llm-api-local' */
  readonly functionName?: string;
  /** Called with one line per request (method, path, status, ms); @default nothing */
  readonly onRequest?: (line: string) => void;
}

export interface LocalServer {
  readonly url: string;
  readonly port: number;
  close(): Promise<void>;
}

/** Lambda's own limit for a synchronous invocation payload. */
const MAX_REQUEST_BYTES = 6 * 1024 * 1024;
const INVOKE_PATH = /^\/2015-03-31\/functions\/([^/]+)\/invocations$/;

export async function startLocalServer(options: LocalServerOptions): Promise<LocalServer> {
  const host = options.host ?? '127.0.0.1';
  const server = createServer((request, response) => {
    const started = Date.now();
    serve(request, response, options)
      .catch((error: unknown) => {
        // The handler answers its own errors; this is the server failing, so say little.
        if (!response.headersSent)
          send(
            response,
            500,
            { 'content-type': 'application/json' },
            JSON.stringify({ error: { code: 'local_server_error', message: String(error instanceof Error ? error.message : error) } }),
          );
      })
      .finally(() => options.onRequest?.(`${request.method} ${request.url} -> ${response.statusCode} (${Date.now() - started} ms)`));
  });
  await listen(server, options.port ?? 3000, host);
  const { port } = server.address() as AddressInfo;
  return {
    url: `http://${host}:${port}`,
    port,
    close: () =>
      new Promise<void>((resolve, reject) => {
        server.close((error) => (error ? reject(error) : resolve()));
        server.closeAllConnections();
      }),
  };
}

async function serve(request: IncomingMessage, response: ServerResponse, options: LocalServerOptions): Promise<void> {
  const body = await readRequestBody(request);
  if (body === undefined) {
    send(
      response,
      413,
      { 'content-type': 'application/json' },
      JSON.stringify({ error: { code: 'payload_too_large', message: `request over ${MAX_REQUEST_BYTES} bytes` } }),
    );
    return;
  }
  const path = (request.url ?? '/').split('?')[0];
  const invoke = INVOKE_PATH.exec(path);
  if (invoke && request.method === 'POST') {
    await invokeApi(decodeURIComponent(invoke[1]), request, body, response, options);
    return;
  }
  const event = toHttpApiEvent({
    method: request.method ?? 'GET',
    url: request.url ?? '/',
    headers: request.headers,
    body,
    sourceIp: request.socket.remoteAddress ?? '127.0.0.1',
  });
  const result = await options.handler(event, localContext(options.functionName ?? 'llm-api-local', options.functionTimeoutMs ?? 30_000));
  const answer = fromHandlerResult(result);
  send(response, answer.status, answer.headers, answer.body);
}

/** The Lambda Invoke API as the SDK speaks it: the body is the event, the answer the handler's result. */
async function invokeApi(functionName: string, request: IncomingMessage, body: Buffer, response: ServerResponse, options: LocalServerOptions): Promise<void> {
  const requestId = randomUUID();
  const headers = { 'content-type': 'application/json', 'x-amzn-requestid': requestId };
  let event: unknown;
  try {
    event = body.length === 0 ? {} : JSON.parse(body.toString('utf8'));
  } catch {
    send(
      response,
      400,
      { ...headers, 'x-amzn-errortype': 'InvalidRequestContentException' },
      JSON.stringify({ Type: 'User', message: 'Could not parse request body into json' }),
    );
    return;
  }
  const invocationType = String(request.headers['x-amz-invocation-type'] ?? 'RequestResponse');
  if (invocationType === 'DryRun') {
    send(response, 204, headers, '');
    return;
  }
  const context = localContext(functionName, options.functionTimeoutMs ?? 30_000, requestId);
  // The handler's declared event type is the HTTP API's; whatever else arrives, it rejects with a 400 result.
  const run = options.handler(event as Parameters<GenerateHandler>[0], context);
  if (invocationType === 'Event') {
    run.catch(() => undefined);
    send(response, 202, headers, '');
    return;
  }
  try {
    const result = await run;
    send(response, 200, { ...headers, 'x-amz-executed-version': '$LATEST' }, JSON.stringify(result ?? null));
  } catch (error) {
    const failure =
      error instanceof Error
        ? { errorType: error.name, errorMessage: error.message, trace: [] }
        : { errorType: 'Error', errorMessage: String(error), trace: [] };
    send(response, 200, { ...headers, 'x-amz-executed-version': '$LATEST', 'x-amz-function-error': 'Unhandled' }, JSON.stringify(failure));
  }
}

/** The whole body, or undefined when it passes the limit. */
async function readRequestBody(request: IncomingMessage): Promise<Buffer | undefined> {
  const chunks: Buffer[] = [];
  let size = 0;
  for await (const chunk of request) {
    const buffer = chunk as Buffer;
    size += buffer.length;
    if (size > MAX_REQUEST_BYTES) return undefined;
    chunks.push(buffer);
  }
  return Buffer.concat(chunks);
}

function send(response: ServerResponse, status: number, headers: Record<string, string | string[]>, body: string | Buffer): void {
  response.writeHead(status, { ...headers, 'content-length': Buffer.byteLength(body) });
  response.end(body);
}

function listen(server: Server, port: number, host: string): Promise<void> {
  return new Promise((resolve, reject) => {
    server.once('error', reject);
    server.listen(port, host, () => {
      server.off('error', reject);
      resolve();
    });
  });
}
