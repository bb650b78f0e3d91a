/**
 * Finds values shaped like secrets in any JSON: a synthesized stack (cdk.tf.json), a plan or a
 * state (`terraform show -json`). Reports where (a JSON path, and the resource address when there
 * is one), never the value.
 */
import { ACCESS_KEY_FIELD, AWS_SECRET_ACCESS_KEY, isSecretAccessKeyShaped, MANAGED_SECRET_ATTRIBUTES, SECRET_KEY_FIELD, secretKindsOfValue } from './detectors';

export interface SecretFinding {
  /** Where in the document: `resource.aws_secretsmanager_secret_version.Key.secret_string`. */
  readonly path: string;
  /** `an OpenAI API key`, `a secret value managed by Terraform (secret_string)`, ... */
  readonly kind: string;
  /** The Terraform address of the resource holding it, when known. */
  readonly address?: string;
}

const IDENTIFIER = /^[A-Za-z_][A-Za-z0-9_-]*$/;

export function findSecretLikeValues(json: unknown): SecretFinding[] {
  const findings: SecretFinding[] = [];
  walk(json, '', undefined, false, findings);
  return findings;
}

/** `underSecretKey`: below an attribute named like a secret key (a plan's `secret_key: { constant_value }`). */
function walk(value: unknown, path: string, address: string | undefined, underSecretKey: boolean, findings: SecretFinding[]): void {
  if (typeof value === 'string') {
    const kinds = secretKindsOfValue(value);
    if (underSecretKey && isSecretAccessKeyShaped(value)) kinds.push(AWS_SECRET_ACCESS_KEY);
    for (const kind of kinds) findings.push(finding(path, kind, address));
    return;
  }
  if (Array.isArray(value)) {
    value.forEach((item, index) => walk(item, `${path}[${index}]`, address, underSecretKey, findings));
    return;
  }
  if (typeof value !== 'object' || value === null) return;

  const entries = Object.entries(value as Record<string, unknown>);
  const here = addressOf(value as Record<string, unknown>, path) ?? address;
  // An object that holds an access key id holds its secret key too, under whatever name.
  const holdsKeyId = entries.some(
    ([key, item]) => ACCESS_KEY_FIELD.test(key) || (typeof item === 'string' && secretKindsOfValue(item).includes('an AWS access key id')),
  );
  for (const [key, item] of entries) {
    const itemPath = path === '' || !IDENTIFIER.test(key) ? `${path}${pathPart(key)}` : `${path}.${key}`;
    if (MANAGED_SECRET_ATTRIBUTES.includes(key) && item !== null && item !== undefined && typeof item !== 'boolean') {
      findings.push(finding(itemPath, `a secret value managed by Terraform (${key})`, here));
      continue;
    }
    if (typeof item === 'string' && holdsKeyId && !underSecretKey && isSecretAccessKeyShaped(item)) {
      findings.push(finding(itemPath, AWS_SECRET_ACCESS_KEY, here));
      continue;
    }
    walk(item, itemPath, here, underSecretKey || SECRET_KEY_FIELD.test(key), findings);
  }
}

function pathPart(key: string): string {
  return IDENTIFIER.test(key) ? key : `[${JSON.stringify(key)}]`;
}

function finding(path: string, kind: string, address: string | undefined): SecretFinding {
  return address ? { path, kind, address } : { path, kind };
}

/** `resource.<type>.<name>` in a synthesized stack; an object's own `address` in plans and states. */
function addressOf(object: Record<string, unknown>, path: string): string | undefined {
  if (typeof object.address === 'string') return object.address;
  const synthesized = /^(resource|data)\.([A-Za-z0-9_]+)\.([A-Za-z0-9_-]+)$/.exec(path);
  if (!synthesized) return undefined;
  return synthesized[1] === 'data' ? `data.${synthesized[2]}.${synthesized[3]}` : `${synthesized[2]}.${synthesized[3]}`;
}
