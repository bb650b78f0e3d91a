/**
 * The main job end to end: `npm start` synthesizes every stack of every environment offline and
 * proves each with the real terraform validate and terraform plan; the plans are then checked.
 */
import { missingTagKeys } from '@llm/naming';
import { PLAN_JSON_FILE, readPlanJson, type PlanJson } from '@llm/terraform';
import { describeWithTerraform } from '@llm/terraform/testing';
import { spawnSync, type SpawnSyncReturns } from 'node:child_process';
import { pricingKind } from '@llm/pricing';
import { existsSync, mkdirSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { ENVIRONMENTS } from './index';
import { environmentsUnderTest, expectedStackNames } from './testing';

const workspaceRoot = resolve(__dirname, '..');

interface ReviewJson {
  readonly stacks: ReadonlyArray<{
    name: string;
    cost?: {
      monthlyUsd: { before: number; after: number; delta: number };
      unpriced: string[];
      lines: Array<{ address: string; type: string; monthlyUsd: number; basis: string }>;
    };
  }>;
  readonly environments?: ReadonlyArray<{ name: string; monthlyUsd: number; budgetUsd: number; share: number }>;
}
const envs = environmentsUnderTest();
const EXPECTED_STACKS = expectedStackNames(envs);

// The run's own plan cache, so the first run plans every stack whatever earlier runs left.
const planCache = mkdtempSync(join(tmpdir(), 'plan-cache-'));
afterAll(() => rmSync(planCache, { recursive: true, force: true }));

function runPlanner(args: string[]): SpawnSyncReturns<string> {
  return spawnSync(process.execPath, ['--import', 'tsx', 'apps/planner/src/main.ts', ...args], {
    cwd: workspaceRoot,
    encoding: 'utf8',
    env: { ...process.env, FORCE_COLOR: '0', INFRA_PLAN_CACHE_DIR: planCache },
  });
}

describeWithTerraform(`npm start (planner) over ${envs.map((env) => env.name).join(', ')}`, () => {
  const outdir = mkdtempSync(join(tmpdir(), 'planner-'));
  let run: SpawnSyncReturns<string>;
  const plans = new Map<string, PlanJson>();

  beforeAll(() => {
    run = runPlanner(['--validate', '--outdir', outdir, '--env', envs.map((env) => env.name).join(',')]);
    for (const stack of EXPECTED_STACKS) {
      const path = join(outdir, 'stacks', stack, PLAN_JSON_FILE);
      if (existsSync(path)) plans.set(stack, readPlanJson(path));
    }
  });
  afterAll(() => rmSync(outdir, { recursive: true, force: true }));

  it('plans all stacks and exits 0', () => {
    expect({ status: run.status, stderr: run.stderr }).toEqual({ status: 0, stderr: '' });
    expect(run.stdout).toContain(`${EXPECTED_STACKS.length}/${EXPECTED_STACKS.length} planned`);
  });

  it('prints a progress line and a table row for every stack', () => {
    for (const stack of EXPECTED_STACKS) {
      expect(run.stdout).toMatch(new RegExp(`\\] ok   ${stack}: \\+\\d+ ~0 -0 \\(\\d+\\.\\ds\\)`));
      expect(run.stdout).toMatch(new RegExp(`^${stack} +\\d+ +0 +0 +\\d+\\.\\ds  planned$`, 'm'));
    }
  });

  it('writes plan.json for every stack, each creating resources', () => {
    expect([...plans.keys()].sort()).toEqual([...EXPECTED_STACKS].sort());
    for (const [stack, plan] of plans) {
      const creates = (plan.resource_changes ?? []).filter((change) => change.change.actions.includes('create'));
      expect({ stack, creates: creates.length > 0 }).toEqual({ stack, creates: true });
    }
  });

  it('gives every taggable resource the standard tags (tags_all as computed by the provider)', () => {
    const checked: string[] = [];
    const untagged: string[] = [];
    for (const [stack, plan] of plans) {
      for (const change of plan.resource_changes ?? []) {
        const after = change.change.after ?? {};
        if (!('tags_all' in after)) continue;
        checked.push(`${stack}:${change.address}`);
        const missing = missingTagKeys(after.tags_all as Record<string, unknown>);
        if (missing.length > 0) untagged.push(`${stack}:${change.address} lacks ${missing.join(', ')}`);
      }
    }
    expect(untagged).toEqual([]);
    // Every stack holds at least one taggable resource (a bucket or a policy), so the check is not vacuous.
    expect(new Set(checked.map((entry) => entry.split(':')[0])).size).toBe(EXPECTED_STACKS.length);
  });

  describe('what it costs', () => {
    const review = () => JSON.parse(readFileSync(join(outdir, 'review.json'), 'utf8')) as ReviewJson;

    it('classifies every resource type the stacks create: priced, usage-priced or free, none unpriced', () => {
      const types = new Set([...plans.values()].flatMap((plan) => (plan.resource_changes ?? []).map((change) => change.type)));
      expect(types.size).toBeGreaterThan(30);
      expect([...types].filter((type) => pricingKind(type) === undefined)).toEqual([]);
      for (const stack of review().stacks) expect({ stack: stack.name, unpriced: stack.cost?.unpriced }).toEqual({ stack: stack.name, unpriced: [] });
    });

    it('prints one line per environment with its fixed and usage figures against its budget', () => {
      for (const env of envs) {
        const line = new RegExp(
          `^${env.name}: ~[\\d,]+ USD/month fixed \\+ ~[\\d,]+ usage \\(\\d+% of the ${env.budget.monthlyLimitUsd.toLocaleString('en-US')} USD budget\\)$`,
          'm',
        );
        expect(run.stdout).toMatch(line);
      }
      const json = review();
      expect(json.environments?.map((env) => env.name).sort()).toEqual(envs.map((env) => env.name).sort());
      for (const env of json.environments ?? []) expect(env.share).toBeCloseTo(env.monthlyUsd / env.budgetUsd, 2);
    });

    it('prices what the real plan creates, as computed by hand: NAT gateways, addresses, interface endpoints per zone, KMS keys', () => {
      const prod = envs.find((env) => env.name === 'prod');
      if (!prod) return; // INFRA_ENVIRONMENTS left prod out
      const stack = review().stacks.find((entry) => entry.name === 'prod-eu-west-1');
      const lines = stack?.cost?.lines ?? [];
      const fixedOf = (type: string) => lines.filter((line) => line.type === type).map((line) => line.basis.split(';')[0]);
      // eu-west-1: NAT 0.048 USD/h, public IPv4 0.005 USD/h, interface endpoint 0.011 USD per zone-hour; 730 h a month.
      expect(fixedOf('aws_nat_gateway')).toEqual(Array(3).fill('730 h × 0.048 USD/h'));
      expect(lines.filter((line) => line.type === 'aws_eip').map((line) => line.monthlyUsd)).toEqual([3.65, 3.65, 3.65]);
      const endpoints = lines.filter((line) => line.type === 'aws_vpc_endpoint' && line.monthlyUsd > 0);
      expect(endpoints.map((line) => line.monthlyUsd)).toEqual(Array(4).fill(24.09)); // 3 zones × 730 × 0.011
      expect(lines.filter((line) => line.type === 'aws_kms_key').map((line) => line.monthlyUsd)).toEqual([1, 1]);
      expect(stack?.cost?.monthlyUsd.before).toBe(0); // an offline plan creates everything: the full cost is the delta
      expect(stack?.cost?.monthlyUsd.delta).toBe(stack?.cost?.monthlyUsd.after);
    });
  });

  it('reads no data sources, which would need an AWS account', () => {
    for (const plan of plans.values()) {
      expect((plan.resource_changes ?? []).filter((change) => change.mode === 'data')).toEqual([]);
    }
  });

  it('plans nothing again on a second run with nothing changed: every stack comes from the plan cache, with the same plan', () => {
    const again = runPlanner(['--validate', '--outdir', outdir, '--env', envs.map((env) => env.name).join(',')]);
    expect({ status: again.status, stderr: again.stderr }).toEqual({ status: 0, stderr: '' });
    for (const stack of EXPECTED_STACKS) {
      expect(again.stdout).toMatch(new RegExp(`\\] ok   ${stack}: \\+\\d+ ~0 -0 \\(cached\\)`));
      expect(again.stdout).toMatch(new RegExp(`^${stack} +\\d+ +0 +0 +\\d+\\.\\ds  cached$`, 'm'));
      expect(readPlanJson(join(outdir, 'stacks', stack, PLAN_JSON_FILE))).toEqual(plans.get(stack));
    }
    // And --no-cache plans them all again.
    const fresh = runPlanner(['--no-cache', '--no-review', '--outdir', outdir, '--env', envs[0].name, '--stack', `${envs[0].name}-global`]);
    expect(fresh.status).toBe(0);
    expect(fresh.stdout).toMatch(new RegExp(`^${envs[0].name}-global +\\d+ +0 +0 +\\d+\\.\\ds  planned$`, 'm'));
  });
});

describeWithTerraform('npm start when Terraform fails in a stack', () => {
  it("exits 1, marks the stack FAILED with its step, and shows Terraform's own error", () => {
    // A mirror folder without the provider binary: `terraform init` itself fails for the stack.
    const emptyMirror = mkdtempSync(join(tmpdir(), 'empty-mirror-'));
    mkdirSync(join(emptyMirror, 'registry.terraform.io', 'hashicorp', 'aws', '5.100.0'), { recursive: true });
    const outdir = mkdtempSync(join(tmpdir(), 'planner-'));
    try {
      const run = spawnSync(process.execPath, ['--import', 'tsx', 'apps/planner/src/main.ts', '--env', 'dev', '--stack', 'dev-global', '--outdir', outdir], {
        cwd: workspaceRoot,
        encoding: 'utf8',
        env: { ...process.env, TF_PROVIDER_MIRROR: emptyMirror },
      });
      expect(run.status).toBe(1);
      expect(run.stdout).toMatch(/\] FAIL dev-global at terraform init/);
      expect(run.stdout).toMatch(/^dev-global +- +- +- +\d+\.\ds {2}FAILED \(init\)$/m);
      expect(run.stderr).toContain('=== dev-global: terraform init failed ===');
      expect(run.stderr).toMatch(/Error: Failed to (query|install) (available )?provider/);
    } finally {
      rmSync(emptyMirror, { recursive: true, force: true });
      rmSync(outdir, { recursive: true, force: true });
    }
  });
});

describe('npm start usage errors', () => {
  it('exits 2 and names an unknown option', () => {
    const run = runPlanner(['--envv', 'dev']);
    expect(run.status).toBe(2);
    expect(run.stderr).toContain("Unknown option '--envv'");
    expect(run.stderr).toContain('Usage: npm start');
  });

  it('exits 2 and lists the known environments for an unknown one, without a stack trace', () => {
    // Hyphens are refused by the name rule, so no configured environment can ever be called that.
    const run = runPlanner(['--env', 'no-such-env', '--outdir', mkdtempSync(join(tmpdir(), 'planner-'))]);
    expect(run.status).toBe(2);
    expect(run.stderr).toContain(`--env: unknown environment(s) no-such-env; known: ${ENVIRONMENTS.map((env) => env.name).join(', ')}`);
    expect(run.stderr).not.toMatch(/INFRA_ENVIRONMENTS|\n\s+at /);
  });
});
