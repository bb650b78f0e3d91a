/**
 * The README's "Add an environment" and "Add a region", done literally in a copy of this workspace:
 * `npm run new:environment` makes `qa` (or the first free name of a few, once qa exists) from dev, a region is appended to staging's config.ts, and
 * then the unit tests that read the environment list (tools/, environments/, the worker and
 * janitor commands, whose tests name environments and regions) pass there unchanged, as does the
 * inferred workflow matrix. The whole unit tier takes about three minutes more; these are the
 * tests that used to pin the list.
 */
import { KNOWN_REGIONS, parseCidr, cidrsOverlap, validateEnvironments, type Ipv4Cidr } from '@llm/config';
import { ENVIRONMENTS } from '@llm/environments';
import { isPricedRegion } from '@llm/pricing';
import { spawnSync } from 'node:child_process';
import { existsSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import * as ts from 'typescript';
import { createThrowawayRepo, removeThrowawayRepo } from './testing/throwaway-repo';

const UNIT_TESTS = ['tools', 'environments', 'apps/worker', 'apps/janitor'];

const NAMES = ENVIRONMENTS.map((env) => env.name);
/** The environment to add: qa as the README says, or another free name once this repository has a qa. */
const NEW_ENV = ['qa', 'uat', 'perf', 'sandbox'].find((name) => !NAMES.includes(name)) as string;
const NEW_ACCOUNT = ['444444444444', '555555555555', '666666666666', '777777777777'].find(
  (account) => !ENVIRONMENTS.some((env) => env.accountId === account),
) as string;
/** new:environment lists it before the first production environment. */
const EXPECTED_ORDER = (() => {
  const firstProduction = validateEnvironments(ENVIRONMENTS).find((env) => env.production)?.name;
  const order = [...NAMES];
  order.splice(firstProduction ? order.indexOf(firstProduction) : order.length, 0, NEW_ENV);
  return order;
})();

/** A region entry for staging that the configuration accepts: priced, not yet used, a CIDR in staging's 10.2x block no region holds. */
function newStagingRegion(): { region: string; cidr: string } {
  const staging = ENVIRONMENTS.find((env) => env.name === 'staging');
  if (!staging) throw new Error('no staging environment to add a region to');
  const used = staging.regions.map((entry) => entry.region);
  const region = KNOWN_REGIONS.find((candidate) => isPricedRegion(candidate) && !used.includes(candidate) && candidate.startsWith('eu-'));
  const taken = ENVIRONMENTS.flatMap((env) => env.regions.map((entry) => parseCidr(entry.vpc.cidr))).filter(
    (cidr): cidr is Ipv4Cidr => typeof cidr !== 'string',
  );
  const cidr = Array.from({ length: 10 }, (_, offset) => `10.${20 + offset}.0.0/16`).find(
    (text) => !taken.some((other) => cidrsOverlap(other, parseCidr(text) as Ipv4Cidr)),
  );
  if (!region || !cidr) throw new Error('no free region or CIDR left for staging');
  return { region, cidr };
}

/** "Append an entry to the environment's regions": the text a person adds after the last entry. */
function appendRegion(source: string, region: string, cidr: string): string {
  const file = ts.createSourceFile('config.ts', source, ts.ScriptTarget.ES2022, true);
  let last: ts.Node | undefined;
  const visit = (node: ts.Node) => {
    if (ts.isPropertyAssignment(node) && node.name.getText() === 'regions' && ts.isArrayLiteralExpression(node.initializer))
      last = node.initializer.elements.at(-1);
    ts.forEachChild(node, visit);
  };
  visit(file);
  if (!last) throw new Error('no regions in the configuration');
  const entry = `,\n    {\n      region: '${region}',\n      vpc: { cidr: '${cidr}', availabilityZones: ['${region}a', '${region}b'], nat: 'single' },\n    }`;
  return source.slice(0, last.end) + entry + source.slice(last.end);
}

describe('adding an environment and a region the way the README says', () => {
  let repo: string;
  const { region, cidr } = newStagingRegion();

  beforeAll(() => {
    repo = createThrowawayRepo('add-environment-');
  });
  afterAll(() => removeThrowawayRepo(repo));

  const run = (command: string, args: readonly string[]) => {
    // Not this run's jest markers: the copy's jest must build its own bundles and run its own workers.
    const { LLM_API_BUILT_FOR_JEST: _built, JEST_WORKER_ID: _worker, ...inherited } = process.env;
    const result = spawnSync(command, [...args], { cwd: repo, encoding: 'utf8', env: { ...inherited, NX_DAEMON: 'false', NX_NO_CLOUD: 'true' } });
    return { status: result.status, stdout: result.stdout, stderr: result.stderr };
  };

  it(`npm run new:environment writes ${NEW_ENV} (config, Nx project) and lists it before the first production environment`, () => {
    const result = run('npm', ['run', '-s', 'new:environment', '--', '--name', NEW_ENV, '--from', 'dev', '--region', 'eu-north-1', '--account', NEW_ACCOUNT]);

    expect(result.stderr).toBe('');
    expect(result.status).toBe(0);
    expect(result.stdout).toContain(`wrote environments/${NEW_ENV}/config.ts`);
    expect(existsSync(join(repo, `environments/${NEW_ENV}/project.json`))).toBe(true);
    expect(readFileSync(join(repo, 'environments/index.ts'), 'utf8')).toContain(`export const ENVIRONMENTS = [${EXPECTED_ORDER.join(', ')}];`);
  });

  it(`a region appended to staging (${region}) is accepted by the synth's validation`, () => {
    const path = join(repo, 'environments/staging/config.ts');
    writeFileSync(path, appendRegion(readFileSync(path, 'utf8'), region, cidr));

    const result = run(process.execPath, ['--import', 'tsx', 'tools/environment-info.ts', '--env', 'staging', '--format', 'github']);

    expect(result.stderr).toBe('');
    expect(result.stdout).toContain(
      `regions=${[...(ENVIRONMENTS.find((env) => env.name === 'staging')?.regions ?? []).map((entry) => entry.region), region].join(' ')}`,
    );
  });

  it(`the workflow matrix and Nx follow: ${NEW_ENV} is in the matrix in order, env-${NEW_ENV} is a project with its targets`, () => {
    const matrix = run(process.execPath, ['--import', 'tsx', 'tools/environment-info.ts', '--matrix']);
    const project = run(join(repo, 'node_modules', '.bin', 'nx'), ['show', 'project', `env-${NEW_ENV}`, '--json']);

    expect(JSON.parse(matrix.stdout)).toEqual(EXPECTED_ORDER);
    expect(project.status).toBe(0);
    expect(Object.keys((JSON.parse(project.stdout) as { targets: Record<string, unknown> }).targets)).toEqual(
      expect.arrayContaining(['test', 'synth', 'plan']),
    );
  });

  it('the copy passes the format check and the type check as npm test runs them (the written files in house style)', () => {
    const format = run(join(repo, 'node_modules', '.bin', 'prettier'), ['--check', '.']);
    const typecheck = run(join(repo, 'node_modules', '.bin', 'tsc'), ['-p', 'tsconfig.json', '--noEmit']);

    expect(format.stdout.split('\n').filter((line) => line.startsWith('[warn]'))).toEqual([]);
    expect(format.status).toBe(0);
    expect(typecheck.stdout + typecheck.stderr).toBe('');
    expect(typecheck.status).toBe(0);
  });

  it(`then the unit tests of ${UNIT_TESTS.join(', ')} pass there, unchanged`, () => {
    const result = run(process.execPath, [join(repo, 'node_modules', 'jest', 'bin', 'jest.js'), ...UNIT_TESTS, '--selectProjects', 'unit', '--maxWorkers=2']);
    const summary = /jest: (\d+) passed, (\d+) failed/.exec(`${result.stdout}\n${result.stderr}`);

    // On failure, say which tests failed in the copy rather than only the exit code.
    const failures = `${result.stdout}\n${result.stderr}`.split('\n').filter((line) => /✕|● (?!Console)/.test(line));
    expect(failures).toEqual([]);
    expect(result.status).toBe(0);
    expect(Number(summary?.[1])).toBeGreaterThan(100);
    expect(Number(summary?.[2])).toBe(0);
  });
});
