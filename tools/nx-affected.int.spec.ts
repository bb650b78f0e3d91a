/**
 * Proves the Nx inputs in a throwaway git repository built from this workspace: a change to one
 * environment affects only that environment's project; a change to any lib affects all three.
 */
import { execFileSync } from 'node:child_process';
import { appendFileSync, copyFileSync, mkdirSync, mkdtempSync, rmSync, symlinkSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join, resolve } from 'node:path';

const workspaceRoot = resolve(__dirname, '..');
const ENV_PROJECTS = ['env-dev', 'env-prod', 'env-staging'];

function git(cwd: string, ...args: string[]): string {
  return execFileSync('git', ['-c', 'user.name=test', '-c', 'user.email=test@example.com', '-c', 'commit.gpgsign=false', ...args], {
    cwd,
    encoding: 'utf8',
  });
}

describe('nx affected in a throwaway repository', () => {
  const repo = mkdtempSync(join(tmpdir(), 'nx-affected-'));

  beforeAll(() => {
    // Tracked files plus new ones not yet committed, exactly as a clone would see them after commit.
    const files = git(workspaceRoot, 'ls-files', '--cached', '--others', '--exclude-standard', '-z').split('\0').filter(Boolean);
    for (const file of files) {
      mkdirSync(dirname(join(repo, file)), { recursive: true });
      try {
        copyFileSync(join(workspaceRoot, file), join(repo, file));
      } catch {
        // A file deleted in the working tree but still in the index: a clone would not have it either.
      }
    }
    symlinkSync(join(workspaceRoot, 'node_modules'), join(repo, 'node_modules'), 'dir');
    git(repo, 'init', '-q', '-b', 'main');
    git(repo, 'add', '-A');
    git(repo, 'commit', '-q', '-m', 'baseline');
  });
  afterAll(() => rmSync(repo, { recursive: true, force: true }));

  /** Commits a one-line change to `file` and returns the environment projects Nx then calls affected. */
  function affectedEnvironmentsAfterChanging(file: string): string[] {
    appendFileSync(join(repo, file), '\n// touched by nx-affected.int.spec\n');
    git(repo, 'commit', '-q', '-am', `touch ${file}`);
    const output = execFileSync(
      join(workspaceRoot, 'node_modules', '.bin', 'nx'),
      ['show', 'projects', '--affected', '--base=HEAD~1', '--head=HEAD', '--json'],
      { cwd: repo, encoding: 'utf8', env: { ...process.env, NX_DAEMON: 'false', NX_NO_CLOUD: 'true', NX_SKIP_NX_CACHE: 'true' } },
    );
    return (JSON.parse(output) as string[]).filter((name) => name.startsWith('env-')).sort();
  }

  it('a change to the prod environment file affects env-prod only', () => {
    expect(affectedEnvironmentsAfterChanging('environments/prod/config.ts')).toEqual(['env-prod']);
  });

  it('a change to the naming lib affects every environment', () => {
    expect(affectedEnvironmentsAfterChanging('libs/naming/src/naming.ts')).toEqual(ENV_PROJECTS);
  });

  it('a change to a construct lib affects every environment', () => {
    expect(affectedEnvironmentsAfterChanging('libs/constructs/storage/src/secure-bucket.ts')).toEqual(ENV_PROJECTS);
  });

  it('a change to the Terraform runner lib affects every environment, through the planner', () => {
    expect(affectedEnvironmentsAfterChanging('libs/terraform/src/plan-stack.ts')).toEqual(ENV_PROJECTS);
  });
});
