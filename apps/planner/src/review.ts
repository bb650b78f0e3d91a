/**
 * The review that ends `npm start`: every planned stack through @llm/review, printed for the
 * terminal and written as review.md (for a pull-request comment) and review.json next to the plans.
 */
import { formatReport, gateFailures, reviewStackDirs, type GateName, type Report, type Suppression } from '@llm/review';
import type { StackPlanResult } from '@llm/terraform';
import { writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';

/** Findings this project accepts by design, each with its reason. Keep this list short. */
export const PROJECT_SUPPRESSIONS: readonly Suppression[] = [
  {
    rule: 'iam-broadening',
    address: 'aws_iam_policy.PermissionBoundary_*',
    reason: 'a permission boundary caps what roles may do; its Allow * grants nothing by itself',
  },
  {
    rule: 'iam-broadening',
    address: 'aws_iam_role_policy_attachment.CiRoles_DeployPowerUser_*',
    reason: 'the deploy role applies Terraform; PowerUserAccess is capped by the permission boundary and the ABAC deny statements',
  },
];

export interface PlannerReview {
  readonly report: Report;
  readonly terminal: string;
  readonly markdownPath: string;
  readonly jsonPath: string;
  /** Findings that fail the requested gates. */
  readonly gateFailures: number;
}

export function reviewPlannedStacks(results: readonly StackPlanResult[], outdir: string, gates: readonly GateName[], color: boolean): PlannerReview | undefined {
  const dirs = results.flatMap((result) => (result.ok ? [dirname(result.planJsonPath)] : []));
  if (dirs.length === 0) return undefined;
  const report = reviewStackDirs(dirs, { suppressions: PROJECT_SUPPRESSIONS });
  const markdownPath = join(outdir, 'review.md');
  const jsonPath = join(outdir, 'review.json');
  writeFileSync(markdownPath, formatReport(report, 'markdown'));
  writeFileSync(jsonPath, formatReport(report, 'json'));
  return {
    report,
    terminal: formatReport(report, 'terminal', { color }),
    markdownPath,
    jsonPath,
    gateFailures: gates.length > 0 ? gateFailures(report, gates).length : 0,
  };
}
