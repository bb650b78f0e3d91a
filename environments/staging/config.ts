/** staging: production's shape in two regions, smaller and cheaper, data disposable. */
import { defineEnvironment } from '@llm/config';

export const staging = defineEnvironment({
  name: 'staging',
  production: false,
  accountId: '222222222222',
  regions: [
    {
      region: 'eu-west-1',
      vpc: {
        cidr: '10.20.0.0/16',
        availabilityZones: ['eu-west-1a', 'eu-west-1b'],
        nat: 'single',
        interfaceEndpoints: ['secretsmanager'],
      },
      // Batch jobs against staging data: private subnet behind the NAT, reads generations/.
      workers: { instanceType: 't4g.medium', maxHours: 12, maxInstances: 3, volumeGb: 30, readGenerations: true },
    },
    {
      region: 'us-east-1',
      vpc: { cidr: '10.21.0.0/16', availabilityZones: ['us-east-1a', 'us-east-1b'], nat: 'single' },
    },
  ],
  tags: { owner: 'platform-team', costCenter: 'CC-1002' },
  budget: { monthlyLimitUsd: 300, alertEmails: ['platform-staging@example.com'] },
  lambda: { memoryMb: 1024, timeoutSeconds: 29, architecture: 'arm64', packaging: 'zip', reservedConcurrency: 10, attachToVpc: true },
  api: {
    authorization: 'jwt',
    jwt: { issuer: 'https://auth.staging.example.com/', audiences: ['llm-api'] },
    throttling: { rateLimit: 20, burstLimit: 40 },
    corsAllowOrigins: ['https://app.staging.example.com'],
  },
  // What the cost estimate assumes (README, What it costs): test suites and demos.
  usage: { requestsPerMonth: 50_000, inputTokens: 1_000, outputTokens: 500, modelMix: { 'gpt-4.1-mini': 0.9, 'gpt-4.1': 0.1 } },
  openai: { defaultModel: 'gpt-4.1-mini', allowedModels: ['gpt-4.1-mini', 'gpt-4.1'] },
  logging: { retentionDays: 30, logPromptText: false },
  ci: { githubRepository: 'acme/llm-platform' },
  storage: { forceDestroy: true, expireGenerationsAfterDays: 90 },
});
