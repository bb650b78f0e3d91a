/**
 * Rules that span several fields or environments, checked after the schema accepts the shape.
 * Each rule returns problems instead of throwing, so one synth reports every mistake at once.
 */
import { cidrsOverlap, parseCidr, type Ipv4Cidr } from './cidr';
import type { ConfigProblem } from './errors';
import { isPricedRegion, modelPrice, OPENAI_PRICES_AS_OF, PRICED_MODELS, PRICED_REGIONS, PRICES_AS_OF } from '@llm/pricing';
import { azBelongsToRegion, isKnownRegion } from './regions';
import type { EnvironmentConfig } from './schema';
import { instanceFamily, isWorkerFamily, WORKER_FAMILIES, WORKER_QUOTA_CODES, type WorkerQuotaCode } from './workers';

type EnvironmentRule = (env: EnvironmentConfig) => ConfigProblem[];

const MIN_VPC_PREFIX = 16;
const MAX_VPC_PREFIX = 24;
const PRODUCTION_MIN_RETENTION_DAYS = 90;

const uniqueRegions: EnvironmentRule = (env) =>
  env.regions.flatMap((entry, index) => {
    const first = env.regions.findIndex((other) => other.region === entry.region);
    return first < index ? [problem(env, `regions[${index}].region`, entry.region, `duplicates regions[${first}]; list each region once`)] : [];
  });

const zonesInRegion: EnvironmentRule = (env) =>
  env.regions.flatMap((entry, index) =>
    // An unknown region is reported on its own; its zones cannot be judged against it.
    (isKnownRegion(entry.region) ? entry.vpc.availabilityZones : []).flatMap((az, azIndex) => {
      const field = `regions[${index}].vpc.availabilityZones[${azIndex}]`;
      if (!azBelongsToRegion(az, entry.region)) {
        return [problem(env, field, az, `must be a zone of ${entry.region}, such as ${entry.region}a`)];
      }
      if (entry.vpc.availabilityZones.indexOf(az) < azIndex) {
        return [problem(env, field, az, 'is listed twice; list each zone once')];
      }
      return [];
    }),
  );

const vpcCidrs: EnvironmentRule = (env) => {
  const problems: ConfigProblem[] = [];
  const parsed: Array<{ index: number; cidr: Ipv4Cidr }> = [];
  env.regions.forEach((entry, index) => {
    const field = `regions[${index}].vpc.cidr`;
    const cidr = parseCidr(entry.vpc.cidr);
    if (typeof cidr === 'string') {
      problems.push(problem(env, field, entry.vpc.cidr, cidr));
      return;
    }
    if (cidr.prefixLength < MIN_VPC_PREFIX || cidr.prefixLength > MAX_VPC_PREFIX) {
      problems.push(problem(env, field, entry.vpc.cidr, `the prefix length must be /${MIN_VPC_PREFIX}../${MAX_VPC_PREFIX}`));
      return;
    }
    for (const earlier of parsed) {
      if (cidrsOverlap(earlier.cidr, cidr)) {
        const other = env.regions[earlier.index];
        problems.push(
          problem(
            env,
            field,
            entry.vpc.cidr,
            `overlaps regions[${earlier.index}].vpc.cidr ${earlier.cidr.text} (${other.region}); ` +
              'VPC CIDRs of one environment must not overlap, so the regions can be peered later',
          ),
        );
      }
    }
    parsed.push({ index, cidr });
  });
  return problems;
};

