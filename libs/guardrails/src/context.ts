/**
 * Whether a stack is production, for the rules that apply only there (deletion protection,
 * reserved concurrency, KMS on log groups). Stacks record it in the construct tree's context, the
 * way '@llm/config' records the deployment context, so the guardrails (a construct lib) never
 * import the stacks.
 */
import type { IConstruct } from 'constructs';

const PRODUCTION_KEY = 'llm-platform:guardrails:production';

export interface GuardrailContext {
  /** Production-only rules apply to this scope's resources. */
  readonly production: boolean;
}

/** Call in the stack's constructor, before it adds children (construct context is fixed once a child exists). */
export function setGuardrailContext(scope: IConstruct, context: GuardrailContext): void {
  scope.node.setContext(PRODUCTION_KEY, context.production);
}

export function guardrailContextOf(scope: IConstruct): Partial<GuardrailContext> {
  const production: unknown = scope.node.tryGetContext(PRODUCTION_KEY);
  return typeof production === 'boolean' ? { production } : {};
}
