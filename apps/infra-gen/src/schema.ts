/**
 * The JSON Schemas of the conversation with the model. The configuration's shape is derived from
 * libs/config's zod schema (`z.toJSONSchema`, input side: fields with defaults are optional) and
 * adapted to what OpenAI's strict structured outputs accept: every property required (an optional
 * one becomes nullable), `additionalProperties: false` on every object, and no keywords strict mode
 * rejects or that zod emits for refinements (pattern, format, bounds, defaults); the dropped
 * constraints are kept as words in `description`, and libs/config still checks them afterwards.
 * A map (`z.record`, usage.modelMix) has no strict form: it is described, not enforced.
 *
 * The answer itself is a list of JSON Patch operations whose `value` travels as a JSON-encoded
 * string (`valueJson`): strict mode cannot type "any configuration value", so the value is parsed
 * and checked against the configuration after the answer arrives (patch.ts, check.ts).
 */
import { environmentSchema } from '@llm/config';
import { z } from 'zod';

export type JsonSchema = { readonly [key: string]: unknown };

/** Keywords strict mode rejects or that only restate a refinement; their meaning moves to `description`. */
const DROPPED: Readonly<Record<string, (value: unknown) => string>> = {
  pattern: (value) => `matches /${String(value)}/`,
  format: (value) => `format ${String(value)}`,
  minLength: (value) => `at least ${String(value)} characters`,
  maxLength: (value) => `at most ${String(value)} characters`,
  minimum: (value) => `>= ${String(value)}`,
  maximum: (value) => `<= ${String(value)}`,
  exclusiveMinimum: (value) => `> ${String(value)}`,
  exclusiveMaximum: (value) => `< ${String(value)}`,
  minItems: (value) => `at least ${String(value)} items`,
  maxItems: (value) => `at most ${String(value)} items`,
  multipleOf: (value) => `a multiple of ${String(value)}`,
  default: (value) => `default ${JSON.stringify(value)}`,
};
/** Keywords that carry no constraint here and that strict mode does not need. */
const IGNORED = new Set(['$schema', 'propertyNames', 'uniqueItems']);

/** Zod writes JavaScript's safe-integer limits as bounds of `.int()`: noise, not a rule. */
const isSafeIntegerBound = (key: string, value: unknown) => (key === 'minimum' || key === 'maximum') && Math.abs(Number(value)) === Number.MAX_SAFE_INTEGER;

/** A JSON Schema (draft 2020-12, as zod writes it) made acceptable to OpenAI's strict mode. */
export function toStrictSchema(schema: JsonSchema): JsonSchema {
  return adapt(schema, false);
}

function adapt(node: JsonSchema, nullable: boolean): JsonSchema {
  const notes: string[] = [];
  const out: Record<string, unknown> = {};
  for (const [key, value] of Object.entries(node)) {
    if (IGNORED.has(key)) continue;
    if (key in DROPPED) {
      if (!isSafeIntegerBound(key, value)) notes.push(DROPPED[key](value));
      continue;
    }
    if (key === 'properties' || key === 'required' || key === 'additionalProperties' || key === 'items' || key === 'anyOf') continue;
    out[key] = value;
  }
  if (Array.isArray(node.anyOf)) out.anyOf = (node.anyOf as JsonSchema[]).map((option) => adapt(option, false));
  if (node.items && typeof node.items === 'object') out.items = adapt(node.items as JsonSchema, false);
  if (node.type === 'object') {
    const properties = (node.properties ?? {}) as Record<string, JsonSchema>;
    const required = new Set(Array.isArray(node.required) ? (node.required as string[]) : []);
    if (Object.keys(properties).length === 0 && node.additionalProperties && typeof node.additionalProperties === 'object') {
      notes.push(
        `a map of names to ${describeType(node.additionalProperties as JsonSchema)}; strict mode cannot express maps, so its entries are checked after the answer`,
      );
    }
    out.properties = Object.fromEntries(Object.entries(properties).map(([key, value]) => [key, adapt(value, !required.has(key))]));
    out.required = Object.keys(properties);
    out.additionalProperties = false;
  }
  const description = [typeof node.description === 'string' ? node.description : undefined, ...notes].filter(Boolean).join('; ');
  if (description) out.description = description;
  return nullable ? makeNullable(out) : out;
}

