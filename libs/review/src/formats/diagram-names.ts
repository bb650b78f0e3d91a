/**
 * Edges that no Terraform reference shows: a literal in one resource's configuration that names
 * another resource of the same plan. cdktf computes names up front, so a function's
 * `OUTPUT_BUCKET_NAME` and its role's policy hold the bucket's name and ARN as plain text.
 * Values are compared here and dropped: only the pair of addresses leaves this module.
 */
import { withoutInstanceKeys } from '../input/paths';
import { isObject, type PlanJson } from '../input/terraform-json';

/** Types whose name addresses them from elsewhere, the attribute holding it, and the ARN service they live in. */
const NAMED_TYPES: Readonly<Record<string, { readonly attribute: string; readonly service: string }>> = {
  aws_s3_bucket: { attribute: 'bucket', service: 's3' },
  aws_secretsmanager_secret: { attribute: 'name', service: 'secretsmanager' },
  aws_cloudwatch_log_group: { attribute: 'name', service: 'logs' },
  aws_lambda_function: { attribute: 'function_name', service: 'lambda' },
  aws_iam_role: { attribute: 'name', service: 'iam' },
  aws_dynamodb_table: { attribute: 'name', service: 'dynamodb' },
  aws_sqs_queue: { attribute: 'name', service: 'sqs' },
  aws_sns_topic: { attribute: 'name', service: 'sns' },
  aws_ecr_repository: { attribute: 'name', service: 'ecr' },
  aws_ssm_parameter: { attribute: 'name', service: 'ssm' },
  aws_kms_alias: { attribute: 'name', service: 'kms' },
};

/** Shorter names are too likely to turn up by chance (`api`, `dev`). */
const MIN_NAME_LENGTH = 4;
/** Policy documents are JSON in a string; anything far larger than a policy is not worth parsing. */
const MAX_DOCUMENT_LENGTH = 100_000;

/** Pairs `[from, to]`: a literal in `from`'s configuration names `to` (by its name or ARN). */
export function namedTargets(plan: PlanJson, addresses: readonly string[]): Array<[string, string]> {
  const known = new Set(addresses);
  // The literals first, then only the names they could mean: a big plan names tens of thousands
  // of resources, and its configuration writes out few of their names.
  const literals: Array<{ readonly address: string; readonly texts: readonly string[] }> = [];
  const wanted = new Set<string>();
  for (const resource of plan.configuration?.root_module?.resources ?? []) {
    if (resource.mode === 'data' || !known.has(resource.address)) continue;
    const texts = literalStrings(pointerExpressions(resource.type, resource.expressions));
    if (texts.length === 0) continue;
    literals.push({ address: resource.address, texts });
    for (const text of texts) {
      wanted.add(`=${text}`);
      for (const key of arnKeys(text)) wanted.add(key);
    }
  }
  if (wanted.size === 0) return [];
  const index = nameIndex(plan, known, wanted);
  if (index.size === 0) return [];
  const pairs: Array<[string, string]> = [];
  for (const { address, texts } of literals) {
    const targets = new Set<string>();
    for (const text of texts) {
      // A plain name shared by several resources (a function and its role are often namesakes)
      // says nothing about which one is meant; an ARN names its service, so it is never ambiguous.
      const byName = index.get(`=${text}`);
      if (byName && byName.size === 1) for (const target of byName) targets.add(target);
      for (const key of arnKeys(text)) for (const target of index.get(key) ?? []) targets.add(target);
    }
    for (const target of targets) if (target !== address) pairs.push([address, target]);
  }
  return pairs;
}

/** Attributes that name the resource itself: equal to a namesake's name, they point nowhere. */
const OWN_NAME_ATTRIBUTES = ['name', 'name_prefix'];

function pointerExpressions(type: string | undefined, expressions: unknown): unknown {
  if (!isObject(expressions)) return expressions;
  const own = new Set([...OWN_NAME_ATTRIBUTES, ...(type && NAMED_TYPES[type] ? [NAMED_TYPES[type].attribute] : [])]);
  return Object.fromEntries(Object.entries(expressions).filter(([key]) => !own.has(key)));
}

