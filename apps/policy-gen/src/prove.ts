/**
 * The proof: every request the model says the workload makes must be allowed, every near miss it
 * lists must be denied, by our evaluator (@llm/iam-eval) on the generated policy (and the
 * boundary, if given); and every Allow statement must be exercised by at least one allowed
 * request, so no grant stands unexplained. Requests carry the context AWS always sets
 * (aws:RequestedRegion, aws:SecureTransport) unless the model set it.
 */
import { Evaluator, parseArn, typedContext, type AccessRequest, type EvaluationResult, type PolicyDocument } from '@llm/iam-eval';
import type { ProofRequest, RequestsAnswer } from './answers';

export const GENERATED_POLICY_NAME = 'generated';

export interface ProofRow {
  readonly expect: 'allow' | 'deny';
  readonly request: AccessRequest;
  readonly why: string;
  /** Undefined when the request itself was unusable (see the proof's failures). */
  readonly result: EvaluationResult | undefined;
  readonly passed: boolean;
}

export interface Proof {
  readonly rows: readonly ProofRow[];
  /** Why the policy is not proven, one line each; empty when it is. */
  readonly failures: readonly string[];
}

export interface ProofSetup {
  /** The ARNs the user gave: their region and account fill in defaults. */
  readonly resources: readonly string[];
  /** The permission boundary the role carries; its statements are reported as boundary:<Sid>. */
  readonly boundary?: PolicyDocument;
}

export async function prove(policy: PolicyDocument, answer: RequestsAnswer, setup: ProofSetup): Promise<Proof> {
  const evaluator = new Evaluator({ identity: [{ name: GENERATED_POLICY_NAME, document: policy }], ...(setup.boundary ? { boundary: setup.boundary } : {}) });
  const given = setup.resources.map((arn) => parseArn(arn)).filter((arn) => arn !== undefined);
  const defaultRegion = given.find((arn) => arn.region !== '')?.region ?? 'us-east-1';
  const principalAccount = given.find((arn) => /^\d{12}$/.test(arn.account))?.account;
  const failures: string[] = [];
  const rows: ProofRow[] = [];

  const check = async (expect: 'allow' | 'deny', entry: ProofRequest) => {
    const label = `must ${expect} ${entry.action} on ${entry.resource}`;
    const typed = await typedContext(entry.context);
    const resourceRegion = parseArn(entry.resource)?.region;
    const context = {
      'aws:RequestedRegion': resourceRegion || defaultRegion,
      'aws:SecureTransport': 'true',
      ...typed.context,
    };
    const request: AccessRequest = { action: entry.action, resource: entry.resource, context, ...(principalAccount ? { principalAccount } : {}) };
    const unusable = [...typed.problems, ...requestProblems(entry)];
    if (unusable.length > 0) {
      failures.push(`${label}: ${unusable.join('; ')}`);
      rows.push({ expect, request, why: entry.why, result: undefined, passed: false });
      return;
    }
    const result = evaluator.evaluate(request);
    const passed =
      expect === 'allow'
        ? result.decision === 'allowed'
        : result.decision.endsWith('-denied') || (result.decision === 'undecided' && result.deniedEitherWay === true);
    if (!passed) failures.push(`${label}, but it is ${result.decision}: ${result.reason}`);
    rows.push({ expect, request, why: entry.why, result, passed });
  };
  for (const entry of answer.must_allow) await check('allow', entry);
  for (const entry of answer.must_deny) await check('deny', entry);

  const statements = Array.isArray(policy.Statement) ? policy.Statement : [policy.Statement];
  for (const [index, statement] of statements.entries()) {
    if (statement.Effect !== 'Allow') continue;
    const label = `${GENERATED_POLICY_NAME}:${statement.Sid ? statement.Sid : `#${index}`}`;
    const used = rows.some((row) => row.expect === 'allow' && row.passed && row.result?.statements.includes(`identity:${label}`));
    if (!used)
      failures.push(
        `statement ${statement.Sid ?? `#${index}`} (${[statement.Action ?? []].flat().join(', ')}) is exercised by no must-allow request: prove it is needed, or drop it`,
      );
  }
  return { rows, failures };
}

function requestProblems(entry: ProofRequest): string[] {
  const problems: string[] = [];
  if (!/^[A-Za-z0-9-]+:[A-Za-z0-9]+$/.test(entry.action)) problems.push('the action must be one exact service:Action');
  if (entry.resource !== '*' && (!parseArn(entry.resource) || entry.resource.includes('*')))
    problems.push('the resource must be one concrete ARN, or "*" for an action without a resource type');
  return problems;
}
