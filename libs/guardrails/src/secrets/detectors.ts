/**
 * What a secret looks like: patterns of keys and tokens that are secrets whatever the field is
 * called. Shared by the secret hygiene check of synthesized stacks and plans and by the Lambda
 * construct's refusal of secret-looking environment variables. Tuned against look-alikes: resource
 * names (`sk-prod-eu-west-1-...`), ARNs, digests and the offline placeholder credentials.
 */

export interface SecretPattern {
  /** Reads after "holds what looks like": `an OpenAI API key`. */
  readonly kind: string;
  readonly pattern: RegExp;
}

export const SECRET_VALUE_PATTERNS: readonly SecretPattern[] = [
  // sk-<48 alphanumerics> (user keys) or sk-proj-/sk-svcacct-/sk-admin-<...> (project, service and admin keys).
  { kind: 'an OpenAI API key', pattern: /\bsk-(?:(?:proj|svcacct|admin)-[A-Za-z0-9_-]{20,}|[A-Za-z0-9]{20,})/ },
  { kind: 'an AWS access key id', pattern: /\b(?:AKIA|ASIA)[A-Z0-9]{16}\b/ },
  { kind: 'a private key', pattern: /-----BEGIN [A-Z0-9 ]*PRIVATE KEY(?: BLOCK)?-----/ },
  { kind: 'a GitHub token', pattern: /\b(?:gh[pousr]_[A-Za-z0-9]{36,}|github_pat_[A-Za-z0-9_]{22,})/ },
  { kind: 'a Slack token', pattern: /\bxox[abprs]-[A-Za-z0-9-]{10,}/ },
  { kind: 'a JSON Web Token', pattern: /\beyJ[A-Za-z0-9_-]{10,}\.eyJ[A-Za-z0-9_-]{10,}\.[A-Za-z0-9_-]+/ },
  { kind: 'a URL with a password', pattern: /^[a-z][a-z0-9+.-]*:\/\/[^/\s:@]+:[^/\s@]+@/i },
];

export const AWS_SECRET_ACCESS_KEY = 'an AWS secret access key';

/** What kind of secret the value looks like, or undefined. */
export function secretKindOfValue(value: string): string | undefined {
  return SECRET_VALUE_PATTERNS.find(({ pattern }) => pattern.test(value))?.kind;
}

/** Every kind of secret the value looks like (a credentials file holds a key id and a secret key). */
export function secretKindsOfValue(value: string): string[] {
  const kinds = SECRET_VALUE_PATTERNS.filter(({ pattern }) => pattern.test(value)).map(({ kind }) => kind);
  if (kinds.includes('an AWS access key id') && containsSecretAccessKey(value)) kinds.push(AWS_SECRET_ACCESS_KEY);
  return kinds;
}

const ACCESS_KEY_ID = /\b(?:AKIA|ASIA)[A-Z0-9]{16}\b/;
const FORTY_BASE64 = /(?<![A-Za-z0-9/+=])[A-Za-z0-9/+]{40}(?![A-Za-z0-9/+=])/g;

/**
 * Whether `value` is shaped like an AWS secret access key: 40 base64 characters of mixed case, not
 * hex (a SHA-1 digest, a git commit). Only meaningful next to a key id, which is how callers use it.
 */
export function isSecretAccessKeyShaped(value: string): boolean {
  return value.length === 40 && /^[A-Za-z0-9/+]{40}$/.test(value) && looksRandom(value);
}

/** A secret access key inside a longer text that also holds a key id (a credentials file, an env dump). */
function containsSecretAccessKey(text: string): boolean {
  if (!ACCESS_KEY_ID.test(text)) return false;
  return [...text.matchAll(FORTY_BASE64)].some((match) => looksRandom(match[0]));
}

function looksRandom(candidate: string): boolean {
  if (/^[0-9a-fA-F]+$/.test(candidate)) return false;
  return /[a-z]/.test(candidate) && /[A-Z]/.test(candidate) && /[0-9/+]/.test(candidate);
}

/** Attribute names that say their sibling values are AWS credentials (`access_key`, `AccessKeyId`, `aws_secret_access_key`). */
export const ACCESS_KEY_FIELD = /(?:^|_)access_?key(?:_?id)?$|^AccessKeyId$/i;
export const SECRET_KEY_FIELD = /secret_?(?:access_?)?key$|^SecretAccessKey$/i;

/** Attributes whose value Terraform would hold in configuration, plan and state. */
export const MANAGED_SECRET_ATTRIBUTES: readonly string[] = ['secret_string', 'secret_binary'];
