/**
 * Turns a table row (a request a role makes, and whether AWS must allow it) into a simulation of
 * the role's synthesized identity policies, permission boundary and the resource's policy, and
 * reads the decision back in the rows' own vocabulary.
 *
 * The simulator itself, `@cloud-copilot/iam-simulate`, is AGPL-licensed and may only be imported
 * by *.spec.ts files: a spec passes the module in (`createSimulator(iamSimulate, project)`); nothing here
 * imports it. The engine is run strictly: a request it cannot evaluate (a validation error, a
 * wildcard resource, a context key it does not know for the action) throws instead of passing.
 */
import type { PolicyDocument } from '@llm/constructs/iam';
import type { ProjectIam, SynthesizedRole } from './synthesized-iam';

/**
 * What a row expects:
 *  - `allow`;
 *  - `deny:implicit`: no statement allows it (identity, or the resource's policy where it must);
 *  - `deny:<boundary|identity|resource>:<Sid>`: that statement denies it explicitly;
 *  - `deny`: denied, for whatever reason (only where the reason varies with the environment).
 */
export type Expectation = 'allow' | 'deny' | 'deny:implicit' | `deny:${'boundary' | 'identity' | 'resource'}:${string}`;

export interface AccessRequest {
  readonly action: string;
  /** A concrete ARN, or `*` for actions that support no resource-level permissions. */
  readonly resource: string;
  /** Account that owns the resource. @default - the account in the ARN, else the role's */
  readonly resourceAccount?: string;
  /** aws:RequestedRegion. @default - us-east-1 for global services, else the ARN's region (a bucket's: where the stacks create it), else the role's stack region */
  readonly region?: string;
  /** Further context keys; they override the defaults (aws:SecureTransport true, principal ARN and account, region). */
  readonly context?: Readonly<Record<string, string | readonly string[]>>;
  /** The resource's policy. @default - the synthesized one for that ARN, if any */
  readonly resourcePolicy?: PolicyDocument | null;
}

export interface AccessRow {
  /** What the request stands for, in the table's words. */
  readonly note: string;
  readonly request: AccessRequest;
  readonly expect: Expectation;
  /** Id of a known least-privilege gap (KNOWN_GAPS): the project's policy is wrong, the test is marked failing. */
  readonly gap?: KnownGap;
}

/**
 * Requests the project's policies decide wrongly today. Each row carrying one of these runs as
 * `it.failing` so the suite stays green while the gap is open, and turns red once it is fixed
 * (then drop the `gap` from the row). None is open: LP-1 (the boundary did not cap IAM writes
 * outside the environment, nor leaving the organization), LP-2 (the deploy role could rewrite
 * itself) and LP-3 (the plan role could read prompt text in dev's function logs) were found by
 * these tables and fixed in the boundary and the CI roles; their rows now pass as plain rows.
 */
export const KNOWN_GAPS: Readonly<Record<string, string>> = {};

export type KnownGap = string;

/** A row as jest's `it.each` sees it: `$title` names the test. */
export interface TitledRow extends AccessRow {
  readonly title: string;
}

/** Decision of one simulated request. */
export interface Decision {
  readonly result: 'Allowed' | 'ExplicitlyDenied' | 'ImplicitlyDenied';
  /** `<boundary|identity|resource>:<Sid or #index>` of each statement that denied it explicitly. */
  readonly explicitDenies: readonly string[];
  /** The same for the statements that allowed it. */
  readonly grants: readonly string[];
}

/** The request shape `runSimulation` of @cloud-copilot/iam-simulate takes. */
export interface SimulationInput {
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
  readonly resourcePolicy?: PolicyDocument;
}

interface ReasonLike {
  readonly policyType: string;
  readonly denialType?: string;
  readonly statementId?: string;
  readonly statementIndex?: number;
}

type EngineResult =
  | { readonly resultType: 'error'; readonly errors: { readonly message: string } }
  | { readonly resultType: 'single'; readonly overallResult: Decision['result']; readonly result: EngineResourceResult }
  | { readonly resultType: 'wildcard'; readonly overallResult: Decision['result']; readonly results: readonly EngineResourceResult[] };

