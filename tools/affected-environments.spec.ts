/** The pieces CI builds on: environment selection, per-environment facts, the real-mode plan steps. */
import { ENVIRONMENTS } from '@llm/environments';
import { assertEnvironmentProjects, environmentNames, PACKAGED_PROJECTS, selectAffectedEnvironments } from './ci/affected';
import {
  accountIdsVariable,
  accountProblem,
  configuredEnvironments,
  environmentInfo,
  environmentMatrix,
  findEnvironment,
  githubOutputLines,
} from './ci/environment-info';
import { existingTargets, type NxProjectTargets } from './ci/nx';
import { terraformSteps } from './ci/plan-environment';

describe('selectAffectedEnvironments', () => {
  const all = ['dev', 'staging', 'prod'];

  it('selects the environments whose env-<name> project is affected, in deployment order', () => {
    expect(selectAffectedEnvironments(['env-prod', 'config', 'env-dev'], all)).toEqual(['dev', 'prod']);
  });

  it('selects none when no environment project is affected', () => {
    expect(selectAffectedEnvironments(['review', 'tools'], all)).toEqual([]);
  });

  it('selects every environment when a project the stacks package by path is affected', () => {
    expect(PACKAGED_PROJECTS).toEqual(['llm-api', 'janitor']);
    expect(selectAffectedEnvironments(['janitor'], all)).toEqual(all);
    expect(selectAffectedEnvironments(['llm-api'], all)).toEqual(all);
  });

  it('knows the environments in the order environments/index.ts deploys them', () => {
    expect(environmentNames()).toEqual(ENVIRONMENTS.map((env) => env.name));
    expect(environmentNames().length).toBeGreaterThan(0);
  });
});

describe('assertEnvironmentProjects', () => {
  const project = (name: string): NxProjectTargets => ({ name, root: `environments/${name.slice(4)}`, targets: ['test'] });

  it('accepts environments that all have their Nx project', () => {
    expect(() => assertEnvironmentProjects(['dev', 'prod'], [project('env-dev'), project('env-prod')])).not.toThrow();
  });

  it('names an environment without its Nx project, which Nx could never call affected', () => {
    expect(() => assertEnvironmentProjects(['dev', 'no-such-env'], [project('env-dev')])).toThrow(
      'environment(s) no-such-env have no Nx project (expected env-no-such-env in environments/no-such-env/project.json)',
    );
  });
});

describe('environmentInfo', () => {
  // Regions and accounts come from the configuration, so adding a region or an environment breaks nothing here.
  it.each(ENVIRONMENTS.map((env) => env.name))('gives %s its account, regions primary first, and the CI stacks global first, without bootstrap', (name) => {
    const config = findEnvironment(name);
    const regions = config.regions.map((entry) => entry.region);

    const info = environmentInfo(config);

    expect(info).toEqual({
      name,
      accountId: config.accountId,
      primaryRegion: regions[0],
      regions,
      stacks: [`${name}-global`, ...regions.map((region) => `${name}-${region}`)],
      regionalStacks: regions.map((region) => `${name}-${region}`),
      bootstrapStack: `${name}-bootstrap`,
      planRoleArn: `arn:aws:iam::${config.accountId}:role/llm-platform-${name}-global-ci-plan`,
      deployRoleArn: `arn:aws:iam::${config.accountId}:role/llm-platform-${name}-global-ci-deploy`,
    });
  });

  it('writes key=value lines for $GITHUB_OUTPUT, lists space-separated', () => {
    const info = {
      name: 'qa',
      accountId: '444444444444',
      primaryRegion: 'eu-north-1',
      regions: ['eu-north-1', 'eu-west-1'],
      stacks: ['qa-global', 'qa-eu-north-1', 'qa-eu-west-1'],
      regionalStacks: ['qa-eu-north-1', 'qa-eu-west-1'],
      bootstrapStack: 'qa-bootstrap',
      planRoleArn: 'arn:aws:iam::444444444444:role/plan',
      deployRoleArn: 'arn:aws:iam::444444444444:role/deploy',
    };

    expect(githubOutputLines(info).split('\n')).toEqual([
      'name=qa',
      'account_id=444444444444',
      'primary_region=eu-north-1',
      'regions=eu-north-1 eu-west-1',
      'stacks=qa-global qa-eu-north-1 qa-eu-west-1',
      'regional_stacks=qa-eu-north-1 qa-eu-west-1',
      'plan_role_arn=arn:aws:iam::444444444444:role/plan',
      'deploy_role_arn=arn:aws:iam::444444444444:role/deploy',
      '',
    ]);
  });

  it('refuses an unknown environment, listing the known ones', () => {
    // Hyphens are refused by the name rule, so no configured environment can ever be called that.
    expect(() => findEnvironment('no-such-env')).toThrow(`unknown environment "no-such-env"; known: ${ENVIRONMENTS.map((env) => env.name).join(', ')}`);
  });
});

