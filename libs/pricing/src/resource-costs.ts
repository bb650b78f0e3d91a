/**
 * How each Terraform resource type is priced: a fixed monthly price (NAT gateway, public IPv4,
 * interface endpoint, KMS key, secret, alarm), a price by usage (Lambda, HTTP API, S3, logs), or
 * free. A type missing here is *unpriced*: the estimate lists it and never counts it as 0.
 */
import { awsPrice, HOURS_PER_MONTH, type PriceItem, type PricedRegion } from './aws-prices';
import { modelPrice, tokenCostUsd } from './openai-prices';
import { GB, LOG_BYTES_PER_REQUEST, openAiCallBytes, resultBytes, type StackUsage } from './usage';

type Values = Readonly<Record<string, unknown>>;

/** A resource as the plan describes it in one state (before or after). */
export interface PricedResource {
  readonly address: string;
  readonly type: string;
  /** Known attribute values. */
  readonly values: Values;
  /** The configuration's expressions for the resource (plan `configuration`), for counts the values do not know yet. */
  readonly expressions?: Values;
}

export interface PricingContext {
  readonly region: PricedRegion;
  /** @default - no usage profile: usage-priced resources are listed with no estimate */
  readonly usage?: StackUsage;
  /** How many resources of each type the stack holds in this state: usage is shared out among them. */
  readonly typeCounts: ReadonlyMap<string, number>;
  /** Whether the stack's function runs in its VPC, so its OpenAI calls pass the NAT gateways. */
  readonly functionInVpc: boolean;
}

export interface CostPart {
  readonly kind: 'fixed' | 'usage';
  readonly monthlyUsd: number;
  /** How the figure was reached, for a reader who wants to check it: `3 zones × 730 h × 0.011 USD`. */
  readonly basis: string;
  /** Whose bill it is on: OpenAI's tokens are not AWS's, and are listed apart. @default - AWS */
  readonly service?: 'openai';
}

export type PricingKind = 'fixed' | 'usage' | 'fixed and usage' | 'free';

interface TypePricing {
  readonly kind: PricingKind;
  readonly cost?: (resource: PricedResource, context: PricingContext) => CostPart[];
}

const count = (value: number) => value.toLocaleString('en-US', { maximumFractionDigits: 0 });

function hourly(context: PricingContext, item: PriceItem, units: number, what: string): CostPart {
  const price = awsPrice(context.region, item).usd;
  return {
    kind: 'fixed',
    monthlyUsd: units * HOURS_PER_MONTH * price,
    basis: `${units === 1 ? '' : `${units} ${what} × `}${HOURS_PER_MONTH} h × ${price} USD/h`,
  };
}

function monthly(context: PricingContext, item: PriceItem, units: number, what: string): CostPart {
  const price = awsPrice(context.region, item).usd;
  return { kind: 'fixed', monthlyUsd: units * price, basis: `${count(units)} ${what} × ${price} USD/month` };
}

interface Share {
  readonly usage: StackUsage;
  /** This resource's requests: the stack's, shared out among its resources of the type. */
  readonly requests: number;
  readonly note: string;
}

/**
 * The usage parts of a resource: none when the stack serves no requests (a bootstrap stack), a
 * line saying so when there is no usage profile, else what `compute` makes of its share.
 */
function perRequest(resource: PricedResource, context: PricingContext, compute: (share: Share) => CostPart[]): CostPart[] {
  if (!context.usage) return [{ kind: 'usage', monthlyUsd: 0, basis: 'no usage profile: not estimated' }];
  if (context.usage.requestsPerMonth === 0) return [];
  // Scheduled functions serve no requests: the stack's requests are shared by the others.
  const scheduled = resource.type === 'aws_lambda_function' ? Object.keys(context.usage.scheduledFunctions ?? {}).length : 0;
  const of = (context.typeCounts.get(resource.type) ?? 1) - scheduled;
  return compute({ usage: context.usage, requests: context.usage.requestsPerMonth / Math.max(of, 1), note: of > 1 ? ` (1/${of} of the stack's)` : '' });
}

/** A function's compute and request charges for `invocations` runs of `durationMs` each, by its memory and architecture. */
function lambdaCompute(resource: PricedResource, context: PricingContext, invocations: number, durationMs: number, label: string): CostPart {
  const memoryGb = (typeof resource.values.memory_size === 'number' ? resource.values.memory_size : 128) / 1024;
  const arm = Array.isArray(resource.values.architectures) && resource.values.architectures.includes('arm64');
  const gbSecondPrice = awsPrice(context.region, arm ? 'lambdaGbSecondArm' : 'lambdaGbSecondX86').usd;
  const requestPrice = awsPrice(context.region, 'lambdaRequestsMillion').usd;
  const gbSeconds = invocations * (durationMs / 1000) * memoryGb;
  return {
    kind: 'usage',
    monthlyUsd: gbSeconds * gbSecondPrice + (invocations / 1e6) * requestPrice,
    basis: `${label} × ${durationMs} ms × ${memoryGb} GB × ${gbSecondPrice} USD/GB-s (${arm ? 'arm64' : 'x86_64'}) + ${requestPrice} USD/million requests`,
  };
}

