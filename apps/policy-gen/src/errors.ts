/** The policy generator's errors and exit codes, in one place. */

export { EXIT_INVALID, EXIT_PROVEN, EXIT_UNEXPECTED, EXIT_UNPROVABLE, EXIT_USAGE, ModelCallError } from '@llm/model';

/** Bad arguments or environment: exit 2, one line, with how to fix it. */
export class UsageError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'UsageError';
  }
}

export const boundaryFileError = (file: string, why: string) => new UsageError(`--boundary ${file}: ${why}`);