/** Settings that are fine to iterate with but lose data or money in production. */
const productionSafety: EnvironmentRule = (env) => {
  if (!env.production) {
    return env.name.startsWith('prod') ? [problem(env, 'production', env.production, `must be true for an environment named "${env.name}"`)] : [];
  }
  const problems: ConfigProblem[] = [];
  if (env.storage.forceDestroy) {
    problems.push(problem(env, 'storage.forceDestroy', true, 'must be false in production: it lets destroy delete stored generations'));
  }
  if (env.logging.logPromptText) {
    problems.push(problem(env, 'logging.logPromptText', true, 'must be false in production: prompts may hold personal data'));
  }
  if (env.logging.retentionDays < PRODUCTION_MIN_RETENTION_DAYS) {
    problems.push(problem(env, 'logging.retentionDays', env.logging.retentionDays, `must be at least ${PRODUCTION_MIN_RETENTION_DAYS} days in production`));
  }
  if (env.budget.alertEmails.length === 0) {
    problems.push(problem(env, 'budget.alertEmails', [], 'must list at least one address in production, or budget alerts reach nobody'));
  }
  if (env.lambda.reservedConcurrency === undefined) {
    problems.push(problem(env, 'lambda.reservedConcurrency', undefined, 'must be set in production, to cap what a traffic spike can spend on OpenAI'));
  }
  if (env.api.authorization === 'none') {
    problems.push(problem(env, 'api.authorization', 'none', 'must be "iam" or "jwt" in production: an open API spends the OpenAI budget for anyone'));
  }
  if (env.api.corsAllowOrigins?.includes('*')) {
    problems.push(problem(env, 'api.corsAllowOrigins', env.api.corsAllowOrigins, 'must not contain "*" in production; list the origins'));
  }
  if (env.secrets.recoveryWindowDays === 0) {
    problems.push(problem(env, 'secrets.recoveryWindowDays', 0, 'must be 7..30 in production: 0 deletes the API key secret beyond recovery'));
  }
  env.regions.forEach((entry, index) => {
    if (entry.vpc.availabilityZones.length < 2) {
      problems.push(problem(env, `regions[${index}].vpc.availabilityZones`, entry.vpc.availabilityZones, 'must list at least 2 zones in production'));
    }
  });
  return problems;
};

/** A Lambda in a VPC reaches OpenAI only through NAT or a configured proxy. */
const lambdaEgress: EnvironmentRule = (env) =>
  env.lambda.attachToVpc
    ? env.regions.flatMap((entry, index) =>
        entry.vpc.nat === 'none' && !entry.vpc.egressProxyUrl
          ? [
              problem(
                env,
                `regions[${index}].vpc.nat`,
                'none',
                'leaves a VPC-attached Lambda (lambda.attachToVpc) without a path to OpenAI; ' +
                  `use nat "single" or "per-az", or set regions[${index}].vpc.egressProxyUrl`,
              ),
            ]
          : [],
      )
    : [];

const ecrReplication: EnvironmentRule = (env) =>
  env.ecr.replicate && env.regions.length < 2
    ? [problem(env, 'ecr.replicate', true, 'needs at least two regions: images replicate from the primary region to the others')]
    : [];

/** HTTP API integrations give up after 30 s, so a longer function would answer nobody. */
const HTTP_API_TIMEOUT_SECONDS = 30;

