/**
 * `npm run infra` end to end: the real command in a child process, the real `openai` client, a
 * fake OpenAI API on 127.0.0.1 (OPENAI_BASE_URL) answering with scripted changes, and the real
 * synthesis, offline terraform plans, review and cost estimate of the affected environment only.
 */
import { ENVIRONMENTS } from '@llm/environments';
import { describeWithTerraform } from '@llm/terraform/testing';
import { execFileSync, spawn, spawnSync } from 'node:child_process';
import { cpSync, existsSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, symlinkSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join, resolve } from 'node:path';
import { startFakeOpenAi, type FakeOpenAi } from '@llm/model/testing';
import { CHANGE_SCHEMA_NAME } from './schema';
import {
  ACCOUNT_DESCRIPTION,
  ADD_REGION,
  ADD_REGION_DESCRIPTION,
  ADD_REGION_OVERLAPPING,
  ADD_REGION_SOURCE_LINE,
  NEW_STAGING_REGION,
  OVERLAP_PROBLEM,
  AWS_SECRET_KEY_IN_ANSWER,
  AWS_SECRET_TAG,
  CHANGE_ACCOUNT,
  MEMORY_DESCRIPTION,
  MEMORY_DEV,
  NAT_DESCRIPTION,
  OPENAI_KEY_IN_ANSWER,
  PER_AZ_NAT_DEV,
  READDRESS_DESCRIPTION,
  READDRESS_DEV,
  REMOVE_REGION,
  REMOVE_REGION_DESCRIPTION,
  SECRET_DESCRIPTION,
  SECRET_TAG,
} from './testing/scripted-answers';

const WORKSPACE = resolve(__dirname, '..', '..', '..');
const SLOW = 300_000;
/** Distinct, so that a test can tell it was never printed. */
const API_KEY = `fake-openai-key-${process.pid}-never-printed`;

interface Run {
  readonly code: number | null;
  readonly stdout: string;
  readonly stderr: string;
}

/** Runs the command as `npm run infra --` does, in `root`, with a clean OpenAI environment plus `env`. */
function infra(args: readonly string[], env: Record<string, string>, root = WORKSPACE): Promise<Run> {
  const base = Object.fromEntries(Object.entries(process.env).filter(([key]) => !key.startsWith('OPENAI_') && key !== 'FORCE_COLOR'));
  return new Promise((done, fail) => {
    // Asynchronous on purpose: the fake server runs in this process and must keep answering.
    const child = spawn(process.execPath, ['--import', 'tsx', 'apps/infra-gen/src/main.ts', ...args], { cwd: root, env: { ...base, ...env } });
    let stdout = '';
    let stderr = '';
    child.stdout.on('data', (chunk: Buffer) => (stdout += chunk.toString()));
    child.stderr.on('data', (chunk: Buffer) => (stderr += chunk.toString()));
    child.on('error', fail);
    child.on('close', (code) => done({ code, stdout, stderr }));
  });
}

/** The text of every file a run wrote under `dir`, Terraform's provider folders left out. */
function filesUnder(dir: string): { readonly file: string; readonly text: string }[] {
  return readdirSync(dir, { withFileTypes: true }).flatMap((entry) => {
    const path = join(dir, entry.name);
    if (entry.isDirectory()) return entry.name === '.terraform' ? [] : filesUnder(path);
    return entry.isFile() ? [{ file: path, text: readFileSync(path, 'latin1') }] : [];
  });
}

/** The environments the answer schema of a recorded request lets the model name. */
function offeredEnvironments(request: FakeOpenAi['requests'][number]): unknown {
  const format = (request.body.text as { format: { schema: { properties: { environment: { enum: unknown } } } } }).format;
  return format.schema.properties.environment.enum;
}

