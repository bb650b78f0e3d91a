/**
 * Finds attribute values in state that look like secrets, by Terraform's own sensitive marks,
 * by attribute name, and by the shape of well-known credentials. Returns paths and reasons,
 * never the values.
 */
import { formatPath, type PathStep } from '../input/paths';
import { isObject, type JsonObject } from '../input/terraform-json';

export interface SecretHit {
  /** Attribute path, e.g. `secret_string` or `environment[0].variables.OPENAI_API_KEY`. */
  readonly path: string;
  readonly why: string;
}

const SECRET_NAME =
  /(password|passwd|passphrase|secret|token|private_key|privatekey|api_key|apikey|access_key|credential|auth_key|connection_string|signing_key)/;
/** Names that mention a secret but hold a reference, a setting or metadata about it. */
const NOT_A_SECRET_NAME =
  /(_arns?|_ids?|_names?|_version(_id)?|_versions|_length|_policy|_enabled|_type|_prefix|_count|_ttl|_days|_seconds|_minutes|_rotation|_status|_stages|_expiration|_expiry|_validity|_units|_location|_header|_uri|_url_path)$|^(has_|manage_|encrypted_|enable_|rotation)|encrypted/;
/** Values that point at a secret store rather than hold the secret. */
// `required` / `optional` are settings: IMDS `metadata_options.http_tokens` = "required" names session tokens, holds none.
const REFERENCE_VALUE = /^(arn:|\/|\{\{resolve:|ssm:|secretsmanager:)|^(true|false|enabled|disabled|active|inactive|none|null|required|optional)$/i;
/**
 * API Gateway selection and mapping expressions (`api_key_selection_expression` =
 * `$request.header.x-api-key`) say where a request carries a value, never the value itself.
 */
const API_GATEWAY_EXPRESSION = /^\$(request|context|stageVariables|method|input)\.[A-Za-z0-9_.:-]+$/;

const SECRET_SHAPES: ReadonlyArray<readonly [RegExp, string]> = [
  [/-----BEGIN [A-Z ]*PRIVATE KEY-----/, 'it is a private key'],
  [/\bsk-(?:proj-|live-|test-)?[A-Za-z0-9_-]{20,}/, 'it looks like an API key (sk-...)'],
  [/\bgh[pousr]_[A-Za-z0-9]{30,}/, 'it looks like a GitHub token'],
  [/\bxox[abprs]-[A-Za-z0-9-]{10,}/, 'it looks like a Slack token'],
  [/\bAIza[0-9A-Za-z_-]{35}/, 'it looks like a Google API key'],
  [/\beyJ[A-Za-z0-9_-]{10,}\.[A-Za-z0-9_-]{10,}\.[A-Za-z0-9_-]{10,}/, 'it looks like a JSON web token'],
  [/[a-z][a-z0-9+.-]*:\/\/[^\s:@/]+:[^\s@/]+@/i, 'it is a URL with a password'],
];

/**
 * What every one of SECRET_SHAPES needs somewhere in the value: one scan tells most values apart
 * from all of them (a state holds many values; keep this in step with the shapes).
 */
const MAYBE_SHAPED = /-----BEGIN |sk-|gh[pousr]_|xox[abprs]-|AIza|eyJ|:\/\//;

/** Attributes that hold generated secrets under plain names. */
const SECRET_ATTRIBUTES: Readonly<Record<string, readonly string[]>> = {
  random_password: ['result', 'bcrypt_hash'],
  aws_iam_access_key: ['secret', 'ses_smtp_password_v4'],
  aws_iam_user_login_profile: ['password'],
};

/** Tags and policies are descriptive, never where a credential is stored. */
const SKIPPED_KEYS = new Set(['tags', 'tags_all']);
const MAX_DEPTH = 6;

export function secretsIn(type: string, values: JsonObject, sensitivePaths: ReadonlySet<string>): SecretHit[] {
  const search: Search = { hits: [], known: new Set(SECRET_ATTRIBUTES[type] ?? []), sensitivePaths, steps: [] };
  visit(search, values, '', false, 0);
  return search.hits;
}

/** One walk over a resource's values; `steps` is the path to the value visited, formatted only where it is needed. */
interface Search {
  readonly hits: SecretHit[];
  readonly known: ReadonlySet<string>;
  readonly sensitivePaths: ReadonlySet<string>;
  readonly steps: PathStep[];
}

function visit(search: Search, value: unknown, key: string, markedSensitive: boolean, depth: number): void {
  // A state resource holds hundreds of values and almost never a secret: most paths are never written out.
  const sensitive = markedSensitive || (search.sensitivePaths.size > 0 && search.sensitivePaths.has(formatPath(search.steps)));
  if (typeof value === 'string') {
    const why = reasonFor(value, key, sensitive, depth === 1 && search.known.has(key));
    if (why) search.hits.push({ path: formatPath(search.steps), why });
    return;
  }
  if (depth >= MAX_DEPTH) return;
  const { steps } = search;
  if (Array.isArray(value)) {
    for (let index = 0; index < value.length; index++) {
      steps.push(index);
      visit(search, value[index], key, sensitive, depth + 1);
      steps.pop();
    }
  } else if (isObject(value)) {
    for (const [childKey, child] of Object.entries(value)) {
      if (depth === 0 && SKIPPED_KEYS.has(childKey)) continue;
      steps.push(childKey);
      visit(search, child, childKey, sensitive, depth + 1);
      steps.pop();
    }
  }
}

function reasonFor(value: string, key: string, sensitive: boolean, knownSecret: boolean): string | undefined {
  if (value.trim() === '') return undefined;
  if (sensitive) return 'Terraform marks it sensitive';
  if (knownSecret) return 'this attribute holds a generated secret';
  if (MAYBE_SHAPED.test(value)) for (const [shape, why] of SECRET_SHAPES) if (shape.test(value)) return why;
  const name = key.toLowerCase();
  if (SECRET_NAME.test(name) && !NOT_A_SECRET_NAME.test(name) && value.length >= 6 && !REFERENCE_VALUE.test(value) && !API_GATEWAY_EXPRESSION.test(value)) {
    return 'its name says it is a secret';
  }
  return undefined;
}
