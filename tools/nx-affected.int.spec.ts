/**
 * Proves the Nx inputs in a throwaway git repository built from this workspace: a change to one
 * environment affects only that environment's project; a change to any lib affects all of them.
 */
import { execFileSync } from 'node:child_process';
import { appendFileSync } from 'node:fs';
import { join } from 'node:path';
import { environmentNames, environmentProject } from './ci/affected';
import { createThrowawayRepo, git, removeThrowawayRepo, WORKSPACE_ROOT } from './testing/throwaway-repo';

const workspaceRoot = WORKSPACE_ROOT;
/** Every environment's Nx project, from environments/index.ts. */
const ENV_PROJECTS = environmentNames().map(environmentProject).sort();

describe('nx affected in a throwaway repository', () => {
  let repo: string;

  beforeAll(() => {
    repo = createThrowawayRepo('nx-affected-');
  });
  afterAll(() => removeThrowawayRepo(repo));

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
