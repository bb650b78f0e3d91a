/**
 * Every error the function can meet, as named `Error` subclasses, and the one table that maps
 * them to an HTTP status and a public error code. Messages of these classes are written by us and
 * are safe to return; anything else is a bug and is answered with a generic 500.
 */

/** Base of the errors whose message may be shown to the caller. */
export abstract class LlmApiError extends Error {
  /** Stable, machine-readable code returned in `{ "error": { "code" } }` and used as metric dimension. */
  abstract readonly code: string;
}

/** The event is not an API Gateway HTTP API (payload 2.0) event. */
export class InvalidEventError extends LlmApiError {
  readonly code = 'invalid_event';
  constructor(message: string) {
    super(message);
    this.name = 'InvalidEventError';
  }
}

export class RouteNotFoundError extends LlmApiError {
  readonly code = 'not_found';
  constructor(readonly path: string) {
    super(`no route for ${truncate(path, 100)}; the API serves POST /v1/generate`);
    this.name = 'RouteNotFoundError';
  }
}

export class MethodNotAllowedError extends LlmApiError {
  readonly code = 'method_not_allowed';
  constructor(
    readonly method: string,
    readonly allowed: readonly string[],
  ) {
    super(`method ${truncate(method, 20)} is not allowed on this path; use ${allowed.join(', ')}`);
    this.name = 'MethodNotAllowedError';
  }
}

export class PayloadTooLargeError extends LlmApiError {
  readonly code = 'payload_too_large';
  constructor(
    readonly limitBytes: number,
    readonly receivedBytes: number,
  ) {
    super(`body: must be at most ${limitBytes} bytes, got ${receivedBytes}`);
    this.name = 'PayloadTooLargeError';
  }
}

/** The body is missing, not valid base64 or not valid JSON. */
export class MalformedBodyError extends LlmApiError {
  readonly code = 'malformed_body';
  constructor(message: string) {
    super(message);
    this.name = 'MalformedBodyError';
  }
}

/** A field of the body breaks a rule; the message starts with the field's path. */
export class InvalidRequestError extends LlmApiError {
  readonly code = 'invalid_request';
  constructor(
    readonly fields: readonly string[],
    message: string,
  ) {
    super(message);
    this.name = 'InvalidRequestError';
  }
}

export class ModelNotAllowedError extends LlmApiError {
  readonly code = 'model_not_allowed';
  constructor(
    readonly model: string,
    readonly allowed: readonly string[],
  ) {
    super(`model: "${truncate(model, 100)}" is not allowed here; allowed: ${allowed.join(', ')}`);
    this.name = 'ModelNotAllowedError';
  }
}

/** The API key could not be read (Secrets Manager failed, or the secret holds no value yet). */
export class ApiKeyUnavailableError extends LlmApiError {
  readonly code = 'api_key_unavailable';
  constructor(
    readonly detail: string,
    options?: { cause?: unknown },
  ) {
    super('the OpenAI API key could not be read; try again later', options);
    this.name = 'ApiKeyUnavailableError';
  }
}

/** OpenAI answered with an error, or could not be reached, after the allowed retries. */
export class UpstreamError extends LlmApiError {
  readonly code: 'upstream_error' | 'upstream_rate_limited' | 'upstream_auth_failed';
  /** HTTP status of OpenAI's last answer; undefined when it could not be reached. */
  readonly upstreamStatus: number | undefined;
  readonly attempts: number;
  /** Sanitised upstream detail for the logs (never the key); not returned to the caller. */
  readonly detail: string;

  constructor(options: { readonly upstreamStatus: number | undefined; readonly attempts: number; readonly detail: string; readonly summary?: string }) {
    const what = options.summary ?? (options.upstreamStatus === undefined ? 'could not be reached' : `answered ${options.upstreamStatus}`);
    super(`OpenAI ${what} (${options.attempts} attempt${options.attempts === 1 ? '' : 's'})`);
    this.name = 'UpstreamError';
    this.upstreamStatus = options.upstreamStatus;
    this.attempts = options.attempts;
    this.detail = options.detail;
    const status = options.upstreamStatus;
    this.code = status === 429 ? 'upstream_rate_limited' : status === 401 || status === 403 ? 'upstream_auth_failed' : 'upstream_error';
  }
}

export class UpstreamTimeoutError extends LlmApiError {
  readonly code = 'upstream_timeout';
  constructor(
    readonly budgetMs: number,
    readonly attempts: number,
  ) {
    super(`OpenAI did not answer within ${budgetMs} ms (${attempts} attempt${attempts === 1 ? '' : 's'})`);
    this.name = 'UpstreamTimeoutError';
  }
}

/** The record could not be stored: the caller gets this rather than an answer whose record is lost. */
export class RecordNotStoredError extends LlmApiError {
  readonly code = 'record_not_stored';
  constructor(
    readonly key: string,
    options?: { cause?: unknown },
  ) {
    super('the generation succeeded but its record could not be stored, so it is not returned; try again', options);
    this.name = 'RecordNotStoredError';
  }
}

/** The hard stop: the region's estimated OpenAI spend today passed its daily limit (the spend alarm is in ALARM). */
export class BudgetExceededError extends LlmApiError {
  readonly code = 'budget_exceeded';
  constructor() {
    super(
      "today's estimated OpenAI spend in this region passed its daily limit; requests resume when the spend alarm clears (next UTC day, or a raised limit)",
    );
    this.name = 'BudgetExceededError';
  }
}

/** A missing or invalid environment variable, found when the module loads. */
export class ConfigError extends Error {
  constructor(readonly problems: readonly string[]) {
    super(
      `Invalid llm-api configuration (${problems.length} problem${problems.length === 1 ? '' : 's'}):\n` +
        problems.map((problem) => `  - ${problem}`).join('\n'),
    );
    this.name = 'ConfigError';
  }
}

/** The one place where errors become HTTP statuses. */
const HTTP_STATUS: Readonly<Record<string, number>> = {
  InvalidEventError: 400,
  MalformedBodyError: 400,
  InvalidRequestError: 400,
  ModelNotAllowedError: 400,
  RouteNotFoundError: 404,
  MethodNotAllowedError: 405,
  PayloadTooLargeError: 413,
  BudgetExceededError: 429,
  UpstreamError: 502,
  ApiKeyUnavailableError: 503,
  RecordNotStoredError: 503,
  UpstreamTimeoutError: 504,
};

export interface PublicError {
  readonly status: number;
  readonly code: string;
  readonly message: string;
  readonly headers: Readonly<Record<string, string>>;
}

/** What the caller may see of an error: our own errors as they are, anything else as a bare 500. */
export function publicError(error: unknown, requestId: string): PublicError {
  if (error instanceof LlmApiError) {
    const status = HTTP_STATUS[error.name];
    if (status !== undefined) {
      const headers: Record<string, string> = error instanceof MethodNotAllowedError ? { allow: error.allowed.join(', ') } : {};
      return { status, code: error.code, message: error.message, headers };
    }
  }
  return { status: 500, code: 'internal_error', message: `internal error; quote request id ${requestId}`, headers: {} };
}

function truncate(text: string, max: number): string {
  return text.length > max ? `${text.slice(0, max - 3)}...` : text;
}
