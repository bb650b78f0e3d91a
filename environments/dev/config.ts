/** dev: one region, cheapest settings (no NAT: the Lambda runs outside the VPC), prompts may be logged while iterating. */
import { defineEnvironment } from '@llm/config';

export const dev = defineEnvironment({
  name: 'dev',
  production: false,
  accountId: '111111111111',
  regions: [
    {
      region: 'us-east-1',
      vpc: { cidr: '10.10.0.0/16', availabilityZones: ['us-east-1a', 'us-east-1b'], nat: 'none' },
      // A small CPU worker for experiments. No NAT here, so it takes a public IP to reach SSM; no ingress.
      workers: { instanceType: 't4g.small', maxHours: 8, maxInstances: 2, volumeGb: 20, publicIp: true },
    },
  ],
  tags: { owner: 'platform-team', costCenter: 'CC-1001' },
  budget: { monthlyLimitUsd: 100, alertEmails: ['platform-dev@example.com'] },
  lambda: { memoryMb: 512, timeoutSeconds: 29, architecture: 'arm64', packaging: 'zip' },
  api: { authorization: 'iam', throttling: { rateLimit: 5, burstLimit: 10 }, corsAllowOrigins: ['http://localhost:5173'] },
  // What the cost estimate assumes (README, What it costs): developers' traffic.
  usage: { requestsPerMonth: 20_000, inputTokens: 800, outputTokens: 400 },
  openai: { defaultModel: 'gpt-4.1-mini', allowedModels: ['gpt-4.1-mini', 'gpt-4.1-nano'], timeoutMs: 20000 },
  logging: { retentionDays: 14, logPromptText: true },
  ci: { githubRepository: 'acme/llm-platform' },
  storage: { forceDestroy: true, expireGenerationsAfterDays: 30 },
  secrets: { recoveryWindowDays: 7 },
});
