/**
 * Generate, validate, prove; once more with the errors if any step fails; then give up. Each
 * attempt asks the model for the policy, checks its answer (our schema, then the least-privilege
 * validator of @llm/iam-eval), asks for the requests that prove it and decides them. The outcome
 * says how far the last attempt got: proven, model output invalid, or not provable.
 */
import { validatePolicy, formatPolicyProblem, type PolicyDocument } from '@llm/iam-eval';
import {
  parseAnswer,
  policyAnswerSchema,
  POLICY_JSON_SCHEMA,
  POLICY_SCHEMA_NAME,
  requestsAnswerSchema,
  REQUESTS_JSON_SCHEMA,
  REQUESTS_SCHEMA_NAME,
  toPolicyDocument,
} from './answers';
import type { PolicyModel } from '@llm/model';
import { policyInput, POLICY_INSTRUCTIONS, requestsInput, REQUESTS_INSTRUCTIONS, type Feedback } from './prompts';
import { prove, type Proof } from './prove';

/** The first answer, and one more after feeding the errors back. */
export const MAX_ATTEMPTS = 2;

export interface GenerationInput {
  readonly description: string;
  readonly resources: readonly string[];
  readonly boundary?: PolicyDocument;
  /** Actions accepted on Resource "*" beyond those AWS gives no resource type (UNSCOPED_ACTIONS). */
  readonly unscopedActions: Readonly<Record<string, string>>;
}

/** Where an attempt stopped: its answer was invalid (schema or rules), or it could not be proven. */
export type Failure = 'invalid' | 'unprovable';

export interface Attempt {
  readonly number: number;
  readonly policy: PolicyDocument | undefined;
  readonly notes: string | undefined;
  readonly failure: Failure | undefined;
  readonly problems: readonly string[];
  readonly proof: Proof | undefined;
}

export type Outcome =
  | { readonly kind: 'proven'; readonly policy: PolicyDocument; readonly notes: string; readonly proof: Proof; readonly attempts: readonly Attempt[] }
  | { readonly kind: Failure; readonly attempts: readonly Attempt[] };

export async function generateProvenPolicy(model: PolicyModel, input: GenerationInput, progress: (line: string) => void = () => {}): Promise<Outcome> {
  const attempts: Attempt[] = [];
  let feedback: Feedback | undefined;
  for (let number = 1; number <= MAX_ATTEMPTS; number += 1) {
    const of = `attempt ${number} of ${MAX_ATTEMPTS}`;
    const fail = (failure: Failure, problems: readonly string[], previous: string, policy?: PolicyDocument, notes?: string, proof?: Proof) => {
      attempts.push({ number, policy, notes, failure, problems, proof });
      progress(
        `${failure === 'invalid' ? 'rejected' : 'not proven'} (${of}): ${problems.length} problem${problems.length === 1 ? '' : 's'}${problems.map((problem) => `\n  - ${problem}`).join('')}`,
      );
      feedback = { previous, problems };
    };

    progress(`asking the model for the policy (${of})`);
    const reply = await model.ask({
      what: 'the policy',
      schemaName: POLICY_SCHEMA_NAME,
      schema: POLICY_JSON_SCHEMA,
      instructions: POLICY_INSTRUCTIONS,
      input: policyInput(input.description, input.resources, feedback),
    });
    if ('problem' in reply) {
      fail('invalid', [reply.problem], '(no answer)');
      continue;
    }
    const answer = parseAnswer(reply.text, policyAnswerSchema, 'policy answer');
    if (!answer.ok) {
      fail('invalid', answer.problems, reply.text);
      continue;
    }
    const document = toPolicyDocument(answer.value);
    if (!document.ok) {
      fail('invalid', document.problems, reply.text);
      continue;
    }
    const policy = document.value;
    const notes = answer.value.notes;
    const problems = (await validatePolicy(policy, { allowedResources: input.resources, unscopedActions: input.unscopedActions })).map(formatPolicyProblem);
    if (problems.length > 0) {
      fail('invalid', problems, reply.text, policy, notes);
      continue;
    }

    progress(`policy valid; asking the model for the requests that prove it (${of})`);
    const requestsReply = await model.ask({
      what: 'the proof requests',
      schemaName: REQUESTS_SCHEMA_NAME,
      schema: REQUESTS_JSON_SCHEMA,
      instructions: REQUESTS_INSTRUCTIONS,
      input: requestsInput(input.description, input.resources, policy),
    });
    const requests = 'problem' in requestsReply ? undefined : parseAnswer(requestsReply.text, requestsAnswerSchema, 'proof requests answer');
    if (requests === undefined || !requests.ok) {
      fail('invalid', requests === undefined ? [(requestsReply as { problem: string }).problem] : requests.problems, reply.text, policy, notes);
      continue;
    }
    const proof = await prove(policy, requests.value, { resources: input.resources, ...(input.boundary ? { boundary: input.boundary } : {}) });
    if (proof.failures.length > 0) {
      fail('unprovable', proof.failures, reply.text, policy, notes, proof);
      continue;
    }
    attempts.push({ number, policy, notes, failure: undefined, problems: [], proof });
    progress(`proven (${of}): ${proof.rows.length} requests decided as expected`);
    return { kind: 'proven', policy, notes, proof, attempts };
  }
  return { kind: attempts[attempts.length - 1].failure as Failure, attempts };
}
