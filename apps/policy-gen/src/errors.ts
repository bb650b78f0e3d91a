/** The policy generator's errors and exit codes, in one place. */

export const EXIT_PROVEN = 0;
export const EXIT_UNEXPECTED = 1;
export const EXIT_USAGE = 2;
export const EXIT_INVALID = 3;
export const EXIT_UNPROVABLE = 4;

/** Bad arguments or environment: exit 2, one line, with how to fix it. */
export class UsageError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'UsageError';
  }
}

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

export const boundaryFileError = (file: string, why: string) => new UsageError(`--boundary ${file}: ${why}`);
