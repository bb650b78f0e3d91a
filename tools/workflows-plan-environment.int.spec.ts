/**
 * tools/plan-environment.ts, the planner the PR, deploy and drift workflows run, exercised offline
 * (there is no AWS account here): the same synthesis, stack selection, init/plan/show per stack and
 * plans.txt that CI hands to `npm run review`. Real mode differs only in the backend and the plan
 * flags, which tools/affected-environments.spec.ts checks.
 */
import { describeWithTerraform } from '@llm/terraform/testing';
import { spawnSync } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';

const workspaceRoot = resolve(__dirname, '..');

function run(command: string, args: readonly string[]): { status: number | null; stdout: string; stderr: string } {
  const result = spawnSync(command, [...args], { cwd: workspaceRoot, encoding: 'utf8' });
  return { status: result.status, stdout: result.stdout, stderr: result.stderr };
}

const planEnvironment = (...args: string[]) => run(process.execPath, ['--import', 'tsx', 'tools/plan-environment.ts', ...args]);

describeWithTerraform('plan-environment', () => {
  const outdir = mkdtempSync(join(tmpdir(), 'plan-environment-'));
  afterAll(() => rmSync(outdir, { recursive: true, force: true }));

  it('plans every CI stack of dev, global first, never the bootstrap stack, and lists them for the review', () => {
    const result = planEnvironment('--env', 'dev', '--offline', '--outdir', outdir);

    expect(result.stderr).toBe('');
    expect(result.status).toBe(0);
    expect(result.stdout).toContain('Planning 2 stack(s) of dev (offline mode, account 111111111111): dev-global, dev-us-east-1');
    const planned = readFileSync(join(outdir, 'plans.txt'), 'utf8').trim().split('\n');
    expect(planned.sort()).toEqual([join(outdir, 'stacks', 'dev-global'), join(outdir, 'stacks', 'dev-us-east-1')]);
    for (const dir of planned) {
      const plan = JSON.parse(readFileSync(join(dir, 'plan.json'), 'utf8')) as { format_version: string; resource_changes: unknown[] };
      expect(plan.format_version).toMatch(/^1\./);
      expect(plan.resource_changes.length).toBeGreaterThan(0);
    }
    // Synthesized, so the review can compare a state with it, but not planned.
    expect(existsSync(join(outdir, 'stacks', 'dev-bootstrap', 'cdk.tf.json'))).toBe(true);
    expect(existsSync(join(outdir, 'stacks', 'dev-bootstrap', 'plan.json'))).toBe(false);
  });

  it('leaves what the workflow review step reads: npm run review accepts every listed folder', () => {
    const planned = readFileSync(join(outdir, 'plans.txt'), 'utf8').trim().split('\n');

    const result = run('npm', ['run', '--silent', 'review', '--', ...planned, '--format', 'json']);

    expect(result.status).toBe(0);
    const report = JSON.parse(result.stdout) as { stacks: Array<{ name: string }> };
    expect(report.stacks.map((stack) => stack.name).sort()).toEqual(['dev-global', 'dev-us-east-1']);
  });

  it('plans only the stacks asked for, and refuses one the environment does not have', () => {
    const unknown = planEnvironment('--env', 'dev', '--offline', '--outdir', outdir, '--stack', 'prod-global');

    expect(unknown.status).toBe(1);
    expect(unknown.stderr).toContain('stack(s) prod-global were not synthesized for dev; synthesized: dev-bootstrap, dev-global, dev-us-east-1');
  });

  it('refuses a refresh-only plan offline, with exit code 2', () => {
    const result = planEnvironment('--env', 'dev', '--offline', '--refresh-only');

    expect(result.status).toBe(2);
    expect(result.stderr).toContain('--refresh-only needs real mode');
  });
});
