/**
 * The evaluator: decides one request against a principal's identity policies and, if it has one,
 * its permission boundary, the way AWS does within one account: an explicit Deny anywhere wins;
 * otherwise the request is allowed only if an identity policy allows it AND the boundary allows
 * it; otherwise it is implicitly denied. Where a detail it cannot decide (a policy variable, an
 * unsupported operator, ...) could change the outcome, the answer is `undecided` with the reason,
 * never a guess.
 *
 * Scope: identity-based evaluation in the principal's own account. Resource policies, SCPs, RCPs
 * and session policies are not inputs; a KMS key is assumed to delegate to IAM (its key policy
 * holds the usual account-root statement), and a request on another account's resource is decided
 * only where the principal's own policies deny it.
 */
import { resourceMatches, parseArn } from './arn';
import { conditionHolds, type RequestContext } from './conditions';
import { isNamedPolicy, normalizePolicy, type NamedPolicy, type NormalizedStatement, type PolicyDocument } from './policy';
import { all, any, not, unknown, type Truth } from './truth';
import { globTokens, matchTokens } from './wildcards';

export interface AccessRequest {
  /** One action, `service:Action` (e.g. `s3:GetObject`); no wildcards. */
  readonly action: string;
  /** The ARN acted on, or `*` for an action that has no resource type (only `Resource: "*"` matches it). */
  readonly resource: string;
  /** Condition keys of the request; a string is single-valued, an array multivalued. @default {} */
  readonly context?: RequestContext;
  /**
   * The principal's account. A resource ARN naming another account makes the request cross-account:
   * then only a denial by the principal's policies is decided (the resource's policy is not an input).
   * @default - not checked
   */
  readonly principalAccount?: string;
}

export interface PolicySet {
  /** The principal's identity policies (inline and managed); unnamed ones are called identity-1, identity-2, ... */
  readonly identity: readonly (PolicyDocument | NamedPolicy)[];
  /** The principal's permission boundary, if it has one. */
  readonly boundary?: PolicyDocument | NamedPolicy;
}

export type Decision = 'allowed' | 'explicitly-denied' | 'implicitly-denied' | 'undecided';

export interface EvaluationResult {
  readonly decision: Decision;
  /** One sentence: why, or what could not be decided. */
  readonly reason: string;
  /** Statements that decided (`<policy>:<Sid or #index>`): the matching Deny statements, or the Allow statements that granted. */
  readonly statements: readonly string[];
  /** For `undecided` only: true when the request is denied whichever way the open questions go. */
  readonly deniedEitherWay?: boolean;
}

const REQUEST_ACTION = /^[A-Za-z0-9-]+:[A-Za-z0-9-]+$/;

/** Decides requests against one fixed set of policies (parsed once). */
export class Evaluator {
  private readonly identity: readonly NormalizedStatement[];
  private readonly boundary: readonly NormalizedStatement[] | undefined;

  /** @throws InvalidPolicyError if a document is not an identity policy. */
  constructor(policies: PolicySet) {
    this.identity = policies.identity.flatMap((policy, index) => normalizeInput(policy, `identity-${index + 1}`, 'identity'));
    this.boundary = policies.boundary === undefined ? undefined : normalizeInput(policies.boundary, 'boundary', 'boundary');
  }

  evaluate(request: AccessRequest): EvaluationResult {
    const arn = request.resource === '*' ? undefined : parseArn(request.resource);
    const crossAccount =
      arn !== undefined && request.principalAccount !== undefined && /^\d{12}$/.test(arn.account) && arn.account !== request.principalAccount;
    const result = this.decide(request);
    if (!crossAccount || result.decision === 'explicitly-denied') return result;
    // Across accounts the resource's policy must allow too, and may deny explicitly: only a denial
    // by the principal's side is certain, and then not whether it is explicit.
    const why = `${request.resource} is in account ${arn.account}, not the principal's ${request.principalAccount}: a cross-account request also needs the resource's policy`;
    if (result.decision === 'allowed') return undecided(`${why}, which is not given (the principal's side allows it)`);
    const denied = result.decision === 'implicitly-denied' || result.deniedEitherWay === true;
    return { ...undecided(`${why}; the principal's side: ${result.reason}`), ...(denied ? { deniedEitherWay: true } : {}) };
  }

