/**
 * Propose, check, prove; once more with the problems if the check or the proof fails; then give
 * up. Each attempt asks the model for the change (one structured-output call), checks it (scope,
 * full validation) and, when it holds, proves it (synthesis, plans, review, cost). The outcome
 * says how far the last attempt got: proven, model output invalid, or not provable.
 */
import type { ModelReply, PolicyModel } from '@llm/model';
import { checkChange, type CheckResult } from './check';
import { changeInput, changeInstructions, type Feedback } from './prompts';
import type { ProofResult } from './prove';
import { CHANGE_SCHEMA_NAME, changeAnswerJsonSchema, changeAnswerSchema, configurationJsonSchema, type ChangeAnswer } from './schema';

/** The first answer, and one more after feeding the problems back. */
export const MAX_ATTEMPTS = 2;

export type Failure = 'invalid' | 'unprovable';

export interface Attempt {
  readonly number: number;
  readonly answer: ChangeAnswer | undefined;
  readonly failure: Failure | undefined;
  readonly problems: readonly string[];
  readonly check: CheckResult | undefined;
  readonly proof: ProofResult | undefined;
}

export type ProvenCheck = Extract<CheckResult, { ok: true }>;
export type ProvenProof = Extract<ProofResult, { ok: true }>;

export type Outcome =
  | { readonly kind: 'proven'; readonly answer: ChangeAnswer; readonly check: ProvenCheck; readonly proof: ProvenProof; readonly attempts: readonly Attempt[] }
  | { readonly kind: Failure; readonly attempts: readonly Attempt[] };

export interface GenerationInput {
  readonly description: string;
  /** Every environment's input, in order (ENVIRONMENTS). */
  readonly inputs: readonly unknown[];
  /** The environment the user named (--env). */
  readonly environment: string | undefined;
  /** Proves a checked change; an attempt number tells it which scratch folder to use. */
  readonly prove: (check: ProvenCheck, attempt: number) => Promise<ProofResult>;
}

export async function generateProvenChange(model: PolicyModel, input: GenerationInput, progress: (line: string) => void = () => {}): Promise<Outcome> {
  const configurationSchema = configurationJsonSchema();
  const names = input.inputs.map((entry) => String((entry as { name?: unknown }).name));
  const environments = input.inputs.map((entry, index) => ({ name: names[index], input: entry }));
  const instructions = changeInstructions(configurationSchema);
  const schema = changeAnswerJsonSchema(input.environment ? [input.environment] : names);
  const attempts: Attempt[] = [];
  let feedback: Feedback | undefined;
  for (let number = 1; number <= MAX_ATTEMPTS; number += 1) {
    const of = `attempt ${number} of ${MAX_ATTEMPTS}`;
    const fail = (failure: Failure, problems: readonly string[], previous: string, rest: Partial<Attempt> = {}) => {
      attempts.push({ number, answer: undefined, check: undefined, proof: undefined, ...rest, failure, problems });
      progress(
        `${failure === 'invalid' ? 'rejected' : 'not proven'} (${of}): ${problems.length} problem${problems.length === 1 ? '' : 's'}${problems.map((problem) => `\n  - ${problem}`).join('')}`,
      );
      feedback = { previous, problems };
    };

    progress(`asking the model for the change (${of})`);
    const reply: ModelReply = await model.ask({
      what: 'the configuration change',
      schemaName: CHANGE_SCHEMA_NAME,
      schema,
      instructions,
      input: changeInput(input.description, environments, input.environment, feedback),
    });
    if ('problem' in reply) {
      fail('invalid', [reply.problem], '(no answer)');
      continue;
    }
    const answer = parseJson(reply.text);
    if (!answer.ok) {
      fail('invalid', answer.problems, reply.text);
      continue;
    }
    const check = checkChange(answer.value, { inputs: input.inputs, environment: input.environment, configurationSchema });
    if (!check.ok) {
      fail('invalid', check.problems, reply.text, { answer: answer.value, check });
      continue;
    }
    progress(`change valid (${check.operations.length} operation${check.operations.length === 1 ? '' : 's'} on ${check.environment}); proving it (${of})`);
    const proof = await input.prove(check, number);
    if (!proof.ok) {
      fail('unprovable', proof.problems, reply.text, { answer: answer.value, check, proof });
      continue;
    }
    if (proof.verdict.failures.length > 0) {
      fail('unprovable', [...proof.verdict.failures, ...acceptHint(proof.verdict.failures)], reply.text, { answer: answer.value, check, proof });
      continue;
    }
    attempts.push({ number, answer: answer.value, failure: undefined, problems: [], check, proof });
    progress(`proven (${of})`);
    return { kind: 'proven', answer: answer.value, check, proof, attempts };
  }
  return { kind: attempts[attempts.length - 1].failure as Failure, attempts };
}

/** For the model: what a person could accept, so it looks for a change that needs no acceptance. */
function acceptHint(failures: readonly string[]): string[] {
  const kinds = [...new Set(failures.map((failure) => failure.split(':')[0]))];
  return [`these fail the proof unless the user accepts them (--accept ${kinds.join(',')}); find a change without them if the request allows one`];
}

function parseJson(text: string): { ok: true; value: ChangeAnswer } | { ok: false; problems: string[] } {
  let value: unknown;
  try {
    value = JSON.parse(text);
  } catch (error) {
    return { ok: false, problems: [`the answer is not JSON (${(error as Error).message})`] };
  }
  const parsed = changeAnswerSchema.safeParse(value);
  if (!parsed.success) return { ok: false, problems: parsed.error.issues.map((issue) => `answer ${issue.path.join('.') || '(root)'}: ${issue.message}`) };
  return { ok: true, value: parsed.data };
}
