/**
 * The Lambda's configuration, read once from the environment variables the regional stack sets
 * and validated with zod: a missing or malformed variable stops the function at load time with a
 * message naming it.
 */
import * as z from 'zod';
import { WORKER_MAX_HOURS_LIMIT } from '@llm/config';
import { JanitorConfigError } from './errors';

export interface JanitorConfig {
  /** The environment whose workers this janitor owns (tag Environment). */
  readonly environment: string;
  readonly region: string;
  /** Longest a worker may live, counted from its launch time, whatever its ExpiresAt says. */
  readonly maxHours: number;
  /** Receives one JSON Lines object per run under `janitor/`. */
  readonly outputBucketName: string;
  /** The region's OpenAI spend alarm: its ALARM notification stops every worker. @default - only budget alerts stop workers */
  readonly spendAlarmName: string | undefined;
  readonly metricsNamespace: string;
  readonly serviceName: string;
}

export const DEFAULT_METRICS_NAMESPACE = 'LlmPlatform';
export const DEFAULT_SERVICE_NAME = 'janitor';

const text = (name: string, required: string | undefined, pattern?: RegExp, rule?: string) =>
  z
    .string()
    .optional()
    .transform((raw, ctx) => {
      const value = raw?.trim();
      if (!value) {
        if (required) ctx.addIssue({ code: 'custom', message: `${name} is required: ${required}` });
        return required ? z.NEVER : undefined;
      }
      if (pattern && !pattern.test(value)) {
        ctx.addIssue({ code: 'custom', message: `${name} ${rule}, got "${value.slice(0, 120)}"` });
        return z.NEVER;
      }
      return value;
    });

const EnvSchema = z.object({
  ENVIRONMENT_NAME: text(
    'ENVIRONMENT_NAME',
    'the environment whose workers the janitor cleans (dev, staging, prod)',
    /^[a-z][a-z0-9]{1,9}$/,
    'must be an environment name',
  ),
  AWS_REGION: text('AWS_REGION', 'the region the janitor cleans (the Lambda runtime sets it)', /^[a-z]{2}(-[a-z]+)+-\d$/, 'must be an AWS region'),
  WORKER_MAX_HOURS: z
    .string()
    .optional()
    .transform((raw, ctx) => {
      const value = Number(raw);
      if (raw === undefined || !/^\s*\d+\s*$/.test(raw) || value < 1 || value > WORKER_MAX_HOURS_LIMIT) {
        ctx.addIssue({
          code: 'custom',
          message: `WORKER_MAX_HOURS must be an integer 1..${WORKER_MAX_HOURS_LIMIT} (the region's workers.maxHours), got ${
            raw === undefined ? 'nothing' : `"${raw}"`
          }`,
        });
        return z.NEVER;
      }
      return value;
    }),
  OUTPUT_BUCKET_NAME: text(
    'OUTPUT_BUCKET_NAME',
    'the S3 bucket that receives the janitor records',
    /^[a-z0-9][a-z0-9.-]{1,61}[a-z0-9]$/,
    'must be an S3 bucket name (3..63 of a-z 0-9 . -)',
  ),
  SPEND_ALARM_NAME: text('SPEND_ALARM_NAME', undefined, /^[\x21-\x7e]{1,255}$/, 'must be a CloudWatch alarm name'),
  POWERTOOLS_METRICS_NAMESPACE: text('POWERTOOLS_METRICS_NAMESPACE', undefined, /^[A-Za-z0-9._#:/-]{1,255}$/, 'must be a CloudWatch namespace'),
  POWERTOOLS_SERVICE_NAME: text('POWERTOOLS_SERVICE_NAME', undefined),
});

/** Reads and validates the Lambda's variables; throws one {@link JanitorConfigError} listing every problem. */
export function loadJanitorConfig(env: Readonly<Record<string, string | undefined>>): JanitorConfig {
  const parsed = EnvSchema.safeParse(env);
  if (!parsed.success) throw new JanitorConfigError(parsed.error.issues.map((issue) => issue.message));
  const vars = parsed.data;
  return {
    environment: vars.ENVIRONMENT_NAME as string,
    region: vars.AWS_REGION as string,
    maxHours: vars.WORKER_MAX_HOURS,
    outputBucketName: vars.OUTPUT_BUCKET_NAME as string,
    spendAlarmName: vars.SPEND_ALARM_NAME,
    metricsNamespace: vars.POWERTOOLS_METRICS_NAMESPACE ?? DEFAULT_METRICS_NAMESPACE,
    serviceName: vars.POWERTOOLS_SERVICE_NAME ?? DEFAULT_SERVICE_NAME,
  };
}