interface EngineResourceResult {
  readonly analysis: unknown;
  readonly ignoredContextKeys?: readonly string[];
}

/** The parts of @cloud-copilot/iam-simulate the tables use (the spec passes the module itself). */
export interface SimulationEngine {
  runSimulation(simulation: SimulationInput, options: Record<string, never>): Promise<EngineResult>;
  getDenialReasons(analysis: never): readonly ReasonLike[];
  getGrantReasons(analysis: never): readonly ReasonLike[];
}

/** Services whose API is global: requests to them carry aws:RequestedRegion us-east-1. */
const GLOBAL_ENDPOINT_SERVICES = ['iam', 'organizations', 'account', 'budgets', 'ce', 'cloudfront', 'route53', 'sts'];

export interface Simulator {
  /** The role's synthesized identity policies + boundary + the resource's policy, for one request. */
  decide(
    role: SynthesizedRole,
    request: AccessRequest,
    options?: { readonly identityPolicies?: readonly { name: string; document: PolicyDocument }[] },
  ): Promise<Decision>;
  /** May `principal` (a service) assume the role, under its synthesized trust policy? */
  decideTrust(role: SynthesizedRole, principal: string, action: string, context: Readonly<Record<string, string>>): Promise<Decision>;
  /** The row's expectation if the decision meets it, else the decision in the same vocabulary. */
  verdict(role: SynthesizedRole, row: AccessRow): Promise<string>;
}

export function createSimulator(engine: SimulationEngine, project: ProjectIam): Simulator {
  const run = async (simulation: SimulationInput): Promise<Decision> => {
    const { action, resource } = simulation.request;
    const what = `${action} on ${resource.resource}`;
    const result = await engine.runSimulation(simulation, {});
    if (result.resultType === 'error') {
      throw new Error(`iam-simulate cannot evaluate ${what}: ${result.errors.message} ${JSON.stringify(result.errors)}`);
    }
    // `*` for an action whose resource is optional (cloudwatch:PutMetricData without a dataset) is
    // run per matching pattern; any other wildcard means the row names no concrete resource.
    if (result.resultType === 'wildcard' && resource.resource !== '*') {
      throw new Error(`iam-simulate expanded the wildcard in ${what}; rows must name one concrete resource`);
    }
    const results = result.resultType === 'single' ? [result.result] : result.results;
    const ignored = [...new Set(results.flatMap((entry) => entry.ignoredContextKeys ?? []))];
    if (ignored.length > 0) {
      throw new Error(
        `iam-simulate ignores context key(s) ${ignored.join(', ')} for ${what} (not applicable to the action in iam-data), so it cannot evaluate them`,
      );
    }
    const label = (reason: ReasonLike) => {
      const kind = reason.policyType === 'pb' ? 'boundary' : reason.policyType;
      return `${kind}:${reason.statementId ?? `#${reason.statementIndex ?? '?'}`}`;
    };
    const analyses = results.map((entry) => entry.analysis as never);
    return {
      result: result.overallResult,
      explicitDenies: analyses
        .flatMap((analysis) => engine.getDenialReasons(analysis))
        .filter((reason) => reason.denialType === 'Explicit')
        .map(label),
      grants: analyses.flatMap((analysis) => engine.getGrantReasons(analysis)).map(label),
    };
  };

  const decide: Simulator['decide'] = (role, request, options = {}) => {
    const partition = role.arn.split(':')[1];
    const account = role.env.accountId;
    const arnParts = request.resource.split(':');
    const service = request.action.split(':')[0];
    const bucket = arnParts[2] === 's3' ? arnParts[5]?.split('/')[0] : undefined;
    const region =
      request.region ??
      (GLOBAL_ENDPOINT_SERVICES.includes(service) ? 'us-east-1' : arnParts[3] || (bucket && project.bucketRegion(bucket)) || role.stack.region);
    const resourcePolicy = request.resourcePolicy === undefined ? project.resourcePolicyFor(request.resource) : (request.resourcePolicy ?? undefined);
    const context: Record<string, string | string[]> = {
      'aws:SecureTransport': 'true',
      'aws:PrincipalArn': role.arn,
      'aws:PrincipalAccount': account,
      'aws:RequestedRegion': region,
    };
    for (const [key, value] of Object.entries(request.context ?? {})) context[key] = typeof value === 'string' ? value : [...value];
    const identityPolicies = options.identityPolicies ?? role.identityPolicies;
    return run({
      request: {
        principal: `arn:${partition}:sts::${account}:assumed-role/${role.name}/least-privilege-simulation`,
        action: request.action,
        resource: { resource: request.resource, accountId: request.resourceAccount ?? (/^\d{12}$/.test(arnParts[4] ?? '') ? arnParts[4] : account) },
        contextVariables: context,
      },
      identityPolicies: identityPolicies.map((policy) => ({ name: policy.name, policy: policy.document })),
      ...(role.boundary ? { permissionBoundaryPolicies: [{ name: 'permission-boundary', policy: role.boundary }] } : {}),
      serviceControlPolicies: [],
      resourceControlPolicies: [],
      ...(resourcePolicy ? { resourcePolicy } : {}),
    });
  };

  return {
    decide,
    decideTrust: (role, principal, action, context) =>
      run({
        request: {
          principal,
          action,
          resource: { resource: role.arn, accountId: role.env.accountId },
          contextVariables: { ...context },
        },
        identityPolicies: [],
        serviceControlPolicies: [],
        resourceControlPolicies: [],
        resourcePolicy: role.trustPolicy,
      }),
    verdict: async (role, row) => verdict(await decide(role, row.request), row.expect),
  };
}

