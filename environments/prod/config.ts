/** prod: three regions (eu-west-1 primary), data kept, prompts never logged, image packaging. */
import { defineEnvironment } from '@llm/config';

export const prod = defineEnvironment({
  name: 'prod',
  production: true,
  accountId: '333333333333',
  regions: [
    {
      region: 'eu-west-1',
      vpc: {
        cidr: '10.30.0.0/16',
        availabilityZones: ['eu-west-1a', 'eu-west-1b', 'eu-west-1c'],
        nat: 'per-az',
        interfaceEndpoints: ['secretsmanager', 'logs', 'ecr'],
      },
    },
    {
      region: 'eu-central-1',
      vpc: {
        cidr: '10.31.0.0/16',
        availabilityZones: ['eu-central-1a', 'eu-central-1b', 'eu-central-1c'],
        nat: 'per-az',
        interfaceEndpoints: ['secretsmanager', 'logs', 'ecr'],
      },
    },
    {
      region: 'us-east-1',
      vpc: {
        cidr: '10.32.0.0/16',
        availabilityZones: ['us-east-1a', 'us-east-1b', 'us-east-1c'],
        nat: 'per-az',
        interfaceEndpoints: ['secretsmanager', 'logs', 'ecr'],
      },
    },
  ],
  tags: { owner: 'platform-team', costCenter: 'CC-1003' },
  budget: { monthlyLimitUsd: 2000, alertEmails: ['platform-oncall@example.com', 'finance@example.com'] },
  lambda: {
    memoryMb: 1024,
    timeoutSeconds: 29,
    architecture: 'arm64',
    packaging: 'image',
    reservedConcurrency: 100,
    attachToVpc: true,
    // The image the release process approved for prod; updated by the image pipeline (README, CI/CD).
    imageDigest: 'sha256:0000000000000000000000000000000000000000000000000000000000000000',
  },
  ecr: { untaggedExpiryDays: 7, keepLastImages: 50, replicate: true },
  // Builds on every push to main; flip connectionAvailable once the GitHub connection is completed.
  imagePipeline: { branch: 'main', connectionAvailable: false },
  secrets: { recoveryWindowDays: 30, customerManagedKey: true },
  api: {
    authorization: 'jwt',
    jwt: { issuer: 'https://auth.example.com/', audiences: ['llm-api'] },
    throttling: { rateLimit: 100, burstLimit: 200 },
    corsAllowOrigins: ['https://app.example.com'],
  },
  // What the cost estimate assumes (README, What it costs): about 16,000 requests a day, a tenth on gpt-4.1.
  usage: { requestsPerMonth: 500_000, inputTokens: 1_000, outputTokens: 500, cachedInputShare: 0.2, modelMix: { 'gpt-4.1-mini': 0.9, 'gpt-4.1': 0.1 } },
  // hardStop: requests get 429 budget_exceeded once a region's OpenAI spend today passes budget / 30 (README, What it costs).
  openai: { defaultModel: 'gpt-4.1-mini', allowedModels: ['gpt-4.1-mini', 'gpt-4.1'], hardStop: true },
  logging: { retentionDays: 365, logPromptText: false },
  ci: { githubRepository: 'acme/llm-platform' },
  storage: { forceDestroy: false },
});
