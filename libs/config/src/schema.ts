/** The shape of one environment's configuration, as zod schemas; cross-field rules live in rules.ts. */
import { z } from 'zod';
import { isKnownRegion } from './regions';
import { workersSchema } from './workers';

/** Retention periods CloudWatch Logs accepts; any other number is rejected by the API at apply time. */
export const LOG_RETENTION_DAYS = [1, 3, 5, 7, 14, 30, 60, 90, 120, 150, 180, 365, 400, 545, 731, 1096, 1827, 2192, 2557, 2922, 3288, 3653] as const;

// AWS tag values: at most 256 characters of letters, digits, spaces and + - = . _ : / @
const tagValue = z
  .string()
  .min(1, 'must not be empty')
  .max(256, 'must be at most 256 characters')
  .regex(/^[\p{L}\p{Z}\p{N}_.:/=+\-@]*$/u, 'may contain only letters, digits, spaces and _ . : / = + - @');

/** The usage an environment that states none is estimated with: a quiet service. */
export const DEFAULT_USAGE = { requestsPerMonth: 10_000, inputTokens: 1_000, outputTokens: 500, cachedInputShare: 0, durationMs: 3000 } as const;

const regionSchema = z.strictObject({
  /** AWS region code, e.g. eu-west-1. The first region of an environment is its primary. */
  region: z.string().refine(isKnownRegion, 'must be a known AWS region code such as eu-west-1'),
  vpc: z.strictObject({
    /** IPv4 CIDR of the region's VPC; AWS allows /16 to /28, this project uses /16 to /24. */
    cidr: z.string(),
    /** Zone names in this region, e.g. eu-west-1a. Listed here so no stack calls DescribeAvailabilityZones. */
    availabilityZones: z.array(z.string()).min(1, 'must list at least one zone').max(6, 'must list at most 6 zones'),
    nat: z.enum(['none', 'single', 'per-az']),
    /** Private endpoints, so traffic to these services stays off the internet. @default [] */
    interfaceEndpoints: z.array(z.enum(['secretsmanager', 'logs', 'ecr'])).default([]),
    /**
     * HTTPS proxy through which a VPC-attached Lambda reaches OpenAI when the VPC has no NAT
     * (e.g. a shared egress VPC behind a transit gateway). @default - none: egress needs NAT
     */
    egressProxyUrl: z.url({ protocol: /^https?$/, error: 'must be an http(s) URL' }).optional(),
  }),
  /** On-demand EC2 workers launched with `npm run worker` and reaped by the janitor. @default - none */
  workers: workersSchema.optional(),
});