/** Normalizes a decision to the row's vocabulary, so jest's diff reads "expected X, received Y". */
export function verdict(decision: Decision, expected: Expectation): string {
  if (decision.result === 'Allowed') {
    return expected === 'allow' ? 'allow' : `allow (granted by ${decision.grants.join(', ')})`;
  }
  if (expected === 'deny') return 'deny';
  if (decision.result === 'ImplicitlyDenied') return 'deny:implicit';
  const wanted = expected.replace(/^deny:/, '');
  if (decision.explicitDenies.includes(wanted)) return expected;
  return `deny:${decision.explicitDenies.join('+')}`;
}

/** The test title of a row: what is asked, the verdict wanted, and why it matters. */
export function titled(rows: readonly AccessRow[]): TitledRow[] {
  return rows.map((row) => {
    const { action, resource } = row.request;
    const region = row.request.region ? ` in ${row.request.region}` : '';
    const verb = row.expect === 'allow' ? 'allows' : 'denies';
    const reason = row.expect.startsWith('deny:') ? ` [${row.expect.slice(5).replace(':', ' ')}]` : '';
    const gap = row.gap ? ` (known gap ${row.gap})` : '';
    return { ...row, title: `${verb} ${action} on ${resource}${region}${reason}: ${row.note}${gap}` };
  });
}

/**
 * Registers one test per row: rows without a gap must meet their expectation; rows with a known
 * gap run as `it.failing` (green while the project's policy still decides them wrongly).
 */
export function itMeetsEachRow(simulator: Simulator, role: SynthesizedRole, rows: readonly AccessRow[]): void {
  const all = titled(rows);
  const sound = all.filter((row) => !row.gap);
  const gaps = all.filter((row) => row.gap);
  if (sound.length > 0) {
    it.each(sound)('$title', async (row) => {
      expect(await simulator.verdict(role, row)).toBe(row.expect);
    });
  }
  if (gaps.length > 0) {
    it.failing.each(gaps)('$title', async (row) => {
      let decided: string;
      try {
        decided = await simulator.verdict(role, row);
      } catch (error) {
        // it.failing passes on any exception: a row the simulator cannot evaluate must not pass as
        // "gap still open", so report it and return normally, which turns this test red.
        console.error(`Known-gap row ${row.gap} could not be simulated: ${String(error)}`);
        return;
      }
      expect(decided).toBe(row.expect);
    });
  }
}
