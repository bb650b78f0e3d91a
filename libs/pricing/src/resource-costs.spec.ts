import { awsPrice, HOURS_PER_MONTH, isPricedRegion } from './aws-prices';
import { modelPrice, tokenCostUsd } from './openai-prices';
import { endpointZones, pricingKind, resourceCost, type PricedResource, type PricingContext } from './resource-costs';
import type { StackUsage } from './usage';

const usage: StackUsage = {
  requestsPerMonth: 100_000,
  inputTokens: 1_000,
  outputTokens: 500,
  cachedInputShare: 0,
  modelMix: { 'gpt-4.1-mini': 1 },
  durationMs: 2_000,
};

function context(overrides: Partial<PricingContext> = {}): PricingContext {
  return { region: 'eu-west-1', typeCounts: new Map(), functionInVpc: false, ...overrides };
}

function resource(type: string, values: Record<string, unknown> = {}, expressions?: Record<string, unknown>): PricedResource {
  return { address: `${type}.test`, type, values, ...(expressions ? { expressions } : {}) };
}

const sum = (parts: ReadonlyArray<{ monthlyUsd: number }> | undefined) => (parts ?? []).reduce((total, part) => total + part.monthlyUsd, 0);

describe('resource costs, checked against sums done by hand', () => {
  it('NAT gateway: 730 h at the region hourly price, plus its data when the function sits in the VPC', () => {
    expect(sum(resourceCost(resource('aws_nat_gateway'), context()))).toBeCloseTo(730 * 0.048, 6); // 35.04 USD in eu-west-1
    expect(sum(resourceCost(resource('aws_nat_gateway'), context({ region: 'us-east-1' })))).toBeCloseTo(32.85, 6);
    // 100,000 calls × ((1,000 + 500) tokens × 4 bytes + 6,000 bytes) = 1.2 GB (binary) at 0.048 USD/GB
    const withData = resourceCost(resource('aws_nat_gateway'), context({ usage, functionInVpc: true }));
    expect(sum(withData) - 35.04).toBeCloseTo(((100_000 * 12_000) / 1024 ** 3) * 0.048, 6);
    expect(withData?.map((part) => part.kind)).toEqual(['fixed', 'usage']);
  });

  it('interface endpoint: per zone, zones from the values or, while unknown, from the configuration', () => {
    const known = resource('aws_vpc_endpoint', { vpc_endpoint_type: 'Interface', subnet_ids: ['a', 'b', 'c'] });
    expect(sum(resourceCost(known, context({ region: 'eu-central-1' })))).toBeCloseTo(3 * 730 * 0.012, 6); // 26.28
    const fromConfiguration = resource(
      'aws_vpc_endpoint',
      { vpc_endpoint_type: 'Interface' },
      { subnet_ids: { constant_value: ['${aws_subnet.a.id}', '${aws_subnet.b.id}'] } },
    );
    expect(endpointZones(fromConfiguration)).toEqual({ zones: 2, known: true });
    const fromReferences = resource(
      'aws_vpc_endpoint',
      { vpc_endpoint_type: 'Interface' },
      { subnet_ids: { references: ['aws_subnet.a.id', 'aws_subnet.a', 'aws_subnet.b.id', 'aws_subnet.b'] } },
    );
    expect(endpointZones(fromReferences)).toEqual({ zones: 2, known: true });
    const splat = resource(
      'aws_vpc_endpoint',
      { vpc_endpoint_type: 'Interface' },
      { subnet_ids: { references: ['aws_subnet.private[*].id', 'aws_subnet.private'] } },
    );
    const [part] = resourceCost(splat, context()) ?? [];
    expect(part.monthlyUsd).toBeCloseTo(730 * 0.011, 6);
    expect(part.basis).toContain('zone count unknown in the plan: counted as 1, at least');
    expect(sum(resourceCost(resource('aws_vpc_endpoint', { vpc_endpoint_type: 'Gateway' }), context()))).toBe(0);
  });

  it('KMS key 1 USD, secret 0.40 USD, public IPv4 730 × 0.005 USD, alarm 0.10 USD per metric of its metric math', () => {
    expect(sum(resourceCost(resource('aws_kms_key'), context()))).toBe(1);
    expect(sum(resourceCost(resource('aws_secretsmanager_secret'), context()))).toBeCloseTo(0.4, 6);
    expect(sum(resourceCost(resource('aws_eip', { domain: 'vpc' }), context()))).toBeCloseTo(3.65, 6);
    expect(sum(resourceCost(resource('aws_cloudwatch_metric_alarm', { period: 300 }), context()))).toBeCloseTo(0.1, 6);
    const math = { metric_query: [{ metric: [{ metric_name: 'Errors' }] }, { metric: [{ metric_name: 'Invocations' }] }, { expression: 'e / i', metric: [] }] };
    expect(sum(resourceCost(resource('aws_cloudwatch_metric_alarm', math), context()))).toBeCloseTo(0.2, 6);
    expect(sum(resourceCost(resource('aws_cloudwatch_metric_alarm', { period: 10 }), context()))).toBeCloseTo(0.3, 6);
  });

  it("tokens: a model's input, cached input and output prices per million", () => {
    const mini = modelPrice('gpt-4.1-mini');
    if (!mini) throw new Error('gpt-4.1-mini must be priced');
    // 1,000 requests × 1,000 input tokens at 0.40 + 1,000 × 500 output tokens at 1.60, per million
    expect(tokenCostUsd(mini, { input: 1_000_000, output: 500_000 })).toBeCloseTo(0.4 + 0.8, 9);
    // a fifth of the input from the cache at 0.10: 800,000 × 0.40 + 200,000 × 0.10 + 500,000 × 1.60
    expect(tokenCostUsd(mini, { input: 1_000_000, output: 500_000, cachedShare: 0.2 })).toBeCloseTo(0.32 + 0.02 + 0.8, 9);
  });

  it("function: GB-seconds by architecture and requests, and OpenAI's bill by the model mix", () => {
    const parts = resourceCost(
      resource('aws_lambda_function', { memory_size: 1024, architectures: ['arm64'] }),
      context({ usage: { ...usage, modelMix: { 'gpt-4.1-mini': 0.5, 'gpt-4.1': 0.5 } } }),
    );
    const [lambda, mini, full] = parts ?? [];
    // 100,000 × 2 s × 1 GB × 0.0000133334 + 0.1 million × 0.20
    expect(lambda.monthlyUsd).toBeCloseTo(200_000 * 0.0000133334 + 0.02, 6);
    // 50,000 requests each: mini (1,000 × 0.4 + 500 × 1.6) / 1e6 = 0.0012 a request; gpt-4.1 (1,000 × 2 + 500 × 8) / 1e6 = 0.006
    expect(mini.monthlyUsd).toBeCloseTo(60, 6);
    expect(full.monthlyUsd).toBeCloseTo(300, 6);
    expect(full.basis).toMatch(/^OpenAI gpt-4\.1: 50,000 requests/);
    expect([lambda.service, mini.service, full.service]).toEqual([undefined, 'openai', 'openai']);
    const x86 = resourceCost(resource('aws_lambda_function', { memory_size: 512, architectures: ['x86_64'] }), context({ usage: { ...usage, modelMix: {} } }));
    expect(sum(x86)).toBeCloseTo(100_000 * 2 * 0.5 * 0.0000166667 + 0.02, 6);
  });

  it('prices a scheduled function (the janitor) by its runs, with no OpenAI part, and leaves it out of the request share', () => {
    const scheduledFunctions = { 'llm-platform-dev-us-east-1-janitor': { runsPerMonth: 2920, durationMs: 2000 } };
    const withJanitor = context({ usage: { ...usage, scheduledFunctions }, typeCounts: new Map([['aws_lambda_function', 2]]) });
    const janitor = resourceCost(
      resource('aws_lambda_function', { function_name: 'llm-platform-dev-us-east-1-janitor', memory_size: 256, architectures: ['arm64'] }),
      withJanitor,
    );
    // 2,920 × 2 s × 0.25 GB × 0.0000133334 + 0.00292 million × 0.20
    expect(janitor).toHaveLength(1);
    expect(janitor?.[0].monthlyUsd).toBeCloseTo(2920 * 2 * 0.25 * 0.0000133334 + 0.000584, 8);
    expect(janitor?.[0].basis).toMatch(/^2,920 scheduled runs/);
    // The pipeline function still carries all the stack's requests, not half.
    const pipeline = resourceCost(
      resource('aws_lambda_function', { function_name: 'llm-platform-dev-us-east-1-api', memory_size: 1024, architectures: ['arm64'] }),
      withJanitor,
    );
    expect(pipeline?.[0].basis).not.toContain('1/2');
    expect(pipeline?.[0].monthlyUsd).toBeCloseTo(200_000 * 0.0000133334 + 0.02, 6);
  });

  it('shares usage among the resources of a type, says when there is no usage profile, and bills nothing for a stack serving no requests', () => {
    const shared = resourceCost(resource('aws_apigatewayv2_api'), context({ usage, typeCounts: new Map([['aws_apigatewayv2_api', 2]]) }));
    expect(sum(shared)).toBeCloseTo(0.05 * 1.11, 6);
    expect(shared?.[0].basis).toContain("(1/2 of the stack's)");
    expect(resourceCost(resource('aws_apigatewayv2_api'), context())?.[0].basis).toBe('no usage profile: not estimated');
    expect(resourceCost(resource('aws_s3_bucket'), context({ usage: { ...usage, requestsPerMonth: 0 } }))).toEqual([]);
  });

  it('lists a type it does not know as unpriced (undefined), never as 0, and free types as free', () => {
    expect(resourceCost(resource('aws_rds_cluster'), context())).toBeUndefined();
    expect(pricingKind('aws_rds_cluster')).toBeUndefined();
    expect(pricingKind('aws_iam_role')).toBe('free');
    expect(resourceCost(resource('aws_iam_role'), context())).toEqual([]);
  });

  it('knows its regions: every price item has a value in each, and the hours of a month are 730', () => {
    expect(HOURS_PER_MONTH).toBe(730);
    expect(isPricedRegion('eu-west-1')).toBe(true);
    expect(isPricedRegion('ap-east-1')).toBe(false);
    expect(() => awsPrice('ap-east-1', 'natGatewayHour')).toThrow('no AWS prices for region ap-east-1; priced regions: us-east-1, ');
    expect(awsPrice('eu-central-1', 'natGatewayHour')).toEqual({
      item: 'natGatewayHour',
      usd: 0.052,
      unit: 'USD per NAT gateway-hour',
      source: 'https://aws.amazon.com/vpc/pricing/',
    });
  });
});
