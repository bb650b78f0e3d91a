/**
 * In production, every function reserves its concurrency: it can neither starve the account's other
 * functions nor be starved by them, and the reservation caps what a traffic spike (or a loop) costs.
 */
import { COMPLIANT, defineRule, NOT_APPLICABLE, nonCompliant } from '../rule';

export const lambdaReservedConcurrency = defineRule(__filename, ['aws_lambda_function'], (fn, stack) => {
  if (!stack.production) return NOT_APPLICABLE;
  const reserved = fn.config.reserved_concurrent_executions;
  const value = typeof reserved === 'string' ? Number(reserved) : reserved;
  if (typeof value === 'number' && Number.isInteger(value) && value >= 1) return COMPLIANT;
  const found =
    value === 0
      ? 'reserved_concurrent_executions is 0, which stops every invocation'
      : 'reserved_concurrent_executions is not set (the function shares the account pool, uncapped)';
  return nonCompliant(
    `has no concurrency reservation: ${found}`,
    "set reserved_concurrent_executions to the function's expected peak (lambda.reservedConcurrency in the environment configuration)",
  );
});
