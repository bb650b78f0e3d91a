/**
 * The GitHub Actions workflows: valid for GitHub's own parser, calling only scripts, Nx targets,
 * files and pinned actions that exist, holding least privilege, and shaped the way the IAM trust
 * of the CI roles (libs/constructs/iam/src/ci-roles.ts) and the README's CI/CD section promise.
 */
import { GITHUB_OIDC_HOST, GithubCiRoles } from '@llm/constructs/iam';
import { AWS_PROVIDER_VERSION } from '@llm/terraform';
import { Testing } from 'cdktf';
import { spawnSync } from 'node:child_process';
import { existsSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { environmentNames } from './ci/affected';
import { readProjectTargets } from './ci/nx';
import {
  needsOf,
  nxAffectedTargets,
  parseWorkflow,
  permissionProblems,
  referenceProblems,
  stepsOf,
  type Job,
  type Step,
  type Workflow,
  type WorkflowFile,
  type WorkspaceFacts,
} from './ci/workflow-checks';

const root = resolve(__dirname, '..');
const workflowsDir = join(root, '.github', 'workflows');
const actionsDir = join(root, '.github', 'actions');

const workflowPaths = readdirSync(workflowsDir)
  .filter((file) => /\.ya?ml$/.test(file))
  .sort()
  .map((file) => `.github/workflows/${file}`);
const actionPaths = existsSync(actionsDir)
  ? readdirSync(actionsDir)
      .map((dir) => `.github/actions/${dir}/action.yml`)
      .filter((path) => existsSync(join(root, path)))
  : [];
const read = (path: string): WorkflowFile => ({ path, text: readFileSync(join(root, path), 'utf8') });
const load = (path: string): Workflow => parseWorkflow(read(path));
const facts: WorkspaceFacts = {
  root,
  scripts: (JSON.parse(readFileSync(join(root, 'package.json'), 'utf8')) as { scripts: Record<string, string> }).scripts,
  projects: readProjectTargets(root),
};
const callee = (uses: string): Workflow | undefined => (uses.startsWith('./') && existsSync(join(root, uses)) ? load(uses.slice(2)) : undefined);

function validate(files: readonly string[]): { status: number | null; errors: Record<string, string[]>; stderr: string } {
  const result = spawnSync(process.execPath, ['--import', 'tsx', join('tools', 'validate-workflows.mts'), ...files], { cwd: root, encoding: 'utf8' });
  let errors: Record<string, string[]> = {};
  try {
    const report = JSON.parse(result.stdout) as { files: Array<{ file: string; errors: string[] }> };
    errors = Object.fromEntries(report.files.map((entry) => [entry.file, entry.errors]));
  } catch {
    // Left empty: the assertions on status and stderr say what went wrong.
  }
  return { status: result.status, errors, stderr: result.stderr };
}

function job(workflow: Workflow, id: string): Job {
  const found = workflow.jobs?.[id];
  if (!found) throw new Error(`no job ${id}`);
  return found;
}

const runText = (j: Job) => (j.steps ?? []).map((step) => step.run ?? '').join('\n');

/**
 * Runs a step's `run:` script with bash at the workspace root, as the runner would after checkout,
 * and returns what it wrote to $GITHUB_OUTPUT (`key=value` lines).
 */
function runStep(step: Step | undefined, env: Record<string, string> = {}): Record<string, string> {
  if (!step?.run) throw new Error('no such step with a run script');
  const dir = mkdtempSync(join(tmpdir(), 'workflow-step-'));
  try {
    const output = join(dir, 'output');
    writeFileSync(output, '');
    const result = spawnSync('bash', ['-e', '-o', 'pipefail', '-c', step.run], {
      cwd: root,
      encoding: 'utf8',
      env: { ...process.env, GITHUB_OUTPUT: output, ...env },
    });
    if (result.status !== 0) throw new Error(`step "${step.name}" exited ${result.status}: ${result.stderr}`);
    const lines = readFileSync(output, 'utf8').split('\n').filter(Boolean);
    return Object.fromEntries(lines.map((line) => [line.slice(0, line.indexOf('=')), line.slice(line.indexOf('=') + 1)]));
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

describe('GitHub workflow parser', () => {
  it('accepts every workflow and composite action, reusable-workflow calls resolved', () => {
    const files = [...workflowPaths, ...actionPaths];
    expect(workflowPaths).toEqual(expect.arrayContaining(['.github/workflows/pr.yml', '.github/workflows/deploy.yml', '.github/workflows/drift.yml']));

    const result = validate(files);

    expect(result.stderr).toBe('');
    expect(result.errors).toEqual(Object.fromEntries(files.map((file) => [file, []])));
    expect(result.status).toBe(0);
  });

  describe('on broken files', () => {
    const dir = mkdtempSync(join(tmpdir(), 'workflows-'));
    const workflows = join(dir, '.github', 'workflows');
    beforeAll(() => mkdirSync(workflows, { recursive: true }));
    afterAll(() => rmSync(dir, { recursive: true, force: true }));

    it('reports a misspelt key and an unclosed expression, with file and line, and exits 1', () => {
      const file = join(workflows, 'broken.yml');
      writeFileSync(
        file,
        ['on: push', 'jobs:', '  a:', '    runs-on: ubuntu-24.04', '    timeout-minuts: 5', '    steps:', '      - run: echo ${{ github.sha }'].join('\n'),
      );

      const result = validate([file]);

      expect(result.status).toBe(1);
      expect(result.errors[file]).toEqual([
        `${file} (Line: 5, Col: 5): Unexpected value 'timeout-minuts'`,
        expect.stringMatching(/^.*broken\.yml \(Line: 7, Col: \d+\): The expression is not closed/),
      ]);
    });

    it('reports a job graph GitHub would refuse: an unknown job in needs, a required input not given', () => {
      writeFileSync(
        join(workflows, 'called.yml'),
        [
          'on:',
          '  workflow_call:',
          '    inputs:',
          '      environment: { type: string, required: true }',
          'jobs:',
          '  x:',
          '    runs-on: ubuntu-24.04',
          '    steps: [{ run: echo }]',
        ].join('\n'),
      );
      const file = join(workflows, 'caller.yml');
      writeFileSync(
        file,
        [
          'on: push',
          'jobs:',
          '  a:',
          '    needs: ghost',
          '    runs-on: ubuntu-24.04',
          '    steps: [{ run: echo }]',
          '  b:',
          '    uses: ./.github/workflows/called.yml',
        ].join('\n'),
      );

      const result = validate([file]);

      expect(result.status).toBe(1);
      expect(result.errors[file]).toEqual([
        expect.stringContaining("Job 'a' depends on unknown job 'ghost'."),
        expect.stringContaining('Input environment is required, but not provided while calling.'),
      ]);
    });
  });
});

describe('what the workflows reference', () => {
  it.each([...workflowPaths, ...actionPaths])('%s runs only npm scripts, Nx targets, files and pinned actions that exist', (path) => {
    const file = read(path);
    expect(referenceProblems(file, parseWorkflow(file), facts)).toEqual([]);
  });

  it.each(workflowPaths)('%s grants each job only the permissions its steps use, and bounds it in time', (path) => {
    const file = read(path);
    expect(permissionProblems(file, parseWorkflow(file), callee)).toEqual([]);
  });

  it('catches a missing script, target, file or job, an unpinned action, an unread step and excess permissions', () => {
    const file: WorkflowFile = {
      path: 'bad.yml',
      text: [
        'permissions: { contents: write }',
        'jobs:',
        '  a:',
        '    runs-on: ubuntu-24.04',
        '    needs: [ghost]',
        '    permissions: { id-token: write, pull-requests: write }',
        '    steps:',
        '      - uses: actions/checkout@v4',
        '      - uses: actions/setup-node@49933ea5288caeca8642d1e84afbd3f7d6820020',
        '      - run: |',
        '          npm run no-such-script',
        '          npx nx affected -t test no-such-target --base=x',
        '          npx nx run env-prod:no-such-target',
        '          node --import tsx tools/no-such-file.ts',
        '          npx cdktf apply',
        '        env: { X: "${{ steps.missing.outputs.x }}", Y: "${{ needs.other.outputs.y }}" }',
      ].join('\n'),
    };

    const problems = [...referenceProblems(file, parseWorkflow(file), facts), ...permissionProblems(file, parseWorkflow(file), callee)];

    expect(problems).toEqual([
      'bad.yml job a: uses actions/checkout@v4: pin actions to a full 40-character commit SHA',
      'bad.yml job a: uses actions/setup-node@49933ea5288caeca8642d1e84afbd3f7d6820020 without a "# vX.Y.Z" comment naming the version',
      'bad.yml job a: "npm run no-such-script": package.json has no script "no-such-script"',
      'bad.yml job a: "nx affected" runs target "no-such-target", which no Nx project has',
      'bad.yml job a: "nx run env-prod:no-such-target": project env-prod has no target "no-such-target"',
      'bad.yml job a: "node --import tsx tools/no-such-file.ts": no such file',
      'bad.yml job a: "npx cdktf apply": not a cdktf command (synth, deploy, diff, destroy, output, list, get)',
      'bad.yml job a: needs "ghost", which is no job of this workflow',
      'bad.yml job a: reads needs.other but does not list "other" in needs',
      'bad.yml job a: reads steps.missing but no step has id "missing"',
      'bad.yml: top-level permissions must be exactly { contents: read }, got {"contents":"write"}',
      'bad.yml job a: has "id-token: write" but assumes no AWS role',
      'bad.yml job a: "pull-requests: write" without a github-script step that uses it',
      "bad.yml job a: no timeout-minutes (GitHub's default is 6 hours)",
    ]);
  });

  it('lets a job write security events only when it uploads SARIF', () => {
    const text = (uses: string) =>
      [
        'permissions: { contents: read }',
        'jobs:',
        '  a:',
        '    runs-on: ubuntu-24.04',
        '    timeout-minutes: 5',
        '    permissions: { contents: read, security-events: write }',
        '    steps:',
        `      - uses: ${uses}`,
      ].join('\n');
    const problems = (uses: string) => {
      const file: WorkflowFile = { path: 'sarif.yml', text: text(uses) };
      return permissionProblems(file, parseWorkflow(file), callee);
    };

    expect(problems('github/codeql-action/upload-sarif@ff0a06e83cb2de871e5a09832bc6a81e7276941f # v3.28.18')).toEqual([]);
    expect(problems('actions/github-script@60a0d83039c74a4aee543508d2ffcb1c3799cdea # v7.0.1')).toEqual([
      'sarif.yml job a: "security-events: write" without an upload-sarif step that uses it',
    ]);
  });

  it('reads the targets of every nx affected spelling', () => {
    expect(nxAffectedTargets('npx nx affected -t lint test --base=a')).toEqual(['lint', 'test']);
    expect(nxAffectedTargets('nx affected --targets=build,synth')).toEqual(['build', 'synth']);
    expect(nxAffectedTargets('nx affected --target test')).toEqual(['test']);
    expect(nxAffectedTargets('npm test')).toEqual([]);
  });
});

describe('CI roles as the workflows use them', () => {
  /** The sub claims each role's trust policy accepts, from a synthesized GithubCiRoles. */
  function trustedSubjects(): { plan: string[]; deploy: string[] } {
    const synthesized = JSON.parse(
      Testing.synthScope((scope) => {
        new GithubCiRoles(scope, 'CiRoles', {
          environment: 'prod',
          githubRepository: 'acme/llm-platform',
          accountId: '333333333333',
          permissionBoundaryArn: 'arn:aws:iam::333333333333:policy/boundary',
          planRoleName: 'llm-platform-prod-global-ci-plan',
          deployRoleName: 'llm-platform-prod-global-ci-deploy',
          stateBucketArn: 'arn:aws:s3:::state',
          iamNamePrefix: 'llm-platform-prod-',
        });
      }),
    ) as { resource: { aws_iam_role: Record<string, { name: string; assume_role_policy: string }> } };
    const subjectsOf = (name: string) => {
      const role = Object.values(synthesized.resource.aws_iam_role).find((candidate) => candidate.name === name);
      const policy = JSON.parse(role?.assume_role_policy ?? '{}') as { Statement: Array<{ Condition: { StringEquals: Record<string, string | string[]> } }> };
      return policy.Statement.flatMap((statement) => [statement.Condition.StringEquals[`${GITHUB_OIDC_HOST}:sub`]].flat());
    };
    return { plan: subjectsOf('llm-platform-prod-global-ci-plan'), deploy: subjectsOf('llm-platform-prod-global-ci-deploy') };
  }

  it('plan role: trusted from pull requests and main, so PR plans, previews and drift checks run without a GitHub environment', () => {
    const { plan } = trustedSubjects();
    expect(plan).toEqual(expect.arrayContaining(['repo:acme/llm-platform:pull_request', 'repo:acme/llm-platform:ref:refs/heads/main']));

    const pr = load('.github/workflows/pr.yml');
    const preview = job(load('.github/workflows/deploy-environment.yml'), 'preview');
    const drift = job(load('.github/workflows/drift.yml'), 'detect');
    for (const planning of [job(pr, 'plan'), preview, drift]) {
      // A job in a GitHub environment gets sub environment:<env>; these must keep pull_request or the ref.
      expect(planning.environment).toBeUndefined();
      expect(JSON.stringify(planning.steps)).toContain('steps.env.outputs.plan_role_arn');
      expect(JSON.stringify(planning.steps)).not.toContain('deploy_role_arn');
    }
  });

  it('deploy role: trusted only from the GitHub environment, which the apply job runs in', () => {
    const { deploy } = trustedSubjects();
    expect(deploy).toEqual(['repo:acme/llm-platform:environment:prod']);

    const apply = job(load('.github/workflows/deploy-environment.yml'), 'apply');
    expect(apply.environment).toBe('${{ inputs.environment }}');
    expect(JSON.stringify(apply.steps)).toContain('steps.env.outputs.deploy_role_arn');
    // No other job anywhere may ask for the deploy role.
    for (const path of workflowPaths) {
      for (const [id, other] of Object.entries(load(path).jobs ?? {})) {
        if (path.endsWith('deploy-environment.yml') && id === 'apply') continue;
        expect(JSON.stringify(other)).not.toContain('deploy_role_arn');
      }
    }
  });
});

describe('pull request workflow', () => {
  const pr = load('.github/workflows/pr.yml');

  it('runs on pull requests into main, again when the approval label is added or removed', () => {
    expect(pr.on).toEqual({ pull_request: { branches: ['main'], types: expect.arrayContaining(['opened', 'synchronize', 'labeled', 'unlabeled']) } });
  });

  it('compares with the PR base on full history: the affected checks and the environment selection', () => {
    expect(pr.env?.BASE_SHA).toBe('${{ github.event.pull_request.base.sha }}');
    for (const id of ['checks', 'environments']) {
      const checkout = job(pr, id).steps?.find((step) => step.uses?.startsWith('actions/checkout@'));
      expect(checkout?.with?.['fetch-depth']).toBe(0);
    }
    expect(runText(job(pr, 'checks'))).toContain('node --import tsx tools/ci-local.ts --base "$BASE_SHA" --head HEAD');
    expect(runText(job(pr, 'environments'))).toContain('node --import tsx tools/affected-environments.ts --base "$BASE_SHA" --head HEAD');
  });

  it('plans each affected environment in a matrix, reviews it, gates on the review and uploads the plans', () => {
    const plan = job(pr, 'plan');
    expect(plan.strategy?.matrix?.environment).toBe('${{ fromJSON(needs.environments.outputs.environments) }}');
    expect(runText(plan)).toContain('node --import tsx tools/plan-environment.ts --env "$ENVIRONMENT"');
    expect(runText(plan)).toContain('npm run review -- "${plans[@]}" --format markdown');
    expect(pr.env?.GATES).toBe('destructive,broadening,exposure');
    // The setup action installs Terraform unless told not to.
    expect(plan.steps?.find((step) => step.uses === './.github/actions/setup')?.with).toBeUndefined();
    const upload = plan.steps?.find((step) => step.uses?.startsWith('actions/upload-artifact@'));
    expect(String(upload?.with?.path)).toContain('/stacks/*/plan.json');
    const gate = plan.steps?.find((step) => step.name === 'Review gate');
    expect(gate?.env?.APPROVED).toBe("${{ github.event.action != 'synchronize' && contains(github.event.pull_request.labels.*.name, env.APPROVAL_LABEL) }}");
  });

  it('uploads the offline review and the guardrail report to code scanning, after the offline plan, even when it failed', () => {
    const checks = job(pr, 'checks');
    const steps = checks.steps ?? [];
    const plan = steps.findIndex((step) => step.run?.includes('tools/ci-local.ts'));
    const sarif = steps.findIndex((step) => step.run?.includes('--format sarif'));
    const uploads = steps.filter((step) => step.uses?.startsWith('github/codeql-action/upload-sarif@'));

    expect(plan).toBeGreaterThanOrEqual(0);
    expect(sarif).toBeGreaterThan(plan);
    expect(steps[sarif].if).toBe('${{ !cancelled() }}');
    expect(steps[sarif].run).toContain('npm run review -- "${plans[@]}" --format sarif --out cdktf.out/review.sarif');
    expect(steps[sarif].run).toContain('npm run review -- --guardrails cdktf.out/guardrails.json --format sarif --out cdktf.out/guardrails.sarif');
    expect(uploads.map((step) => [step.with?.sarif_file, step.with?.category])).toEqual([
      ['cdktf.out/review.sarif', 'terraform-review'],
      ['cdktf.out/guardrails.sarif', 'guardrails'],
    ]);
    for (const upload of uploads) {
      expect(steps.indexOf(upload)).toBeGreaterThan(sarif);
      expect(upload.uses).toMatch(/^github\/codeql-action\/upload-sarif@[0-9a-f]{40}$/);
      expect(upload.if).toMatch(/^\$\{\{ !cancelled\(\) && /);
      expect(upload.if).toContain(`hashFiles('${String(upload.with?.sarif_file)}') != ''`);
    }
  });

  it('lets only the checks job write security events', () => {
    const writers = Object.entries(pr.jobs ?? {}).filter(([, j]) => typeof j.permissions === 'object' && j.permissions['security-events'] === 'write');
    expect(writers.map(([id]) => id)).toEqual(['checks']);
  });

  it('lets only the comment job write to the pull request', () => {
    const writers = Object.entries(pr.jobs ?? {}).filter(([, j]) => typeof j.permissions === 'object' && j.permissions['pull-requests'] === 'write');
    expect(writers.map(([id]) => id)).toEqual(['comment']);
    expect(JSON.stringify(job(pr, 'comment').steps)).toContain('<!-- llm-platform:plan:${env} -->');
  });

  it('ends in one result job that every other job feeds, for branch protection', () => {
    const result = job(pr, 'result');
    expect(result.if).toBe('always()');
    expect(needsOf(result).sort()).toEqual(
      Object.keys(pr.jobs ?? {})
        .filter((id) => id !== 'result')
        .sort(),
    );
  });
});

describe('deploy workflow', () => {
  const deploy = load('.github/workflows/deploy.yml');
  const environmentJob = load('.github/workflows/deploy-environment.yml');

  it('runs on pushes to main', () => {
    expect(deploy.on).toMatchObject({ push: { branches: ['main'] } });
  });

  it('deploys the environments the code lists, in its order: the affected-environments step prints them', () => {
    const step = job(deploy, 'environments').steps?.find((candidate) => candidate.id === 'affected');
    // No requested list and no earlier deploy: the step's --all branch, every environment.
    const outputs = runStep(step, { REQUESTED: '', LAST: '' });

    expect(job(deploy, 'environments').outputs?.environments).toBe('${{ steps.affected.outputs.environments }}');
    expect(JSON.parse(outputs.environments ?? 'null')).toEqual(environmentNames());
  });

  it('deploys one environment at a time in the matrix order, each only after the ones before it succeeded', () => {
    const callers = Object.entries(deploy.jobs ?? {}).filter(([, j]) => j.uses === './.github/workflows/deploy-environment.yml');
    expect(callers.map(([id]) => id)).toEqual(['deploy']);
    const [, caller] = callers[0];

    expect(needsOf(caller)).toEqual(['environments']);
    expect(caller.strategy?.matrix).toEqual({ environment: '${{ fromJSON(needs.environments.outputs.environments) }}' });
    // Sequential (one at a time, created in list order) and stopping at the first failure or rejection.
    expect(caller.strategy).toMatchObject({ 'max-parallel': 1, 'fail-fast': true });
    expect(caller.with?.environment).toBe('${{ matrix.environment }}');
    // An empty matrix is an error in GitHub Actions: nothing affected skips the job instead.
    expect(caller.if).toBe("needs.environments.outputs.environments != '[]'");
  });

  it('applies in the GitHub environment, one apply per environment at a time, never cancelled midway', () => {
    const apply = job(environmentJob, 'apply');
    expect(needsOf(apply)).toEqual(['preview']);
    expect(apply.concurrency).toEqual({ group: 'deploy-${{ inputs.environment }}', 'cancel-in-progress': false });
  });

  it('applies the CI stacks with cdktf one by one, then smoke-tests every region', () => {
    const script = runText(job(environmentJob, 'apply'));
    expect(script).toContain('npm run build');
    expect(script).toContain('npx cdktf deploy "$stack" --skip-synth --auto-approve');
    expect(script).toContain('npm run smoke -- --stack "$stack"');
  });
});

describe('drift workflow', () => {
  const drift = load('.github/workflows/drift.yml');

  it('runs daily and on demand, over every configured environment, in deployment order', () => {
    const list = job(drift, 'environments');
    const outputs = runStep(list.steps?.find((step) => step.id === 'list'));

    expect(drift.on).toEqual({ schedule: [{ cron: expect.any(String) }], workflow_dispatch: null });
    expect(list.outputs?.environments).toBe('${{ steps.list.outputs.environments }}');
    expect(JSON.parse(outputs.environments ?? 'null')).toEqual(environmentNames());
    expect(needsOf(job(drift, 'detect'))).toEqual(['environments']);
    expect(job(drift, 'detect').strategy?.matrix?.environment).toBe('${{ fromJSON(needs.environments.outputs.environments) }}');
    expect(needsOf(job(drift, 'report'))).toEqual(['environments', 'detect']);
    expect(job(drift, 'report').steps?.find((step) => step.uses?.startsWith('actions/github-script@'))?.env?.ENVIRONMENTS).toBe(
      '${{ needs.environments.outputs.environments }}',
    );
  });

  it("makes refresh-only plans and counts the review's drift findings", () => {
    const script = runText(job(drift, 'detect'));
    expect(script).toContain('tools/plan-environment.ts --env "$ENVIRONMENT" --outdir "$OUTDIR" --refresh-only');
    expect(script).toContain('select(.rule == "drift")');
  });
});

describe('setup action', () => {
  const setup = load('.github/actions/setup/action.yml') as Workflow & { inputs: Record<string, { default: string }> };

  it('mirrors the AWS provider version the bindings are generated for', () => {
    expect(setup.inputs['aws-provider-version'].default).toBe(AWS_PROVIDER_VERSION);
  });

  it('installs Terraform without the wrapper, whose rewritten stdout would corrupt terraform show -json', () => {
    const terraform = stepsOf(setup).find(({ step }) => step.uses?.startsWith('hashicorp/setup-terraform@'));
    expect(terraform?.step.with?.terraform_wrapper).toBe(false);
  });
});
