/**
 * The errors of the guardrails: configuration mistakes (a suppression without a real reason, an
 * unknown rule id) and unreadable inputs of the secret hygiene check, as small factories that say
 * what, where and how to fix it, and the named error a synth fails with when rules are broken.
 */
import type { IConstruct } from 'constructs';
import type { GuardrailFinding } from './report';

export const MIN_REASON_LENGTH = 10;

export function shortSuppressionReason(scope: IConstruct, ruleId: string, reason: string): Error {
  return new Error(
    `suppressRule(${scope.node.path}, '${ruleId}') needs a reason of at least ${MIN_REASON_LENGTH} characters saying why the finding is accepted, ` +
      `got ${JSON.stringify(reason.trim())} (${reason.trim().length} characters)`,
  );
}

export function unknownRule(scope: IConstruct, ruleId: string, known: readonly string[]): Error {
  return new Error(`suppressRule(${scope.node.path}, '${ruleId}') names no guardrail rule; known rules: ${known.join(', ')}`);
}

export function guardrailsAppliedTwice(path: string): Error {
  return new Error(`applyGuardrails() was already called on ${path || 'the app'}; call it once, after every stack has been added`);
}

export function validationsSkipped(): Error {
  return new Error('applyGuardrails() needs App validations (they report the findings): remove skipValidation from the App configuration');
}

export function ruleFailed(ruleId: string, path: string, cause: unknown): Error {
  const message = cause instanceof Error ? cause.message : String(cause);
  return new Error(`Guardrail rule ${ruleId} failed on ${path}: ${message}`, { cause });
}

export function secretHygienePathMissing(path: string): Error {
  return new Error(`Secret hygiene: ${path} does not exist`);
}

export function secretHygieneNothingToCheck(folder: string, fileNames: readonly string[]): Error {
  return new Error(`Secret hygiene: no ${fileNames.join(' or ')} under ${folder}`);
}

export function secretHygieneNotJson(file: string, cause: unknown): Error {
  return new Error(`Secret hygiene: ${file} is not JSON (${cause instanceof Error ? cause.message : String(cause)})`, { cause });
}

/** Synth stops with this when a rule at level error is broken and not suppressed. */
export class GuardrailError extends Error {
  constructor(
    message: string,
    readonly findings: readonly GuardrailFinding[],
  ) {
    super(message);
    this.name = 'GuardrailError';
  }
}
