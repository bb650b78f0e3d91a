/**
 * What a guardrail rule is: a pure function of one synthesized resource (and a read-only view of
 * its stack, for settings that live on sibling resources) that says compliant, non-compliant or
 * not applicable. Its id is its file name, as in cdk-nag; the pack gives it a level and its texts.
 */
import { parse } from 'node:path';
import type { ResourceView, StackView } from './stack-view';

export type RuleLevel = 'error' | 'warning';

export type RuleResult =
  | { readonly status: 'compliant' }
  | { readonly status: 'not-applicable' }
  | {
      readonly status: 'non-compliant';
      /** What is wrong with this resource, specifically (`bucket "x" has no default encryption`). */
      readonly problem: string;
      /** How to fix it, specifically enough to act on. */
      readonly fix: string;
    };

export type RuleCheck = (resource: ResourceView, stack: StackView) => RuleResult;

export interface RuleFunction {
  /** Stable, kebab-case: the rule's file name. */
  readonly id: string;
  /** Terraform resource types the rule reads; `'taggable'` means every resource type that supports tags. */
  readonly appliesTo: readonly string[] | 'taggable';
  readonly check: RuleCheck;
}

export const COMPLIANT: RuleResult = { status: 'compliant' };
export const NOT_APPLICABLE: RuleResult = { status: 'not-applicable' };

export function nonCompliant(problem: string, fix: string): RuleResult {
  return { status: 'non-compliant', problem, fix };
}

const RULE_ID_PATTERN = /^[a-z0-9]+(?:-[a-z0-9]+)*$/;

/** Call with `__filename`: the rule's id is the file's name, so a rule cannot be registered under another. */
export function defineRule(filename: string, appliesTo: RuleFunction['appliesTo'], check: RuleCheck): RuleFunction {
  const id = parse(filename).name;
  if (!RULE_ID_PATTERN.test(id)) throw new Error(`Guardrail rule file names must be kebab-case (they are the rule ids), got "${id}"`);
  return { id, appliesTo, check };
}
