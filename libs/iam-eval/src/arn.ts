/**
 * ARNs: splitting them into their six parts, and matching a policy's Resource entry or an ARN
 * condition value against a request's ARN. Matching is per part (`*` never crosses the colons
 * between partition, service, region, account and resource) and case-sensitive.
 */
import { policyTokens } from './policy-strings';
import { all, unknown, type Truth, type Unknown } from './truth';
import { hasWildcard, matchTokens, splitTokens, tokensToString, type Token } from './wildcards';

export interface Arn {
  readonly partition: string;
  readonly service: string;
  readonly region: string;
  readonly account: string;
  /** Everything after the fifth colon, colons included. */
  readonly resource: string;
}

/** The parts of a concrete ARN, or undefined if `text` is not one (`arn:` and at least six parts). */
export function parseArn(text: string): Arn | undefined {
  const parts = text.split(':');
  if (parts.length < 6 || parts[0] !== 'arn') return undefined;
  return { partition: parts[1], service: parts[2], region: parts[3], account: parts[4], resource: parts.slice(5).join(':') };
}

const PART_NAMES = ['partition', 'service', 'region', 'account'] as const;

interface ArnPattern {
  readonly parts: readonly (readonly Token[])[];
  readonly resource: readonly Token[];
}

function arnPattern(text: string, variables: boolean, what: string): ArnPattern | Unknown {
  const tokens = policyTokens(text, { variables, wildcards: true });
  if (!Array.isArray(tokens)) return tokens;
  const segments = splitTokens(tokens, ':', 6);
  if (tokensToString(segments[0]) !== 'arn' || hasWildcard(segments[0])) return unknown(`${what} "${text}" is neither "*" nor an ARN`);
  if (segments.length < 6) return unknown(`${what} "${text}" has fewer than six ARN parts; AWS documents no meaning for a shortened ARN`);
  return { parts: segments.slice(1, 5), resource: segments[5] };
}

/**
 * Whether a Resource/NotResource entry of a policy matches the request's resource. The request
 * resource is a concrete ARN, or `*` for an action that has no resource type (only a policy `*`
 * matches that).
 */
export function resourceMatches(policyResource: string, requestResource: string, variables: boolean): Truth {
  if (policyResource === '*') return true;
  const pattern = arnPattern(policyResource, variables, 'Resource');
  if (!('parts' in pattern)) return pattern;
  if (requestResource === '*') return false;
  const arn = parseArn(requestResource);
  if (!arn) return unknown(`request resource "${requestResource}" is neither "*" nor an ARN`);
  return all([0, 1, 2, 3, 4], (index) => {
    if (index < 4) return partMatches(pattern.parts[index], arn[PART_NAMES[index]], PART_NAMES[index], policyResource);
    // The resource type before the first "/" or ":" (e.g. "role/", "log-group:") must be literal;
    // AWS calls a wildcard there incorrect usage and documents no behaviour for it. S3 bucket and
    // object ARNs (no region, no account) have no such segment.
    const s3 = tokensToString(pattern.parts[1]) === 's3' && pattern.parts[2].length === 0 && pattern.parts[3].length === 0;
    const separator = pattern.resource.findIndex((token) => token.kind === 'char' && (token.char === '/' || token.char === ':'));
    if (!s3 && separator >= 0 && hasWildcard(pattern.resource.slice(0, separator))) {
      return unknown(`Resource "${policyResource}" has a wildcard in its resource-type segment, which AWS documents as incorrect usage`);
    }
    return matchTokens(pattern.resource, arn.resource);
  });
}

function partMatches(pattern: readonly Token[], value: string, name: string, whole: string): Truth {
  if (matchTokens(pattern, value)) return true;
  // ARNs are case-sensitive, but AWS does not document whether an upper-case service or region
  // in a policy is an error, a mismatch or the same thing: leave that undecided.
  if (matchTokens(pattern, value, true)) return unknown(`"${whole}" differs from the request only in the case of its ${name}`);
  return false;
}

/** ArnEquals / ArnLike: both take wildcards per part and compare case-sensitively. */
export function arnConditionMatches(policyValue: string, requestValue: string, variables: boolean): Truth {
  const pattern = arnPattern(policyValue, variables, 'ARN condition value');
  if (!('parts' in pattern)) return pattern;
  const arn = parseArn(requestValue);
  if (!arn) return unknown(`request value "${requestValue}" is not an ARN`);
  return pattern.parts.every((part, index) => matchTokens(part, arn[PART_NAMES[index]])) && matchTokens(pattern.resource, arn.resource);
}
