/**
 * `npm run policy` end to end: the real command in a child process (node --import tsx
 * apps/policy-gen/src/main.ts), the real `openai` client, and a fake OpenAI API on 127.0.0.1
 * (OPENAI_BASE_URL) answering with good, over-broad, malformed and unprovable output.
 */
import { permissionBoundaryDocument } from '@llm/constructs/iam';
import { spawn } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { POLICY_SCHEMA_NAME, REQUESTS_SCHEMA_NAME } from './answers';
import {
  ACCOUNT,
  BUCKET,
  DESCRIPTION,
  GOOD_POLICY,
  GOOD_REQUESTS,
  GOOD_REQUESTS_WITHIN_BOUNDARY,
  NOT_JSON,
  OVER_BROAD_POLICY,
  SCHEMA_VIOLATION,
  SECRET,
  UNPROVABLE_REQUESTS,
} from './testing/scripted-answers';
import { startFakeOpenAi, type FakeOpenAi } from '@llm/model/testing';

const WORKSPACE = resolve(__dirname, '..', '..', '..');

interface Run {
  readonly code: number | null;
  readonly stdout: string;
  readonly stderr: string;
}

/** Runs the command as `npm run policy --` does, with a clean OpenAI environment plus `env`. */
function policy(args: readonly string[], env: Record<string, string | undefined> = {}): Promise<Run> {
  const base = Object.fromEntries(Object.entries(process.env).filter(([key]) => !key.startsWith('OPENAI_') && key !== 'FORCE_COLOR'));
  return new Promise((done, fail) => {
    // Asynchronous on purpose: the fake server runs in this process and must keep answering.
    const merged = Object.fromEntries(Object.entries({ ...base, ...env }).filter((entry): entry is [string, string] => entry[1] !== undefined));
    const child = spawn(process.execPath, ['--import', 'tsx', 'apps/policy-gen/src/main.ts', ...args], { cwd: WORKSPACE, env: merged });
    let stdout = '';
    let stderr = '';
    child.stdout.on('data', (chunk: Buffer) => (stdout += chunk.toString()));
    child.stderr.on('data', (chunk: Buffer) => (stderr += chunk.toString()));
    child.on('error', fail);
    child.on('close', (code) => done({ code, stdout, stderr }));
  });
}

const RESOURCES = ['--resource', BUCKET, '--resource', SECRET];

