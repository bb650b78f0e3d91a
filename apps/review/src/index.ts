/** Public API of review-cli: the command, callable in-process. */
export { parseReviewArgs, parseSuppression, USAGE, UsageError, type ReviewCliOptions } from './args';
export { EXIT_GATE_FAILED, EXIT_OK, EXIT_USAGE, runReview, type CliIo } from './cli';
