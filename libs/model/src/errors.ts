/** What a command built on a model call returns and throws, shared so the commands cannot drift apart. */

/** Exit codes of the commands that ask a model and prove its answer (npm run policy, npm run infra). */
export const EXIT_PROVEN = 0;
export const EXIT_UNEXPECTED = 1;
export const EXIT_USAGE = 2;
export const EXIT_INVALID = 3;
export const EXIT_UNPROVABLE = 4;

/** The OpenAI API did not answer (network, authentication, rate limit, server error): exit 1. */
export class ModelCallError extends Error {
  constructor(
    readonly call: string,
    cause: unknown,
  ) {
    super(`the OpenAI request for ${call} failed: ${describeCause(cause)}`);
    this.name = 'ModelCallError';
  }
}

function describeCause(cause: unknown): string {
  if (cause instanceof Error) {
    const status = (cause as { status?: unknown }).status;
    return typeof status === 'number' ? `HTTP ${status}: ${cause.message}` : cause.message;
  }
  return String(cause);
}