/** Zones of an interface endpoint: its subnets, from the values or, while they are unknown, the configuration. */
export function endpointZones(resource: PricedResource): { zones: number; known: boolean } {
  const subnets = resource.values.subnet_ids;
  if (Array.isArray(subnets) && subnets.length > 0) return { zones: subnets.length, known: true };
  const expression = resource.expressions?.subnet_ids as { constant_value?: unknown; references?: unknown } | undefined;
  if (Array.isArray(expression?.constant_value) && expression.constant_value.length > 0) return { zones: expression.constant_value.length, known: true };
  if (Array.isArray(expression?.references)) {
    // Terraform lists `aws_subnet.a.id` and `aws_subnet.a` for each reference; a splat (`[*]`) hides the count.
    const subnetsReferenced = expression.references.filter((ref) => typeof ref === 'string' && /^aws_subnet\.[^.[\]]+$/.test(ref));
    const splat = expression.references.some((ref) => typeof ref === 'string' && ref.includes('['));
    if (subnetsReferenced.length > 0 && !splat) return { zones: subnetsReferenced.length, known: true };
  }
  return { zones: 1, known: false };
}

/** Metrics an alarm is billed for: one, or each metric (not expression) of its metric math. */
function alarmMetrics(values: Values): number {
  const queries = values.metric_query;
  if (!Array.isArray(queries) || queries.length === 0) return 1;
  return Math.max(1, queries.filter((query) => Array.isArray((query as Values).metric) && ((query as Values).metric as unknown[]).length > 0).length);
}

const FREE: TypePricing = { kind: 'free' };

