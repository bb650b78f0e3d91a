/**
 * The edges of the repository's commands, as real processes: a usage error (an unknown option, an
 * --env or --stack the configuration lacks, a ref that names no commit) exits 2 in one line before
 * anything is built; every command's --help names every option it parses. And a real synthesis
 * into a scratch output folder: the run replaces only the folders of the stacks it plans, and a
 * stack planned again after a re-synthesis of unchanged configuration runs no terraform init.
 */
import { spawnSync } from 'node:child_process';
import { existsSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { findProviderMirror, planStack, terraformEnvironment, writeCliConfig, type StackPlanResult } from '@llm/terraform';
import { describeWithTerraform } from '@llm/terraform/testing';
import { configuredEnvironments, selectStacks } from './selection';
import { synthesizeStacks } from './synth';

const WORKSPACE = resolve(__dirname, '..', '..', '..');
/** The environments in order, as the usage errors name them: from the configuration, so adding one breaks no test. */
const KNOWN = configuredEnvironments()
  .map((env) => env.name)
  .join(', ');

function run(entry: string, args: readonly string[]) {
  const result = spawnSync(process.execPath, ['--import', 'tsx', entry, ...args], { cwd: WORKSPACE, encoding: 'utf8', timeout: 60_000 });
  return { status: result.status, stdout: result.stdout, stderr: result.stderr.trim() };
}

describe('usage errors', () => {
  it.each([
    ['apps/planner/src/main.ts', ['--env', 'nope'], `--env: unknown environment(s) nope; known: ${KNOWN}`],
    ['apps/planner/src/main.ts', ['--stack', 'nope'], /^--stack: unknown stack\(s\) nope; known: dev-bootstrap, /],
    ['apps/planner/src/main.ts', ['--env', 'dev', '--stack', 'prod-global'], /^--stack: stack\(s\) prod-global not of the selected environment\(s\) dev; /],
    ['apps/planner/src/deploy/main.ts', ['--env', 'nope'], `--env: unknown environment(s) nope; known: ${KNOWN}`],
  ])('%s %j: one line, exit 2, nothing built or synthesized', (entry, args, message) => {
    const result = run(entry, args);

    expect(result.status).toBe(2);
    expect(result.stderr.split('\n')).toEqual([typeof message === 'string' ? message : expect.stringMatching(message)]);
    expect(result.stdout).toBe('');
  });

  it.each([
    ['tools/ci-local.ts', ['--base', 'no-such-ref', '--dry-run'], 'ci: --base no-such-ref names no commit'],
    ['tools/affected-environments.ts', ['--base', 'no-such-ref'], 'affected-environments: --base no-such-ref names no commit'],
    ['tools/plan-environment.ts', ['--env', 'nope', '--offline'], 'plan-environment: unknown environment "nope"'],
  ])('%s %j exits 2 like every usage error', (entry, args, message) => {
    const result = run(entry, args);

    expect(result.status).toBe(2);
    expect(result.stderr).toContain(message);
  });
});

describe('--help', () => {
  /** Entry points and the files whose parseArgs options they take. */
  const COMMANDS: ReadonlyArray<readonly [entry: string, optionFiles: readonly string[]]> = [
    ['apps/planner/src/main.ts', ['apps/planner/src/args.ts']],
    ['apps/planner/src/deploy/main.ts', ['apps/planner/src/deploy/main.ts']],
    ['apps/review/src/main.ts', ['apps/review/src/args.ts']],
    ['apps/smoke/src/main.ts', ['apps/smoke/src/args.ts']],
    ['apps/policy-gen/src/main.ts', ['apps/policy-gen/src/args.ts']],
    ['apps/worker/src/main.ts', ['apps/worker/src/args.ts']],
    ['apps/janitor/src/main.ts', ['apps/janitor/src/args.ts']],
    ['tools/ci-local.ts', ['tools/ci-local.ts']],
    ['tools/plan-environment.ts', ['tools/plan-environment.ts']],
    ['tools/affected-environments.ts', ['tools/affected-environments.ts']],
  ];

  const optionsOf = (file: string) =>
    [...readFileSync(join(WORKSPACE, file), 'utf8').matchAll(/^\s+'?([a-z][a-z-]*)'?: \{ type: '(?:string|boolean)'/gm)].map((match) => match[1]);

  it.each(COMMANDS)('%s names every option it parses', (entry, files) => {
    const options = files.flatMap(optionsOf);
    const result = run(entry, ['--help']);

    expect(result.status).toBe(0);
    expect(options.length).toBeGreaterThan(1);
    expect(options.filter((option) => !result.stdout.includes(`--${option}`))).toEqual([]);
  });
});

describe('a run owns the stacks it plans', () => {
  const outdir = mkdtempSync(join(tmpdir(), 'planner-outdir-'));
  afterAll(() => rmSync(outdir, { recursive: true, force: true }));

  it('replaces only the selected stack folders, keeps the others, removes stacks that no longer exist but never state', () => {
    const stacks = join(outdir, 'stacks');
    mkdirSync(join(stacks, 'dev-us-east-1'), { recursive: true });
    writeFileSync(join(stacks, 'dev-us-east-1', 'plan.json'), '{"earlier":"run"}');
    mkdirSync(join(stacks, 'dev-global'));
    writeFileSync(join(stacks, 'dev-global', 'plan.json'), '{"stale":true}');
    mkdirSync(join(stacks, 'retired-global'));
    mkdirSync(join(stacks, 'retired-us-east-1'));
    writeFileSync(join(stacks, 'retired-us-east-1', 'terraform.tfstate'), '{}');
    const selection = selectStacks(configuredEnvironments(), { environments: ['dev'], stacks: ['dev-global'] });

    const synthesis = synthesizeStacks(WORKSPACE, outdir, selection.environments, { kind: 'offline' }, { stacks: selection.stacks, known: selection.known });

    expect(synthesis.stacks.map((stack) => stack.name)).toEqual(['dev-global']);
    expect(existsSync(join(stacks, 'dev-global', 'cdk.tf.json'))).toBe(true);
    expect(existsSync(join(stacks, 'dev-global', 'plan.json'))).toBe(false);
    expect(readFileSync(join(stacks, 'dev-us-east-1', 'plan.json'), 'utf8')).toBe('{"earlier":"run"}');
    expect(synthesis.kept).toEqual(['dev-us-east-1']);
    expect(synthesis.removed).toEqual(['retired-global']);
    expect(synthesis.keptWithState).toEqual([{ name: 'retired-us-east-1', files: ['terraform.tfstate'] }]);
    expect(readdirSync(stacks).sort()).toEqual(['dev-global', 'dev-us-east-1', 'retired-us-east-1']);
    expect(readdirSync(outdir).filter((name) => name.startsWith('.synth-'))).toEqual([]);
  });

  it('synthesizes exactly the stacks the configuration names for an environment', () => {
    const selection = selectStacks(configuredEnvironments(), { environments: ['staging'], stacks: [] });

    const synthesis = synthesizeStacks(WORKSPACE, outdir, selection.environments, { kind: 'offline' }, { stacks: selection.stacks, known: selection.known });

    expect(synthesis.stacks.map((stack) => stack.name).sort()).toEqual([...selection.stacks].sort());
  });
});

describeWithTerraform('a re-synthesis keeps the terraform init of an unchanged stack', () => {
  const outdir = mkdtempSync(join(tmpdir(), 'planner-reinit-'));
  afterAll(() => rmSync(outdir, { recursive: true, force: true }));

  it('plans dev-bootstrap again after synthesizing it again, with no terraform init', async () => {
    const env = terraformEnvironment({ cliConfigFile: writeCliConfig(join(outdir, '.terraform-cli'), findProviderMirror()) });
    const selection = selectStacks(configuredEnvironments(), { environments: ['dev'], stacks: ['dev-bootstrap'] });
    const synthesizeAndPlan = async (): Promise<Extract<StackPlanResult, { ok: true }>> => {
      const [stack] = synthesizeStacks(WORKSPACE, outdir, selection.environments, { kind: 'offline' }, { stacks: selection.stacks }).stacks;
      const result = await planStack(stack.name, stack.dir, env);
      if (!result.ok) throw new Error(`${result.stack} failed at ${result.failedStep}: ${result.error}`);
      return result;
    };

    const first = await synthesizeAndPlan();
    const second = await synthesizeAndPlan();

    expect(first.steps?.init).toEqual(expect.any(Number));
    expect(second.steps).toEqual({ plan: expect.any(Number), show: expect.any(Number) });
    expect(second.initReason).toBeUndefined();
    expect(second.add).toBe(first.add);
  });
});
