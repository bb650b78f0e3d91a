/**
 * Turns a string from a policy (a resource, a condition value) into wildcard tokens. In a
 * 2012-10-17 policy `${*}`, `${?}` and `${$}` stand for the literal characters; any other
 * `${...}` is a policy variable such as `${aws:username}`, which this evaluator does not resolve:
 * the string is then undecidable rather than guessed.
 */
import { unknown, type Unknown } from './truth';
import { literalTokens, type Token } from './wildcards';

const ESCAPES: Readonly<Record<string, string>> = { '${*}': '*', '${?}': '?', '${$}': '$' };

export interface PolicyStringOptions {
  /** Whether `${...}` are policy variables (2012-10-17) or literal text. */
  readonly variables: boolean;
  /** Whether `*` and `?` are wildcards (StringLike, ArnLike, Resource) or literal (StringEquals). */
  readonly wildcards: boolean;
}

export function policyTokens(text: string, options: PolicyStringOptions): Token[] | Unknown {
  const tokens: Token[] = [];
  let index = 0;
  while (index < text.length) {
    const char = text[index];
    if (options.variables && char === '$' && text[index + 1] === '{') {
      const end = text.indexOf('}', index + 2);
      if (end !== -1) {
        const variable = text.slice(index, end + 1);
        const escaped = ESCAPES[variable];
        if (escaped === undefined) return unknown(`policy variable ${variable} (in "${text}") is not supported`);
        tokens.push({ kind: 'char', char: escaped });
        index = end + 1;
        continue;
      }
    }
    const codePoint = text.codePointAt(index) as number;
    const whole = String.fromCodePoint(codePoint);
    if (options.wildcards && whole === '*') tokens.push({ kind: 'star' });
    else if (options.wildcards && whole === '?') tokens.push({ kind: 'one' });
    else tokens.push(...literalTokens(whole));
    index += whole.length;
  }
  return tokens;
}

/** The literal text of a policy string with escapes resolved, or why it cannot be had. */
export function policyLiteral(text: string, variables: boolean): string | Unknown {
  const tokens = policyTokens(text, { variables, wildcards: false });
  if (!Array.isArray(tokens)) return tokens;
  return tokens.map((token) => (token.kind === 'char' ? token.char : '')).join('');
}
