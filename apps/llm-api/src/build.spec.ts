/** The build: a bundle that exports `handler` and runs on its own, and a small, reproducible zip. */
import { execFile } from 'node:child_process';
import { createHash } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { mkdtemp, rm } from 'node:fs/promises';
import { builtinModules } from 'node:module';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { unzipSync } from 'fflate';
import { buildLlmApi, type BuildResult, WORKSPACE_ROOT, ZIP_LIMIT_BYTES } from '../build';
import { startFakeAws, type FakeAws } from './testing/fake-aws';
import { startFakeOpenAi, type FakeOpenAi } from './testing/fake-openai';
import { generateEvent, TEST_API_KEY, TEST_BUCKET, TEST_SECRET_ARN } from './testing/harness';

const run = promisify(execFile);
let root: string;
let first: BuildResult;
let secondZip: string;
let cliOutput: string;

beforeAll(async () => {
  root = await mkdtemp(join(tmpdir(), 'llm-api-build-'));
  first = await buildLlmApi(join(root, 'one'));
  // The second build goes through the CLI (what `nx run llm-api:build` runs), elsewhere, in another time zone.
  const secondDir = join(root, 'two', 'deeper');
  const cli = await run(process.execPath, ['--import', 'tsx', join(WORKSPACE_ROOT, 'apps/llm-api/build.ts'), secondDir], {
    cwd: WORKSPACE_ROOT,
    env: { ...process.env, TZ: 'Asia/Kolkata' },
  });
  cliOutput = cli.stdout;
  secondZip = join(secondDir, 'llm-api.zip');
}, 60_000);
afterAll(async () => {
  await rm(root, { recursive: true, force: true });
});

const sha256 = (path: string) => createHash('sha256').update(readFileSync(path)).digest('hex');

describe('buildLlmApi', () => {
  it('gives a byte-identical zip when built twice, whatever the output folder and time zone', () => {
    expect(sha256(secondZip)).toBe(sha256(first.zipPath));
    expect(first.zipSha256).toBe(sha256(first.zipPath));
  });

  it('prints the zip size and its verdict', () => {
    expect(cliOutput).toMatch(/zip {4}\S+llm-api\.zip {2}\d+\.\d KiB {2}\(target < 1 MiB: met\) {2}sha256 [0-9a-f]{64}/);
  });

  it('keeps the zip under 1 MiB', () => {
    expect(first.zipBytes).toBeLessThan(ZIP_LIMIT_BYTES);
  });

  it('zips index.js and its source map, sorted, with fixed times', () => {
    const entries = unzipSync(readFileSync(first.zipPath));

    expect(Object.keys(entries)).toEqual(['index.js', 'index.js.map']);
    expect(Buffer.from(entries['index.js']).equals(readFileSync(first.bundlePath))).toBe(true);
    const map = JSON.parse(Buffer.from(entries['index.js.map']).toString('utf8')) as { sources: string[]; sourcesContent?: unknown };
    expect(map.sources).toContain('apps/llm-api/src/handler.ts');
    expect(map.sourcesContent).toBeUndefined();
    // DOS date of 1980-01-01 in every local header: bytes 10..13 are time 0x0000 and date 0x0021.
    expect(readFileSync(first.zipPath).subarray(10, 14)).toEqual(Buffer.from([0, 0, 0x21, 0]));
  });

  it('bundles every dependency: the function needs nothing from node_modules or the runtime SDK', () => {
    const bundle = readFileSync(first.bundlePath, 'utf8');
    const requires = [...bundle.matchAll(/require\("([^"]+)"\)/g)].map((match) => match[1]);

    // The S3 client tries the CRT signer (SigV4a, multi-region access points only) inside a try/catch.
    const optional = new Set(['@aws-sdk/signature-v4-crt']);
    expect(requires.filter((name) => !name.startsWith('node:') && !BUILTINS.has(name) && !optional.has(name))).toEqual([]);
  });

  describe('the built index.js', () => {
    let fake: FakeOpenAi;
    let aws: FakeAws;
    beforeAll(async () => {
      fake = await startFakeOpenAi();
      aws = await startFakeAws(TEST_API_KEY);
    });
    afterAll(async () => {
      await fake.close();
      await aws.close();
    });

    const env = () => ({
      PATH: process.env.PATH ?? '',
      NODE_NO_WARNINGS: '1',
      AWS_REGION: 'eu-west-1',
      AWS_ACCESS_KEY_ID: 'AKIDFAKEFORTESTS',
      AWS_SECRET_ACCESS_KEY: 'fake-secret-for-tests',
      AWS_ENDPOINT_URL_S3: aws.url,
      AWS_ENDPOINT_URL_SECRETS_MANAGER: aws.url,
      OUTPUT_BUCKET_NAME: TEST_BUCKET,
      OPENAI_API_KEY_SECRET_ARN: TEST_SECRET_ARN,
      OPENAI_BASE_URL: fake.baseURL,
    });

    it('exports handler', async () => {
      const { stdout } = await run(process.execPath, ['-e', `process.stdout.write(typeof require(${JSON.stringify(first.bundlePath)}).handler)`], {
        env: env(),
      });

      expect(stdout).toBe('function');
    });

    it('fails to load with a message naming a missing variable', async () => {
      const { OUTPUT_BUCKET_NAME: _omitted, ...withoutBucket } = env();

      const failure = await run(process.execPath, ['-e', `require(${JSON.stringify(first.bundlePath)})`], { env: withoutBucket }).catch(
        (error: { stderr: string }) => error,
      );

      expect('stderr' in failure ? failure.stderr : '').toContain('OUTPUT_BUCKET_NAME is required');
    });

    it('answers a request end to end, reaching Secrets Manager and S3 through AWS_ENDPOINT_URL_*', async () => {
      const script = `require(${JSON.stringify(first.bundlePath)}).handler(${JSON.stringify(generateEvent({ prompt: 'bundle test' }))}, undefined)
        .then((result) => process.stdout.write('RESULT' + JSON.stringify(result)))`;

      const { stdout } = await run(process.execPath, ['-e', script], { env: env() });

      const result = JSON.parse(stdout.slice(stdout.indexOf('RESULT') + 6)) as { statusCode: number; body: string };
      expect(result.statusCode).toBe(200);
      const answer = JSON.parse(result.body) as { s3Key: string; output: string };
      expect(answer.output).toBe('echo: bundle test');
      expect(fake.requests[0].headers.authorization).toBe(`Bearer ${TEST_API_KEY}`);
      expect(aws.requests.some((request) => request.headers['x-amz-target'] === 'secretsmanager.GetSecretValue')).toBe(true);
      const stored = aws.objects.get(`/${TEST_BUCKET}/${answer.s3Key}`);
      expect(JSON.parse(stored ?? '{}')).toMatchObject({ request: { prompt: 'bundle test' }, response: { output: 'echo: bundle test' } });
      expect(stdout).not.toContain(TEST_API_KEY);
    });
  });
});

const BUILTINS = new Set(builtinModules);