function makeNullable(node: Record<string, unknown>): JsonSchema {
  if (typeof node.type === 'string') {
    const nullable: Record<string, unknown> = { ...node, type: [node.type, 'null'] };
    if (Array.isArray(node.enum)) nullable.enum = [...node.enum, null];
    return nullable;
  }
  return { anyOf: [node, { type: 'null' }] };
}

function describeType(node: JsonSchema): string {
  return typeof node.type === 'string' ? `${node.type}s` : 'values';
}

/** The environment configuration's shape, strict-mode ready, from libs/config's zod schema. */
export function configurationJsonSchema(): JsonSchema {
  return toStrictSchema(z.toJSONSchema(environmentSchema, { io: 'input', unrepresentable: 'any' }) as JsonSchema);
}

export const CHANGE_SCHEMA_NAME = 'infra_change';

/** The answer: which environment, and the operations on its configuration, each with its reason. */
export function changeAnswerJsonSchema(environments: readonly string[]): JsonSchema {
  return {
    type: 'object',
    additionalProperties: false,
    required: ['environment', 'summary', 'changes'],
    properties: {
      environment: { type: 'string', enum: [...environments], description: 'The one environment whose configuration the operations change.' },
      summary: { type: 'string', description: 'One line: what the change does.' },
      changes: {
        type: 'array',
        description: 'JSON Patch (RFC 6902) operations on that environment configuration, applied in order.',
        items: {
          type: 'object',
          additionalProperties: false,
          required: ['op', 'path', 'valueJson', 'reason'],
          properties: {
            op: { type: 'string', enum: ['add', 'replace', 'remove'] },
            path: { type: 'string', description: 'JSON Pointer into the environment configuration, e.g. /regions/1 or /lambda/memoryMb; /regions/- appends.' },
            valueJson: {
              type: ['string', 'null'],
              description: 'The value for add and replace, JSON-encoded (e.g. "2048", "\\"single\\"", "{\\"region\\":\\"eu-north-1\\"}"); null for remove.',
            },
            reason: { type: 'string', description: 'One line: why this operation.' },
          },
        },
      },
    },
  };
}

export const changeAnswerSchema = z.strictObject({
  environment: z.string(),
  summary: z.string(),
  changes: z.array(
    z.strictObject({
      op: z.enum(['add', 'replace', 'remove']),
      path: z.string(),
      valueJson: z.string().nullable(),
      reason: z.string(),
    }),
  ),
});
export type ChangeAnswer = z.infer<typeof changeAnswerSchema>;

/** The node of the (strict) configuration schema a JSON Pointer's segments lead to, or why there is none. */
export function schemaAt(schema: JsonSchema, segments: readonly string[]): { readonly schema: JsonSchema } | { readonly problem: string } {
  let node = schema;
  const walked: string[] = [];
  for (const segment of segments) {
    node = withoutNull(node);
    if (node.type === 'array' || (Array.isArray(node.type) && node.type.includes('array'))) {
      if (segment !== '-' && !/^(0|[1-9][0-9]*)$/.test(segment)) return { problem: `/${walked.join('/')} is a list: "${segment}" is not an index` };
      node = node.items as JsonSchema;
    } else if (node.type === 'object' || (Array.isArray(node.type) && node.type.includes('object'))) {
      const properties = (node.properties ?? {}) as Record<string, JsonSchema>;
      const isMap = Object.keys(properties).length === 0 && typeof node.description === 'string' && node.description.includes('a map of names');
      if (isMap) return { schema: {} };
      if (!(segment in properties)) {
        return { problem: `/${[...walked, segment].join('/')} is not a setting (known under /${walked.join('/')}: ${Object.keys(properties).join(', ')})` };
      }
      node = properties[segment];
    } else {
      return { problem: `/${walked.join('/')} is a ${String(node.type)}: it has no /${segment}` };
    }
    walked.push(segment);
  }
  return { schema: node };
}

function withoutNull(node: JsonSchema): JsonSchema {
  if (Array.isArray(node.anyOf)) {
    const options = (node.anyOf as JsonSchema[]).filter((option) => option.type !== 'null');
    if (options.length === 1) return options[0];
  }
  return node;
}
