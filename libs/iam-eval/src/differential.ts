/**
 * Differential testing of the evaluator against another IAM engine (in this repository's tests:
 * @cloud-copilot/iam-simulate, AGPL, which only *.spec.ts files may import and then hand in here
 * as a value). Runs one request through both, on the same policies and the same context, and
 * tallies agreements, mismatches and the requests ours left undecided. Nothing here imports the
 * other engine, so this module stays MIT like the rest of the lib.
 */
import { Evaluator, type AccessRequest, type Decision, type EvaluationResult } from './evaluate';
import type { NamedPolicy, PolicyDocument } from './policy';

export type OracleResult = 'Allowed' | 'ExplicitlyDenied' | 'ImplicitlyDenied';

/** The slice of @cloud-copilot/iam-simulate's module the comparison uses. */
export interface OracleEngine {
  runSimulation(simulation: OracleSimulation, options: Record<string, never>): Promise<OracleRun>;
  typeForContextKey(key: string): Promise<string>;
  isConditionKeyArray(type: string): boolean;
}

export interface OracleSimulation {
  readonly request: {
    readonly principal: string;
    readonly action: string;
    readonly resource: { readonly resource: string; readonly accountId: string };
    readonly contextVariables: Record<string, string | string[]>;
  };
  readonly identityPolicies: Array<{ name: string; policy: PolicyDocument }>;
  readonly permissionBoundaryPolicies?: Array<{ name: string; policy: PolicyDocument }>;
  readonly serviceControlPolicies: [];
  readonly resourceControlPolicies: [];
  readonly resourcePolicy?: Readonly<Record<string, unknown>>;
}

export type OracleRun =
  | { readonly resultType: 'error'; readonly errors: { readonly message: string } }
  | { readonly resultType: 'single'; readonly overallResult: OracleResult; readonly result: { readonly ignoredContextKeys?: readonly string[] } }
  | {
      readonly resultType: 'wildcard';
      readonly overallResult: OracleResult;
      readonly results: ReadonlyArray<{ readonly ignoredContextKeys?: readonly string[] }>;
    };

export interface DifferentialCase {
  /** The principal making the request, e.g. `arn:aws:sts::111111111111:assumed-role/name/session`. */
  readonly principal: string;
  readonly account: string;
  readonly request: AccessRequest;
  readonly identity: readonly NamedPolicy[];
  readonly boundary?: NamedPolicy;
}

export interface DifferentialOutcome {
  readonly ours: EvaluationResult;
  /** The other engine's verdict, or why it refused the request (then nothing is compared). */
  readonly theirs: OracleResult | { readonly refused: string };
  /** True/false when both decided; undefined when either did not. */
  readonly agree: boolean | undefined;
  /** Context keys the other engine drops for this action (ours then evaluates without them too). */
  readonly droppedKeys: readonly string[];
}

const OURS: Readonly<Record<Exclude<Decision, 'undecided'>, OracleResult>> = {
  allowed: 'Allowed',
  'explicitly-denied': 'ExplicitlyDenied',
  'implicitly-denied': 'ImplicitlyDenied',
};

/** The account-root statement a KMS key policy needs before IAM policies can grant use of the key. */
function delegatingKeyPolicy(account: string, partition: string): Readonly<Record<string, unknown>> {
  return {
    Version: '2012-10-17',
    Statement: [{ Sid: 'EnableIamPolicies', Effect: 'Allow', Principal: { AWS: `arn:${partition}:iam::${account}:root` }, Action: 'kms:*', Resource: '*' }],
  };
}

/**
 * Decides one request with both engines. Pass `evaluator` (built from the same policies) when many
 * requests share them, to parse them once.
 */
export async function compareWithOracle(engine: OracleEngine, testCase: DifferentialCase, evaluator?: Evaluator): Promise<DifferentialOutcome> {
  const { request } = testCase;
  const context = await typedLikeOracle(engine, request.context ?? {});
  const parts = request.resource.split(':');
  const resourceAccount = /^\d{12}$/.test(parts[4] ?? '') ? parts[4] : testCase.account;
  // Our evaluator assumes a KMS key's policy delegates to IAM; give the other engine that policy.
  const isKey = parts[2] === 'kms' && (parts[5] ?? '').startsWith('key/');
  const run = await engine.runSimulation(
    {
      request: {
        principal: testCase.principal,
        action: request.action,
        resource: { resource: request.resource, accountId: resourceAccount },
        contextVariables: context,
      },
      identityPolicies: testCase.identity.map((policy) => ({ name: policy.name, policy: policy.document })),
      ...(testCase.boundary ? { permissionBoundaryPolicies: [{ name: testCase.boundary.name, policy: testCase.boundary.document }] } : {}),
      serviceControlPolicies: [],
      resourceControlPolicies: [],
      ...(isKey ? { resourcePolicy: delegatingKeyPolicy(testCase.account, parts[1]) } : {}),
    },
    {},
  );
  const dropped =
    run.resultType === 'error'
      ? []
      : [...new Set((run.resultType === 'single' ? [run.result] : run.results).flatMap((entry) => entry.ignoredContextKeys ?? []))];
  const kept = Object.fromEntries(Object.entries(context).filter(([key]) => !dropped.some((name) => name.toLowerCase() === key.toLowerCase())));
  const ours = (evaluator ?? new Evaluator({ identity: testCase.identity, boundary: testCase.boundary })).evaluate({ ...request, context: kept });
  if (run.resultType === 'error') return { ours, theirs: { refused: run.errors.message }, agree: undefined, droppedKeys: dropped };
  if (run.resultType === 'wildcard' && request.resource !== '*') {
    return { ours, theirs: { refused: 'expanded the resource as a wildcard' }, agree: undefined, droppedKeys: dropped };
  }
  const theirs = run.overallResult;
  return { ours, theirs, agree: ours.decision === 'undecided' ? undefined : OURS[ours.decision] === theirs, droppedKeys: dropped };
}

