/**
 * The body of `POST /v1/generate`, validated with zod. Every message starts with the field it is
 * about and never quotes the prompt.
 *
 * Limits:
 * - `prompt`: string, 1..32,000 characters, not blank.
 * - `model`: string, 1..100 characters, one of the allowed models (default: the configured model).
 * - `instructions`: string, at most 8,000 characters.
 * - `maxOutputTokens`: integer 16..16,384 (OpenAI refuses `max_output_tokens` below 16).
 * - `metadata`: a flat object of at most 16 keys (1..64 of `A-Za-z0-9_.:-`), each value a string of
 *   at most 512 characters, a finite number, a boolean or null. It is stored in the record only.
 * - No other field: a misspelt field is an error rather than silently ignored.
 * The whole body is also limited to `MAX_BODY_BYTES`.
 */
import * as z from 'zod';
import { InvalidRequestError, MalformedBodyError, ModelNotAllowedError } from './errors';

export const LIMITS = {
  promptChars: 32_000,
  modelChars: 100,
  instructionsChars: 8_000,
  minOutputTokens: 16,
  maxOutputTokens: 16_384,
  metadataKeys: 16,
  metadataKeyChars: 64,
  metadataValueChars: 512,
} as const;

export type MetadataValue = string | number | boolean | null;

export interface GenerateRequest {
  readonly prompt: string;
  readonly model: string;
  readonly instructions?: string;
  readonly maxOutputTokens?: number;
  readonly metadata?: Readonly<Record<string, MetadataValue>>;
}

const required =
  (rule: string) =>
  (issue: { input?: unknown }): string =>
    issue.input === undefined ? 'is required' : rule;

const METADATA_KEY = /^[A-Za-z0-9_.:-]+$/;

const metadataSchema = z.custom<Record<string, MetadataValue>>().superRefine((value, ctx) => {
  if (typeof value !== 'object' || value === null || Array.isArray(value)) {
    ctx.addIssue({ code: 'custom', message: 'must be an object of string, number, boolean or null values' });
    return;
  }
  const entries = Object.entries(value as Record<string, unknown>);
  if (entries.length > LIMITS.metadataKeys) {
    ctx.addIssue({ code: 'custom', message: `must have at most ${LIMITS.metadataKeys} keys, got ${entries.length}` });
    return;
  }
  for (const [key, item] of entries) {
    if (key.length === 0 || key.length > LIMITS.metadataKeyChars || !METADATA_KEY.test(key)) {
      ctx.addIssue({
        code: 'custom',
        path: [shorten(key)],
        message: `key must be 1..${LIMITS.metadataKeyChars} characters of A-Z a-z 0-9 _ . : -`,
      });
    } else if (typeof item === 'string') {
      if (item.length > LIMITS.metadataValueChars) {
        ctx.addIssue({ code: 'custom', path: [key], message: `must be at most ${LIMITS.metadataValueChars} characters` });
      }
    } else if (typeof item === 'number') {
      if (!Number.isFinite(item)) ctx.addIssue({ code: 'custom', path: [key], message: 'must be a finite number' });
    } else if (typeof item !== 'boolean' && item !== null) {
      ctx.addIssue({ code: 'custom', path: [key], message: 'must be a string, number, boolean or null (metadata is flat: no nested objects or arrays)' });
    }
  }
});

const BodySchema = z.strictObject({
  prompt: z
    .string({ error: required('must be a string') })
    .min(1, { error: 'must not be empty', abort: true })
    .max(LIMITS.promptChars, { error: `must be at most ${LIMITS.promptChars} characters`, abort: true })
    .refine((prompt) => prompt.trim().length > 0, { error: 'must not be blank' }),
  model: z
    .string({ error: 'must be a string' })
    .min(1, { error: 'must not be empty' })
    .max(LIMITS.modelChars, { error: `must be at most ${LIMITS.modelChars} characters` })
    .optional(),
  instructions: z
    .string({ error: 'must be a string' })
    .max(LIMITS.instructionsChars, { error: `must be at most ${LIMITS.instructionsChars} characters` })
    .optional(),
  maxOutputTokens: z
    .number({ error: 'must be an integer' })
    .int({ error: 'must be an integer' })
    .min(LIMITS.minOutputTokens, { error: `must be an integer ${LIMITS.minOutputTokens}..${LIMITS.maxOutputTokens}` })
    .max(LIMITS.maxOutputTokens, { error: `must be an integer ${LIMITS.minOutputTokens}..${LIMITS.maxOutputTokens}` })
    .optional(),
  metadata: metadataSchema.optional(),
});

/** Turns the parsed JSON body into a request, or throws a 400 error naming the field(s). */
export function parseGenerateRequest(body: unknown, models: { readonly defaultModel: string; readonly allowedModels: readonly string[] }): GenerateRequest {
  if (typeof body !== 'object' || body === null || Array.isArray(body)) {
    throw new MalformedBodyError(`body: must be a JSON object, got ${Array.isArray(body) ? 'an array' : body === null ? 'null' : typeof body}`);
  }
  const parsed = BodySchema.safeParse(body);
  if (!parsed.success) {
    const problems = parsed.error.issues.slice(0, 5).map((issue) => {
      if (issue.code === 'unrecognized_keys') {
        return `body: unknown field${issue.keys.length === 1 ? '' : 's'} ${issue.keys.map((key) => `"${shorten(key)}"`).join(', ')}; allowed: ${Object.keys(BodySchema.shape).join(', ')}`;
      }
      return `${issue.path.map(String).join('.') || 'body'}: ${issue.message}`;
    });
    const fields = parsed.error.issues.map((issue) => issue.path.map(String).join('.') || 'body');
    throw new InvalidRequestError(fields, problems.join('; '));
  }
  const { prompt, model, instructions, maxOutputTokens, metadata } = parsed.data;
  const chosen = model ?? models.defaultModel;
  if (!models.allowedModels.includes(chosen)) throw new ModelNotAllowedError(chosen, models.allowedModels);
  return {
    prompt,
    model: chosen,
    ...(instructions ? { instructions } : {}),
    ...(maxOutputTokens !== undefined ? { maxOutputTokens } : {}),
    ...(metadata !== undefined ? { metadata } : {}),
  };
}

function shorten(text: string): string {
  return text.length > 64 ? `${text.slice(0, 61)}...` : text;
}