const apiSettings: EnvironmentRule = (env) => {
  const problems: ConfigProblem[] = [];
  if (env.api.authorization === 'jwt' && !env.api.jwt) {
    problems.push(problem(env, 'api.jwt', undefined, 'is required when api.authorization is "jwt" (issuer and audiences)'));
  }
  if (env.api.authorization !== 'jwt' && env.api.jwt) {
    problems.push(problem(env, 'api.jwt', env.api.jwt, `is set but api.authorization is "${env.api.authorization}"; remove it or use "jwt"`));
  }
  if (env.lambda.timeoutSeconds >= HTTP_API_TIMEOUT_SECONDS) {
    problems.push(
      problem(
        env,
        'lambda.timeoutSeconds',
        env.lambda.timeoutSeconds,
        `must be below ${HTTP_API_TIMEOUT_SECONDS} s: the HTTP API stops waiting at ${HTTP_API_TIMEOUT_SECONDS} s`,
      ),
    );
  }
  if (env.openai.timeoutMs >= env.lambda.timeoutSeconds * 1000) {
    problems.push(
      problem(
        env,
        'openai.timeoutMs',
        env.openai.timeoutMs,
        `must be below lambda.timeoutSeconds (${env.lambda.timeoutSeconds} s), or the function times out before it can answer 504`,
      ),
    );
  }
  if (!env.openai.allowedModels.includes(env.openai.defaultModel)) {
    problems.push(problem(env, 'openai.defaultModel', env.openai.defaultModel, `must be one of openai.allowedModels (${env.openai.allowedModels.join(', ')})`));
  }
  if (env.lambda.packaging === 'image' && !env.lambda.imageDigest) {
    problems.push(problem(env, 'lambda.imageDigest', undefined, 'is required when lambda.packaging is "image": the function names its image by digest'));
  }
  if (env.lambda.packaging === 'zip' && env.lambda.imageDigest) {
    problems.push(problem(env, 'lambda.imageDigest', env.lambda.imageDigest, 'is set but lambda.packaging is "zip"; remove it or use "image"'));
  }
  return problems;
};

const imagePipelineRule: EnvironmentRule = (env) => {
  if (!env.imagePipeline) return [];
  if (env.lambda.packaging !== 'image') {
    return [problem(env, 'imagePipeline', env.imagePipeline, 'is set but lambda.packaging is "zip"; the pipeline builds images')];
  }
  if (env.regions.length > 1 && !env.ecr.replicate) {
    return [
      problem(env, 'ecr.replicate', false, 'must be true with an imagePipeline in several regions: images are built in the primary region and replicated'),
    ];
  }
  return [];
};

/** Models the OpenAI spend alarm can watch (libs/constructs/lambda MAX_SPEND_ALARM_MODELS). */
const MAX_PRICED_MODELS = 5;

/** The cost estimate needs prices for every region and model an environment names, and a model mix that adds up. */
const pricing: EnvironmentRule = (env) => {
  const problems: ConfigProblem[] = [];
  env.regions.forEach((entry, index) => {
    if (!isPricedRegion(entry.region)) {
      problems.push(
        problem(
          env,
          `regions[${index}].region`,
          entry.region,
          `has no prices in libs/pricing (prices of ${PRICES_AS_OF}); priced regions: ${PRICED_REGIONS.join(', ')}`,
        ),
      );
    }
  });
  env.openai.allowedModels.forEach((model, index) => {
    if (!modelPrice(model)) {
      problems.push(
        problem(
          env,
          `openai.allowedModels[${index}]`,
          model,
          `has no price in libs/pricing (prices of ${OPENAI_PRICES_AS_OF}); priced models: ${PRICED_MODELS.join(', ')}`,
        ),
      );
    }
  });
  if (env.openai.allowedModels.length > MAX_PRICED_MODELS) {
    problems.push(
      problem(
        env,
        'openai.allowedModels',
        env.openai.allowedModels,
        `must list at most ${MAX_PRICED_MODELS} models: the spend alarm's metric math takes two metrics a model, 10 at most`,
      ),
    );
  }
  const mix = env.usage.modelMix;
  if (mix) {
    for (const model of Object.keys(mix)) {
      if (!env.openai.allowedModels.includes(model)) {
        problems.push(
          problem(env, `usage.modelMix.${model}`, mix[model], `names a model that is not in openai.allowedModels (${env.openai.allowedModels.join(', ')})`),
        );
      }
    }
    const total = Object.values(mix).reduce((sum, value) => sum + value, 0);
    if (Math.abs(total - 1) > 1e-6) problems.push(problem(env, 'usage.modelMix', mix, `shares must add up to 1, they add up to ${Number(total.toFixed(6))}`));
  }
  return problems;
};

