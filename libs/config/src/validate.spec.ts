import { validateEnvironments } from './index';
import { developmentInput, problemsOf, productionInput } from './testing';

const baseEnvironment = developmentInput;
const productionEnvironment = productionInput;

describe('validateEnvironments', () => {
  it('accepts a valid development and production environment', () => {
    const envs = validateEnvironments([baseEnvironment(), productionEnvironment()]);
    expect(envs.map((env) => env.name)).toEqual(['dev', 'prod']);
  });

  it('rejects an account id that is not 12 digits, naming environment, field and value', () => {
    expect(problemsOf([baseEnvironment({ accountId: '12345' })])).toEqual([
      'environment "dev": accountId = "12345": must be exactly 12 digits (an AWS account id)',
    ]);
  });

  it('rejects an unknown region', () => {
    const env = baseEnvironment({
      regions: [{ region: 'eu-west1', vpc: { cidr: '10.0.0.0/16', availabilityZones: ['eu-west1a'], nat: 'none' } }],
    });
    expect(problemsOf([env])).toEqual(['environment "dev": regions[0].region = "eu-west1": must be a known AWS region code such as eu-west-1']);
  });

  it('rejects a duplicate region', () => {
    const region = { region: 'eu-west-1', vpc: { cidr: '10.0.0.0/16', availabilityZones: ['eu-west-1a'], nat: 'none' as const } };
    const env = baseEnvironment({ regions: [region, { ...region, vpc: { ...region.vpc, cidr: '10.1.0.0/16' } }] });
    expect(problemsOf([env])).toEqual(['environment "dev": regions[1].region = "eu-west-1": duplicates regions[0]; list each region once']);
  });

  it('rejects overlapping VPC CIDRs between regions of one environment', () => {
    const env = baseEnvironment({
      regions: [
        { region: 'eu-west-1', vpc: { cidr: '10.0.0.0/16', availabilityZones: ['eu-west-1a'], nat: 'none' } },
        { region: 'us-east-1', vpc: { cidr: '10.0.128.0/17', availabilityZones: ['us-east-1a'], nat: 'none' } },
      ],
    });
    expect(problemsOf([env])).toEqual([
      'environment "dev": regions[1].vpc.cidr = "10.0.128.0/17": overlaps regions[0].vpc.cidr 10.0.0.0/16 (eu-west-1); ' +
        'VPC CIDRs of one environment must not overlap, so the regions can be peered later',
    ]);
  });

  it('rejects a CIDR with host bits set and says what the network address is', () => {
    const env = baseEnvironment({
      regions: [{ region: 'eu-west-1', vpc: { cidr: '10.0.1.0/16', availabilityZones: ['eu-west-1a'], nat: 'none' } }],
    });
    expect(problemsOf([env])).toEqual(['environment "dev": regions[0].vpc.cidr = "10.0.1.0/16": host bits are set; the network address is 10.0.0.0/16']);
  });

  it('rejects a zone of another region', () => {
    const env = baseEnvironment({
      regions: [{ region: 'eu-west-1', vpc: { cidr: '10.0.0.0/16', availabilityZones: ['us-east-1a'], nat: 'none' } }],
    });
    expect(problemsOf([env])).toEqual([
      'environment "dev": regions[0].vpc.availabilityZones[0] = "us-east-1a": must be a zone of eu-west-1, such as eu-west-1a',
    ]);
  });

  it('lists every unsafe production setting, one message each', () => {
    const env = productionEnvironment({
      storage: { forceDestroy: true },
      logging: { retentionDays: 14, logPromptText: true },
      budget: { monthlyLimitUsd: 100, alertEmails: [] },
      lambda: { memoryMb: 1024, timeoutSeconds: 29, architecture: 'arm64', packaging: 'zip' },
      regions: [{ region: 'eu-west-1', vpc: { cidr: '10.0.0.0/16', availabilityZones: ['eu-west-1a'], nat: 'single' } }],
    });
    expect(problemsOf([env])).toEqual([
      'environment "prod": storage.forceDestroy = true: must be false in production: it lets destroy delete stored generations',
      'environment "prod": logging.logPromptText = true: must be false in production: prompts may hold personal data',
      'environment "prod": logging.retentionDays = 14: must be at least 90 days in production',
      'environment "prod": budget.alertEmails = []: must list at least one address in production, or budget alerts reach nobody',
      'environment "prod": lambda.reservedConcurrency = (missing): must be set in production, to cap what a traffic spike can spend on OpenAI',
      'environment "prod": regions[0].vpc.availabilityZones = ["eu-west-1a"]: must list at least 2 zones in production',
    ]);
  });

  it('refuses an environment named prod that is not marked production', () => {
    expect(problemsOf([productionEnvironment({ production: false })])).toEqual([
      'environment "prod": production = false: must be true for an environment named "prod"',
    ]);
  });

  it('reports problems of several environments in one error', () => {
    const problems = problemsOf([baseEnvironment({ accountId: 'x' }), productionEnvironment({ storage: { forceDestroy: true } })]);
    expect(problems).toHaveLength(2);
    expect(problems[0]).toMatch(/^environment "dev": accountId/);
    expect(problems[1]).toMatch(/^environment "prod": storage.forceDestroy/);
  });

  it('rejects two environments in one account', () => {
    expect(problemsOf([baseEnvironment(), baseEnvironment({ name: 'qa' })])).toEqual([
      'environment "qa": accountId = "111111111111": is also the account of environment "dev"; each environment needs its own account ' +
        '(state bucket, budget and IAM boundary exist once per account)',
    ]);
  });

  it('names a misspelt setting and a missing one', () => {
    const env = { ...baseEnvironment(), budgett: {} } as Record<string, unknown>;
    delete env.budget;
    expect(problemsOf([env])).toEqual([
      'environment "dev": budget = (missing): is required (object)',
      'environment "dev": budgett = {}: is not a known setting (check the spelling)',
    ]);
  });

  it('rejects Lambda memory outside AWS limits, naming the range', () => {
    const env = baseEnvironment({ lambda: { memoryMb: 64, timeoutSeconds: 25, architecture: 'arm64', packaging: 'zip' } });
    expect(problemsOf([env])).toEqual(['environment "dev": lambda.memoryMb = 64: must be 128..10240 MB']);
  });

  it('rejects a log retention CloudWatch does not offer', () => {
    const env = baseEnvironment({ logging: { retentionDays: 10, logPromptText: false } });
    expect(problemsOf([env])[0]).toMatch(/^environment "dev": logging.retentionDays = 10: must be one of the CloudWatch Logs periods 1, 3, 5/);
  });

  it('labels an environment without a usable name by its position', () => {
    expect(problemsOf([baseEnvironment({ name: 'Prod_1' })])).toEqual([
      'environment "Prod_1": name = "Prod_1": must be 2..10 lower-case letters or digits, starting with a letter',
    ]);
    expect(problemsOf([{}])[0]).toMatch(/^environment "#1": /);
  });

  it('rejects a VPC-attached Lambda in a region without NAT or proxy, naming the way out', () => {
    const env = baseEnvironment({
      lambda: { memoryMb: 512, timeoutSeconds: 25, architecture: 'arm64', packaging: 'zip', attachToVpc: true },
      regions: [{ region: 'eu-west-1', vpc: { cidr: '10.0.0.0/16', availabilityZones: ['eu-west-1a'], nat: 'none' } }],
    });
    expect(problemsOf([env])).toEqual([
      'environment "dev": regions[0].vpc.nat = "none": leaves a VPC-attached Lambda (lambda.attachToVpc) without a path to OpenAI; ' +
        'use nat "single" or "per-az", or set regions[0].vpc.egressProxyUrl',
    ]);
  });

  it('accepts a VPC without NAT when an egress proxy is configured', () => {
    const env = baseEnvironment({
      lambda: { memoryMb: 512, timeoutSeconds: 25, architecture: 'arm64', packaging: 'zip', attachToVpc: true },
      regions: [
        {
          region: 'eu-west-1',
          vpc: { cidr: '10.0.0.0/16', availabilityZones: ['eu-west-1a'], nat: 'none', egressProxyUrl: 'http://proxy.internal:3128' },
        },
      ],
    });
    expect(validateEnvironments([env])[0].regions[0].vpc.egressProxyUrl).toBe('http://proxy.internal:3128');
  });

  it('rejects image replication in a single-region environment', () => {
    expect(problemsOf([baseEnvironment({ ecr: { replicate: true } })])).toEqual([
      'environment "dev": ecr.replicate = true: needs at least two regions: images replicate from the primary region to the others',
    ]);
  });

  it('rejects a secret recovery window AWS does not allow, and immediate deletion in production', () => {
    expect(problemsOf([baseEnvironment({ secrets: { recoveryWindowDays: 3 } })])).toEqual([
      'environment "dev": secrets.recoveryWindowDays = 3: must be 0 or 7..30 days',
    ]);
    expect(problemsOf([productionEnvironment({ secrets: { recoveryWindowDays: 0 } })])).toEqual([
      'environment "prod": secrets.recoveryWindowDays = 0: must be 7..30 in production: 0 deletes the API key secret beyond recovery',
    ]);
  });

  it('fills documented defaults for ECR, secrets, endpoints and anomaly alerts', () => {
    const [env] = validateEnvironments([baseEnvironment()]);
    expect(env.ecr).toEqual({ untaggedExpiryDays: 7, keepLastImages: 30, replicate: false });
    expect(env.secrets).toEqual({ recoveryWindowDays: 30, customerManagedKey: false });
    expect(env.regions[0].vpc.interfaceEndpoints).toEqual([]);
    expect(env.budget.anomalyThresholdUsd).toBe(50);
    expect(env.lambda.attachToVpc).toBe(false);
  });

  it('rejects a GitHub repository that is not owner/name', () => {
    expect(problemsOf([baseEnvironment({ ci: { githubRepository: 'acme' } })])).toEqual([
      'environment "dev": ci.githubRepository = "acme": must be "owner/repository"',
    ]);
  });

  it('refuses an open API in production, and a wildcard CORS origin there', () => {
    expect(
      problemsOf([productionEnvironment({ api: { authorization: 'none', throttling: { rateLimit: 1, burstLimit: 1 }, corsAllowOrigins: ['*'] } })]),
    ).toEqual([
      'environment "prod": api.authorization = "none": must be "iam" or "jwt" in production: an open API spends the OpenAI budget for anyone',
      'environment "prod": api.corsAllowOrigins = ["*"]: must not contain "*" in production; list the origins',
    ]);
  });

  it('needs JWT settings exactly when authorization is jwt', () => {
    const throttling = { rateLimit: 1, burstLimit: 1 };
    expect(problemsOf([baseEnvironment({ api: { authorization: 'jwt', throttling } })])).toEqual([
      'environment "dev": api.jwt = (missing): is required when api.authorization is "jwt" (issuer and audiences)',
    ]);
    expect(problemsOf([baseEnvironment({ api: { authorization: 'iam', throttling, jwt: { issuer: 'https://a.example.com', audiences: ['x'] } } })])[0]).toMatch(
      /api.jwt = .*: is set but api.authorization is "iam"/,
    );
  });

  it('keeps the function and OpenAI timeouts inside what the HTTP API waits for', () => {
    const lambda = { memoryMb: 512, timeoutSeconds: 30, architecture: 'arm64' as const, packaging: 'zip' as const };
    expect(problemsOf([baseEnvironment({ lambda })])).toEqual([
      'environment "dev": lambda.timeoutSeconds = 30: must be below 30 s: the HTTP API stops waiting at 30 s',
    ]);
    expect(problemsOf([baseEnvironment({ openai: { defaultModel: 'gpt-4.1-mini', allowedModels: ['gpt-4.1-mini'], timeoutMs: 25000 } })])).toEqual([
      'environment "dev": openai.timeoutMs = 25000: must be below lambda.timeoutSeconds (25 s), or the function times out before it can answer 504',
    ]);
  });

  it('needs the default model in the allow-list', () => {
    expect(problemsOf([baseEnvironment({ openai: { defaultModel: 'gpt-4o', allowedModels: ['gpt-4.1'] } })])).toEqual([
      'environment "dev": openai.defaultModel = "gpt-4o": must be one of openai.allowedModels (gpt-4.1)',
    ]);
  });

  describe('what the cost estimate needs', () => {
    it('names a region or a model without prices, with the field and the value', () => {
      const problems = problemsOf([
        baseEnvironment({
          regions: [{ region: 'ap-east-1', vpc: { cidr: '10.0.0.0/16', availabilityZones: ['ap-east-1a'], nat: 'none' } }],
          openai: { defaultModel: 'gpt-4.1-mini', allowedModels: ['gpt-4.1-mini', 'my-finetune'] },
        }),
      ]);
      expect(problems).toHaveLength(2);
      expect(problems[0]).toMatch(
        /^environment "dev": regions\[0\]\.region = "ap-east-1": has no prices in libs\/pricing \(prices of \d{4}-\d{2}-\d{2}\); priced regions: us-east-1, /,
      );
      expect(problems[1]).toMatch(/^environment "dev": openai\.allowedModels\[1\] = "my-finetune": has no price in libs\/pricing/);
    });

    it('rejects negative usage, a model mix outside the allowed models and shares that do not add up, all at once', () => {
      expect(problemsOf([baseEnvironment({ usage: { requestsPerMonth: -5, inputTokens: 10, outputTokens: -1 } })])).toEqual([
        'environment "dev": usage.requestsPerMonth = -5: must be 0 or more requests',
        'environment "dev": usage.outputTokens = -1: must be 0 or more tokens',
      ]);
      const mixed = baseEnvironment({ usage: { requestsPerMonth: 100, inputTokens: 10, outputTokens: 10, modelMix: { 'gpt-4.1-mini': 0.5, 'gpt-4o': 0.3 } } });
      expect(problemsOf([mixed])).toEqual([
        'environment "dev": usage.modelMix.gpt-4o = 0.3: names a model that is not in openai.allowedModels (gpt-4.1-mini)',
        'environment "dev": usage.modelMix = {"gpt-4.1-mini":0.5,"gpt-4o":0.3}: shares must add up to 1, they add up to 0.8',
      ]);
    });

    it('gives an environment without a usage profile a quiet default, and a review threshold of 50 USD', () => {
      const [env] = validateEnvironments([baseEnvironment()]);
      expect(env.usage).toEqual({ requestsPerMonth: 10_000, inputTokens: 1_000, outputTokens: 500, cachedInputShare: 0, durationMs: 3000 });
      expect(env.budget.reviewThresholdUsd).toBe(50);
    });
  });

  it('needs an image digest for image packaging, and none for zip', () => {
    const lambda = { memoryMb: 512, timeoutSeconds: 25, architecture: 'arm64' as const };
    expect(problemsOf([baseEnvironment({ lambda: { ...lambda, packaging: 'image' } })])).toEqual([
      'environment "dev": lambda.imageDigest = (missing): is required when lambda.packaging is "image": the function names its image by digest',
    ]);
    expect(problemsOf([baseEnvironment({ lambda: { ...lambda, packaging: 'zip', imageDigest: 'latest' } })])).toEqual([
      'environment "dev": lambda.imageDigest = "latest": must be an image digest sha256:<64 hex digits>',
    ]);
  });
});