  private decide(request: AccessRequest): EvaluationResult {
    const context = request.context ?? {};
    if (!REQUEST_ACTION.test(request.action)) {
      return undecided(`the request action "${request.action}" is not one service:Action`);
    }
    const service = request.action.split(':')[0].toLowerCase();
    if (request.action.toLowerCase() === 'sts:getcalleridentity') {
      return { decision: 'allowed', reason: 'sts:GetCallerIdentity needs no permission: AWS allows it even under an explicit deny', statements: [] };
    }
    const arn = request.resource === '*' ? undefined : parseArn(request.resource);
    if (request.resource !== '*' && arn === undefined) return undecided(`the request resource "${request.resource}" is neither "*" nor an ARN`);
    const awsOwned = arn ? awsOwnedResource(request.action.toLowerCase(), service, arn.account, arn.resource.toLowerCase()) : undefined;
    if (awsOwned) return { ...undecided(awsOwned), deniedEitherWay: true };

    const matches = (statement: NormalizedStatement) => statementMatches(statement, request, context);
    const statements = [...this.identity, ...(this.boundary ?? [])];
    const denies = statements.filter((statement) => statement.effect === 'Deny').map((statement) => ({ statement, match: matches(statement) }));
    const denying = denies.filter((entry) => entry.match === true);
    if (denying.length > 0) {
      const labels = denying.map((entry) => entry.statement.label);
      return { decision: 'explicitly-denied', reason: `explicitly denied by ${labels.join(', ')}`, statements: labels };
    }

    const grants = (policy: readonly NormalizedStatement[]) => {
      const allows = policy.filter((statement) => statement.effect === 'Allow').map((statement) => ({ statement, match: matches(statement) }));
      const granting = allows.filter((entry) => entry.match === true).map((entry) => entry.statement.label);
      return { granting, truth: any(allows, (entry) => entry.match) };
    };
    const identity = grants(this.identity);
    const boundary = this.boundary ? grants(this.boundary) : undefined;
    const openDenies = denies.flatMap((entry) =>
      entry.match === false || entry.match === true ? [] : entry.match.unknown.map((why) => `${entry.statement.label}: ${why}`),
    );

    if (identity.truth === false || boundary?.truth === false) {
      const reason =
        identity.truth === false
          ? `no identity policy statement allows ${request.action} on ${request.resource}`
          : `the permission boundary allows nothing of ${request.action} on ${request.resource}`;
      if (openDenies.length > 0)
        return { ...undecided(`${reason}, but whether it is denied explicitly is open: ${openDenies.join('; ')}`), deniedEitherWay: true };
      return { decision: 'implicitly-denied', reason: `implicitly denied: ${reason}`, statements: [] };
    }
    if (openDenies.length > 0) return undecided(`a Deny statement may apply: ${openDenies.join('; ')}`);
    const open = [identity.truth, boundary?.truth ?? true].flatMap((truth: Truth) => (typeof truth === 'boolean' ? [] : truth.unknown));
    if (open.length > 0) return undecided(`whether an Allow statement applies is open: ${open.join('; ')}`);
    const labels = [...identity.granting, ...(boundary?.granting ?? [])];
    return {
      decision: 'allowed',
      reason: boundary
        ? `allowed by ${identity.granting.join(', ')} within the boundary (${boundary.granting.join(', ')})`
        : `allowed by ${identity.granting.join(', ')}`,
      statements: labels,
    };
  }
}

/** Decides one request; parse the policies once with `new Evaluator(policies)` for many. */
export function evaluateRequest(request: AccessRequest, policies: PolicySet): EvaluationResult {
  return new Evaluator(policies).evaluate(request);
}

