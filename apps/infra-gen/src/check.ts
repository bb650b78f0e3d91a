/**
 * The check before any plan: the answer parsed and scoped (patch.ts), applied to a copy of the
 * environment's input, and every environment validated with the changed one in its place, so a
 * rule that spans environments (unique names, ...) sees the change too. Every problem at once.
 */
import { ConfigValidationError, formatProblem, validateEnvironments, type EnvironmentConfig } from '@llm/config';
import { applyOperations, parseChange, type Json, type Operation } from './patch';
import type { ChangeAnswer, JsonSchema } from './schema';

export interface CheckInput {
  /** Every environment's input (ENVIRONMENTS of @llm/environments), in order. */
  readonly inputs: readonly unknown[];
  /** The environment the user named (--env), if any. */
  readonly environment: string | undefined;
  readonly configurationSchema: JsonSchema;
}

export type CheckResult =
  | {
      readonly ok: true;
      readonly environment: string;
      readonly operations: readonly Operation[];
      readonly before: Json;
      readonly after: Json;
      /** Every environment's input with the changed one in its place. */
      readonly inputs: readonly unknown[];
      readonly validated: EnvironmentConfig;
    }
  | { readonly ok: false; readonly environment: string | undefined; readonly problems: readonly string[] };

export function checkChange(answer: ChangeAnswer, input: CheckInput): CheckResult {
  const parsed = parseChange(answer, { environment: input.environment, configurationSchema: input.configurationSchema });
  const index = input.inputs.findIndex((entry) => (entry as { name?: unknown }).name === answer.environment);
  const problems = [...parsed.problems];
  if (index === -1) problems.push(`there is no environment "${answer.environment}"`);
  if (problems.length > 0) return { ok: false, environment: answer.environment, problems };
  const before = structuredClone(input.inputs[index]) as Json;
  const applied = applyOperations(before, parsed.operations);
  if ('problem' in applied) return { ok: false, environment: answer.environment, problems: [applied.problem] };
  const inputs = input.inputs.map((entry, position) => (position === index ? applied.value : entry));
  try {
    const validated = validateEnvironments(inputs);
    const env = validated.find((candidate) => candidate.name === answer.environment) as EnvironmentConfig;
    return { ok: true, environment: answer.environment, operations: parsed.operations, before, after: applied.value, inputs, validated: env };
  } catch (error) {
    if (error instanceof ConfigValidationError) return { ok: false, environment: answer.environment, problems: error.problems.map(formatProblem) };
    throw error;
  }
}
