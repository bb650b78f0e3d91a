/** The janitor's errors: what the caller got wrong (exit 2) versus a run that did not fully succeed (exit 1, Lambda error). */
import type { RunResult } from './records';

/** How `npm run janitor` was called: message and usage text, exit 2. */
export class UsageError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'UsageError';
  }
}

/** A configuration the janitor cannot run with (Lambda variables, environment, region): one line, exit 2, nothing touched. */
export class JanitorConfigError extends Error {
  readonly problems: readonly string[];
  constructor(problems: readonly string[]) {
    super(`janitor configuration is invalid: ${problems.join('; ')}`);
    this.name = 'JanitorConfigError';
    this.problems = problems;
  }
}

/** An invocation that is neither the schedule nor an SNS delivery: the stack wired something else to the function. */
export class UnknownEventError extends Error {
  constructor(keys: readonly string[]) {
    super(`janitor got an event it does not know (keys: ${keys.join(', ') || 'none'}); expected an EventBridge "Scheduled Event" or SNS Records`);
    this.name = 'UnknownEventError';
  }
}

/**
 * Thrown by the Lambda after every action ran and the records were written, when at least one
 * failed: the invocation counts as an error, so the function's Errors alarm sees a partial run.
 */
export class PartialRunError extends Error {
  readonly result: RunResult;
  constructor(result: RunResult, detail: string) {
    super(`janitor run ${result.runId} was partial: ${detail}`);
    this.name = 'PartialRunError';
    this.result = result;
  }
}
