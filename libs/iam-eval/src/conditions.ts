/**
 * Condition operators: the string, numeric, date, Bool, IP address, ARN and Null operators, their
 * `...IfExists` forms and the `ForAnyValue:` / `ForAllValues:` set operators, with AWS's rules for
 * missing keys (a negated operator or IfExists matches a missing key; ForAllValues matches a
 * missing or empty set, ForAnyValue does not). Several values of one key are ORed (for a negated
 * operator: the value must differ from all of them). Anything else (BinaryEquals, a misspelt
 * operator, a single-valued operator applied to a multivalued key, values of the wrong type)
 * is undecided, with the reason.
 */
import { arnConditionMatches } from './arn';
import type { NormalizedCondition } from './policy';
import { policyLiteral, policyTokens } from './policy-strings';
import { all, any, not, unknown, type Truth } from './truth';
import { ipInRange, parseBool, parseDate, parseIpAddress, parseIpRange, parseNumber } from './values';
import { matchTokens } from './wildcards';

/** Request context: key -> value. A string is a single-valued key, an array a multivalued one. */
export type RequestContext = Readonly<Record<string, string | readonly string[]>>;

type Compare = (requestValue: string, policyValue: string, variables: boolean) => Truth;

const LINE_BREAK = /[\n\r\u2028\u2029]/;

const stringEquals: Compare = (request, policy, variables) => {
  const literal = policyLiteral(policy, variables);
  return typeof literal === 'string' ? request === literal : literal;
};
const stringEqualsIgnoreCase: Compare = (request, policy, variables) => {
  const literal = policyLiteral(policy, variables);
  return typeof literal === 'string' ? request.toLowerCase() === literal.toLowerCase() : literal;
};
const stringLike: Compare = (request, policy, variables) => {
  const tokens = policyTokens(policy, { variables, wildcards: true });
  if (!Array.isArray(tokens)) return tokens;
  if (LINE_BREAK.test(request) && tokens.some((token) => token.kind !== 'char')) {
    return unknown(`whether a wildcard matches a line break (request value ${JSON.stringify(request)}) is not documented`);
  }
  return matchTokens(tokens, request);
};

function typed<T>(parse: (text: string) => T | undefined, kind: string, test: (request: T, policy: T) => Truth): Compare {
  return (request, policy) => {
    const policyValue = parse(policy);
    if (policyValue === undefined) return unknown(`policy value "${policy}" is not a valid ${kind}`);
    const requestValue = parse(request);
    if (requestValue === undefined) return unknown(`request value "${request}" is not a valid ${kind}`);
    return test(requestValue, policyValue);
  };
}

const numeric = (test: (request: number, policy: number) => boolean) => typed(parseNumber, 'number', test);
const date = (test: (request: number, policy: number) => boolean) =>
  typed(parseDate, 'date (ISO 8601 or epoch seconds)', (request, policy) => {
    if (request.kind !== policy.kind) {
      return unknown('comparing an epoch time with an ISO 8601 date: AWS documents both formats but not how they compare');
    }
    return request.kind === 'iso' && policy.kind === 'iso'
      ? test(request.ms, policy.ms)
      : test((request as { seconds: number }).seconds, (policy as { seconds: number }).seconds);
  });

const bool: Compare = (request, policy, variables) => {
  const literal = policyLiteral(policy, variables);
  if (typeof literal !== 'string') return literal;
  const policyValue = parseBool(literal);
  if (policyValue === undefined) return unknown(`Bool value "${policy}" is neither true nor false`);
  const requestValue = parseBool(request);
  if (requestValue === undefined) return unknown(`request value "${request}" is not a boolean`);
  return requestValue === policyValue;
};

const ipAddress: Compare = (request, policy) => {
  const range = parseIpRange(policy);
  if (!range) return unknown(`policy value "${policy}" is not an IP address or CIDR range`);
  const address = parseIpAddress(request);
  if (!address) return unknown(`request value "${request}" is not an IP address`);
  return ipInRange(address, range);
};

interface OperatorDefinition {
  readonly compare: Compare;
  /** Negated operators hold when the value matches none of the policy's values. */
  readonly negated: boolean;
}

const POSITIVE: Readonly<Record<string, Compare>> = {
  StringEquals: stringEquals,
  StringEqualsIgnoreCase: stringEqualsIgnoreCase,
  StringLike: stringLike,
  NumericEquals: numeric((r, p) => r === p),
  NumericLessThan: numeric((r, p) => r < p),
  NumericLessThanEquals: numeric((r, p) => r <= p),
  NumericGreaterThan: numeric((r, p) => r > p),
  NumericGreaterThanEquals: numeric((r, p) => r >= p),
  DateEquals: date((r, p) => r === p),
  DateLessThan: date((r, p) => r < p),
  DateLessThanEquals: date((r, p) => r <= p),
  DateGreaterThan: date((r, p) => r > p),
  DateGreaterThanEquals: date((r, p) => r >= p),
  Bool: bool,
  IpAddress: ipAddress,
  ArnEquals: (request, policy, variables) => arnConditionMatches(policy, request, variables),
  ArnLike: (request, policy, variables) => arnConditionMatches(policy, request, variables),
};