/** Workers run what their family can, reach SSM, and never open SSH to the world or a public IP in production. */
const workerRules: EnvironmentRule = (env) =>
  env.regions.flatMap((entry, index) => {
    const workers = entry.workers;
    if (!workers) return [];
    const field = (name: string) => `regions[${index}].workers.${name}`;
    const problems: ConfigProblem[] = [];
    const family = instanceFamily(workers.instanceType);
    if (!isWorkerFamily(family)) {
      problems.push(
        problem(
          env,
          field('instanceType'),
          workers.instanceType,
          `has an instance family workers do not support; use one of ${Object.keys(WORKER_FAMILIES).join(', ')}`,
        ),
      );
    } else {
      const facts = WORKER_FAMILIES[family];
      if (workers.architecture && workers.architecture !== facts.architecture) {
        problems.push(problem(env, field('architecture'), workers.architecture, `does not match ${workers.instanceType}, which is ${facts.architecture}`));
      }
      if (workers.gpu !== undefined && workers.gpu !== facts.gpu) {
        problems.push(problem(env, field('gpu'), workers.gpu, `does not match ${workers.instanceType}, which ${facts.gpu ? 'has' : 'has no'} GPU`));
      }
      if (workers.quota && Object.hasOwn(WORKER_QUOTA_CODES, workers.quota.code)) {
        const quota = WORKER_QUOTA_CODES[workers.quota.code as WorkerQuotaCode];
        if (quota.quotaClass !== facts.quotaClass) {
          problems.push(problem(env, field('quota.code'), workers.quota.code, `is the quota "${quota.name}", which does not cover ${workers.instanceType}`));
        }
      }
    }
    workers.allowSshFrom.forEach((cidrText, cidrIndex) => {
      const cidr = parseCidr(cidrText);
      if (typeof cidr === 'string') problems.push(problem(env, field(`allowSshFrom[${cidrIndex}]`), cidrText, cidr));
      else if (cidr.prefixLength === 0) {
        problems.push(
          problem(env, field(`allowSshFrom[${cidrIndex}]`), cidrText, 'must not open SSH to the whole internet; name your network, or use SSM Session Manager'),
        );
      }
    });
    if (workers.publicIp && env.production) {
      problems.push(problem(env, field('publicIp'), true, 'must be false in production: workers stay in private subnets'));
    }
    if (!workers.publicIp && entry.vpc.nat === 'none') {
      problems.push(
        problem(
          env,
          field('publicIp'),
          false,
          `leaves workers in private subnets without NAT (regions[${index}].vpc.nat is "none"): they could not reach SSM; set publicIp true or use NAT`,
        ),
      );
    }
    return problems;
  });

export const ENVIRONMENT_RULES: readonly EnvironmentRule[] = [
  pricing,
  uniqueRegions,
  zonesInRegion,
  vpcCidrs,
  lambdaEgress,
  ecrReplication,
  apiSettings,
  imagePipelineRule,
  workerRules,
  productionSafety,
];

/** Rules across environments: names and accounts must be distinct, because per-account things exist once. */
export function crossEnvironmentProblems(envs: readonly EnvironmentConfig[]): ConfigProblem[] {
  return envs.flatMap((env, index) => {
    const problems: ConfigProblem[] = [];
    const sameName = envs.findIndex((other) => other.name === env.name);
    if (sameName < index) {
      problems.push(problem(env, 'name', env.name, 'is used by another environment; names must be unique'));
    }
    const sameAccount = envs.findIndex((other) => other.accountId === env.accountId);
    if (sameAccount < index) {
      problems.push(
        problem(
          env,
          'accountId',
          env.accountId,
          `is also the account of environment "${envs[sameAccount].name}"; each environment needs its own account ` +
            '(state bucket, budget and IAM boundary exist once per account)',
        ),
      );
    }
    return problems;
  });
}

function problem(env: EnvironmentConfig, field: string, value: unknown, rule: string): ConfigProblem {
  return { environment: env.name, field, value, rule };
}