describe('npm run policy', () => {
  let fake: FakeOpenAi;
  const dir = mkdtempSync(join(tmpdir(), 'policy-gen-'));
  const withFake = (extra: Record<string, string> = {}) => ({ OPENAI_BASE_URL: fake.baseURL, OPENAI_API_KEY: 'test', OPENAI_MODEL: 'gpt-test', ...extra });
  const inputs = (schema: string) =>
    fake.requests.filter((request) => (request.body.text as { format: { name: string } }).format.name === schema).map((request) => String(request.body.input));

  beforeEach(async () => {
    fake = await startFakeOpenAi();
  });
  afterEach(async () => {
    expect(fake.pending()).toEqual({});
    await fake.close();
  });
  afterAll(() => rmSync(dir, { recursive: true, force: true }));
  const notAPolicy = join(dir, 'not-a-policy.json');
  writeFileSync(notAPolicy, JSON.stringify({ Version: '2012-10-17', Statement: [{ Effect: 'Allow', Principal: '*', Action: '*', Resource: '*' }] }));

  it('prints the proven policy, the proof table and the grant snippet, and writes --out (exit 0)', async () => {
    fake.enqueue(POLICY_SCHEMA_NAME, { text: GOOD_POLICY });
    fake.enqueue(REQUESTS_SCHEMA_NAME, { text: GOOD_REQUESTS });
    const out = join(dir, 'out', 'policy.json');

    const result = await policy([DESCRIPTION, ...RESOURCES, '--out', out], withFake());

    expect(result.code).toBe(0);
    expect(result.stdout).toContain('Policy (proven, attempt 1 of 2):');
    expect(result.stdout).toContain('Proof: 9 requests decided by @llm/iam-eval on the policy alone (no --boundary):');
    expect(result.stdout).toMatch(
      /ok\s+allow\s+allowed\s+s3:PutObject\s+arn:aws:s3:::llm-platform-dev-us-east-1-generations-111111111111\/generations\/2026\/09\/26\/abc\.json\s+aws:RequestedRegion=us-east-1\s+WriteGenerations/,
    );
    expect(result.stdout).toMatch(
      /ok\s+deny\s+implicitly-denied\s+s3:ListBucket\s+\S+\s+aws:RequestedRegion=us-east-1 s3:prefix=private\/\s+\(no statement allows it\)\n/,
    );
    expect(result.stdout).not.toContain('FAIL');
    expect(result.stdout).toContain(
      `role.addStatement({\n  Sid: 'ListGenerations',\n  Effect: 'Allow',\n  Action: ['s3:ListBucket'],\n  Resource: ['${BUCKET}'],\n  Condition: {\n    StringLike: {\n      's3:prefix': 'generations/*',\n    },\n  },\n});`,
    );
    expect(JSON.parse(readFileSync(out, 'utf8'))).toEqual({
      Version: '2012-10-17',
      Statement: [
        { Sid: 'WriteGenerations', Effect: 'Allow', Action: ['s3:PutObject'], Resource: [`${BUCKET}/generations/*`] },
        { Sid: 'ListGenerations', Effect: 'Allow', Action: ['s3:ListBucket'], Resource: [BUCKET], Condition: { StringLike: { 's3:prefix': 'generations/*' } } },
        { Sid: 'ReadApiKey', Effect: 'Allow', Action: ['secretsmanager:GetSecretValue'], Resource: [SECRET] },
      ],
    });
    expect(result.stderr).toContain(`policy: wrote ${out}`);
    // The real client sent structured-output requests: strict JSON Schemas, the model, the rules and the resources.
    expect(fake.requests.map((request) => request.body.model)).toEqual(['gpt-test', 'gpt-test']);
    expect(fake.requests.map((request) => request.body.text)).toEqual([
      { format: expect.objectContaining({ type: 'json_schema', name: POLICY_SCHEMA_NAME, strict: true }) },
      { format: expect.objectContaining({ type: 'json_schema', name: REQUESTS_SCHEMA_NAME, strict: true }) },
    ]);
    expect(String(fake.requests[0].body.instructions)).toContain('Never use wildcards in actions');
    expect(inputs(POLICY_SCHEMA_NAME)[0]).toContain(`- ${SECRET}`);
    expect(inputs(REQUESTS_SCHEMA_NAME)[0]).toContain('"Sid": "WriteGenerations"');
  }, 30_000);

  it('proves the policy within a permission boundary given with --boundary', async () => {
    const boundary = join(dir, 'boundary.json');
    writeFileSync(
      boundary,
      JSON.stringify(
        permissionBoundaryDocument({
          policyName: 'llm-platform-dev-global-permission-boundary',
          boundaryArn: `arn:aws:iam::${ACCOUNT}:policy/llm-platform-dev-global-permission-boundary`,
          allowedRegions: ['us-east-1'],
          stateBucketArn: `arn:aws:s3:::llm-platform-dev-bootstrap-tfstate-${ACCOUNT}`,
          iamNamePrefix: 'llm-platform-dev-',
          accountId: ACCOUNT,
        }),
      ),
    );
    fake.enqueue(POLICY_SCHEMA_NAME, { text: GOOD_POLICY });
    fake.enqueue(REQUESTS_SCHEMA_NAME, { text: GOOD_REQUESTS_WITHIN_BOUNDARY });

    const result = await policy([DESCRIPTION, ...RESOURCES, '--boundary', boundary], withFake());

    expect(result.code).toBe(0);
    expect(result.stdout).toContain(`on the policy within the permission boundary ${boundary}:`);
    expect(result.stdout).toMatch(
      /ok\s+allow\s+allowed\s+s3:PutObject\s+\S+\s+aws:RequestedRegion=us-east-1\s+WriteGenerations, boundary:AllowWithinBoundary\n/,
    );
    expect(result.stdout).toMatch(
      /ok\s+deny\s+explicitly-denied\s+s3:PutObject\s+\S+\s+aws:RequestedRegion=ap-southeast-2\s+boundary:DenyOutsideEnvironmentRegions\n/,
    );
  }, 30_000);

  it("feeds an over-broad policy's problems back once, and accepts the fixed one (exit 0)", async () => {
    fake.enqueue(POLICY_SCHEMA_NAME, { text: OVER_BROAD_POLICY }, { text: GOOD_POLICY });
    fake.enqueue(REQUESTS_SCHEMA_NAME, { text: GOOD_REQUESTS });

    const result = await policy([DESCRIPTION, ...RESOURCES], withFake());

    expect(result.code).toBe(0);
    expect(result.stdout).toContain('Policy (proven, attempt 2 of 2):');
    expect(result.stderr).toContain('policy: rejected (attempt 1 of 2): 3 problems');
    const retry = inputs(POLICY_SCHEMA_NAME)[1];
    expect(retry).toContain('Your previous answer was rejected:');
    expect(retry).toContain(OVER_BROAD_POLICY);
    expect(retry).toContain('- Statement[0] (Sid Storage): grants the action wildcard "s3:*"; list the actions the workload needs');
    expect(retry).toContain('- Statement[0] (Sid Storage): grants arn:aws:s3:::*, which is not one of the given resources');
    expect(retry).toContain(
      '- Statement[1] (Sid Secrets): grants secretsmanager:GetSecretValue on Resource "*", but it supports resource-level permissions (Secret); name the resources',
    );
  }, 30_000);

  it("gives up on a policy rejected twice, with both attempts' problems, and writes nothing (exit 3)", async () => {
    fake.enqueue(POLICY_SCHEMA_NAME, { text: OVER_BROAD_POLICY }, { text: OVER_BROAD_POLICY });
    const out = join(dir, 'rejected.json');

    const result = await policy([DESCRIPTION, ...RESOURCES, '--out', out], withFake());

    expect(result.code).toBe(3);
    expect(result.stdout).toContain('Attempt 1: model output invalid\n  - Statement[0] (Sid Storage): grants the action wildcard "s3:*"');
    expect(result.stdout).toContain('Attempt 2: model output invalid\n');
    expect(result.stdout).toContain('Policy of attempt 2 (not accepted):');
    expect(result.stderr).toContain('policy: gave up after 2 attempts (at most 2): the model output is invalid');
    expect(existsSync(out)).toBe(false);
    expect(inputs(REQUESTS_SCHEMA_NAME)).toEqual([]);
  }, 30_000);

  it('rejects output that is not JSON, or JSON outside the schema (exit 3)', async () => {
    fake.enqueue(POLICY_SCHEMA_NAME, { text: NOT_JSON }, { text: SCHEMA_VIOLATION });

    const result = await policy([DESCRIPTION, ...RESOURCES], withFake());

    expect(result.code).toBe(3);
    expect(result.stdout).toMatch(/Attempt 1: model output invalid\n {2}- the policy answer is not JSON \(.+\): "Sure! Here is the policy you asked for: /);
    expect(result.stdout).toContain('- the policy answer does not fit its schema at statements.0.sid: must be letters and digits only');
    expect(result.stdout).toContain('- the policy answer does not fit its schema at statements.0.effect: Invalid option: expected one of "Allow"|"Deny"');
    expect(result.stdout).toContain(
      '- the policy answer does not fit its schema at statements.0.conditions: Invalid input: expected array, received undefined',
    );
    expect(inputs(POLICY_SCHEMA_NAME)[1]).toContain('the policy answer is not JSON');
  }, 30_000);

  it('treats a refusal and a cut-off answer as invalid output (exit 3)', async () => {
    fake.enqueue(POLICY_SCHEMA_NAME, { refusal: 'I cannot help with that.' }, { incomplete: '{"statements": [' });

    const result = await policy([DESCRIPTION, ...RESOURCES], withFake());

    expect(result.code).toBe(3);
    expect(result.stdout).toContain('- the model refused to write the policy: I cannot help with that.');
    expect(result.stdout).toContain('- the answer for the policy was cut off (max_output_tokens)');
  }, 30_000);

  it('retries when the proof requests are malformed, then proves (exit 0)', async () => {
    fake.enqueue(POLICY_SCHEMA_NAME, { text: GOOD_POLICY }, { text: GOOD_POLICY });
    fake.enqueue(REQUESTS_SCHEMA_NAME, { text: JSON.stringify({ must_allow: [], must_deny: 'none' }) }, { text: GOOD_REQUESTS });

    const result = await policy([DESCRIPTION, ...RESOURCES], withFake());

    expect(result.code).toBe(0);
    expect(result.stderr).toContain('policy: rejected (attempt 1 of 2): 2 problems');
    expect(inputs(POLICY_SCHEMA_NAME)[1]).toContain(
      '- the proof requests answer does not fit its schema at must_allow: must list at least one request the policy allows',
    );
  }, 30_000);

  it('gives up when the policy cannot be proven twice, showing the failing requests (exit 4)', async () => {
    fake.enqueue(POLICY_SCHEMA_NAME, { text: GOOD_POLICY }, { text: GOOD_POLICY });
    fake.enqueue(REQUESTS_SCHEMA_NAME, { text: UNPROVABLE_REQUESTS }, { text: UNPROVABLE_REQUESTS });

    const result = await policy([DESCRIPTION, ...RESOURCES], withFake());

    expect(result.code).toBe(4);
    expect(result.stdout).toContain(
      `Attempt 1: could not prove\n  - must allow s3:GetObject on ${BUCKET}/generations/a.json, but it is implicitly-denied: implicitly denied: no identity policy statement allows s3:GetObject`,
    );
    expect(result.stdout).toContain(
      `  - must deny s3:PutObject on ${BUCKET}/generations/b.json, but it is allowed: allowed by identity:generated:WriteGenerations`,
    );
    expect(result.stdout).toMatch(/FAIL\s+allow\s+implicitly-denied\s+s3:GetObject/);
    expect(result.stdout).toMatch(/FAIL\s+deny\s+allowed\s+s3:PutObject/);
    expect(result.stderr).toContain('policy: gave up after 2 attempts (at most 2): the policy could not be proven');
    expect(inputs(POLICY_SCHEMA_NAME)[1]).toContain('must allow s3:GetObject');
  }, 30_000);

  it("exits 1 with the API's message when OpenAI refuses the request", async () => {
    const result = await policy([DESCRIPTION, ...RESOURCES], withFake({ OPENAI_API_KEY: 'wrong' }));

    expect(result.code).toBe(1);
    expect(result.stderr).toContain('policy: the OpenAI request for the policy failed: HTTP 401: 401 Incorrect API key provided.');
    expect(result.stdout).toBe('');
  }, 30_000);

  it.each([
    ['no description', [...RESOURCES], {}, 'say what the workload must do'],
    ['a description in several words', ['write', 'records', ...RESOURCES], {}, 'give the description as one quoted argument'],
    ['no resource', [DESCRIPTION], {}, 'name at least one resource'],
    ['a resource that is no ARN', [DESCRIPTION, '--resource', 'my-bucket'], {}, '--resource must be an ARN'],
    ['an unknown option', [DESCRIPTION, ...RESOURCES, '--region', 'x'], {}, "Unknown option '--region'"],
    ['no model', [DESCRIPTION, ...RESOURCES], { OPENAI_MODEL: undefined }, 'no model: pass --model or set OPENAI_MODEL'],
    ['no API key', [DESCRIPTION, ...RESOURCES], { OPENAI_API_KEY: undefined }, 'OPENAI_API_KEY is not set'],
    [
      'a boundary file that is missing',
      [DESCRIPTION, ...RESOURCES, '--boundary', '/nonexistent/b.json'],
      {},
      '--boundary /nonexistent/b.json: cannot read it (ENOENT)',
    ],
    [
      'a boundary file that is no identity policy',
      [DESCRIPTION, ...RESOURCES, '--boundary', notAPolicy],
      {},
      'not an identity policy: Statement[0]: Unrecognized key: "Principal"',
    ],
  ])(
    'exits 2 on %s, saying what to do',
    async (_what, args, env, message) => {
      const result = await policy(args, { OPENAI_API_KEY: 'test', OPENAI_MODEL: 'gpt-test', OPENAI_BASE_URL: fake.baseURL, ...env });

      expect(result.code).toBe(2);
      expect(result.stderr).toContain(message);
      expect(result.stderr).toMatch(/\(see --help\)\n$/);
      expect(fake.requests).toEqual([]);
    },
    30_000,
  );

  it('prints its usage with --help (exit 0)', async () => {
    const result = await policy(['--help']);

    expect(result.code).toBe(0);
    expect(result.stdout).toContain('Exit codes: 0 generated and proven, 2 usage error, 3 model output invalid');
  }, 30_000);
});
