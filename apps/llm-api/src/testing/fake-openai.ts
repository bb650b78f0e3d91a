/**
 * A fake OpenAI API on 127.0.0.1 that speaks the Responses API's wire format (`POST /v1/responses`,
 * response objects with `output` messages and `usage`, errors as `{ "error": { message, type,
 * param, code } }`), so tests and the benchmark exercise the real `openai` client. Answers can be
 * scripted per request: errors with status and headers (429 + retry-after), slow answers, or a
 * failed/incomplete response.
 */
import { createServer, type IncomingHttpHeaders } from 'node:http';
import type { AddressInfo } from 'node:net';

export interface RecordedRequest {
  readonly method: string;
  readonly path: string;
  readonly headers: IncomingHttpHeaders;
  readonly body: Record<string, unknown>;
}

export type FakeAnswer =
  | { readonly kind: 'ok'; readonly text?: string; readonly delayMs?: number; readonly status?: 'completed' | 'incomplete' }
  | {
      readonly kind: 'error';
      readonly status: number;
      readonly headers?: Record<string, string>;
      readonly message?: string;
      readonly type?: string;
      readonly code?: string;
    }
  | { readonly kind: 'failed' }
  | { readonly kind: 'hang' };

export interface FakeOpenAi {
  /** Base URL for the client, e.g. `http://127.0.0.1:PORT/v1`. */
  readonly baseURL: string;
  readonly requests: RecordedRequest[];
  /** Answers for the next requests, in order; once used up, every request gets a normal answer. */
  enqueue(...answers: FakeAnswer[]): void;
  reset(): void;
  close(): Promise<void>;
}

export const FAKE_MODEL_SNAPSHOT_SUFFIX = '-2025-04-14';

/** Fake token counts: about four characters a token, like English text. */
const tokens = (text: string) => Math.max(1, Math.ceil(text.length / 4));

export function responseObject(
  body: Record<string, unknown>,
  text: string,
  status: 'completed' | 'incomplete' | 'failed' = 'completed',
): Record<string, unknown> {
  const input = typeof body.input === 'string' ? body.input : JSON.stringify(body.input ?? '');
  const inputTokens = tokens(input) + (typeof body.instructions === 'string' ? tokens(body.instructions) : 0);
  const outputTokens = status === 'failed' ? 0 : tokens(text);
  const id = `resp_${Math.random().toString(16).slice(2).padEnd(48, '0')}`;
  return {
    id,
    object: 'response',
    created_at: Math.floor(Date.now() / 1000),
    status,
    background: false,
    error: status === 'failed' ? { code: 'server_error', message: 'The model failed to generate a response.' } : null,
    incomplete_details: status === 'incomplete' ? { reason: 'max_output_tokens' } : null,
    instructions: body.instructions ?? null,
    max_output_tokens: body.max_output_tokens ?? null,
    model: `${String(body.model)}${FAKE_MODEL_SNAPSHOT_SUFFIX}`,
    output:
      status === 'failed'
        ? []
        : [
            {
              id: `msg_${id.slice(5)}`,
              type: 'message',
              status,
              role: 'assistant',
              content: [{ type: 'output_text', annotations: [], logprobs: [], text }],
            },
          ],
    parallel_tool_calls: true,
    previous_response_id: null,
    reasoning: { effort: null, summary: null },
    service_tier: 'default',
    store: body.store ?? true,
    temperature: 1.0,
    text: { format: { type: 'text' }, verbosity: 'medium' },
    tool_choice: 'auto',
    tools: [],
    top_p: 1.0,
    truncation: 'disabled',
    usage: {
      input_tokens: inputTokens,
      input_tokens_details: { cached_tokens: 0 },
      output_tokens: outputTokens,
      output_tokens_details: { reasoning_tokens: 0 },
      total_tokens: inputTokens + outputTokens,
    },
    user: null,
    metadata: {},
  };
}

/** The text the fake answers with when not told otherwise. */
export const echoText = (body: Record<string, unknown>) => `echo: ${typeof body.input === 'string' ? body.input.slice(0, 200) : ''}`;

export async function startFakeOpenAi(): Promise<FakeOpenAi> {
  const requests: RecordedRequest[] = [];
  const queue: FakeAnswer[] = [];
  const server = createServer((request, response) => {
    const chunks: Buffer[] = [];
    request.on('data', (chunk: Buffer) => chunks.push(chunk));
    request.on('end', () => {
      let body: Record<string, unknown> = {};
      try {
        body = JSON.parse(Buffer.concat(chunks).toString('utf8') || '{}') as Record<string, unknown>;
      } catch {
        // Recorded as empty: the real client always sends JSON.
      }
      const path = (request.url ?? '/').split('?')[0];
      requests.push({ method: request.method ?? '', path, headers: request.headers, body });
      const requestId = `req_${Math.random().toString(16).slice(2, 14)}`;
      const json = (status: number, payload: unknown, headers: Record<string, string> = {}) => {
        const text = JSON.stringify(payload);
        response.writeHead(status, {
          'content-type': 'application/json',
          'x-request-id': requestId,
          'openai-processing-ms': '5',
          ...headers,
          'content-length': Buffer.byteLength(text),
        });
        response.end(text);
      };
      if (request.method !== 'POST' || path !== '/v1/responses') {
        json(404, { error: { message: `Invalid URL (${request.method} ${path})`, type: 'invalid_request_error', param: null, code: null } });
        return;
      }
      const answer = queue.shift() ?? { kind: 'ok' };
      switch (answer.kind) {
        case 'error':
          json(
            answer.status,
            {
              error: {
                message: answer.message ?? `fake error ${answer.status}`,
                type: answer.type ?? (answer.status === 429 ? 'rate_limit_exceeded' : 'server_error'),
                param: null,
                code: answer.code ?? null,
              },
            },
            answer.headers,
          );
          return;
        case 'failed':
          json(200, responseObject(body, '', 'failed'));
          return;
        case 'hang':
          // Never answers; the client's timeout ends it. The socket is destroyed on close().
          return;
        case 'ok': {
          const reply = () => json(200, responseObject(body, answer.text ?? echoText(body), answer.status ?? 'completed'));
          if (answer.delayMs) setTimeout(reply, answer.delayMs).unref();
          else reply();
          return;
        }
      }
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  return {
    baseURL: `http://127.0.0.1:${port}/v1`,
    requests,
    enqueue: (...answers) => queue.push(...answers),
    reset: () => {
      requests.length = 0;
      queue.length = 0;
    },
    close: () =>
      new Promise<void>((resolve) => {
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  };
}
