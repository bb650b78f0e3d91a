/**
 * The function's speed figures against the targets; exits 1 if one is missed:
 * - module initialisation of the built bundle (fresh `node -e require`, several runs): median < 150 ms;
 * - handler overhead beyond the OpenAI call, over >= 1,000 requests against an in-process fake
 *   OpenAI (instant answers), with a warm secret cache, the hard stop on and mocked S3: p99 < 5 ms;
 * - zip size < 1 MiB.
 *
 * Usage: node --import tsx apps/llm-api/bench.ts [--requests N] [--init-runs N]
 */
import { execFile } from 'node:child_process';
import { performance } from 'node:perf_hooks';
import { promisify } from 'node:util';
import { GetSecretValueCommand, SecretsManagerClient } from '@aws-sdk/client-secrets-manager';
import { PutObjectCommand, S3Client } from '@aws-sdk/client-s3';
import { CloudWatchClient, DescribeAlarmsCommand } from '@aws-sdk/client-cloudwatch';
import { mockClient } from 'aws-sdk-client-mock';
import { buildLlmApi, ZIP_LIMIT_BYTES } from './build';
import { createHandler } from './src/handler';
import { OpenAiResponsesGateway, type OpenAiGateway } from './src/openai';
import { createDependencies } from './src/runtime';
import { startFakeOpenAi } from './src/testing/fake-openai';
import { generateEvent, lambdaContext, TEST_API_KEY, TEST_BUCKET, TEST_SECRET_ARN, testConfig } from './src/testing/harness';

const TARGETS = { initMs: 150, overheadP99Ms: 5, zipBytes: ZIP_LIMIT_BYTES };
const run = promisify(execFile);

function option(name: string, fallback: number): number {
  const index = process.argv.indexOf(name);
  const value = index >= 0 ? Number(process.argv[index + 1]) : fallback;
  if (!Number.isInteger(value) || value < 1) throw new Error(`${name} must be a positive integer`);
  return value;
}

const percentile = (sorted: readonly number[], p: number) => sorted[Math.min(sorted.length - 1, Math.ceil((p / 100) * sorted.length) - 1)];
const median = (values: readonly number[]) =>
  percentile(
    [...values].sort((a, b) => a - b),
    50,
  );
const ms = (value: number) => `${value.toFixed(2)} ms`;

/** Time to `require` the bundle in a fresh process, as the Lambda runtime does at init. */
async function measureInit(bundlePath: string, runs: number): Promise<number[]> {
  const env = {
    PATH: process.env.PATH ?? '',
    NODE_NO_WARNINGS: '1',
    AWS_REGION: 'eu-west-1',
    OUTPUT_BUCKET_NAME: TEST_BUCKET,
    OPENAI_API_KEY_SECRET_ARN: TEST_SECRET_ARN,
  };
  const script = `const t = process.hrtime.bigint(); require(${JSON.stringify(bundlePath)}); process.stdout.write(String(Number(process.hrtime.bigint() - t) / 1e6));`;
  const times: number[] = [];
  for (let i = 0; i < runs; i++) {
    const { stdout } = await run(process.execPath, ['-e', script], { env });
    times.push(Number(stdout));
  }
  return times;
}

