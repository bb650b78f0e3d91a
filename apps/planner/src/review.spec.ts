/**
 * The planner reviews the plans planStack has in memory; the result must be exactly what reading
 * them back from the stack folders (reviewStackDirs, as npm run review does) gives.
 */
import { formatReport, reviewStackDirs } from '@llm/review';
import { countChanges, readPlanJson, type StackPlanResult } from '@llm/terraform';
import { copyFileSync, mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join, resolve } from 'node:path';
import { PROJECT_SUPPRESSIONS, reviewPlannedStacks, stackInput } from './review';

const FIXTURES = join(resolve(__dirname, '..', '..', '..'), 'libs', 'review', 'src', 'testing', 'fixtures');

type PlannedStack = Extract<StackPlanResult, { readonly ok: true }>;

const costContext = {
  environment: 'dev',
  region: 'us-east-1',
  budgetUsd: 100,
  reviewThresholdUsd: 10,
  environmentStacks: 2,
  usage: { requestsPerMonth: 100_000, inputTokens: 500, outputTokens: 200, cachedInputShare: 0.2, modelMix: { 'gpt-4o-mini': 1 }, durationMs: 800 },
};

describe('reviewPlannedStacks', () => {
  const outdir = mkdtempSync(join(tmpdir(), 'planner-review-'));
  afterAll(() => rmSync(outdir, { recursive: true, force: true }));

  /** A stack folder as npm start leaves it (plan.json, maybe cost-context.json) and planStack's result for it. */
  function planned(name: string, fixture: string, context?: object): PlannedStack {
    const dir = join(outdir, 'stacks', name);
    mkdirSync(dir, { recursive: true });
    const planJsonPath = join(dir, 'plan.json');
    copyFileSync(join(FIXTURES, fixture), planJsonPath);
    if (context) writeFileSync(join(dir, 'cost-context.json'), JSON.stringify(context));
    const plan = readPlanJson(planJsonPath);
    return { stack: name, ok: true, durationMs: 1, planJsonPath, plan, steps: { plan: 1, show: 1 }, ...countChanges(plan) };
  }

  it('gives the same report, and writes the same files, as reviewing the stack folders from disk', () => {
    const results = [
      planned('dev-us-east-1', 'offline/dev-us-east-1.plan.json', costContext),
      planned('dev-us-east-1-drifted', 'emulator/dev-us-east-1.drifted.plan.json', { ...costContext, region: 'eu-west-1' }),
      planned('dev-refresh-only', 'emulator/dev-us-east-1.refresh-only.plan.json'),
    ];

    const review = reviewPlannedStacks(results, outdir, ['destructive'], false);
    const fromDisk = reviewStackDirs(
      results.map((result) => dirname(result.planJsonPath)),
      { suppressions: PROJECT_SUPPRESSIONS },
    );

    expect(review?.report).toEqual(fromDisk);
    expect(review?.report.stacks.map((stack) => stack.name)).toEqual(['dev-us-east-1', 'dev-us-east-1-drifted', 'dev-refresh-only']);
    // The cost contexts were read: a budget figure per environment, as from disk.
    expect(JSON.stringify(fromDisk)).toContain('"budgetUsd":100');
    expect(readFileSync(join(outdir, 'review.json'), 'utf8')).toBe(formatReport(fromDisk, 'json'));
    expect(review?.terminal).toBe(formatReport(fromDisk, 'terminal', { color: false }));
  });

  it('refuses a damaged cost-context.json with the message reviewing it from disk gives', () => {
    const result = planned('dev-broken-context', 'offline/dev-us-east-1.plan.json', { ...costContext, budgetUsd: -1 });
    const message = (work: () => unknown) => {
      try {
        work();
      } catch (error) {
        return (error as Error).message;
      }
      return 'no error';
    };

    const fromDisk = message(() => reviewStackDirs([dirname(result.planJsonPath)]));

    expect(fromDisk).toMatch(/cost-context\.json.*budgetUsd/);
    expect(message(() => stackInput(result))).toBe(fromDisk);
  });
});
