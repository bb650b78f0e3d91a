import type { StackPlanResult } from '@llm/terraform';
import { failureDetails, progressLine, summaryTable } from './report';

const planned: StackPlanResult = {
  stack: 'dev-global',
  ok: true,
  durationMs: 6_400,
  planJsonPath: '/x/plan.json',
  plan: { format_version: '1.2' },
  add: 12,
  change: 1,
  destroy: 3,
};
const failed: StackPlanResult = {
  stack: 'prod-eu-west-1',
  ok: false,
  durationMs: 2_100,
  failedStep: 'plan',
  error: 'Error: Invalid value for "bucket"',
};

describe('planner report', () => {
  it('prints one progress line per stack with counts or the failing step', () => {
    expect(progressLine(planned, 1, 12)).toBe('[ 1/12] ok   dev-global: +12 ~1 -3 (6.4s)');
    expect(progressLine(failed, 12, 12)).toBe('[12/12] FAIL prod-eu-west-1 at terraform plan (2.1s)');
  });

  it('aligns the table and totals only the planned stacks', () => {
    expect(summaryTable([planned, failed], 9_000).split('\n')).toEqual([
      'stack           add  change  destroy  time  status',
      '--------------  ---  ------  -------  ----  -------------',
      'dev-global       12       1        3  6.4s  planned',
      'prod-eu-west-1    -       -        -  2.1s  FAILED (plan)',
      '--------------  ---  ------  -------  ----  -------------',
      'total            12       1        3  9.0s  1/2 planned',
    ]);
  });

  it('says which plans came from the plan cache, and why an entry was not used', () => {
    const cached: StackPlanResult = { ...planned, stack: 'dev-bootstrap', cached: true, durationMs: 12 } as StackPlanResult;
    const replanned = {
      ...planned,
      cacheNote: 'cache entry was corrupt (plan.json does not match its recorded SHA-256): removed and planned again',
    } as StackPlanResult;
    expect(progressLine(cached, 1, 2)).toBe('[1/2] ok   dev-bootstrap: +12 ~1 -3 (cached)');
    expect(progressLine(replanned, 2, 2)).toBe(
      '[2/2] ok   dev-global: +12 ~1 -3 (6.4s; cache entry was corrupt (plan.json does not match its recorded SHA-256): removed and planned again)',
    );
    const table = summaryTable([cached, planned], 6_500).split('\n');
    expect(table[2]).toBe('dev-bootstrap   12       1        3  0.0s  cached');
    expect(table.at(-1)).toMatch(/2\/2 planned \(1 cached\)$/);
  });

  it("shows Terraform's own error for each failed stack", () => {
    expect(failureDetails([planned, failed])).toBe('\n=== prod-eu-west-1: terraform plan failed ===\nError: Invalid value for "bucket"');
  });
});
