import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { formatReport } from '../formats/index';
import { gateFailures } from '../gating';
import { reviewFiles } from '../review/files';
import { reviewStacks } from '../review/review-stack';
import { planOf, resourceChange } from '../testing/builders';
import { COST_CONTEXT_JSON, type CostContext } from './context';

function context(overrides: Partial<CostContext> = {}): CostContext {
  return {
    environment: 'dev',
    region: 'eu-west-1',
    budgetUsd: 100,
    reviewThresholdUsd: 50,
    environmentStacks: 1,
    usage: { requestsPerMonth: 0, inputTokens: 0, outputTokens: 0, cachedInputShare: 0, modelMix: {}, durationMs: 1000 },
    ...overrides,
  };
}

const nat = (name: string) => resourceChange(`aws_nat_gateway.${name}`, ['create'], null, { connectivity_type: 'public' });
const eip = (name: string) => resourceChange(`aws_eip.${name}`, ['create'], null, { domain: 'vpc' });
const region = (name: string) => ({
  configuration: { provider_config: { aws: { name: 'aws', expressions: { region: { constant_value: name } } } }, root_module: {} },
});

describe('the cost estimate in the review', () => {
  it('shows the full cost of a create-only plan as its delta, priciest first, and lists unknown types as unpriced', () => {
    const plan = planOf([
      nat('a'),
      eip('a'),
      resourceChange('aws_rds_cluster.db', ['create'], null, {}),
      resourceChange('aws_iam_role.r', ['create'], null, {}),
    ]);
    const [stack] = reviewStacks([{ name: 'dev-eu-west-1', plan, costContext: context() }]).stacks;
    // 730 h × 0.048 + 730 h × 0.005
    expect(stack.cost?.monthlyUsd).toEqual({ before: 0, after: 38.69, delta: 38.69 });
    expect(stack.cost?.lines.map((line) => [line.address, line.monthlyUsd])).toEqual([
      ['aws_nat_gateway.a', 35.04],
      ['aws_eip.a', 3.65],
    ]);
    expect(stack.cost?.unpriced).toEqual(['aws_rds_cluster']);
    expect(stack.findings.filter((finding) => finding.rule === 'cost-increase')).toEqual([]);
  });

  it('is a medium cost-increase above the review threshold, and fails --fail-on cost', () => {
    const plan = planOf([nat('a'), nat('b'), eip('a'), eip('b')]);
    const report = reviewStacks([{ name: 'dev-eu-west-1', plan, costContext: context({ reviewThresholdUsd: 20, budgetUsd: 1000 }) }]);
    expect(report.stacks[0].findings).toEqual([
      {
        severity: 'medium',
        rule: 'cost-increase',
        address: 'monthly cost',
        message: 'adds ~77.38 USD a month (0.00 USD -> 77.38 USD), above the review threshold of 20.00 USD',
      },
    ]);
    expect(gateFailures(report, ['cost'])).toHaveLength(1);
    expect(gateFailures(report, ['destructive'])).toEqual([]);
  });

  it('is a high finding when the environment passes its budget, on its costliest change, with the totals in every format', () => {
    const regional = planOf([nat('a'), eip('a')]);
    const other = planOf([nat('b')], region('us-east-1'));
    const report = reviewStacks([
      { name: 'dev-eu-west-1', plan: regional, costContext: context({ budgetUsd: 50, environmentStacks: 2 }) },
      { name: 'dev-us-east-1', plan: other, costContext: context({ region: 'us-east-1', budgetUsd: 50, environmentStacks: 2 }) },
    ]);
    // 38.69 + 730 × 0.045 = 38.69 + 32.85
    expect(report.environments).toEqual([
      { name: 'dev', monthlyUsd: 71.54, fixedUsd: 71.54, usageUsd: 0, deltaUsd: 71.54, budgetUsd: 50, share: 1.43, stacks: 2, stacksInEnvironment: 2 },
    ]);
    expect(report.stacks[0].findings).toContainEqual({
      severity: 'high',
      rule: 'cost-increase',
      address: 'monthly cost',
      message: 'dev: the estimate of ~71.54 USD a month passes the budget of 50.00 USD (143%)',
    });
    expect(report.stacks[1].findings.filter((finding) => finding.severity === 'high')).toEqual([]);
    const json = JSON.parse(formatReport(report, 'json'));
    expect(json.environments).toEqual([{ name: 'dev', monthlyUsd: 71.54, budgetUsd: 50, share: 1.43 }]);
    expect(json.stacks[0].cost).toMatchObject({ monthlyUsd: { before: 0, after: 38.69, delta: 38.69 }, fixedUsd: 38.69, usageUsd: 0, unpriced: [] });
    expect(json.stacks[0].cost.lines[0]).toEqual({ address: 'aws_nat_gateway.a', type: 'aws_nat_gateway', monthlyUsd: 35.04, basis: '730 h × 0.048 USD/h' });
    expect(formatReport(report, 'markdown')).toContain('- dev: ~72 USD/month fixed + ~0 usage (143% of the 50 USD budget)');
    expect(formatReport(report, 'terminal')).toMatch(
      /^Monthly cost \(estimate, \d{4}-\d{2}-\d{2} prices\):\ndev: ~72 USD\/month fixed \+ ~0 usage \(143% of the 50 USD budget\)$/m,
    );
  });

  it('suppresses the over-budget finding like any other, with its reason', () => {
    const report = reviewStacks([{ name: 'dev-eu-west-1', plan: planOf([nat('a')]), costContext: context({ budgetUsd: 20 }) }], {
      suppressions: [{ rule: 'cost-increase', address: 'monthly cost', reason: 'a temporary NAT for the migration week' }],
    });
    expect(report.stacks[0].findings).toEqual([]);
    expect(report.stacks[0].suppressed).toEqual([
      expect.objectContaining({ severity: 'high', rule: 'cost-increase', reason: 'a temporary NAT for the migration week' }),
    ]);
  });

  it('counts a delete against the state before, so removing a NAT gateway is a negative delta', () => {
    const plan = planOf([
      resourceChange('aws_nat_gateway.a', ['delete'], { connectivity_type: 'public' }, null),
      resourceChange('aws_nat_gateway.b', ['no-op'], { connectivity_type: 'public' }, { connectivity_type: 'public' }),
    ]);
    const [stack] = reviewStacks([{ name: 'dev-eu-west-1', plan, costContext: context() }]).stacks;
    expect(stack.cost?.monthlyUsd).toEqual({ before: 70.08, after: 35.04, delta: -35.04 });
    expect(stack.findings).toEqual([expect.objectContaining({ rule: 'destructive-change' })]);
  });

  it("takes the region from a plan's provider when there is no cost context, and says why when it cannot estimate", () => {
    const [priced] = reviewStacks([{ name: 'elsewhere', plan: planOf([nat('a')], region('eu-central-1')) }]).stacks;
    expect(priced.cost?.monthlyUsd.after).toBe(37.96); // 730 × 0.052
    expect(priced.cost?.notes).toEqual(['no usage profile (no cost-context.json next to the plan): usage-priced resources are listed without an estimate']);
    const [unpriced] = reviewStacks([{ name: 'far', plan: planOf([nat('a')], region('ap-east-1')) }]).stacks;
    expect(unpriced.cost).toBeUndefined();
    expect(unpriced.notes).toEqual(['cost not estimated: libs/pricing has no prices for region ap-east-1']);
    const [unknown] = reviewStacks([{ name: 'nowhere', plan: planOf([nat('a')]) }]).stacks;
    expect(unknown.notes).toEqual(['cost not estimated: the plan names no region for its AWS provider']);
  });
});

describe('cost-context.json beside a plan', () => {
  it('is read with the plan, and a bad one is one line naming the file and the field', () => {
    const dir = mkdtempSync(join(tmpdir(), 'cost-context-'));
    try {
      writeFileSync(join(dir, 'plan.json'), JSON.stringify(planOf([nat('a')])));
      writeFileSync(join(dir, COST_CONTEXT_JSON), JSON.stringify(context({ budgetUsd: 30 })));
      const report = reviewFiles({ plans: [dir] });
      expect(report.environments?.[0]).toMatchObject({ name: 'dev', monthlyUsd: 35.04, budgetUsd: 30 });
      expect(report.stacks[0].findings.map((finding) => finding.severity)).toEqual(['high']);

      writeFileSync(join(dir, COST_CONTEXT_JSON), JSON.stringify({ ...context(), budgetUsd: -1 }));
      expect(() => reviewFiles({ plans: [dir] })).toThrow(new RegExp(`${join(dir, COST_CONTEXT_JSON).replace(/[.*+?^${}()|[\]\\]/g, '\\$&')}.*budgetUsd`));
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });
});
