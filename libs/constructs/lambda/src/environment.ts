/**
 * The function's environment variables, checked so that no secret travels through them: an
 * environment variable is stored in plain text in the function configuration, the Terraform state
 * and the plan. Secrets live in Secrets Manager; the function gets the secret's ARN.
 */
import { secretKindOfValue } from '@llm/guardrails';
import { Token } from 'cdktf';
import type { IConstruct } from 'constructs';
import { environmentTooLarge, invalidVariableName, reservedVariableName, secretLikeVariableName, secretLikeVariableValue } from './errors';

// Values that are secrets whatever the variable is called: the detectors of the secret hygiene
// check, shared so that a key refused here is also caught in a synthesized stack or a plan.
export { secretKindOfValue };

/** Lambda's rule for variable names. */
const VARIABLE_NAME_PATTERN = /^[a-zA-Z][a-zA-Z0-9_]+$/;

/** Lambda refuses these: the runtime sets them (AWS Lambda developer guide, "Reserved environment variables"). */
export const RESERVED_VARIABLE_NAMES: ReadonlySet<string> = new Set([
  'AWS_REGION',
  'AWS_DEFAULT_REGION',
  'AWS_EXECUTION_ENV',
  'AWS_LAMBDA_FUNCTION_NAME',
  'AWS_LAMBDA_FUNCTION_MEMORY_SIZE',
  'AWS_LAMBDA_FUNCTION_VERSION',
  'AWS_LAMBDA_INITIALIZATION_TYPE',
  'AWS_LAMBDA_LOG_GROUP_NAME',
  'AWS_LAMBDA_LOG_STREAM_NAME',
  'AWS_ACCESS_KEY',
  'AWS_ACCESS_KEY_ID',
  'AWS_SECRET_ACCESS_KEY',
  'AWS_SESSION_TOKEN',
  'AWS_LAMBDA_RUNTIME_API',
  'LAMBDA_TASK_ROOT',
  'LAMBDA_RUNTIME_DIR',
]);

/**
 * Words that mark a variable as holding a secret, compared with whole words of the name (split
 * at `_` and at camelCase humps), so that `MAX_OUTPUT_TOKENS` (LLM tokens) or
 * `AWS_ENDPOINT_URL_SECRETS_MANAGER` pass while `OPENAI_API_KEY` and `dbPassword` do not.
 */
export const SECRET_NAME_WORDS: ReadonlySet<string> = new Set([
  'KEY',
  'APIKEY',
  'ACCESSKEY',
  'PRIVATEKEY',
  'SECRET',
  'CLIENTSECRET',
  'TOKEN',
  'AUTHTOKEN',
  'PASSWORD',
  'PASSWD',
  'PWD',
  'PASSPHRASE',
  'CREDENTIAL',
  'CREDENTIALS',
]);

/** Lambda allows 4 KB in all; counting the variables as JSON errs on the safe side. */
export const MAX_ENVIRONMENT_BYTES = 4096;

/** Whole words of a variable name, upper-cased: `openAiApiKey` -> OPEN, AI, API, KEY. */
export function nameWords(name: string): string[] {
  return name
    .replace(/([a-z0-9])([A-Z])/g, '$1_$2')
    .split('_')
    .filter(Boolean)
    .map((word) => word.toUpperCase());
}

/** Whether the name says the variable holds a secret; `*_ARN` names point at one and are fine. */
export function isSecretLikeName(name: string): boolean {
  const words = nameWords(name);
  if (words[words.length - 1] === 'ARN') return false;
  return words.some((word) => SECRET_NAME_WORDS.has(word));
}

/**
 * Refuses invalid or reserved names, secret-looking names (whatever the value: a token there
 * would copy a secret from Terraform state into the function configuration) and secret-looking
 * literal values.
 */
export function checkEnvironment(scope: IConstruct, variables: Readonly<Record<string, string>>): void {
  if (Token.isUnresolved(variables)) return;
  for (const [name, value] of Object.entries(variables)) {
    if (!VARIABLE_NAME_PATTERN.test(name)) throw invalidVariableName(scope, name);
    if (RESERVED_VARIABLE_NAMES.has(name)) throw reservedVariableName(scope, name);
    if (isSecretLikeName(name)) throw secretLikeVariableName(scope, name);
    if (Token.isUnresolved(value)) continue;
    const kind = secretKindOfValue(value);
    if (kind) throw secretLikeVariableValue(scope, name, kind);
  }
  const literal = Object.values(variables).every((value) => !Token.isUnresolved(value));
  const bytes = Buffer.byteLength(JSON.stringify(variables), 'utf8');
  if (literal && bytes > MAX_ENVIRONMENT_BYTES) throw environmentTooLarge(scope, MAX_ENVIRONMENT_BYTES, bytes);
}