/** `=<name>` and `<service>:<name>` -> the addresses of the resources with that name; only the keys `wanted`. */
function nameIndex(plan: PlanJson, known: ReadonlySet<string>, wanted: ReadonlySet<string>): Map<string, Set<string>> {
  const index = new Map<string, Set<string>>();
  const add = (key: string, address: string) => {
    if (!wanted.has(key)) return;
    let set = index.get(key);
    if (!set) index.set(key, (set = new Set()));
    set.add(address);
  };
  for (const raw of plan.resource_changes ?? []) {
    const named = NAMED_TYPES[raw.type];
    if (!named || raw.mode === 'data') continue;
    const address = withoutInstanceKeys(raw.address);
    if (!known.has(address)) continue;
    const values = isObject(raw.change.after) ? raw.change.after : raw.change.before;
    const name = isObject(values) ? values[named.attribute] : undefined;
    if (typeof name !== 'string' || name.length < MIN_NAME_LENGTH) continue;
    add(`=${name}`, address);
    add(`${named.service}:${name}`, address);
    const arn = isObject(values) ? values.arn : undefined;
    if (typeof arn === 'string') add(`=${arn}`, address);
  }
  return index;
}

/** The name keys an ARN may point at: `arn:aws:s3:::bucket/key/*` -> `s3:bucket`. */
function arnKeys(text: string): string[] {
  const match = /^arn:[^:]+:([^:]+):[^:]*:[^:]*:(.+)$/.exec(text);
  if (!match) return [];
  const [, service, resource] = match;
  const after = (prefix: string) => (resource.startsWith(prefix) ? resource.slice(prefix.length) : undefined);
  const names: Array<string | undefined> = [];
  switch (service) {
    case 's3':
      names.push(resource.split('/')[0]);
      break;
    case 'secretsmanager': {
      // Secrets Manager appends `-` and six characters to the name; policies write them as `??????`.
      const secret = after('secret:');
      if (secret) names.push(secret, secret.replace(/-(?:\?{6}|[A-Za-z0-9]{6})$/, ''));
      break;
    }
    case 'logs':
      names.push(after('log-group:')?.split(':')[0]);
      break;
    case 'lambda':
      names.push(after('function:')?.split(':')[0]);
      break;
    case 'iam':
      names.push(after('role/')?.split('/').pop());
      break;
    case 'dynamodb':
      names.push(after('table/')?.split('/')[0]);
      break;
    case 'sqs':
    case 'sns':
      names.push(resource);
      break;
    case 'ecr':
      names.push(after('repository/'));
      break;
    case 'ssm': {
      const parameter = after('parameter');
      if (parameter) names.push(parameter, parameter.replace(/^\//, ''));
      break;
    }
    case 'kms':
      names.push(resource.startsWith('alias/') ? resource : undefined);
      break;
  }
  return names.filter((name): name is string => !!name && name.length >= MIN_NAME_LENGTH).map((name) => `${service}:${name}`);
}

/** Every string among an expression tree's constant values, policy documents opened up. */
function literalStrings(node: unknown, found: string[] = [], inConstant = false): string[] {
  if (typeof node === 'string') {
    if (!inConstant) return found;
    found.push(node);
    if (node.startsWith('{') && node.length <= MAX_DOCUMENT_LENGTH) {
      try {
        literalStrings(JSON.parse(node), found, true);
      } catch {
        // Not JSON after all: the string itself has been looked at.
      }
    }
  } else if (Array.isArray(node)) {
    for (const child of node) literalStrings(child, found, inConstant);
  } else if (isObject(node)) {
    // `references` lists addresses, which the reference edges cover; inside a constant it is just a key.
    for (const [key, child] of Object.entries(node)) {
      if (inConstant || key !== 'references') literalStrings(child, found, inConstant || key === 'constant_value');
    }
  }
  return found;
}