const PRICING: Readonly<Record<string, TypePricing>> = {
  aws_nat_gateway: {
    kind: 'fixed and usage',
    cost: (resource, context) => {
      const fixed = hourly(context, 'natGatewayHour', 1, 'gateways');
      if (!context.functionInVpc) return [fixed];
      return [
        fixed,
        ...perRequest(resource, context, (shared) => {
          const gb = (shared.requests * openAiCallBytes(shared.usage)) / GB;
          const price = awsPrice(context.region, 'natGatewayGb').usd;
          return [{ kind: 'usage', monthlyUsd: gb * price, basis: `${gb.toFixed(2)} GB of OpenAI calls${shared.note} × ${price} USD/GB` }];
        }),
      ];
    },
  },
  // The NAT gateway's public address is its aws_eip; a private NAT gateway has none.
  aws_eip: { kind: 'fixed', cost: (_resource, context) => [hourly(context, 'publicIpv4Hour', 1, 'addresses')] },
  aws_vpc_endpoint: {
    kind: 'fixed and usage',
    cost: (resource, context) => {
      if (resource.values.vpc_endpoint_type !== 'Interface')
        return [{ kind: 'fixed', monthlyUsd: 0, basis: `${String(resource.values.vpc_endpoint_type ?? 'Gateway')} endpoint: no charge` }];
      const { zones, known } = endpointZones(resource);
      const part = hourly(context, 'interfaceEndpointAzHour', zones, 'zones');
      return [known ? part : { ...part, basis: `${part.basis} (zone count unknown in the plan: counted as 1, at least)` }];
    },
  },
  aws_kms_key: { kind: 'fixed', cost: (_resource, context) => [monthly(context, 'kmsKeyMonth', 1, 'key')] },
  aws_kms_replica_key: { kind: 'fixed', cost: (_resource, context) => [monthly(context, 'kmsKeyMonth', 1, 'key')] },
  aws_secretsmanager_secret: {
    kind: 'fixed and usage',
    cost: (resource, context) => {
      const fixed = monthly(context, 'secretMonth', 1, 'secret');
      if (!context.usage) return [fixed];
      return [
        fixed,
        // The function caches the key, so reads follow cold starts, not requests: about one in a hundred.
        ...perRequest(resource, context, (shared) => {
          const calls = shared.requests / 100;
          const price = awsPrice(context.region, 'secretApiCalls10k').usd;
          return [{ kind: 'usage', monthlyUsd: (calls / 10_000) * price, basis: `${count(calls)} reads (1 per 100 requests, cached) × ${price} USD/10,000` }];
        }),
      ];
    },
  },
  aws_cloudwatch_metric_alarm: {
    kind: 'fixed',
    cost: (resource, context) => {
      const highResolution = typeof resource.values.period === 'number' && resource.values.period < 60;
      return [
        monthly(
          context,
          highResolution ? 'alarmHighResMetricMonth' : 'alarmMetricMonth',
          alarmMetrics(resource.values),
          highResolution ? 'high-resolution alarm metrics' : 'alarm metrics',
        ),
      ];
    },
  },
  aws_cloudwatch_dashboard: { kind: 'fixed', cost: (_resource, context) => [monthly(context, 'dashboardMonth', 1, 'dashboard')] },
  aws_ssm_parameter: {
    kind: 'fixed',
    cost: (resource, context) =>
      resource.values.tier === 'Advanced'
        ? [monthly(context, 'ssmAdvancedParameterMonth', 1, 'advanced parameter')]
        : [{ kind: 'fixed', monthlyUsd: 0, basis: 'standard parameter: no charge' }],
  },
  aws_codepipeline: {
    kind: 'fixed and usage',
    cost: (resource, context) =>
      resource.values.pipeline_type === 'V2'
        ? [{ kind: 'usage', monthlyUsd: 0, basis: 'V2 pipeline: billed per action minute, not estimated' }]
        : [monthly(context, 'codePipelineV1Month', 1, 'V1 pipeline')],
  },
  aws_accessanalyzer_analyzer: {
    kind: 'fixed',
    cost: (resource) =>
      String(resource.values.type ?? 'ACCOUNT').includes('UNUSED_ACCESS')
        ? [{ kind: 'fixed', monthlyUsd: 0, basis: 'unused-access analyzer: 0.20 USD per role or user analysed, not estimated' }]
        : [{ kind: 'fixed', monthlyUsd: 0, basis: 'external-access analyzer: no charge' }],
  },
  aws_lambda_function: {
    kind: 'usage',
    cost: (resource, context) => {
      // A scheduled function (the janitor) is billed by its own runs, and spends nothing on OpenAI.
      const scheduled = context.usage?.scheduledFunctions?.[String(resource.values.function_name)];
      if (scheduled) return [lambdaCompute(resource, context, scheduled.runsPerMonth, scheduled.durationMs, `${count(scheduled.runsPerMonth)} scheduled runs`)];
      return perRequest(resource, context, (shared) => [
        lambdaCompute(resource, context, shared.requests, shared.usage.durationMs, `${count(shared.requests)} requests${shared.note}`),
        ...openAiParts(shared),
      ]);
    },
  },
  aws_apigatewayv2_api: {
    kind: 'usage',
    cost: (resource, context) =>
      perRequest(resource, context, (shared) => {
        const price = awsPrice(context.region, 'httpApiRequestsMillion').usd;
        return [
          { kind: 'usage', monthlyUsd: (shared.requests / 1e6) * price, basis: `${count(shared.requests)} requests${shared.note} × ${price} USD/million` },
        ];
      }),
  },
  aws_s3_bucket: {
    kind: 'usage',
    cost: (resource, context) =>
      perRequest(resource, context, (shared) => {
        const putPrice = awsPrice(context.region, 's3Put1000').usd;
        const storagePrice = awsPrice(context.region, 's3StandardGbMonth').usd;
        const gb = (shared.requests * resultBytes(shared.usage)) / GB;
        return [
          {
            kind: 'usage',
            monthlyUsd: (shared.requests / 1000) * putPrice + gb * storagePrice,
            basis: `${count(shared.requests)} result objects${shared.note} × ${putPrice} USD/1,000 PUT + ${gb.toFixed(
              3,
            )} GB a month stored × ${storagePrice} USD/GB-month`,
          },
        ];
      }),
  },
  aws_cloudwatch_log_group: {
    kind: 'usage',
    cost: (resource, context) =>
      perRequest(resource, context, (shared) => {
        const ingestPrice = awsPrice(context.region, 'logsIngestionGb').usd;
        const storagePrice = awsPrice(context.region, 'logsStorageGbMonth').usd;
        const gb = (shared.requests * LOG_BYTES_PER_REQUEST) / GB;
        return [
          {
            kind: 'usage',
            monthlyUsd: gb * ingestPrice + gb * storagePrice,
            basis: `${gb.toFixed(3)} GB a month (${LOG_BYTES_PER_REQUEST} bytes a request${
              shared.note
            }) × ${ingestPrice} USD/GB ingested + ${storagePrice} USD/GB-month stored`,
          },
        ];
      }),
  },
  aws_ecr_repository: {
    kind: 'usage',
    cost: (_resource, context) => [
      {
        kind: 'usage',
        monthlyUsd: 0,
        basis: `image storage at ${awsPrice(context.region, 'ecrStorageGbMonth').usd} USD/GB-month: not in the usage profile, not estimated`,
      },
    ],
  },
  aws_flow_log: {
    kind: 'usage',
    cost: () => [{ kind: 'usage', monthlyUsd: 0, basis: 'log ingestion by traffic volume: not in the usage profile, not estimated' }],
  },
  aws_sns_topic: { kind: 'usage', cost: () => [{ kind: 'usage', monthlyUsd: 0, basis: 'alert mail: within the free tier' }] },
  aws_codebuild_project: { kind: 'usage', cost: () => [{ kind: 'usage', monthlyUsd: 0, basis: 'build minutes: not in the usage profile, not estimated' }] },
  aws_ecr_replication_configuration: {
    kind: 'usage',
    cost: () => [{ kind: 'usage', monthlyUsd: 0, basis: 'replicated image storage and transfer: not estimated' }],
  },
  aws_sqs_queue: { kind: 'usage', cost: () => [{ kind: 'usage', monthlyUsd: 0, basis: 'failed-event messages: within the free tier of 1 million requests' }] },
  aws_instance: { kind: 'usage', cost: () => [{ kind: 'usage', monthlyUsd: 0, basis: 'instance hours: not estimated' }] },
};