/** Whether a statement applies to the request: action, resource and every condition. */
export function statementMatches(statement: NormalizedStatement, request: AccessRequest, context: RequestContext): Truth {
  const parts: Array<() => Truth> = [
    () =>
      statement.actions
        ? any(statement.actions, (pattern) => actionMatches(pattern, request.action))
        : not(any(statement.notActions ?? [], (pattern) => actionMatches(pattern, request.action))),
    () =>
      statement.resources
        ? any(statement.resources, (pattern) => resourceMatches(pattern, request.resource, statement.variables))
        : not(any(statement.notResources ?? [], (pattern) => resourceMatches(pattern, request.resource, statement.variables))),
    () => all(statement.conditions, (condition) => conditionHolds(condition, context, statement.variables)),
  ];
  return all(parts, (part) => part());
}

/** Action patterns: `*`, or `service:pattern` with a literal service; case-insensitive. */
export function actionMatches(pattern: string, action: string): Truth {
  if (pattern === '*') return true;
  const colon = pattern.indexOf(':');
  if (colon <= 0 || !/^[A-Za-z0-9-]+:[A-Za-z0-9*?-]+$/.test(pattern)) return unknown(`"${pattern}" is not an action pattern (service:Action)`);
  const [service, name] = [pattern.slice(0, colon), pattern.slice(colon + 1)];
  const [requestService, requestName] = action.split(':');
  if (service.toLowerCase() !== requestService.toLowerCase()) return false;
  return matchTokens(globTokens(name.toLowerCase()), requestName.toLowerCase());
}

const AWS_MANAGED_POLICY_WRITES = new Set([
  'iam:createpolicy',
  'iam:createpolicyversion',
  'iam:deletepolicy',
  'iam:deletepolicyversion',
  'iam:setdefaultpolicyversion',
  'iam:tagpolicy',
  'iam:untagpolicy',
]);
const RESERVED_ROLE_WRITES = new Set([
  'iam:attachrolepolicy',
  'iam:createrole',
  'iam:createservicelinkedrole',
  'iam:deleterole',
  'iam:deleterolepermissionsboundary',
  'iam:deleterolepolicy',
  'iam:deleteservicelinkedrole',
  'iam:detachrolepolicy',
  'iam:passrole',
  'iam:putrolepermissionsboundary',
  'iam:putrolepolicy',
  'iam:tagrole',
  'iam:untagrole',
  'iam:updateassumerolepolicy',
  'iam:updaterole',
  'iam:updateroledescription',
]);
const AWS_ALIAS_WRITES = new Set(['kms:createalias', 'kms:deletealias', 'kms:updatealias']);

/** Resources AWS owns, which no policy of the account can open to changes. */
function awsOwnedResource(action: string, service: string, account: string, resource: string): string | undefined {
  if (service === 'iam' && account === 'aws' && resource.startsWith('policy/') && AWS_MANAGED_POLICY_WRITES.has(action)) {
    return 'AWS managed policies cannot be changed by any principal of the account, whatever its policies say';
  }
  if (service === 'iam' && resource.startsWith('role/aws-reserved/') && RESERVED_ROLE_WRITES.has(action)) {
    return 'roles under /aws-reserved/ are managed by AWS and cannot be changed by any principal of the account';
  }
  if (service === 'kms' && resource.startsWith('alias/aws/') && AWS_ALIAS_WRITES.has(action)) {
    return 'aliases of AWS managed keys (alias/aws/...) cannot be changed by any principal of the account';
  }
  return undefined;
}

function undecided(reason: string): EvaluationResult {
  return { decision: 'undecided', reason, statements: [] };
}

function normalizeInput(policy: PolicyDocument | NamedPolicy, fallbackName: string, kind: 'identity' | 'boundary'): NormalizedStatement[] {
  return isNamedPolicy(policy) ? normalizePolicy(`${kind}:${policy.name}`, policy.document) : normalizePolicy(fallbackName, policy);
}
