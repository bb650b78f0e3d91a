/** Turns raw environment objects into validated configuration, or one error listing every problem. */
import type { z } from 'zod';
import { ConfigValidationError, formatPath, type ConfigProblem } from './errors';
import { lenientParse, overlapsInvalidField } from './lenient';
import { crossEnvironmentProblems, ENVIRONMENT_RULES } from './rules';
import { environmentSchema, type EnvironmentConfig, type EnvironmentInput } from './schema';

/** Identity at run time; gives environment files type-checking and editor completion. */
export function defineEnvironment(input: EnvironmentInput): EnvironmentInput {
  return input;
}

/** Validates every environment and throws a ConfigValidationError naming all problems, if any. */
export function validateEnvironments(inputs: readonly unknown[]): EnvironmentConfig[] {
  const problems: ConfigProblem[] = [];
  const valid: EnvironmentConfig[] = [];
  inputs.forEach((input, index) => {
    const parsed = environmentSchema.safeParse(input);
    if (!parsed.success) {
      const label = environmentLabel(input, index);
      const fieldProblems = parsed.error.issues.flatMap((issue) => issueToProblems(label, input, issue));
      problems.push(...fieldProblems, ...rulesDespiteFieldErrors(label, input, fieldProblems));
      return;
    }
    const ruleProblems = ENVIRONMENT_RULES.flatMap((rule) => rule(parsed.data));
    problems.push(...ruleProblems);
    if (ruleProblems.length === 0) valid.push(parsed.data);
  });
  problems.push(...crossEnvironmentProblems(valid));
  if (problems.length > 0) throw new ConfigValidationError(problems);
  return valid;
}

/**
 * The cross-field and production rules on a best-effort reading of an invalid environment: what
 * they find about the fields that are valid is reported with the field errors (every problem at
 * once); what they say about an invalid field is dropped (it is already reported), and a rule
 * that cannot run on the invalid parts is skipped.
 */
function rulesDespiteFieldErrors(label: string, input: unknown, fieldProblems: readonly ConfigProblem[]): ConfigProblem[] {
  const env = lenientParse(environmentSchema, input) as EnvironmentConfig;
  const invalidFields = fieldProblems.map((problem) => problem.field);
  return ENVIRONMENT_RULES.flatMap((rule) => {
    try {
      return rule(env);
    } catch {
      return [];
    }
  })
    .filter((problem) => !overlapsInvalidField(problem.field, invalidFields))
    .map((problem) => ({ ...problem, environment: label }));
}

function issueToProblems(environment: string, input: unknown, issue: z.core.$ZodIssue): ConfigProblem[] {
  if (issue.code === 'unrecognized_keys') {
    return issue.keys.map((key) => ({
      environment,
      field: formatPath([...issue.path, key]),
      value: valueAt(input, [...issue.path, key]),
      rule: 'is not a known setting (check the spelling)',
    }));
  }
  const value = valueAt(input, issue.path);
  const rule = issue.code === 'invalid_type' ? (value === undefined ? `is required (${issue.expected})` : `must be ${issue.expected}`) : issue.message;
  return [{ environment, field: formatPath(issue.path), value, rule }];
}

function environmentLabel(input: unknown, index: number): string {
  const name = valueAt(input, ['name']);
  return typeof name === 'string' && name.length > 0 ? name : `#${index + 1}`;
}

function valueAt(input: unknown, path: readonly PropertyKey[]): unknown {
  let current: unknown = input;
  for (const key of path) {
    if (current === null || typeof current !== 'object') return undefined;
    current = (current as Record<PropertyKey, unknown>)[key];
  }
  return current;
}
