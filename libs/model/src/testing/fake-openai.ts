/**
 * A fake OpenAI Responses API on 127.0.0.1 for the policy generator's tests: `POST /v1/responses`
 * answered with real response objects (output message with output_text, usage, status) or the
 * API's error shape. Answers are queued per structured-output schema name (`text.format.name`),
 * so a test scripts "the policy answers" and "the proof answers" separately. Like the real API,
 * it refuses (400) a request without a strict JSON Schema format, or whose schema strict mode
 * would reject (an object without additionalProperties: false, or not requiring every property).
 */
import { createServer, type IncomingHttpHeaders } from 'node:http';
import type { AddressInfo } from 'node:net';

export interface RecordedRequest {
  readonly path: string;
  readonly headers: IncomingHttpHeaders;
  readonly body: Record<string, unknown>;
}

export type FakeAnswer =
  { readonly text: string } | { readonly refusal: string } | { readonly incomplete: string } | { readonly error: number; readonly message?: string };

export interface FakeOpenAi {
  /** For OPENAI_BASE_URL: `http://127.0.0.1:<port>/v1`. */
  readonly baseURL: string;
  readonly requests: RecordedRequest[];
  /** Queues answers for requests whose `text.format.name` is `schemaName`, in order. */
  enqueue(schemaName: string, ...answers: FakeAnswer[]): void;
  /** Answers left unused (a test that queued more than the command asked for). */
  pending(): Record<string, number>;
  close(): Promise<void>;
}

/** Why OpenAI's strict mode would refuse the schema, or undefined if it accepts it. */
export function strictSchemaProblem(schema: unknown, path = '(root)'): string | undefined {
  if (schema === null || typeof schema !== 'object') return undefined;
  const node = schema as Record<string, unknown>;
  if (node.type === 'object') {
    const properties = Object.keys((node.properties as Record<string, unknown> | undefined) ?? {});
    const required = Array.isArray(node.required) ? (node.required as string[]) : [];
    if (node.additionalProperties !== false) return `In context=${path}, 'additionalProperties' is required to be supplied and to be false.`;
    const missing = properties.filter((key) => !required.includes(key));
    if (missing.length > 0)
      return `In context=${path}, 'required' is required to be supplied and to be an array including every key in properties. Missing '${missing[0]}'.`;
    for (const key of properties) {
      const problem = strictSchemaProblem((node.properties as Record<string, unknown>)[key], `${path}.${key}`);
      if (problem) return problem;
    }
  }
  if (node.type === 'array') return strictSchemaProblem(node.items, `${path}[]`);
  return undefined;
}

export interface FakeOpenAiOptions {
  /** The one key it accepts (401 otherwise, as the real API answers). @default 'test' */
  readonly apiKey?: string;
}

export async function startFakeOpenAi(options: FakeOpenAiOptions = {}): Promise<FakeOpenAi> {
  const authorization = `Bearer ${options.apiKey ?? 'test'}`;
  const requests: RecordedRequest[] = [];
  const queues = new Map<string, FakeAnswer[]>();
  const server = createServer((request, response) => {
    const chunks: Buffer[] = [];
    request.on('data', (chunk: Buffer) => chunks.push(chunk));
    request.on('end', () => {
      const path = (request.url ?? '/').split('?')[0];
      let body: Record<string, unknown> = {};
      try {
        body = JSON.parse(Buffer.concat(chunks).toString('utf8') || '{}') as Record<string, unknown>;
      } catch {
        // The real client always sends JSON; an empty body is recorded as such.
      }
      requests.push({ path, headers: request.headers, body });
      const json = (status: number, payload: unknown) => {
        const text = JSON.stringify(payload);
        response.writeHead(status, { 'content-type': 'application/json', 'x-request-id': `req_${requests.length}`, 'content-length': Buffer.byteLength(text) });
        response.end(text);
      };
      const error = (status: number, message: string, type = 'invalid_request_error') => json(status, { error: { message, type, param: null, code: null } });
      if (request.method !== 'POST' || path !== '/v1/responses') return error(404, `Invalid URL (${request.method} ${path})`);
      if (request.headers.authorization !== authorization) return error(401, 'Incorrect API key provided.', 'invalid_request_error');
      const format = ((body.text as Record<string, unknown> | undefined)?.format ?? {}) as Record<string, unknown>;
      if (format.type !== 'json_schema' || format.strict !== true)
        return error(400, 'this fake only answers structured output requests (text.format json_schema, strict)');
      const schemaProblem = strictSchemaProblem(format.schema);
      if (schemaProblem) return error(400, `Invalid schema for response_format '${String(format.name)}': ${schemaProblem}`);
      const answer = queues.get(String(format.name))?.shift();
      if (!answer) return error(500, `the test queued no answer for schema ${String(format.name)}`, 'server_error');
      if ('error' in answer)
        return error(answer.error, answer.message ?? `fake error ${answer.error}`, answer.error >= 500 ? 'server_error' : 'invalid_request_error');
      json(200, responseObject(body, answer));
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  return {
    baseURL: `http://127.0.0.1:${port}/v1`,
    requests,
    enqueue: (schemaName, ...answers) => queues.set(schemaName, [...(queues.get(schemaName) ?? []), ...answers]),
    pending: () => Object.fromEntries([...queues].filter(([, answers]) => answers.length > 0).map(([name, answers]) => [name, answers.length])),
    close: () =>
      new Promise<void>((resolve) => {
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  };
}

function responseObject(body: Record<string, unknown>, answer: Exclude<FakeAnswer, { error: number }>): Record<string, unknown> {
  const id = `resp_${Math.random().toString(16).slice(2).padEnd(32, '0')}`;
  const incomplete = 'incomplete' in answer;
  const content =
    'refusal' in answer
      ? [{ type: 'refusal', refusal: answer.refusal }]
      : [{ type: 'output_text', annotations: [], logprobs: [], text: 'text' in answer ? answer.text : answer.incomplete }];
  const outputTokens = Math.ceil(JSON.stringify(content).length / 4);
  return {
    id,
    object: 'response',
    created_at: Math.floor(Date.now() / 1000),
    status: incomplete ? 'incomplete' : 'completed',
    error: null,
    incomplete_details: incomplete ? { reason: 'max_output_tokens' } : null,
    instructions: body.instructions ?? null,
    max_output_tokens: body.max_output_tokens ?? null,
    model: `${String(body.model)}-2025-04-14`,
    output: [{ id: `msg_${id.slice(5)}`, type: 'message', status: incomplete ? 'incomplete' : 'completed', role: 'assistant', content }],
    parallel_tool_calls: true,
    previous_response_id: null,
    reasoning: { effort: null, summary: null },
    store: body.store ?? true,
    temperature: 1.0,
    text: body.text,
    tool_choice: 'auto',
    tools: [],
    top_p: 1.0,
    truncation: 'disabled',
    usage: {
      input_tokens: 100,
      input_tokens_details: { cached_tokens: 0 },
      output_tokens: outputTokens,
      output_tokens_details: { reasoning_tokens: 0 },
      total_tokens: 100 + outputTokens,
    },
    user: null,
    metadata: {},
  };
}