/** The context as the other engine sees it: multivalued keys as lists, single-valued as one string. */
async function typedLikeOracle(
  engine: OracleEngine,
  context: Readonly<Record<string, string | readonly string[]>>,
): Promise<Record<string, string | string[]>> {
  const typed: Record<string, string | string[]> = {};
  for (const [key, value] of Object.entries(context)) {
    const multivalued = engine.isConditionKeyArray(await engine.typeForContextKey(key));
    if (multivalued) typed[key] = typeof value === 'string' ? [value] : [...value];
    else if (typeof value === 'string') typed[key] = value;
    else if (value.length > 0) typed[key] = value[0];
  }
  return typed;
}

/**
 * A documented case where the other engine departs from AWS's documented semantics: mismatches it
 * covers are counted as such, not as failures. Keep each one narrow, with its evidence.
 */
export interface KnownDivergence {
  readonly id: string;
  readonly explanation: string;
  applies(testCase: DifferentialCase, outcome: DifferentialOutcome): boolean;
}

/** Counts of a differential run, and the first mismatches in full. */
export class DifferentialTally {
  constructor(private readonly knownDivergences: readonly KnownDivergence[] = []) {}

  compared = 0;
  agreed = 0;
  undecided = 0;
  refused = 0;
  readonly decisions: Record<string, number> = {};
  readonly undecidedReasons: Record<string, number> = {};
  readonly refusals: Record<string, number> = {};
  /** One request per refusal reason, to show what the other engine would not take. */
  readonly refusalExamples: Record<string, string> = {};
  readonly mismatches: Array<{ readonly testCase: DifferentialCase; readonly outcome: DifferentialOutcome }> = [];
  /** Mismatches explained by a known divergence of the other engine, by divergence id. */
  readonly divergences: Record<string, number> = {};

  record(testCase: DifferentialCase, outcome: DifferentialOutcome): void {
    if (typeof outcome.theirs !== 'string') {
      this.refused += 1;
      this.refusals[outcome.theirs.refused] = (this.refusals[outcome.theirs.refused] ?? 0) + 1;
      this.refusalExamples[outcome.theirs.refused] ??= `${testCase.request.action} on ${testCase.request.resource}`;
      return;
    }
    this.compared += 1;
    this.decisions[outcome.ours.decision] = (this.decisions[outcome.ours.decision] ?? 0) + 1;
    if (outcome.agree === undefined) {
      this.undecided += 1;
      // Group reasons by their shape, not their values.
      const shape = outcome.ours.reason
        .replace(/"[^"]*"/g, '"…"')
        .replace(/arn:[^\s,;]+/g, 'ARN')
        .slice(0, 120);
      this.undecidedReasons[shape] = (this.undecidedReasons[shape] ?? 0) + 1;
    } else if (outcome.agree) this.agreed += 1;
    else {
      const known = this.knownDivergences.find((divergence) => divergence.applies(testCase, outcome));
      if (known) this.divergences[known.id] = (this.divergences[known.id] ?? 0) + 1;
      else this.mismatches.push({ testCase, outcome });
    }
  }

  /** A few lines for the test log. */
  summary(title: string): string {
    const top = Object.entries(this.undecidedReasons)
      .sort((a, b) => b[1] - a[1])
      .slice(0, 6)
      .map(([reason, count]) => `      ${count} × ${reason}`);
    const refusals = Object.entries(this.refusals).map(([reason, count]) => `${count} × ${reason} (e.g. ${this.refusalExamples[reason]})`);
    return [
      `${title}: ${this.compared} requests compared with iam-simulate; ${this.agreed} agreed, ${this.mismatches.length} mismatched, ${this.undecided} undecided by ours` +
        ` (${((100 * this.undecided) / Math.max(1, this.compared)).toFixed(1)}%)`,
      `    our decisions: ${JSON.stringify(this.decisions)}`,
      ...(refusals.length > 0 ? [`    not compared (iam-simulate refused the request): ${refusals.join(', ')}`] : []),
      ...Object.entries(this.divergences).map(([id, count]) => `    ${count} × known divergence of iam-simulate (${id}), not counted as a mismatch`),
      ...(top.length > 0 ? ['    most frequent undecided reasons:', ...top] : []),
    ].join('\n');
  }
}
