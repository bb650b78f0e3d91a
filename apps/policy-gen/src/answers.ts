/**
 * What the model answers, twice: the policy, then the requests that prove it. Each has a JSON
 * Schema for OpenAI's structured output (strict mode: every property required, no free-form
 * objects) and a zod schema of our own that the answer must pass anyway. Strict mode cannot
 * describe IAM's Condition block (an object keyed by operator, then by key), so the model writes
 * conditions as a list of {operator, key, values} that we fold into IAM JSON.
 */
import { SUPPORTED_OPERATORS, type ConditionValue, type PolicyDocument, type PolicyStatement } from '@llm/iam-eval';
import { z } from 'zod';

const SET_OPERATORS = ['ForAnyValue', 'ForAllValues'];

/** Every operator spelling the evaluator decides: base, IfExists, and the set-operator forms. */
export const CONDITION_OPERATORS: readonly string[] = SUPPORTED_OPERATORS.flatMap((base) =>
  base === 'Null' ? [base] : [base, `${base}IfExists`, ...SET_OPERATORS.flatMap((set) => [`${set}:${base}`, `${set}:${base}IfExists`])],
);

const stringList = (description: string) => ({ type: 'array', items: { type: 'string' }, description });

export const POLICY_SCHEMA_NAME = 'iam_policy';
export const REQUESTS_SCHEMA_NAME = 'proof_requests';

/** JSON Schema (strict) of the policy answer. */
export const POLICY_JSON_SCHEMA = {
  type: 'object',
  additionalProperties: false,
  required: ['statements', 'notes'],
  properties: {
    statements: {
      type: 'array',
      description: 'The statements of one IAM identity policy.',
      items: {
        type: 'object',
        additionalProperties: false,
        required: ['sid', 'effect', 'actions', 'resources', 'conditions'],
        properties: {
          sid: { type: 'string', description: 'Statement id: letters and digits only, saying what it grants, e.g. WriteGenerations.' },
          effect: { type: 'string', enum: ['Allow', 'Deny'] },
          actions: stringList('Exact action names, service:Action, e.g. s3:PutObject. No wildcards.'),
          resources: stringList('ARNs from the given resources or under them; "*" only for actions without a resource type.'),
          conditions: {
            type: 'array',
            description: 'Conditions that narrow the statement; all must hold. Empty if none.',
            items: {
              type: 'object',
              additionalProperties: false,
              required: ['operator', 'key', 'values'],
              properties: {
                operator: { type: 'string', enum: [...CONDITION_OPERATORS] },
                key: { type: 'string', description: 'Condition key, e.g. s3:prefix, kms:ViaService, aws:ResourceAccount.' },
                values: stringList('Values; the condition holds if any matches.'),
              },
            },
          },
        },
      },
    },
    notes: { type: 'string', description: 'Why each statement is needed, one short sentence each.' },
  },
} as const;

const requestItem = {
  type: 'object',
  additionalProperties: false,
  required: ['action', 'resource', 'context', 'why'],
  properties: {
    action: { type: 'string', description: 'One exact action, service:Action.' },
    resource: { type: 'string', description: 'One concrete ARN (no wildcards), or "*" for an action without a resource type.' },
    context: {
      type: 'array',
      description: 'Condition keys the request carries, e.g. s3:prefix for ListBucket, kms:ViaService. Empty if none.',
      items: {
        type: 'object',
        additionalProperties: false,
        required: ['key', 'values'],
        properties: { key: { type: 'string' }, values: stringList('One value for a single-valued key.') },
      },
    },
    why: { type: 'string', description: 'What this request stands for, in a few words.' },
  },
} as const;

/** JSON Schema (strict) of the proof requests answer. */
export const REQUESTS_JSON_SCHEMA = {
  type: 'object',
  additionalProperties: false,
  required: ['must_allow', 'must_deny'],
  properties: {
    must_allow: { type: 'array', description: 'Requests the workload makes: every granted action at least once.', items: requestItem },
    must_deny: { type: 'array', description: 'Near misses an over-broad policy would allow: other actions, resources, prefixes, regions.', items: requestItem },
  },
} as const;

const text = z.string().trim().min(1, 'must not be empty');

export const policyAnswerSchema = z.strictObject({
  statements: z
    .array(
      z.strictObject({
        sid: z.string().regex(/^[A-Za-z0-9]+$/, 'must be letters and digits only'),
        effect: z.enum(['Allow', 'Deny']),
        actions: z.array(text).min(1, 'must name at least one action'),
        resources: z.array(text).min(1, 'must name at least one resource'),
        conditions: z.array(
          z.strictObject({
            operator: z.enum(CONDITION_OPERATORS as [string, ...string[]]),
            key: text,
            values: z.array(z.string()).min(1, 'must list at least one value'),
          }),
        ),
      }),
    )
    .min(1, 'must hold at least one statement'),
  notes: z.string(),
});

export type PolicyAnswer = z.infer<typeof policyAnswerSchema>;

const requestSchema = z.strictObject({
  action: text,
  resource: text,
  context: z.array(z.strictObject({ key: text, values: z.array(z.string()).min(1, 'must list at least one value') })),
  why: z.string(),
});

export const requestsAnswerSchema = z.strictObject({
  must_allow: z.array(requestSchema).min(1, 'must list at least one request the policy allows'),
  must_deny: z.array(requestSchema).min(1, 'must list at least one request the policy denies'),
});

export type RequestsAnswer = z.infer<typeof requestsAnswerSchema>;
export type ProofRequest = z.infer<typeof requestSchema>;

export type Parsed<T> = { readonly ok: true; readonly value: T } | { readonly ok: false; readonly problems: readonly string[] };

/** The model's text as JSON of the given schema, or what is wrong with it. */
export function parseAnswer<T>(raw: string, schema: z.ZodType<T>, what: string): Parsed<T> {
  let json: unknown;
  try {
    json = JSON.parse(raw);
  } catch (error) {
    const preview = raw.length > 60 ? `${raw.slice(0, 57)}...` : raw;
    return { ok: false, problems: [`the ${what} is not JSON (${(error as Error).message}): ${JSON.stringify(preview)}`] };
  }
  const result = schema.safeParse(json);
  if (result.success) return { ok: true, value: result.data };
  return {
    ok: false,
    problems: result.error.issues.map(
      (issue) => `the ${what} does not fit its schema at ${issue.path.length > 0 ? issue.path.join('.') : '(top)'}: ${issue.message}`,
    ),
  };
}

/** The answer as an IAM policy document; conditions folded into Condition blocks. */
export function toPolicyDocument(answer: PolicyAnswer): Parsed<PolicyDocument> {
  const problems: string[] = [];
  const statements = answer.statements.map((statement): PolicyStatement => {
    const condition: Record<string, Record<string, ConditionValue | ConditionValue[]>> = {};
    for (const { operator, key, values } of statement.conditions) {
      condition[operator] ??= {};
      if (condition[operator][key] !== undefined) problems.push(`statement ${statement.sid} gives ${operator} ${key} twice; list all values in one condition`);
      condition[operator][key] = values.length === 1 ? values[0] : values;
    }
    return {
      Sid: statement.sid,
      Effect: statement.effect,
      Action: statement.actions,
      Resource: statement.resources,
      ...(statement.conditions.length > 0 ? { Condition: condition } : {}),
    };
  });
  return problems.length > 0 ? { ok: false, problems } : { ok: true, value: { Version: '2012-10-17', Statement: statements } };
}
