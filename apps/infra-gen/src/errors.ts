/**
 * The infrastructure generator's errors and exit codes: the same convention as `npm run policy`
 * (the constants of @llm/model, so the two commands cannot drift apart), plus the errors of its own.
 */
import { UsageError } from '@llm/cli';

export { EXIT_INVALID, EXIT_PROVEN, EXIT_UNEXPECTED, EXIT_UNPROVABLE, EXIT_USAGE, ModelCallError } from '@llm/model';
export { UsageError };

/** The edited environments/<env>/config.ts could not be written or no longer validates: exit 1, the file named. */
export class SourceEditError extends Error {
  constructor(
    readonly file: string,
    why: string,
  ) {
    super(`cannot edit ${file}: ${why}`);
    this.name = 'SourceEditError';
  }
}

export const unknownEnvironmentError = (name: string, known: readonly string[]) =>
  new UsageError(`--env: unknown environment "${name}"; known: ${known.join(', ')}`);
export const unknownAcceptError = (name: string, known: readonly string[]) =>
  new UsageError(`--accept: unknown finding kind "${name}"; use ${known.join(', ')}`);
