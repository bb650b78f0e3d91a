/**
 * The function's configuration, read once from environment variables and validated with zod, so
 * a missing or malformed variable stops the function at load time with a message naming it.
 */
import * as z from 'zod';
import { ConfigError } from './errors';

/**
 * `lambda`: the deployed function (bucket and secret are required).
 * `local`: `npm run dev` (records may go to a folder, the key may come from `OPENAI_API_KEY`).
 */
export type ConfigMode = 'lambda' | 'local';

export interface Config {
  readonly mode: ConfigMode;
  /** S3 bucket of the records; unset only in local mode, where records go to {@link localRecordsDir}. */
  readonly outputBucketName: string | undefined;
  /** Folder standing in for the bucket in local mode. */
  readonly localRecordsDir: string;
  /** Secret holding the OpenAI API key; unset only in local mode. */
  readonly apiKeySecretArn: string | undefined;
  /** Local mode only: the key itself (never read in Lambda). */
  readonly localApiKey: string | undefined;
  readonly secretCacheTtlSeconds: number;
  readonly defaultModel: string;
  /** Models a request may name; always contains {@link defaultModel}. */
  readonly allowedModels: readonly string[];
  /** Base URL of the OpenAI API; undefined means the client's default (api.openai.com). */
  readonly openaiBaseUrl: string | undefined;
  /** Budget of one OpenAI call, retries and back-off included. */
  readonly openaiTimeoutMs: number;
  /** Retries after the first attempt, on 408/409/429/5xx and connection errors. */
  readonly openaiMaxRetries: number;
  readonly maxBodyBytes: number;
  /** Whether prompt, instructions and output text may be written to logs. */
  readonly logPromptText: boolean;
  readonly metricsNamespace: string;
  readonly serviceName: string;
  /** The region's OpenAI spend alarm: while it is in ALARM, requests get 429 budget_exceeded. @default - no hard stop */
  readonly spendAlarmName: string | undefined;
  /** How long the alarm's state is trusted before it is read again. */
  readonly spendStateTtlSeconds: number;
}

const integer = (name: string, min: number, max: number, fallback: number) =>
  z
    .string()
    .optional()
    .transform((raw, ctx) => {
      if (raw === undefined || raw.trim() === '') return fallback;
      const value = Number(raw);
      if (!/^\s*\d+\s*$/.test(raw) || value < min || value > max) {
        ctx.addIssue({ code: 'custom', message: `${name} must be an integer ${min}..${max}, got "${raw}"` });
        return z.NEVER;
      }
      return value;
    });

const boolean = (name: string, fallback: boolean) =>
  z
    .string()
    .optional()
    .transform((raw, ctx) => {
      if (raw === undefined || raw.trim() === '') return fallback;
      const value = raw.trim().toLowerCase();
      if (value === 'true' || value === '1') return true;
      if (value === 'false' || value === '0') return false;
      ctx.addIssue({ code: 'custom', message: `${name} must be true or false, got "${raw}"` });
      return z.NEVER;
    });

const text = (name: string, pattern?: RegExp, rule?: string) =>
  z
    .string()
    .optional()
    .transform((raw, ctx) => {
      const value = raw?.trim();
      if (!value) return undefined;
      if (pattern && !pattern.test(value)) {
        ctx.addIssue({ code: 'custom', message: `${name} ${rule}, got "${value.slice(0, 120)}"` });
        return z.NEVER;
      }
      return value;
    });

const MODEL = /^[A-Za-z0-9][A-Za-z0-9._:-]{0,99}$/;

