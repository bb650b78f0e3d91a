/**
 * A best-effort reading of an environment the schema refused: every part that is valid on its own
 * is parsed (defaults filled in), every invalid part is kept as written. The cross-field and
 * production rules then still run, so one synth reports all of an environment's problems, not
 * only its field errors; the caller drops what the rules say about fields already reported.
 */
import { z } from 'zod';

export function lenientParse(schema: z.ZodType, value: unknown): unknown {
  const parsed = schema.safeParse(value);
  if (parsed.success) return parsed.data;
  const inner = unwrap(schema);
  if (inner instanceof z.ZodObject && isRecord(value)) {
    const shape = inner.shape as Record<string, z.ZodType>;
    const result: Record<string, unknown> = { ...value };
    for (const [key, field] of Object.entries(shape)) result[key] = lenientParse(field, value[key]);
    return result;
  }
  if (inner instanceof z.ZodArray && Array.isArray(value)) return value.map((element) => lenientParse(inner.element as z.ZodType, element));
  return value;
}

function unwrap(schema: z.ZodType): z.ZodType {
  if (schema instanceof z.ZodOptional || schema instanceof z.ZodDefault || schema instanceof z.ZodNullable) return unwrap(schema.unwrap() as z.ZodType);
  return schema;
}

function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

/** Whether a rule's problem is about a field (or a part, or a whole) the schema already refused. */
export function overlapsInvalidField(field: string, invalidFields: readonly string[]): boolean {
  return invalidFields.some((invalid) => within(field, invalid) || within(invalid, field));
}

function within(path: string, parent: string): boolean {
  return path === parent || path.startsWith(`${parent}.`) || path.startsWith(`${parent}[`);
}