const NEGATED: Readonly<Record<string, string>> = {
  StringNotEquals: 'StringEquals',
  StringNotEqualsIgnoreCase: 'StringEqualsIgnoreCase',
  StringNotLike: 'StringLike',
  NumericNotEquals: 'NumericEquals',
  DateNotEquals: 'DateEquals',
  NotIpAddress: 'IpAddress',
  ArnNotEquals: 'ArnEquals',
  ArnNotLike: 'ArnLike',
};

const OPERATORS: Readonly<Record<string, OperatorDefinition>> = {
  ...Object.fromEntries(Object.entries(POSITIVE).map(([name, compare]) => [name, { compare, negated: false }])),
  ...Object.fromEntries(Object.entries(NEGATED).map(([name, positive]) => [name, { compare: POSITIVE[positive], negated: true }])),
};

/** Base operators the evaluator decides (besides Null); each also with IfExists and the set operators. */
export const SUPPORTED_OPERATORS: readonly string[] = [...Object.keys(OPERATORS), 'Null'];

export interface ParsedOperator {
  readonly set: 'ForAnyValue' | 'ForAllValues' | undefined;
  readonly base: string;
  readonly ifExists: boolean;
}

export function parseOperator(operator: string): ParsedOperator {
  const match = /^(?:(ForAnyValue|ForAllValues):)?(.+?)(IfExists)?$/.exec(operator) as RegExpExecArray;
  return { set: match[1] as ParsedOperator['set'], base: match[2], ifExists: match[3] !== undefined };
}

/** Whether the evaluator can decide conditions with this operator (given decidable values). */
export function isSupportedOperator(operator: string): boolean {
  const { set, base, ifExists } = parseOperator(operator);
  if (base === 'Null') return set === undefined && !ifExists;
  return base in OPERATORS;
}

/** Looks a key up case-insensitively (condition key names are not case-sensitive). */
export function contextLookup(
  context: RequestContext,
  key: string,
): { found: false } | { found: true; value: string | readonly string[] } | { ambiguous: true } {
  const lower = key.toLowerCase();
  const hits = Object.keys(context).filter((name) => name.toLowerCase() === lower);
  if (hits.length > 1) return { ambiguous: true };
  return hits.length === 0 ? { found: false } : { found: true, value: context[hits[0]] };
}

/** Whether one condition (one operator, one key, its values) holds for the request context. */
export function conditionHolds(condition: NormalizedCondition, context: RequestContext, variables: boolean): Truth {
  const { operator, key, values } = condition;
  const where = `${operator} ${key}`;
  const { set, base, ifExists } = parseOperator(operator);
  if (values.length === 0) return unknown(`${where} lists no values`);
  const lookup = contextLookup(context, key);
  if ('ambiguous' in lookup) return unknown(`the request context names ${key} more than once (in different case)`);

  if (base === 'Null') {
    if (set !== undefined || ifExists) return unknown(`condition operator ${operator} is not supported`);
    if (lookup.found && Array.isArray(lookup.value) && lookup.value.length === 0) {
      return unknown(`whether Null treats the empty multivalued key ${key} as missing is not documented`);
    }
    return any(values, (value) => {
      const wanted = parseBool(value);
      if (wanted === undefined) return unknown(`Null value "${value}" for ${key} is neither true nor false`);
      return wanted === !lookup.found;
    });
  }

  const definition = OPERATORS[base];
  if (!definition) return unknown(`condition operator ${operator} is not supported`);
  // One request value against the policy's values: any of them (positive), none of them (negated).
  const holdsFor = (requestValue: string): Truth => {
    const matchesAny = any(values, (policyValue) => definition.compare(requestValue, policyValue, variables));
    return definition.negated ? not(matchesAny) : matchesAny;
  };

  if (set !== undefined) {
    if (!lookup.found) {
      if (set === 'ForAllValues') return true;
      return ifExists ? unknown(`${operator} on the missing key ${key}: AWS documents IfExists as true and ForAnyValue as false`) : false;
    }
    const requestValues: readonly string[] = typeof lookup.value === 'string' ? [lookup.value] : lookup.value;
    return set === 'ForAnyValue' ? any(requestValues, holdsFor) : all(requestValues, holdsFor);
  }

  if (!lookup.found) return ifExists || definition.negated;
  if (typeof lookup.value !== 'string') {
    return unknown(`${operator} is a single-valued operator but ${key} is multivalued in the request; use ForAnyValue: or ForAllValues:`);
  }
  return holdsFor(lookup.value);
}