/** OpenAI's bill for the requests of a function, by the model mix; the spend is not on the AWS bill but is the budget's. */
function openAiParts(shared: Share): CostPart[] {
  return Object.entries(shared.usage.modelMix).map(([model, fraction]) => {
    const price = modelPrice(model);
    const requests = shared.requests * fraction;
    if (!price) return { kind: 'usage', service: 'openai', monthlyUsd: 0, basis: `OpenAI ${model}: no price, not estimated` };
    const tokens = { input: requests * shared.usage.inputTokens, output: requests * shared.usage.outputTokens, cachedShare: shared.usage.cachedInputShare };
    return {
      kind: 'usage',
      service: 'openai',
      monthlyUsd: tokenCostUsd(price, tokens),
      basis: `OpenAI ${model}: ${count(requests)} requests × (${shared.usage.inputTokens} in × ${price.input} + ${shared.usage.outputTokens} out × ${
        price.output
      }) USD/million tokens${shared.usage.cachedInputShare > 0 ? `, ${shared.usage.cachedInputShare * 100}% of input cached at ${price.cachedInput}` : ''}`,
    };
  });
}

/** Types with no charge of their own: configuration, attachments, routing, identity. */
const FREE_TYPES = [
  'aws_apigatewayv2_authorizer',
  'aws_apigatewayv2_integration',
  'aws_apigatewayv2_route',
  'aws_apigatewayv2_stage',
  'aws_budgets_budget',
  'aws_ce_anomaly_monitor',
  'aws_ce_anomaly_subscription',
  'aws_codeconnections_connection',
  'aws_codestarconnections_connection',
  'aws_cloudwatch_event_rule',
  'aws_cloudwatch_event_target',
  'aws_default_security_group',
  'aws_ecr_lifecycle_policy',
  'aws_ecr_repository_policy',
  'aws_iam_openid_connect_provider',
  'aws_iam_policy',
  'aws_iam_role',
  'aws_iam_role_policy',
  'aws_iam_role_policy_attachment',
  'aws_iam_instance_profile',
  'aws_internet_gateway',
  'aws_kms_alias',
  'aws_lambda_function_event_invoke_config',
  'aws_lambda_permission',
  'aws_launch_template',
  'aws_route',
  'aws_route_table',
  'aws_route_table_association',
  'aws_s3_bucket_lifecycle_configuration',
  'aws_s3_bucket_ownership_controls',
  'aws_s3_bucket_policy',
  'aws_s3_bucket_public_access_block',
  'aws_s3_bucket_server_side_encryption_configuration',
  'aws_s3_bucket_versioning',
  'aws_secretsmanager_secret_version',
  'aws_security_group',
  'aws_servicequotas_service_quota',
  'aws_sns_topic_policy',
  'aws_sns_topic_subscription',
  'aws_subnet',
  'aws_vpc',
  'aws_vpc_security_group_egress_rule',
  'aws_vpc_security_group_ingress_rule',
  'aws_scheduler_schedule',
];

const CLASSIFIED: ReadonlyMap<string, TypePricing> = new Map([...Object.entries(PRICING), ...FREE_TYPES.map((type) => [type, FREE] as const)]);

/** How a type is priced, or undefined when the table does not know it (unpriced). */
export function pricingKind(type: string): PricingKind | undefined {
  return CLASSIFIED.get(type)?.kind;
}

/** The monthly cost parts of one resource; undefined when its type is unpriced. */
export function resourceCost(resource: PricedResource, context: PricingContext): CostPart[] | undefined {
  const pricing = CLASSIFIED.get(resource.type);
  if (!pricing) return undefined;
  return pricing.cost ? pricing.cost(resource, context) : [];
}