describeWithTerraform('npm run infra', () => {
  let fake: FakeOpenAi;
  const out = mkdtempSync(join(tmpdir(), 'infra-gen-'));
  const withFake = () => ({ OPENAI_BASE_URL: fake.baseURL, OPENAI_API_KEY: API_KEY, OPENAI_MODEL: 'gpt-test' });
  const inputs = () => fake.requests.map((request) => String(request.body.input));
  const source = (env: string) => readFileSync(join(WORKSPACE, 'environments', env, 'config.ts'), 'utf8');

  beforeEach(async () => {
    fake = await startFakeOpenAi({ apiKey: API_KEY });
  });
  afterEach(async () => {
    // Closed first: a failed expectation must not leave the server holding jest open.
    const pending = fake.pending();
    await fake.close();
    expect(pending).toEqual({});
  });
  afterAll(() => rmSync(out, { recursive: true, force: true }));

  it(
    'proves a region added to staging: the new stack planned, the boundary of the global stack updated (exit 0)',
    async () => {
      const before = source('staging');
      fake.enqueue(CHANGE_SCHEMA_NAME, { text: ADD_REGION });
      const dir = join(out, 'good');

      // No --accept: the boundary's policy lists the regions (an update in place); nothing is replaced or destroyed.
      const result = await infra([ADD_REGION_DESCRIPTION, '--env', 'staging', '--out-dir', dir], withFake());

      expect(result.code).toBe(0);
      expect(result.stdout).toContain(`Change to staging (proven, attempt 1 of 2): Adds ${NEW_STAGING_REGION}`);
      expect(result.stdout).toMatch(new RegExp(`staging-${NEW_STAGING_REGION}\\s+added\\s+\\d+\\s+0\\s+0\\s+0`));
      expect(result.stdout).toMatch(/staging-global\s+changed/);
      expect(result.stdout).toMatch(/staging-eu-west-1\s+unchanged/);
      expect(result.stdout).not.toContain('PermissionBoundary_Policy_7B277417: replaced');
      expect(result.stdout).not.toContain('accepted (--accept)');
      expect(result.stdout).not.toContain('FAIL');
      expect(result.stdout).toMatch(/staging: \$[\d.]+ -> \$[\d.]+ a month \(\+\$[\d.]+\), budget \$300\.00 .*within budget/);
      expect(result.stdout).toContain(`+    ${ADD_REGION_SOURCE_LINE}\n   ],`);
      // The instructions carry the project's rules and the schema derived from the zod schema.
      expect(String(fake.requests[0].body.instructions)).toContain('must not overlap');
      expect(String(fake.requests[0].body.instructions)).toContain('"availabilityZones"');
      expect(fake.requests[0].body.text).toEqual({ format: expect.objectContaining({ type: 'json_schema', name: CHANGE_SCHEMA_NAME, strict: true }) });
      const patches = readdirSync(dir).filter((file) => /^infra-staging-.*\.patch$/.test(file));
      expect(patches).toHaveLength(1);
      expect(readFileSync(join(dir, patches[0]), 'utf8')).toMatch(/^--- a\/environments\/staging\/config\.ts\n\+\+\+ b\/environments\/staging\/config\.ts\n@@/);
      expect(spawnSync('git', ['apply', '--check', join(dir, patches[0])], { cwd: WORKSPACE, encoding: 'utf8' }).status).toBe(0);
      expect(source('staging')).toBe(before);
    },
    SLOW,
  );

  it(
    'refuses an overlapping CIDR before any plan, sends the problems back and proves the fixed answer',
    async () => {
      fake.enqueue(CHANGE_SCHEMA_NAME, { text: ADD_REGION_OVERLAPPING }, { text: ADD_REGION });

      const result = await infra([ADD_REGION_DESCRIPTION, '--env', 'staging', '--accept', 'destructive', '--out-dir', join(out, 'cidr')], withFake());

      expect(result.code).toBe(0);
      expect(result.stderr).toContain('rejected (attempt 1 of 2): 1 problem');
      expect(result.stdout).toContain('(proven, attempt 2 of 2)');
      expect(inputs()[1]).toContain(OVERLAP_PROBLEM);
      expect(result.stderr.match(/synthesizing/g)).toHaveLength(1);
    },
    SLOW,
  );

  it(
    'finds the replacements of a re-addressed VPC and refuses them without --accept destructive (exit 4), proves them with it',
    async () => {
      fake.enqueue(CHANGE_SCHEMA_NAME, { text: READDRESS_DEV }, { text: READDRESS_DEV });

      const refused = await infra([READDRESS_DESCRIPTION, '--env', 'dev', '--out-dir', join(out, 'danger')], withFake());

      expect(refused.code).toBe(4);
      expect(refused.stdout).toContain('destructive: dev-us-east-1 aws_vpc.Vpc_FB0DB6AD: replaced (destroy before create): cidr_block forces replacement');
      expect(refused.stdout).toMatch(/dev-us-east-1\s+changed\s+0\s+\d+\s+0\s+[1-9]\d*/);
      expect(inputs()[1]).toContain('--accept destructive');

      fake.enqueue(CHANGE_SCHEMA_NAME, { text: READDRESS_DEV });
      const accepted = await infra([READDRESS_DESCRIPTION, '--env', 'dev', '--accept', 'destructive', '--out-dir', join(out, 'danger')], withFake());

      expect(accepted.code).toBe(0);
      expect(accepted.stdout).toContain('accepted (--accept) destructive: dev-us-east-1 aws_vpc.Vpc_FB0DB6AD: replaced');
    },
    SLOW,
  );

  it(
    'plans a staging region removed as a destroy and refuses it without --accept destructive (exit 4); the global stack is updated in place',
    async () => {
      const before = source('staging');
      fake.enqueue(CHANGE_SCHEMA_NAME, { text: REMOVE_REGION }, { text: REMOVE_REGION });
      const dir = join(out, 'remove');

      const result = await infra([REMOVE_REGION_DESCRIPTION, '--env', 'staging', '--out-dir', dir], withFake());

      expect(result.code).toBe(4);
      expect(result.stderr).toContain('staging-us-east-1 (removed)');
      expect(result.stdout).toMatch(/staging-us-east-1\s+removed\s+0\s+0\s+[1-9]\d*\s+0/);
      expect(result.stdout).toMatch(/FAIL destructive: staging-us-east-1 aws_vpc\.Vpc_\w+: /);
      expect(result.stdout).toMatch(/staging-global\s+changed\s+0\s+[1-9]\d*\s+0\s+0/);
      expect(result.stdout).toMatch(/staging-eu-west-1\s+unchanged/);
      expect(result.stdout).not.toContain('destructive: staging-global');
      expect(result.stdout).not.toContain('destructive: staging-eu-west-1');
      // The model is told the destroy needs a person's --accept (the hint lists every failing kind).
      expect(inputs()[1]).toMatch(/--accept [a-z,]*destructive/);
      // The permission boundary's document lists the regions: one less, changed in place, never replaced.
      const [run] = readdirSync(dir).filter((name) => name.startsWith('staging-'));
      const plan = JSON.parse(readFileSync(join(dir, run, 'attempt-2', 'after', 'stacks', 'staging-global', 'plan.json'), 'utf8')) as {
        resource_changes: { address: string; type: string; change: { actions: string[] } }[];
      };
      const boundary = plan.resource_changes.filter((change) => change.type === 'aws_iam_policy' && change.address.includes('PermissionBoundary'));
      expect(boundary.map((change) => change.change.actions)).toEqual([['update']]);
      expect(source('staging')).toBe(before);
    },
    SLOW,
  );

  it(
    'proves a change in the environment the model names when --env is not given, names it, and never prints the API key',
    async () => {
      fake.enqueue(CHANGE_SCHEMA_NAME, { text: MEMORY_DEV });
      const dir = join(out, 'any-env');

      const result = await infra([MEMORY_DESCRIPTION, '--out-dir', dir], withFake());

      expect(result.code).toBe(0);
      expect(result.stderr).toContain('change valid (1 operation on dev)');
      expect(result.stdout).toContain("Change to dev (proven, attempt 1 of 2): Gives dev's function 1024 MB.");
      expect(result.stdout).toContain('Configuration diff (environments/dev/config.ts):');
      expect(result.stdout).toMatch(/dev-us-east-1\s+changed\s+0\s+[1-9]\d*\s+0\s+0/);
      expect(readdirSync(dir).filter((file) => /^infra-dev-.*\.patch$/.test(file))).toHaveLength(1);
      // The model was offered every environment, and asked to pick one.
      expect(offeredEnvironments(fake.requests[0])).toEqual(ENVIRONMENTS.map((env) => env.name));
      expect(inputs()[0]).toContain(`Change one environment of: ${ENVIRONMENTS.map((env) => env.name).join(', ')}.`);
      // The key reached the API, and nothing else: not the output, not a file of the run.
      expect(fake.requests[0].headers.authorization).toBe(`Bearer ${API_KEY}`);
      expect(result.stdout).not.toContain(API_KEY);
      expect(result.stderr).not.toContain(API_KEY);
      const written = filesUnder(dir);
      expect(written.length).toBeGreaterThan(10);
      expect(written.filter(({ text }) => text.includes(API_KEY)).map(({ file }) => file)).toEqual([]);
    },
    SLOW,
  );

  it('refuses an answer for another environment than --env names, before any plan (exit 3)', async () => {
    fake.enqueue(CHANGE_SCHEMA_NAME, { text: ADD_REGION }, { text: ADD_REGION });
    const dir = join(out, 'other-env');

    const result = await infra([ADD_REGION_DESCRIPTION, '--env', 'dev', '--out-dir', dir], withFake());

    expect(result.code).toBe(3);
    expect(result.stdout).toContain('the change is for environment "staging", but only "dev" may be changed (--env dev)');
    expect(result.stderr).toContain('gave up after 2 attempts (at most 2): the model output is invalid');
    expect(result.stderr).not.toContain('synthesizing');
    expect(existsSync(dir)).toBe(false);
    // Strict mode would not even let a real model name staging: the schema offers dev alone.
    expect(fake.requests.map(offeredEnvironments)).toEqual([['dev'], ['dev']]);
    expect(inputs()[0]).toContain('Change environment "dev" only.');
    expect(inputs()[0]).not.toContain('Environment "staging" now');
    expect(inputs()[1]).toContain('only "dev" may be changed');
  }, 60_000);

  it('refuses secrets in the configuration before any synthesis (exit 3) and never prints them', async () => {
    fake.enqueue(CHANGE_SCHEMA_NAME, { text: SECRET_TAG }, { text: AWS_SECRET_TAG });
    const dir = join(out, 'secret');

    const result = await infra([SECRET_DESCRIPTION, '--env', 'dev', '--out-dir', dir], withFake());

    expect(result.code).toBe(3);
    expect(result.stdout).toContain('operation 1 (replace /tags/owner): the value holds what looks like a secret (an OpenAI API key)');
    expect(result.stdout).toContain('operation 1 (replace /tags/costCenter): the value holds what looks like a secret (an AWS secret access key)');
    expect(result.stdout).toContain('  replace /tags/owner = (withheld: looks like an OpenAI API key)');
    expect(result.stderr).toContain('rejected (attempt 2 of 2): 1 problem');
    expect(result.stderr).not.toContain('synthesizing');
    expect(inputs()[1]).toContain('looks like a secret (an OpenAI API key)');
    for (const secret of [OPENAI_KEY_IN_ANSWER, AWS_SECRET_KEY_IN_ANSWER]) {
      expect(result.stdout).not.toContain(secret);
      expect(result.stderr).not.toContain(secret);
    }
    // Nothing was written under --out-dir, so no file can hold them either.
    expect(existsSync(dir)).toBe(false);
  }, 60_000);

  it('exits 2 on a usage error of the real command with one line and no stack trace', async () => {
    for (const [args, line] of [
      [
        [MEMORY_DESCRIPTION, '--env', 'no-such-env'],
        `infra: --env: unknown environment "no-such-env"; known: ${ENVIRONMENTS.map((env) => env.name).join(', ')} (see --help)\n`,
      ],
      [[MEMORY_DESCRIPTION, '--force'], expect.stringMatching(/^infra: Unknown option '--force'\.[^\n]* \(see --help\)\n$/)],
    ] as const) {
      const result = await infra(args, withFake());

      expect({ code: result.code, stdout: result.stdout, stderr: result.stderr }).toEqual({ code: 2, stdout: '', stderr: line });
    }
    expect(fake.requests).toHaveLength(0);
  }, 60_000);

  it('refuses a change of the account id before any plan (exit 3)', async () => {
    fake.enqueue(CHANGE_SCHEMA_NAME, { text: CHANGE_ACCOUNT }, { text: CHANGE_ACCOUNT });

    const result = await infra([ACCOUNT_DESCRIPTION, '--env', 'dev', '--out-dir', join(out, 'scope')], withFake());

    expect(result.code).toBe(3);
    expect(result.stdout).toContain('/accountId may not be changed by this tool');
    expect(result.stderr).not.toContain('synthesizing');
    expect(existsSync(join(out, 'scope'))).toBe(false);
  }, 60_000);

  it(
    'refuses a NAT gateway per zone in dev by cost: over its $100 budget (exit 4)',
    async () => {
      fake.enqueue(CHANGE_SCHEMA_NAME, { text: PER_AZ_NAT_DEV }, { text: PER_AZ_NAT_DEV });

      const result = await infra([NAT_DESCRIPTION, '--env', 'dev', '--out-dir', join(out, 'cost')], withFake());

      expect(result.code).toBe(4);
      expect(result.stdout).toMatch(/FAIL cost: the monthly estimate of \$\d+\.\d\d \(\+\$\d+\.\d\d\) is above the budget of \$100\.00/);
      expect(result.stdout).toContain('OVER BUDGET');
    },
    SLOW,
  );

  it(
    '--apply-to-source edits the configuration of a copy of the repository, keeps its comments and type-checks',
    async () => {
      const copy = mkdtempSync(join(tmpdir(), 'infra-gen-repo-'));
      try {
        const files = execFileSync('git', ['ls-files', '--cached', '--others', '--exclude-standard', '-z'], { cwd: WORKSPACE, encoding: 'utf8' })
          .split('\0')
          .filter(Boolean);
        for (const file of files) {
          if (!existsSync(join(WORKSPACE, file))) continue;
          mkdirSync(dirname(join(copy, file)), { recursive: true });
          cpSync(join(WORKSPACE, file), join(copy, file));
        }
        symlinkSync(join(WORKSPACE, 'node_modules'), join(copy, 'node_modules'));
        // The bundles the regional stacks package, built by the test setup.
        symlinkSync(join(WORKSPACE, 'dist'), join(copy, 'dist'));
        fake.enqueue(CHANGE_SCHEMA_NAME, { text: MEMORY_DEV });

        const result = await infra([MEMORY_DESCRIPTION, '--env', 'dev', '--apply-to-source', '--out-dir', join(out, 'apply')], withFake(), copy);

        expect(result.code).toBe(0);
        expect(result.stderr).toContain('edited environments/dev/config.ts and validated it again');
        const edited = readFileSync(join(copy, 'environments', 'dev', 'config.ts'), 'utf8');
        expect(edited).toContain("lambda: { memoryMb: 1024, timeoutSeconds: 29, architecture: 'arm64', packaging: 'zip' },");
        expect(edited).toContain("// What the cost estimate assumes (README, What it costs): developers' traffic.");
        expect(edited).toContain('requestsPerMonth: 20_000');
        expect(edited.split('\n')).toHaveLength(source('dev').split('\n').length);
        expect(source('dev')).toContain('memoryMb: 512');
        const typecheck = spawnSync(join(WORKSPACE, 'node_modules', '.bin', 'tsc'), ['-p', 'tsconfig.json', '--noEmit'], { cwd: copy, encoding: 'utf8' });
        expect(typecheck.stdout + typecheck.stderr).toBe('');
        expect(typecheck.status).toBe(0);
      } finally {
        rmSync(copy, { recursive: true, force: true });
      }
    },
    SLOW,
  );
});