export const environmentSchema = z.strictObject({
  /** Short lower-case name used in every resource name: dev, staging, prod. */
  name: z.string().regex(/^[a-z][a-z0-9]{1,9}$/, 'must be 2..10 lower-case letters or digits, starting with a letter'),
  /** Production environments are held to the stricter rules in rules.ts. */
  production: z.boolean(),
  accountId: z.string().regex(/^\d{12}$/, 'must be exactly 12 digits (an AWS account id)'),
  /** Regions, primary first. Account-wide resources (IAM, budgets) are managed from the primary. */
  regions: z.array(regionSchema).min(1, 'must list at least one region'),
  tags: z.strictObject({ owner: tagValue, costCenter: tagValue }),
  budget: z.strictObject({
    monthlyLimitUsd: z.number().positive('must be a positive amount in USD'),
    alertEmails: z.array(z.email('must be an e-mail address')),
    /** Daily cost anomalies above this impact (USD) are mailed to alertEmails. @default 50 */
    anomalyThresholdUsd: z.number().positive('must be a positive amount in USD').default(50),
    /** A change that adds more than this to the monthly estimate is a medium cost-increase finding. @default 50 */
    reviewThresholdUsd: z.number().positive('must be a positive amount in USD').default(50),
  }),
  /**
   * The traffic the cost estimate assumes for the whole environment, shared evenly by its regions.
   * @default DEFAULT_USAGE
   */
  usage: z
    .strictObject({
      requestsPerMonth: z.number().int('must be a whole number of requests').min(0, 'must be 0 or more requests'),
      /** Tokens per request. */
      inputTokens: z.number().int('must be a whole number of tokens').min(0, 'must be 0 or more tokens'),
      outputTokens: z.number().int('must be a whole number of tokens').min(0, 'must be 0 or more tokens'),
      /** Share of requests per model (models of openai.allowedModels, shares adding up to 1). @default - all on openai.defaultModel */
      modelMix: z.record(z.string(), z.number().min(0, 'must be a share 0..1').max(1, 'must be a share 0..1')).optional(),
      /** Share of input tokens served from OpenAI's prompt cache. @default 0 */
      cachedInputShare: z.number().min(0, 'must be a share 0..1').max(1, 'must be a share 0..1').default(0),
      /** Mean duration of a request in the function, mostly the wait for OpenAI. @default 3000 */
      durationMs: z.number().int().min(1, 'must be 1..900000 ms').max(900_000, 'must be 1..900000 ms').default(3000),
    })
    .default(() => ({ ...DEFAULT_USAGE })),
  lambda: z.strictObject({
    memoryMb: z.number().int().min(128, 'must be 128..10240 MB').max(10240, 'must be 128..10240 MB'),
    timeoutSeconds: z.number().int().min(1, 'must be 1..900 s').max(900, 'must be 1..900 s'),
    architecture: z.enum(['arm64', 'x86_64']),
    packaging: z.enum(['zip', 'image']),
    /** @default - unreserved: the function shares the account's concurrency pool */
    reservedConcurrency: z.number().int().min(0, 'must be 0 or more').optional(),
    /** Run the function in the region's private subnets. @default false */
    attachToVpc: z.boolean().default(false),
    /**
     * Digest of the approved image (`sha256:<64 hex>`) when packaging is `image`: deploys are
     * reproducible because the function names the image by digest, never by tag.
     */
    imageDigest: z
      .string()
      .regex(/^sha256:[a-f0-9]{64}$/, 'must be an image digest sha256:<64 hex digits>')
      .optional(),
  }),
  api: z.strictObject({
    /** Who may call the HTTP API. `none` is refused in production. */
    authorization: z.enum(['iam', 'jwt', 'none']),
    /** Required when authorization is `jwt`. */
    jwt: z
      .strictObject({
        issuer: z.url({ protocol: /^https$/, error: 'must be an https URL' }),
        audiences: z.array(z.string().min(1)).min(1, 'must list at least one audience'),
      })
      .optional(),
    throttling: z.strictObject({
      /** Steady-state requests per second. */
      rateLimit: z.number().positive('must be more than 0 requests per second'),
      /** Burst size. */
      burstLimit: z.number().int().positive('must be a whole number above 0'),
    }),
    /** @default - no CORS: browsers on other origins cannot call the API */
    corsAllowOrigins: z.array(z.string().regex(/^(\*|https?:\/\/[^\s/]+)$/, 'must be * or an origin such as https://app.example.com')).optional(),
    /** Largest request body the function accepts. @default 32768 */
    maxBodyBytes: z.number().int().min(1024, 'must be 1024..1048576 bytes').max(1048576, 'must be 1024..1048576 bytes').default(32768),
  }),
  openai: z.strictObject({
    /** Model used when a request names none; must be in allowedModels. */
    defaultModel: z.string().min(1),
    /** The only models a request may name. */
    allowedModels: z.array(z.string().min(1)).min(1, 'must list at least one model'),
    /** @default 20000 */
    timeoutMs: z.number().int().min(1000, 'must be 1000..28000 ms').max(28000, 'must be 1000..28000 ms').default(20000),
    /** Retries on 429 and 5xx, with backoff. @default 2 */
    maxRetries: z.number().int().min(0, 'must be 0..5').max(5, 'must be 0..5').default(2),
    /** Estimated OpenAI spend a day and region above which the spend alarm fires. @default - budget.monthlyLimitUsd / 30 */
    dailySpendLimitUsd: z.number().positive('must be a positive amount in USD').optional(),
    /** Answer 429 budget_exceeded while the region's spend alarm is in alarm, instead of calling OpenAI. @default false */
    hardStop: z.boolean().default(false),
  }),
  ecr: z
    .strictObject({
      /** @default 7 */
      untaggedExpiryDays: z.number().int().min(1, 'must be 1..365 days').max(365, 'must be 1..365 days').default(7),
      /** @default 30 */
      keepLastImages: z.number().int().min(1, 'must be 1..1000 images').max(1000, 'must be 1..1000 images').default(30),
      /** Replicate images from the primary region to the others. @default false */
      replicate: z.boolean().default(false),
    })
    .default({ untaggedExpiryDays: 7, keepLastImages: 30, replicate: false }),
  secrets: z
    .strictObject({
      /** Days a deleted secret can be restored; 0 deletes at once. AWS allows 0 or 7..30. @default 30 */
      recoveryWindowDays: z
        .number()
        .int()
        .refine((days) => days === 0 || (days >= 7 && days <= 30), 'must be 0 or 7..30 days')
        .default(30),
      /** Encrypt the API key secret with a customer-managed KMS key (rotated yearly). @default false */
      customerManagedKey: z.boolean().default(false),
    })
    .default({ recoveryWindowDays: 30, customerManagedKey: false }),
  /**
   * CodeBuild image pipeline (image-packaged environments, primary region).
   * @default - none: images are built elsewhere and their digest set in lambda.imageDigest
   */
  imagePipeline: z
    .strictObject({
      /** @default 'main' */
      branch: z.string().min(1).default('main'),
      /** Existing CodeConnections connection. @default - Terraform creates one (PENDING until completed in the console) */
      connectionArn: z
        .string()
        .regex(
          /^arn:aws(-[a-z-]+)?:(codeconnections|codestar-connections):[a-z0-9-]+:\d{12}:connection\/[A-Za-z0-9-]+$/,
          'must be a CodeConnections connection ARN',
        )
        .optional(),
      /** Set true once the connection is completed in the console; until then no project or webhook is created. @default false */
      connectionAvailable: z.boolean().default(false),
    })
    .optional(),
  ci: z.strictObject({
    /** `owner/repository` whose GitHub Actions may assume this environment's CI roles. */
    githubRepository: z.string().regex(/^[A-Za-z0-9_.-]+\/[A-Za-z0-9_.-]+$/, 'must be "owner/repository"'),
  }),
  logging: z.strictObject({
    retentionDays: z.number().refine((days) => (LOG_RETENTION_DAYS as readonly number[]).includes(days), {
      message: `must be one of the CloudWatch Logs periods ${LOG_RETENTION_DAYS.join(', ')}`,
    }),
    /** Whether prompt text may be written to logs. */
    logPromptText: z.boolean(),
  }),
  storage: z.strictObject({
    /** Let `terraform destroy` delete buckets that still hold objects. Never in production. */
    forceDestroy: z.boolean(),
    /** @default - generations are kept until deleted by hand */
    expireGenerationsAfterDays: z.number().int().min(1, 'must be at least 1 day').optional(),
  }),
  /** Role the Terraform provider assumes in real (non-offline) mode. @default - the caller's credentials */
  deployRoleArn: z
    .string()
    .regex(/^arn:aws(-us-gov)?:iam::\d{12}:role\/[\w+=,.@/-]{1,64}$/, 'must be an IAM role ARN')
    .optional(),
});

/** What an environment file writes (before validation). */
export type EnvironmentInput = z.input<typeof environmentSchema>;
/** A validated environment. */
export type EnvironmentConfig = z.output<typeof environmentSchema>;
export type RegionConfig = EnvironmentConfig['regions'][number];
