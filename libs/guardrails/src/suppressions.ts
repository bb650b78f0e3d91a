/**
 * Suppressions in code: `suppressRule(construct, 'rule-id', 'why this is accepted')` accepts that
 * rule's findings on the construct and everything under it. The reason is required (at least ten
 * characters) and is written to the report; a suppression that matches no finding is reported, so
 * stale ones do not pile up.
 */
import type { IConstruct } from 'constructs';
import { MIN_REASON_LENGTH, shortSuppressionReason, unknownRule } from './errors';
import { GUARDRAIL_RULES } from './pack';

const SUPPRESSION_METADATA = 'llm-platform:guardrails:suppression';

export interface Suppression {
  readonly ruleId: string;
  readonly reason: string;
}

/** Throws at once (at the call site) for an unknown rule id or a reason under ten characters. */
export function suppressRule(scope: IConstruct, ruleId: string, reason: string): void {
  const known = GUARDRAIL_RULES.map((rule) => rule.id);
  if (!known.includes(ruleId)) throw unknownRule(scope, ruleId, known);
  if (typeof reason !== 'string' || reason.trim().length < MIN_REASON_LENGTH) throw shortSuppressionReason(scope, ruleId, String(reason ?? ''));
  const suppression: Suppression = { ruleId, reason: reason.trim() };
  scope.node.addMetadata(SUPPRESSION_METADATA, suppression);
}

/** The suppressions placed on this construct itself (not its scopes); the same objects on every call. */
export function suppressionsOn(scope: IConstruct): Suppression[] {
  return scope.node.metadata.filter((entry) => entry.type === SUPPRESSION_METADATA).map((entry) => entry.data as Suppression);
}