const EnvSchema = z.object({
  OUTPUT_BUCKET_NAME: text('OUTPUT_BUCKET_NAME', /^[a-z0-9][a-z0-9.-]{1,61}[a-z0-9]$/, 'must be an S3 bucket name (3..63 of a-z 0-9 . -)'),
  LOCAL_RECORDS_DIR: text('LOCAL_RECORDS_DIR'),
  OPENAI_API_KEY_SECRET_ARN: text(
    'OPENAI_API_KEY_SECRET_ARN',
    /^arn:aws[a-z-]*:secretsmanager:[a-z0-9-]+:\d{12}:secret:.+$/,
    'must be a Secrets Manager secret ARN (arn:aws:secretsmanager:<region>:<account>:secret:<name>)',
  ),
  OPENAI_API_KEY: text('OPENAI_API_KEY'),
  SECRET_CACHE_TTL_SECONDS: integer('SECRET_CACHE_TTL_SECONDS', 0, 86_400, 300),
  OPENAI_MODEL: text('OPENAI_MODEL', MODEL, 'must be a model name (letters, digits, . _ : -)'),
  OPENAI_ALLOWED_MODELS: text('OPENAI_ALLOWED_MODELS'),
  OPENAI_BASE_URL: text('OPENAI_BASE_URL', /^https?:\/\/[^\s/]+(\/\S*)?$/, 'must be an http(s) URL'),
  OPENAI_TIMEOUT_MS: integer('OPENAI_TIMEOUT_MS', 1_000, 900_000, 20_000),
  OPENAI_MAX_RETRIES: integer('OPENAI_MAX_RETRIES', 0, 10, 2),
  MAX_BODY_BYTES: integer('MAX_BODY_BYTES', 1_024, 6_000_000, 32_768),
  LOG_PROMPT_TEXT: boolean('LOG_PROMPT_TEXT', false),
  POWERTOOLS_METRICS_NAMESPACE: text('POWERTOOLS_METRICS_NAMESPACE', /^[A-Za-z0-9._#:/-]{1,255}$/, 'must be a CloudWatch namespace'),
  POWERTOOLS_SERVICE_NAME: text('POWERTOOLS_SERVICE_NAME'),
  SPEND_ALARM_NAME: text('SPEND_ALARM_NAME', /^[\x21-\x7e]{1,255}$/, 'must be a CloudWatch alarm name'),
  SPEND_STATE_TTL_SECONDS: integer('SPEND_STATE_TTL_SECONDS', 1, 3_600, 60),
});

export const DEFAULT_MODEL = 'gpt-4.1-mini';
export const DEFAULT_METRICS_NAMESPACE = 'LlmPlatform';
export const DEFAULT_SERVICE_NAME = 'llm-api';
export const DEFAULT_LOCAL_RECORDS_DIR = '.local';

/** Reads and validates the configuration; throws one {@link ConfigError} listing every problem. */
export function loadConfig(env: Readonly<Record<string, string | undefined>>, mode: ConfigMode): Config {
  const parsed = EnvSchema.safeParse(env);
  if (!parsed.success) {
    throw new ConfigError(parsed.error.issues.map((issue) => issue.message));
  }
  const vars = parsed.data;
  const problems: string[] = [];

  const defaultModel = vars.OPENAI_MODEL ?? DEFAULT_MODEL;
  const listed = (vars.OPENAI_ALLOWED_MODELS ?? '')
    .split(',')
    .map((model) => model.trim())
    .filter((model) => model.length > 0);
  for (const model of listed) {
    if (!MODEL.test(model)) problems.push(`OPENAI_ALLOWED_MODELS holds "${model.slice(0, 120)}", which is not a model name`);
  }
  if (listed.length > 0 && !listed.includes(defaultModel)) {
    problems.push(`OPENAI_ALLOWED_MODELS (${listed.join(', ')}) must include the default model OPENAI_MODEL="${defaultModel}"`);
  }
  const allowedModels = listed.length > 0 ? [...new Set(listed)] : [defaultModel];

  if (mode === 'lambda') {
    if (!vars.OUTPUT_BUCKET_NAME) problems.push('OUTPUT_BUCKET_NAME is required: the S3 bucket that receives one record per request');
    if (!vars.OPENAI_API_KEY_SECRET_ARN) {
      problems.push('OPENAI_API_KEY_SECRET_ARN is required: the Secrets Manager secret that holds the OpenAI API key');
    }
  } else if (!vars.OPENAI_API_KEY_SECRET_ARN && !vars.OPENAI_API_KEY && !vars.OPENAI_BASE_URL) {
    problems.push(
      'OPENAI_API_KEY is required locally (or OPENAI_BASE_URL pointing at another OpenAI-compatible server, or OPENAI_API_KEY_SECRET_ARN to read it from Secrets Manager)',
    );
  }
  if (problems.length > 0) throw new ConfigError(problems);

  return {
    mode,
    outputBucketName: vars.OUTPUT_BUCKET_NAME,
    localRecordsDir: vars.LOCAL_RECORDS_DIR ?? DEFAULT_LOCAL_RECORDS_DIR,
    apiKeySecretArn: vars.OPENAI_API_KEY_SECRET_ARN,
    // In Lambda the key comes only from Secrets Manager, even if someone sets OPENAI_API_KEY.
    localApiKey: mode === 'local' ? vars.OPENAI_API_KEY : undefined,
    secretCacheTtlSeconds: vars.SECRET_CACHE_TTL_SECONDS,
    defaultModel,
    allowedModels,
    openaiBaseUrl: vars.OPENAI_BASE_URL,
    openaiTimeoutMs: vars.OPENAI_TIMEOUT_MS,
    openaiMaxRetries: vars.OPENAI_MAX_RETRIES,
    maxBodyBytes: vars.MAX_BODY_BYTES,
    logPromptText: vars.LOG_PROMPT_TEXT,
    metricsNamespace: vars.POWERTOOLS_METRICS_NAMESPACE ?? DEFAULT_METRICS_NAMESPACE,
    serviceName: vars.POWERTOOLS_SERVICE_NAME ?? DEFAULT_SERVICE_NAME,
    spendAlarmName: vars.SPEND_ALARM_NAME,
    spendStateTtlSeconds: vars.SPEND_STATE_TTL_SECONDS,
  };
}
