/** IAM policy documents as typed objects, and the guard that keeps them least-privilege. */
import { UNSCOPED_ACTIONS } from './unscoped-actions';

export type ConditionBlock = Record<string, Record<string, string | boolean | readonly string[]>>;

export interface PolicyStatement {
  readonly Sid?: string;
  readonly Effect: 'Allow' | 'Deny';
  readonly Principal?: '*' | Record<string, string | readonly string[]>;
  readonly Action?: string | readonly string[];
  readonly NotAction?: string | readonly string[];
  readonly Resource?: string | readonly string[];
  readonly NotResource?: string | readonly string[];
  readonly Condition?: ConditionBlock;
}

export interface PolicyDocument {
  readonly Version: '2012-10-17';
  readonly Statement: readonly PolicyStatement[];
}

export function policyDocument(statements: readonly PolicyStatement[]): PolicyDocument {
  return { Version: '2012-10-17', Statement: statements };
}

export function asList(value: string | readonly string[] | undefined): string[] {
  if (value === undefined) return [];
  return typeof value === 'string' ? [value] : [...value];
}

/** `*`, `s3:*`, `s3:Get*`: anything that names more than one action. */
export function isActionWildcard(action: string): boolean {
  return action.includes('*') || action.includes('?');
}

/**
 * Why an Allow statement is not least privilege, or undefined if it is: it names no action
 * wildcard, and uses `Resource: "*"` only for actions listed in UNSCOPED_ACTIONS.
 */
export function leastPrivilegeViolation(statement: PolicyStatement): string | undefined {
  if (statement.Effect !== 'Allow') return undefined;
  if (statement.NotAction !== undefined) return 'uses NotAction in an Allow statement, which grants every other action';
  const actions = asList(statement.Action);
  const wildcards = actions.filter(isActionWildcard);
  if (wildcards.length > 0) return `grants action wildcard(s) ${wildcards.join(', ')}; list the actions`;
  if (asList(statement.Resource).includes('*')) {
    const scopable = actions.filter((action) => !(action in UNSCOPED_ACTIONS));
    if (scopable.length > 0) {
      return `grants ${scopable.join(', ')} on Resource "*", but AWS supports resource-level scoping for them; name the resources`;
    }
  }
  return undefined;
}
