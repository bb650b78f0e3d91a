/**
 * The one way this repository's commands end: the exit code main() returns; 2 with the usage
 * text for a usage error; 2 with one line for an input error (a bad URL, a port in use); 1 with
 * the message, never a stack trace, for anything else.
 */

export interface CliEnding {
  /** Printed after a usage error's message. */
  readonly usage: string;
  /** Errors that are the caller's mistake in how the command was called: message, usage text, exit 2. */
  readonly usageErrors?: ReadonlyArray<abstract new (...args: never[]) => Error>;
  /** Errors in what the command was pointed at: one line, exit 2. */
  readonly inputErrors?: ReadonlyArray<abstract new (...args: never[]) => Error>;
}

export const USAGE_EXIT = 2;

export function exitCodeOf(error: unknown, ending: CliEnding, write: (text: string) => void): number {
  if ((ending.usageErrors ?? []).some((type) => error instanceof type)) {
    write(`${(error as Error).message}\n\n${ending.usage}`);
    return USAGE_EXIT;
  }
  if ((ending.inputErrors ?? []).some((type) => error instanceof type)) {
    write((error as Error).message);
    return USAGE_EXIT;
  }
  write(error instanceof Error ? error.message : String(error));
  return 1;
}

/** Runs main and exits the process with its code, errors mapped by exitCodeOf. */
export function runCli(main: (argv: readonly string[]) => Promise<number>, ending: CliEnding): void {
  main(process.argv.slice(2)).then(
    (code) => process.exit(code),
    (error: unknown) => process.exit(exitCodeOf(error, ending, (text) => console.error(text))),
  );
}

/** The caller's mistake in how a command was called: its message, then the usage text, exit 2 (list it in usageErrors). */
export class UsageError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'UsageError';
  }
}
