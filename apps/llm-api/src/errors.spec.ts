import * as errors from './errors';
import { LlmApiError, publicError } from './errors';

/** One instance of every error the handler may meet, with the status the caller must see. */
const EXPECTED: [LlmApiError, number, string][] = [
  [new errors.InvalidEventError('event: x'), 400, 'invalid_event'],
  [new errors.MalformedBodyError('body: x'), 400, 'malformed_body'],
  [new errors.InvalidRequestError(['prompt'], 'prompt: x'), 400, 'invalid_request'],
  [new errors.ModelNotAllowedError('m', ['a']), 400, 'model_not_allowed'],
  [new errors.RouteNotFoundError('/x'), 404, 'not_found'],
  [new errors.MethodNotAllowedError('GET', ['POST']), 405, 'method_not_allowed'],
  [new errors.PayloadTooLargeError(10, 11), 413, 'payload_too_large'],
  [new errors.BudgetExceededError(), 429, 'budget_exceeded'],
  [new errors.UpstreamError({ upstreamStatus: 500, attempts: 3, detail: '' }), 502, 'upstream_error'],
  [new errors.UpstreamError({ upstreamStatus: 429, attempts: 3, detail: '' }), 502, 'upstream_rate_limited'],
  [new errors.UpstreamError({ upstreamStatus: 401, attempts: 1, detail: '' }), 502, 'upstream_auth_failed'],
  [new errors.ApiKeyUnavailableError('detail'), 503, 'api_key_unavailable'],
  [new errors.RecordNotStoredError('generations/x.json'), 503, 'record_not_stored'],
  [new errors.UpstreamTimeoutError(1000, 1), 504, 'upstream_timeout'],
];

describe('publicError', () => {
  it.each(EXPECTED)('maps %s to its status and code', (error, status, code) => {
    expect(publicError(error, 'req-1')).toMatchObject({ status, code, message: error.message });
  });

  it('has a status for every error class errors.ts exports', () => {
    const classes = (Object.values(errors) as unknown[]).filter(
      (value): value is { name: string; prototype: unknown } => typeof value === 'function' && value.prototype instanceof LlmApiError,
    );

    expect(classes.map((type) => type.name).sort()).toEqual([...new Set(EXPECTED.map(([error]) => error.name))].sort());
  });

  it('names every error class after itself', () => {
    for (const [error] of EXPECTED) expect(error.name).toBe(error.constructor.name);
  });

  it('answers anything else as a bare 500 that quotes only the request id', () => {
    expect(publicError(new Error('secret detail'), 'req-1')).toEqual({
      status: 500,
      code: 'internal_error',
      message: 'internal error; quote request id req-1',
      headers: {},
    });
    expect(publicError('a string', 'req-2').status).toBe(500);
  });
});