/** Handler time minus the OpenAI call's time, per request, with logs and metrics written to a sink. */
async function measureOverhead(requests: number): Promise<number[]> {
  const fake = await startFakeOpenAi();
  const s3 = mockClient(S3Client);
  const secrets = mockClient(SecretsManagerClient);
  s3.on(PutObjectCommand).resolves({ ETag: '"bench"' });
  secrets.on(GetSecretValueCommand).resolves({ SecretString: TEST_API_KEY });
  // With the hard stop on, as prod runs: the spend alarm's state is read once per TTL, OK here.
  const cloudwatch = mockClient(CloudWatchClient);
  cloudwatch.on(DescribeAlarmsCommand).resolves({ MetricAlarms: [{ AlarmName: 'bench-openai-daily-spend', StateValue: 'OK' }] });
  const config = testConfig(fake.baseURL, { SPEND_ALARM_NAME: 'bench-openai-daily-spend' });
  const real = new OpenAiResponsesGateway({ baseURL: fake.baseURL, timeoutMs: config.openaiTimeoutMs, maxRetries: config.openaiMaxRetries });
  let openaiMs = 0;
  const timed: OpenAiGateway = {
    generate: async (input, options) => {
      const started = performance.now();
      try {
        return await real.generate(input, options);
      } finally {
        openaiMs = performance.now() - started;
      }
    },
  };
  const handler = createHandler(createDependencies(config, { openai: timed }));
  const event = generateEvent({ prompt: 'Write a haiku about latency.', maxOutputTokens: 64, metadata: { bench: true } });
  const context = lambdaContext(30_000);

  // Logs and EMF go to stdout in Lambda; here they go nowhere, but are still formatted and written.
  const write = process.stdout.write.bind(process.stdout);
  let sunk = 0;
  process.stdout.write = ((chunk: string | Uint8Array) => {
    sunk += chunk.length;
    return true;
  }) as typeof process.stdout.write;
  const overheads: number[] = [];
  try {
    for (let i = 0; i < 200 + requests; i++) {
      const started = performance.now();
      const result = await handler(event, context);
      const total = performance.now() - started;
      if (result.statusCode !== 200) throw new Error(`request ${i} answered ${result.statusCode}: ${result.body}`);
      if (i >= 200) overheads.push(total - openaiMs); // the first 200 warm the JIT and the connection
    }
  } finally {
    process.stdout.write = write;
    s3.restore();
    secrets.restore();
    await fake.close();
  }
  if (sunk === 0) throw new Error('the handler wrote no logs: the benchmark is not measuring what Lambda runs');
  if (secrets.commandCalls(GetSecretValueCommand).length !== 1) throw new Error('the secret cache was not warm');
  return overheads;
}

async function main(): Promise<number> {
  const requests = option('--requests', 2_000);
  const initRuns = option('--init-runs', 7);
  if (requests < 1_000) throw new Error('--requests must be at least 1000');

  // Overhead first, in a quiet process: the build leaves a large heap (and esbuild's service) behind.
  const overheads = (await measureOverhead(requests)).sort((a, b) => a - b);
  const build = await buildLlmApi();
  const init = await measureInit(build.bundlePath, initRuns);

  const initMedian = median(init);
  const p50 = percentile(overheads, 50);
  const p99 = percentile(overheads, 99);
  const verdict = (ok: boolean) => (ok ? 'met' : 'MISSED');
  const results = [
    {
      ok: initMedian < TARGETS.initMs,
      line: `module init (node -e require, ${initRuns} runs)   median ${ms(initMedian)}  (runs: ${init.map((t) => t.toFixed(0)).join(' ')})  target < ${TARGETS.initMs} ms`,
    },
    {
      ok: p99 < TARGETS.overheadP99Ms,
      line: `handler overhead beyond OpenAI (${requests} requests)  p50 ${ms(p50)}  p99 ${ms(p99)}  max ${ms(overheads[overheads.length - 1])}  target p99 < ${TARGETS.overheadP99Ms} ms`,
    },
    { ok: build.zipBytes < TARGETS.zipBytes, line: `zip ${build.zipPath}  ${(build.zipBytes / 1024).toFixed(1)} KiB  target < ${TARGETS.zipBytes / 1024} KiB` },
  ];
  for (const result of results) console.log(`${result.line}: ${verdict(result.ok)}`);
  return results.every((result) => result.ok) ? 0 : 1;
}

main().then(
  (code) => process.exit(code),
  (error: unknown) => {
    console.error(error instanceof Error ? error.message : error);
    process.exit(1);
  },
);
