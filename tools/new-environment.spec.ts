/** `npm run new:environment`: the config it makes from a template, the index entry, the Nx project every environment has. */
import { validateEnvironments } from '@llm/config';
import { ENVIRONMENTS } from '@llm/environments';
import { readdirSync, readFileSync, statSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { environmentProject } from './ci/affected';
import { addToIndex, environmentProjectJson, newEnvironmentConfig, nextEnvironmentCidr, placeholderAccountId } from './ci/new-environment';

const environmentsDir = resolve(__dirname, '..', 'environments');
const templateOf = (name: string) => readFileSync(join(environmentsDir, name, 'config.ts'), 'utf8');
const configured = validateEnvironments(ENVIRONMENTS);

describe('environmentProjectJson', () => {
  it('is exactly the project.json of every configured environment, and no other folder holds a config.ts', () => {
    for (const env of configured) {
      const project = JSON.parse(readFileSync(join(environmentsDir, env.name, 'project.json'), 'utf8')) as unknown;
      expect(project).toEqual(environmentProjectJson(env.name));
    }
    const withConfig = readdirSync(environmentsDir).filter(
      (entry) => statSync(join(environmentsDir, entry)).isDirectory() && readdirSync(join(environmentsDir, entry)).includes('config.ts'),
    );
    expect(withConfig.sort()).toEqual(configured.map((env) => env.name).sort());
  });

  it('names the project env-<name> and runs its tests, synth and plan for that environment only', () => {
    const project = environmentProjectJson('qa') as { name: string; targets: Record<string, { options: { command: string; env?: Record<string, string> } }> };

    expect(project.name).toBe(environmentProject('qa'));
    expect(Object.keys(project.targets)).toEqual(['test', 'synth', 'plan']);
    expect(project.targets.test.options.env).toEqual({ INFRA_ENVIRONMENTS: 'qa' });
    expect(project.targets.synth.options.env).toMatchObject({ INFRA_ENVIRONMENTS: 'qa', CDKTF_OUTDIR: 'dist/synth/qa' });
    expect(project.targets.plan.options.command).toContain('--env qa');
  });
});

describe('newEnvironmentConfig', () => {
  /** Evaluates the generated module's object literal, which only calls the identity defineEnvironment. */
  function evaluate(source: string): unknown {
    const literal = source.slice(source.indexOf('defineEnvironment(') + 'defineEnvironment('.length, source.lastIndexOf(');'));
    return new Function(`return (${literal});`)() as unknown;
  }

  it('copies dev as qa: name, account, one region with its CIDR and zones; workers left out where EC2 has no price', () => {
    // Free values next to whatever is configured (a copy of the repo may hold a qa already).
    const name = ['qa', 'qa2', 'qa3'].find((candidate) => !configured.some((env) => env.name === candidate)) ?? 'qa4';
    const accountId = placeholderAccountId(configured);
    const cidr = nextEnvironmentCidr(configured);

    const { source, notes } = newEnvironmentConfig(templateOf('dev'), { name, from: 'dev', region: 'eu-north-1', accountId, cidr });

    expect(source).toContain(`export const ${name} = defineEnvironment({`);
    expect(source).toMatch(new RegExp(`^/\\*\\* ${name}: made from dev by npm run new:environment`));
    const qa = evaluate(source) as { name: string; accountId: string; regions: Array<Record<string, unknown>>; budget: { alertEmails: string[] } };
    expect(qa.name).toBe(name);
    expect(qa.accountId).toBe(accountId);
    expect(qa.regions).toEqual([{ region: 'eu-north-1', vpc: { cidr, availabilityZones: ['eu-north-1a', 'eu-north-1b'], nat: 'none' } }]);
    expect(qa.budget.alertEmails).toEqual([`platform-${name}@example.com`]);
    expect(notes).toEqual(["left out dev's workers: libs/pricing has no EC2 price for t4g.small in eu-north-1"]);
    // The result is a valid environment next to the configured ones.
    expect(() => validateEnvironments([...ENVIRONMENTS, qa])).not.toThrow();
  });

  it("keeps the template's workers where their instance type is priced, and one region of a multi-region template", () => {
    const { source, notes } = newEnvironmentConfig(templateOf('staging'), {
      name: 'perf',
      from: 'staging',
      region: 'us-east-1',
      accountId: '555555555555',
      cidr: '10.50.0.0/16',
    });

    const perf = evaluate(source) as {
      regions: Array<{ region: string; workers?: unknown; vpc: { availabilityZones: string[] } }>;
      api: { jwt: { issuer: string } };
    };
    expect(perf.regions.map((entry) => entry.region)).toEqual(['us-east-1']);
    expect(perf.regions[0].vpc.availabilityZones).toEqual(['us-east-1a', 'us-east-1b']);
    expect(perf.regions[0].workers).toBeDefined();
    expect(perf.api.jwt.issuer).toBe('https://auth.perf.example.com/');
    expect(notes).toEqual([
      `kept one region of staging's ${configured.find((env) => env.name === 'staging')?.regions.length} regions; add more under "Add a region" (README)`,
    ]);
  });

  it('refuses a template without defineEnvironment', () => {
    expect(() =>
      newEnvironmentConfig('export const x = 1;\n', { name: 'qa', from: 'dev', region: 'eu-north-1', accountId: '444444444444', cidr: '10.40.0.0/16' }),
    ).toThrow('environments/dev/config.ts has no `export const dev = defineEnvironment({ ... })` to copy');
  });
});

describe('addToIndex', () => {
  const index = ["import { dev } from './dev/config';", "import { prod } from './prod/config';", '', 'export const ENVIRONMENTS = [dev, prod];', ''].join('\n');

  it('imports the new environment in path order and lists it before the given one', () => {
    expect(addToIndex(index, 'qa', 'prod')).toBe(
      [
        "import { dev } from './dev/config';",
        "import { prod } from './prod/config';",
        "import { qa } from './qa/config';",
        '',
        'export const ENVIRONMENTS = [dev, qa, prod];',
        '',
      ].join('\n'),
    );
  });

  it('lists it last without a place, and imports it first when its path sorts first', () => {
    expect(addToIndex(index, 'alpha', undefined)).toBe(
      [
        "import { alpha } from './alpha/config';",
        "import { dev } from './dev/config';",
        "import { prod } from './prod/config';",
        '',
        'export const ENVIRONMENTS = [dev, prod, alpha];',
        '',
      ].join('\n'),
    );
  });

  it('refuses an environment listed already, or a place that is no environment', () => {
    expect(() => addToIndex(index, 'dev', undefined)).toThrow('environments/index.ts already lists dev');
    expect(() => addToIndex(index, 'qa', 'no-such-env')).toThrow('environments/index.ts lists no environment no-such-env; it lists dev, prod');
  });
});

describe('defaults for a new environment', () => {
  it('takes the first 10.N.0.0/16 whose block of ten no configured region touches', () => {
    const cidr = nextEnvironmentCidr(configured);
    const second = Number(cidr.split('.')[1]);
    const usedSeconds = configured.flatMap((env) => env.regions.map((entry) => Number(entry.vpc.cidr.split('.')[1])));

    expect(cidr).toMatch(/^10\.\d+0\.0\.0\/16$/);
    expect(usedSeconds.filter((used) => used >= second && used < second + 10)).toEqual([]);
    expect(nextEnvironmentCidr([])).toBe('10.10.0.0/16');
  });

  it('gives a placeholder account no environment has', () => {
    const account = placeholderAccountId(configured);
    expect(account).toMatch(/^(\d)\1{11}$/);
    expect(configured.map((env) => env.accountId)).not.toContain(account);
  });
});