describe('environmentMatrix', () => {
  it('lists every environment name in the order of environments/index.ts, as JSON for strategy.matrix', () => {
    expect(JSON.parse(environmentMatrix())).toEqual(ENVIRONMENTS.map((env) => env.name));
  });

  it('keeps the order it is given', () => {
    const [first, ...rest] = configuredEnvironments();
    expect(JSON.parse(environmentMatrix([...rest, first]))).toEqual([...rest, first].map((env) => env.name));
  });
});

describe('accountProblem', () => {
  const dev = findEnvironment('dev');

  it('accepts the account the configuration names', () => {
    expect(accountProblem(dev, dev.accountId)).toBeUndefined();
  });

  it('says which variable to set, and to what, when the repository variable has no account', () => {
    expect(accountProblem(dev, '')).toBe(
      `the repository variable AWS_ACCOUNT_IDS has no account for "dev": set it (Settings > Secrets and variables > Actions > Variables) to ${accountIdsVariable()}`,
    );
    expect(JSON.parse(accountIdsVariable())).toEqual(Object.fromEntries(ENVIRONMENTS.map((env) => [env.name, env.accountId])));
  });

  it('names both values when the variable and the configuration disagree', () => {
    expect(accountProblem(dev, '999999999999')).toBe(
      `AWS_ACCOUNT_IDS gives account 999999999999 for "dev", but environments/dev/config.ts says ${dev.accountId}: fix whichever is wrong (the variable should be ${accountIdsVariable()})`,
    );
  });
});

describe('terraformSteps', () => {
  const planArgs = (options: Parameters<typeof terraformSteps>[0]) => terraformSteps(options).find(([step]) => step === 'plan')?.[1];

  it('plans for real with refresh and the state lock, waiting for an apply that holds it', () => {
    expect(planArgs({ mode: 'real', refreshOnly: false })).toEqual(['plan', '-lock-timeout=10m', '-input=false', '-no-color', '-out=plan.tfplan']);
  });

  it('plans refresh-only to find drift', () => {
    expect(planArgs({ mode: 'real', refreshOnly: true, lockTimeout: '2m' })).toEqual([
      'plan',
      '-lock-timeout=2m',
      '-refresh-only',
      '-input=false',
      '-no-color',
      '-out=plan.tfplan',
    ]);
  });

  it('plans offline without refresh or lock, as npm start does', () => {
    expect(planArgs({ mode: 'offline', refreshOnly: false })).toEqual([
      'plan',
      '-refresh=false',
      '-lock=false',
      '-input=false',
      '-no-color',
      '-out=plan.tfplan',
    ]);
  });

  it('refuses refresh-only offline, where there is nothing to refresh from', () => {
    expect(() => terraformSteps({ mode: 'offline', refreshOnly: true })).toThrow('--refresh-only needs real mode');
  });

  it('runs init, plan and show -json, in that order', () => {
    expect(terraformSteps({ mode: 'real', refreshOnly: false }).map(([step]) => step)).toEqual(['init', 'plan', 'show']);
  });
});

describe('existingTargets', () => {
  it('keeps the asked targets some project has, in the order asked', () => {
    const projects: NxProjectTargets[] = [
      { name: 'a', root: 'a', targets: ['test', 'build'] },
      { name: 'env-dev', root: 'environments/dev', targets: ['test', 'synth', 'plan'] },
    ];
    expect(existingTargets(projects, ['lint', 'test', 'build', 'synth'])).toEqual(['test', 'build', 'synth']);
  });
});
