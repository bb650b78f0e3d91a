/**
 * Policy statements in one shape, whether the policy is JSON text (`JSON.stringify` of a
 * document) or a reference to an `aws_iam_policy_document` data source of the same stack, so that
 * rules about a statement's meaning (TLS-only bucket policies) read both.
 */
import { blocksOf, isRecord, listOf, referencesResource, type StackView } from './stack-view';

export interface StatementCondition {
  readonly operator: string;
  readonly key: string;
  readonly values: readonly string[];
}

export interface NormalizedStatement {
  readonly sid?: string;
  readonly effect: 'Allow' | 'Deny';
  /** `*` for anyone (`"*"`, `{ AWS: "*" }`); otherwise the principal identifiers. */
  readonly principals: readonly string[];
  readonly actions: readonly string[];
  readonly resources: readonly string[];
  readonly conditions: readonly StatementCondition[];
}

/** The statements of `policy`, or undefined when it is neither literal JSON nor a data source of this stack. */
export function statementsOf(policy: unknown, stack: StackView): NormalizedStatement[] | undefined {
  if (typeof policy !== 'string') return undefined;
  const fromJson = statementsOfJson(policy);
  if (fromJson) return fromJson;
  const document = stack.dataSourcesOfType('aws_iam_policy_document').find((candidate) => referencesResource(policy, candidate));
  return document ? statementsOfDataSource(document.config) : undefined;
}

function statementsOfJson(text: string): NormalizedStatement[] | undefined {
  let parsed: unknown;
  try {
    parsed = JSON.parse(text);
  } catch {
    return undefined;
  }
  if (!isRecord(parsed)) return undefined;
  return listOf(parsed.Statement)
    .filter(isRecord)
    .map((statement) => ({
      sid: typeof statement.Sid === 'string' ? statement.Sid : undefined,
      effect: statement.Effect === 'Deny' ? 'Deny' : 'Allow',
      principals: principalsOfJson(statement.Principal),
      actions: strings(statement.Action),
      resources: strings(statement.Resource),
      conditions: conditionsOfJson(statement.Condition),
    }));
}

function principalsOfJson(principal: unknown): string[] {
  if (principal === '*') return ['*'];
  if (!isRecord(principal)) return [];
  return Object.values(principal).flatMap(strings);
}

function conditionsOfJson(condition: unknown): StatementCondition[] {
  if (!isRecord(condition)) return [];
  return Object.entries(condition).flatMap(([operator, entries]) =>
    isRecord(entries) ? Object.entries(entries).map(([key, values]) => ({ operator, key, values: strings(values) })) : [],
  );
}

function statementsOfDataSource(config: Readonly<Record<string, unknown>>): NormalizedStatement[] {
  return blocksOf(config.statement).map((statement) => ({
    sid: typeof statement.sid === 'string' ? statement.sid : undefined,
    effect: statement.effect === 'Deny' ? 'Deny' : 'Allow',
    principals: blocksOf(statement.principals).flatMap((principal) => strings(principal.identifiers)),
    actions: strings(statement.actions),
    resources: strings(statement.resources),
    conditions: blocksOf(statement.condition).map((condition) => ({
      operator: String(condition.test ?? ''),
      key: String(condition.variable ?? ''),
      values: strings(condition.values),
    })),
  }));
}

/** Strings of a string-or-list value; booleans become "true"/"false", as IAM compares them. */
function strings(value: unknown): string[] {
  return listOf(value)
    .filter((item) => typeof item === 'string' || typeof item === 'boolean')
    .map(String);
}
