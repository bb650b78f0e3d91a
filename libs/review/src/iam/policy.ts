/** IAM policy documents parsed into statements that can be compared: one canonical form per statement. */
import { isObject } from '../input/terraform-json';
import type { StatementView } from '../model';

export interface Statement {
  readonly sid?: string;
  readonly effect: 'Allow' | 'Deny';
  readonly actions: readonly string[];
  readonly notActions: readonly string[];
  readonly resources: readonly string[];
  readonly notResources: readonly string[];
  /** `*`, `AWS:<arn or account>`, `Service:<service>`, `Federated:<provider>`, `CanonicalUser:<id>`. */
  readonly principals: readonly string[];
  readonly notPrincipals: readonly string[];
  /** For display: `StringEquals aws:SourceAccount = 111122223333`. */
  readonly conditions: readonly string[];
  /** Operator and key, lower case, for telling a removed condition from a changed value. */
  readonly conditionKeys: readonly string[];
  /** The conditions as IAM reads them, for deciding what they let through (iam/conditions.ts). */
  readonly conditionEntries: readonly ConditionEntry[];
  /** Whether `${...}` in the statement are policy variables: the document's Version is 2012-10-17. */
  readonly variables: boolean;
  /** Canonical identity: two statements with the same key grant the same thing. */
  readonly key: string;
}

/** One condition: an operator, a key and its values (numbers and booleans as IAM compares them, as text). */
export interface ConditionEntry {
  readonly operator: string;
  readonly key: string;
  readonly values: readonly string[];
}

/** The statements of a policy document, or undefined when the text is not one. */
export function parsePolicy(text: string): Statement[] | undefined {
  const trimmed = text.trimStart();
  if (!trimmed.startsWith('{') || !trimmed.includes('Statement')) return undefined;
  let document: unknown;
  try {
    document = JSON.parse(trimmed);
  } catch {
    return undefined;
  }
  if (!isObject(document) || document.Statement === undefined) return undefined;
  const raw = Array.isArray(document.Statement) ? document.Statement : [document.Statement];
  const variables = document.Version === '2012-10-17';
  return raw.filter(isObject).map((statement) => normalizeStatement(statement, variables));
}

function normalizeStatement(raw: Record<string, unknown>, variables: boolean): Statement {
  const effect = String(raw.Effect ?? 'Allow').toLowerCase() === 'deny' ? 'Deny' : 'Allow';
  const actions = strings(raw.Action);
  const notActions = strings(raw.NotAction);
  const resources = strings(raw.Resource);
  const notResources = strings(raw.NotResource);
  const principals = principalsOf(raw.Principal);
  const notPrincipals = principalsOf(raw.NotPrincipal);
  const { conditions, conditionKeys, conditionEntries } = conditionsOf(raw.Condition);
  const sid = typeof raw.Sid === 'string' && raw.Sid !== '' ? raw.Sid : undefined;
  const key = JSON.stringify([effect, actions.map(lower), notActions.map(lower), resources, notResources, principals, notPrincipals, conditions]);
  return { sid, effect, actions, notActions, resources, notResources, principals, notPrincipals, conditions, conditionKeys, conditionEntries, variables, key };
}

function lower(text: string): string {
  return text.toLowerCase();
}

function strings(value: unknown): string[] {
  if (value === undefined || value === null) return [];
  const list = Array.isArray(value) ? value : [value];
  return [...new Set(list.map((item) => (typeof item === 'string' ? item : JSON.stringify(item))))].sort();
}

function principalsOf(value: unknown): string[] {
  if (value === undefined || value === null) return [];
  if (typeof value === 'string') return [value === '*' ? '*' : `AWS:${value}`];
  if (!isObject(value)) return [];
  const principals: string[] = [];
  for (const [kind, ids] of Object.entries(value)) for (const id of strings(ids)) principals.push(`${kind}:${id}`);
  return principals.sort();
}

function conditionsOf(value: unknown): { conditions: string[]; conditionKeys: string[]; conditionEntries: ConditionEntry[] } {
  const conditions: string[] = [];
  const conditionKeys: string[] = [];
  const conditionEntries: ConditionEntry[] = [];
  if (!isObject(value)) return { conditions, conditionKeys, conditionEntries };
  for (const [operator, byKey] of Object.entries(value)) {
    if (!isObject(byKey)) continue;
    for (const [key, values] of Object.entries(byKey)) {
      conditions.push(`${operator} ${key} = ${strings(values).join(', ')}`);
      conditionKeys.push(`${operator} ${key}`.toLowerCase());
      const list = Array.isArray(values) ? values : [values];
      conditionEntries.push({ operator, key, values: list.map((item) => (typeof item === 'string' ? item : JSON.stringify(item))) });
    }
  }
  return { conditions: conditions.sort(), conditionKeys: conditionKeys.sort(), conditionEntries };
}

export function isPublicPrincipal(principal: string): boolean {
  return principal === '*' || principal === 'AWS:*';
}

const patternCache = new Map<string, RegExp>();

/** IAM wildcard match, case-insensitive as IAM actions are: `s3:Get*` matches `s3:GetObject`. */
export function wildcardMatches(pattern: string, value: string): boolean {
  if (!pattern.includes('*') && !pattern.includes('?')) return pattern.toLowerCase() === value.toLowerCase();
  let regex = patternCache.get(pattern);
  if (!regex) {
    const source = pattern
      .replace(/[.+^${}()|[\]\\]/g, '\\$&')
      .replace(/\*/g, '.*')
      .replace(/\?/g, '.');
    regex = new RegExp(`^${source}$`, 'i');
    patternCache.set(pattern, regex);
  }
  return regex.test(value);
}

export function statementView(statement: Statement): StatementView {
  return {
    effect: statement.effect,
    actions: [...statement.actions, ...statement.notActions.map((action) => `NOT ${action}`)],
    resources: [...statement.resources, ...statement.notResources.map((resource) => `NOT ${resource}`)],
    principals: [...statement.principals, ...statement.notPrincipals.map((principal) => `NOT ${principal}`)],
    conditions: statement.conditions,
  };
}
