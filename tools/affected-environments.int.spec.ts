/**
 * The environment selection CI plans and deploys by, run as the workflows run it
 * (`node --import tsx tools/affected-environments.ts`), in a throwaway git repository built from
 * this workspace the way tools/nx-affected.int.spec.ts builds one; and `npm run ci`'s choice of base
 * and commands there (--dry-run).
 */
import { spawnSync } from 'node:child_process';
import { appendFileSync } from 'node:fs';
import { join } from 'node:path';
import { environmentNames } from './ci/affected';
import { createThrowawayRepo, git, removeThrowawayRepo } from './testing/throwaway-repo';

/** Every environment, in deployment order, from environments/index.ts. */
const ALL = environmentNames();

describe('affected environments in a throwaway repository', () => {
  let repo: string;

  beforeAll(() => {
    repo = createThrowawayRepo('affected-environments-');
  });
  afterAll(() => removeThrowawayRepo(repo));

  /** Runs a tool of the throwaway copy, from its root, as a workflow step does. */
  function tool(script: string, ...args: string[]): { status: number | null; stdout: string; stderr: string } {
    const result = spawnSync(process.execPath, ['--import', 'tsx', `tools/${script}`, ...args], {
      cwd: repo,
      encoding: 'utf8',
      env: { ...process.env, NX_DAEMON: 'false', NX_NO_CLOUD: 'true' },
    });
    return { status: result.status, stdout: result.stdout, stderr: result.stderr };
  }

  function touch(file: string): void {
    appendFileSync(join(repo, file), '\n// touched by affected-environments.int.spec\n');
  }

  function commitChangeTo(file: string): void {
    touch(file);
    git(repo, 'commit', '-q', '-am', `touch ${file}`);
  }

  function affectedBetweenLastTwoCommits(): string[] {
    const result = tool('affected-environments.ts', '--base', 'HEAD~1', '--head', 'HEAD');
    expect(result.stderr).toContain('affected environments:');
    expect(result.status).toBe(0);
    return JSON.parse(result.stdout) as string[];
  }

  it('a prod-only change selects only prod', () => {
    commitChangeTo('environments/prod/config.ts');
    expect(affectedBetweenLastTwoCommits()).toEqual(['prod']);
  });

  it('a lib change selects all three, in deployment order', () => {
    commitChangeTo('libs/naming/src/naming.ts');
    expect(affectedBetweenLastTwoCommits()).toEqual(ALL);
  });

  it('a change to the function code alone selects all three: the stacks package its bundle', () => {
    commitChangeTo('apps/llm-api/src/handler.ts');
    expect(affectedBetweenLastTwoCommits()).toEqual(ALL);
  });

  it('a change outside every project selects none', () => {
    commitChangeTo('README.md');
    expect(affectedBetweenLastTwoCommits()).toEqual([]);
  });

  it('without --head, an uncommitted change counts, as a developer expects before pushing', () => {
    touch('environments/staging/config.ts');
    try {
      const result = tool('affected-environments.ts', '--base', 'HEAD', '--format', 'lines');
      expect(result.stdout.trim().split('\n')).toEqual(['staging']);
      expect(result.stderr).toContain('head working tree');
    } finally {
      git(repo, 'checkout', '--', 'environments/staging/config.ts');
    }
  });

  describe('on a feature branch', () => {
    let mainSha: string;
    beforeAll(() => {
      mainSha = git(repo, 'rev-parse', 'HEAD');
      git(repo, 'checkout', '-q', '-b', 'feature');
      commitChangeTo('environments/dev/config.ts');
      commitChangeTo('environments/prod/config.ts');
      appendFileSync(join(repo, '.github/workflows/drift.yml'), '# touched by affected-environments.int.spec\n');
      git(repo, 'commit', '-q', '-am', 'touch a workflow');
    });
    afterAll(() => git(repo, 'checkout', '-q', 'main'));

    it('compares with the merge base with main when no --base is given, every commit of the branch counted', () => {
      const result = tool('affected-environments.ts', '--head', 'HEAD');

      expect(result.status).toBe(0);
      expect(result.stderr).toContain(`base ${mainSha.slice(0, 12)} (merge-base with main)`);
      expect(JSON.parse(result.stdout)).toEqual(['dev', 'prod']);
    });

    it('npm run ci runs nx affected from that base, the workflow checks, then the offline plan and review of those environments', () => {
      const result = tool('ci-local.ts', '--head', 'HEAD', '--dry-run');

      expect(result.stderr).toBe('');
      expect(result.status).toBe(0);
      const head = git(repo, 'rev-parse', 'HEAD');
      expect(result.stdout.split('\n')).toEqual(
        expect.arrayContaining([
          `base ${mainSha.slice(0, 12)} (merge-base with main), head ${head.slice(0, 12)}`,
          'affected environments: dev, prod',
          // lint is inferred for every project by @nx/eslint/plugin (nx.json), test/build/synth are in project.json files.
          `$ npx nx affected -t lint test build synth --base=${mainSha} --head=${head} --output-style=static`,
          '$ npx jest tools/workflows.spec.ts',
          '$ npm start -- --env dev,prod --fail-on destructive,exposure',
        ]),
      );
    });

    it('npm run ci checks the workflows only when .github/ changed, which no Nx project owns', () => {
      const result = tool('ci-local.ts', '--base', 'HEAD~2', '--head', 'HEAD~1', '--dry-run');

      expect(result.status).toBe(0);
      expect(result.stdout).not.toContain('tools/workflows.spec.ts');
      expect(result.stdout).toContain('$ npm start -- --env prod --fail-on destructive,exposure');
    });

    it('npm run ci -- --apply-local adds an emulated apply of each affected environment, one at a time', () => {
      const result = tool('ci-local.ts', '--head', 'HEAD', '--apply-local', '--dry-run');

      expect(result.status).toBe(0);
      const commands = result.stdout.split('\n').filter((line) => line.startsWith('$ npm'));
      expect(commands).toEqual([
        '$ npm start -- --env dev,prod --fail-on destructive,exposure',
        '$ npm run deploy:local -- --env dev',
        '$ npm run deploy:local -- --env prod',
      ]);
    });
  });

  it('on main itself, the base falls back to the previous commit', () => {
    const result = tool('affected-environments.ts', '--head', 'HEAD');
    expect(result.stderr).toContain(`base ${git(repo, 'rev-parse', 'HEAD~1').slice(0, 12)} (HEAD~1: HEAD is on main, or there is no main branch)`);
  });

  it('refuses a base that names no commit, as a shallow clone would have it', () => {
    const result = tool('affected-environments.ts', '--base', '0123456789abcdef0123456789abcdef01234567');
    // A --base that names no commit is the caller's input: exit 2, like every usage error.
    expect(result.status).toBe(2);
    expect(result.stderr).toContain('names no commit in this repository (a shallow clone needs fetch-depth: 0)');
  });
});
