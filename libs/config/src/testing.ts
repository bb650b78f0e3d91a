/** Test helpers: small valid environments to build variations from. */
import type { EnvironmentConfig, EnvironmentInput } from './schema';
import { ConfigValidationError } from './errors';
import { validateEnvironments } from './validate';

export function developmentInput(overrides: Partial<EnvironmentInput> = {}): EnvironmentInput {
  return {
    name: 'dev',
    production: false,
    accountId: '111111111111',
    regions: [{ region: 'eu-west-1', vpc: { cidr: '10.0.0.0/16', availabilityZones: ['eu-west-1a', 'eu-west-1b'], nat: 'single' } }],
    tags: { owner: 'team', costCenter: 'CC-1' },
    budget: { monthlyLimitUsd: 10, alertEmails: ['ops@example.com'] },
    lambda: { memoryMb: 512, timeoutSeconds: 25, architecture: 'arm64', packaging: 'zip' },
    logging: { retentionDays: 14, logPromptText: false },
    storage: { forceDestroy: false },
    ci: { githubRepository: 'acme/llm-platform' },
    api: { authorization: 'iam', throttling: { rateLimit: 10, burstLimit: 20 } },
    openai: { defaultModel: 'gpt-4.1-mini', allowedModels: ['gpt-4.1-mini'] },
    ...overrides,
  };
}

export function productionInput(overrides: Partial<EnvironmentInput> = {}): EnvironmentInput {
  return developmentInput({
    name: 'prod',
    production: true,
    accountId: '333333333333',
    logging: { retentionDays: 365, logPromptText: false },
    lambda: {
      memoryMb: 1024,
      timeoutSeconds: 29,
      architecture: 'arm64',
      packaging: 'image',
      reservedConcurrency: 50,
      imageDigest: `sha256:${'a'.repeat(64)}`,
    },
    ...overrides,
  });
}

/** A validated environment; throws if the overrides make it invalid. */
export function testEnvironment(overrides: Partial<EnvironmentInput> = {}): EnvironmentConfig {
  return validateEnvironments([developmentInput(overrides)])[0];
}

/** Runs validation expecting failure and returns the formatted problem lines (without the heading). */
export function problemsOf(inputs: readonly unknown[]): string[] {
  try {
    validateEnvironments(inputs);
  } catch (error) {
    if (!(error instanceof ConfigValidationError)) throw error;
    return error.message
      .split('\n')
      .slice(1)
      .map((line) => line.replace(/^ {2}- /, ''));
  }
  throw new Error('expected validation to fail');
}