describe('every problem at once, within one environment', () => {
  it('reports field, cross-field and production problems together: four faults in prod, four lines', () => {
    const prod = productionInput({
      regions: [
        { region: 'eu-west1', vpc: { cidr: '10.0.0.0/16', availabilityZones: ['eu-west-1a', 'eu-west-1b'], nat: 'single' } },
        { region: 'eu-central-1', vpc: { cidr: '10.0.128.0/17', availabilityZones: ['eu-central-1a', 'eu-central-1b'], nat: 'single' } },
      ],
      storage: { forceDestroy: true },
      logging: { retentionDays: 45, logPromptText: false },
    });
    expect(problemsOf([prod])).toEqual([
      'environment "prod": regions[0].region = "eu-west1": must be a known AWS region code such as eu-west-1',
      expect.stringMatching(/^environment "prod": logging\.retentionDays = 45: must be one of the CloudWatch Logs periods 1, 3, 5/),
      'environment "prod": regions[1].vpc.cidr = "10.0.128.0/17": overlaps regions[0].vpc.cidr 10.0.0.0/16 (eu-west1); VPC CIDRs of one environment must not overlap, so the regions can be peered later',
      'environment "prod": storage.forceDestroy = true: must be false in production: it lets destroy delete stored generations',
    ]);
  });

  it('drops what a rule says about a field already refused, and keeps it once the field is valid', () => {
    // retentionDays 45 is not a CloudWatch period (field error) and also below production's 90 days (rule): one line, not two.
    const prod = productionInput({ logging: { retentionDays: 45, logPromptText: false } });
    expect(problemsOf([prod])).toHaveLength(1);
    expect(problemsOf([productionInput({ logging: { retentionDays: 60, logPromptText: false } })])).toEqual([
      'environment "prod": logging.retentionDays = 60: must be at least 90 days in production',
    ]);
  });
});
