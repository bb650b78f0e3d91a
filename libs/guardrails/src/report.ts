/**
 * What one run of the guardrails found: unsuppressed findings by level, suppressed ones with their
 * reasons, suppressions that matched nothing, and the texts printed at the end of a synth (errors
 * in the thrown message, warnings once as a compact list or one summary line).
 */
import { relative } from 'node:path';
import type { RuleLevel, RuleResult } from './rule';
import type { Suppression } from './suppressions';

/** Findings about the pack's own use, not about a resource. */
export const META_RULES = {
  /** warning: a suppression matched no finding (fixed since, misplaced, or for a rule that does not apply here). */
  unusedSuppression: 'unused-suppression',
  /** warning: a stack did not say whether it is production; production rules were applied. */
  guardrailContext: 'guardrail-context',
  /** error: a stack was added to the app after applyGuardrails(), so no rule saw it. */
  unguardedStack: 'unguarded-stack',
} as const;

export interface GuardrailFinding {
  readonly ruleId: string;
  readonly level: RuleLevel;
  /** Stack name, e.g. `prod-eu-west-1`. */
  readonly stack: string;
  /** Construct path of the resource (or of the suppression, the stack). */
  readonly path: string;
  /** Terraform address, as in plans, when the finding is about a resource. */
  readonly address?: string;
  readonly problem: string;
  readonly fix: string;
}

export interface SuppressedFinding extends GuardrailFinding {
  readonly reason: string;
  /** Where the suppression was placed (the resource or one of its scopes). */
  readonly suppressedAt: string;
}

interface SeenSuppression {
  readonly suppression: Suppression;
  readonly stack: string;
  readonly path: string;
}

export class GuardrailReport {
  private readonly resourceFindings: GuardrailFinding[] = [];
  private readonly metaFindings: GuardrailFinding[] = [];
  private readonly suppressedFindings: SuppressedFinding[] = [];
  private readonly seen = new Map<Suppression, SeenSuppression>();
  private readonly used = new Set<Suppression>();
  private readonly stackNames = new Set<string>();

  constructor(readonly ruleIds: readonly string[]) {}

  /** Every unsuppressed finding, including unused suppressions, sorted by stack, path and rule. */
  get findings(): GuardrailFinding[] {
    return sortFindings([...this.resourceFindings, ...this.metaFindings, ...this.unusedSuppressions()]);
  }

  get errors(): GuardrailFinding[] {
    return this.findings.filter((finding) => finding.level === 'error');
  }

  get warnings(): GuardrailFinding[] {
    return this.findings.filter((finding) => finding.level === 'warning');
  }

  get suppressed(): SuppressedFinding[] {
    return sortFindings(this.suppressedFindings);
  }

  /** Names of the stacks the rules ran on. */
  get stacks(): string[] {
    return [...this.stackNames].sort();
  }

  /** @internal called by the aspect */
  noteStack(stack: string): void {
    this.stackNames.add(stack);
  }

  /** @internal called by the aspect for every suppression on a construct it visits */
  noteSuppression(suppression: Suppression, stack: string, path: string): void {
    if (!this.seen.has(suppression)) this.seen.set(suppression, { suppression, stack, path });
  }

  /** @internal a non-compliant result; `suppressions` are those naming this rule on the resource and its scopes */
  record(
    finding: Omit<GuardrailFinding, 'problem' | 'fix'>,
    result: Extract<RuleResult, { status: 'non-compliant' }>,
    suppressions: readonly { readonly suppression: Suppression; readonly path: string }[],
  ): void {
    const full: GuardrailFinding = { ...finding, problem: result.problem, fix: result.fix };
    if (suppressions.length === 0) {
      this.resourceFindings.push(full);
      return;
    }
    for (const { suppression } of suppressions) this.used.add(suppression);
    const nearest = suppressions[suppressions.length - 1];
    this.suppressedFindings.push({ ...full, reason: nearest.suppression.reason, suppressedAt: nearest.path });
  }

  /** @internal */
  addMeta(finding: GuardrailFinding): void {
    this.metaFindings.push(finding);
  }

  /** Errors as they appear in the message synth fails with. */
  formatErrors(): string {
    const errors = this.errors;
    if (errors.length === 0) return '';
    return [
      `Guardrails: ${plural(errors.length, 'error')} stop the synth (rule, construct, what is wrong, how to fix it):`,
      ...errors.map((finding) => `  [${finding.ruleId}] ${where(finding)}: ${finding.problem}. Fix: ${finding.fix}.`),
      "To accept a finding deliberately: suppressRule(construct, '<rule-id>', '<why, at least ten characters>') from @llm/guardrails.",
    ].join('\n');
  }

  /** Warnings as one compact list, one line each; the fixes are in the JSON report. */
  formatWarnings(): string {
    const warnings = this.warnings;
    if (warnings.length === 0) return '';
    return [
      `Guardrails: ${plural(warnings.length, 'warning')} (synth continues; fixes in guardrails.json):`,
      ...warnings.map((finding) => `  [${finding.ruleId}] ${finding.path}: ${finding.problem}`),
    ].join('\n');
  }

  toJSON(): object {
    return { rules: this.ruleIds, stacks: this.stacks, errors: this.errors, warnings: this.warnings, suppressed: this.suppressed };
  }

  private unusedSuppressions(): GuardrailFinding[] {
    return [...this.seen.values()]
      .filter(({ suppression }) => !this.used.has(suppression))
      .map(({ suppression, stack, path }) => ({
        ruleId: META_RULES.unusedSuppression,
        level: 'warning' as const,
        stack,
        path,
        problem: `suppression of ${suppression.ruleId} ("${suppression.reason}") matches no finding on this construct or below`,
        fix: `remove the suppressRule(..., '${suppression.ruleId}', ...) call, or move it to the construct whose finding it accepts`,
      }));
  }
}

/** The one line for warnings that do not stop the synth: how many, and where each is described (with its fix). */
export function warningSummary(count: number, reportFile?: string): string {
  if (count === 0) return '';
  const where = reportFile ? `, see ${relative(process.cwd(), reportFile) || reportFile}` : '';
  return `Guardrails: ${plural(count, 'accepted warning')}${where}`;
}

function where(finding: GuardrailFinding): string {
  return finding.address ? `${finding.path} (${finding.address})` : finding.path;
}

function plural(count: number, noun: string): string {
  return `${count} ${noun}${count === 1 ? '' : 's'}`;
}

function sortFindings<T extends GuardrailFinding>(findings: T[]): T[] {
  const key = (finding: GuardrailFinding) => `${finding.stack}\u0000${finding.path}\u0000${finding.ruleId}`;
  return [...findings].sort((a, b) => (key(a) < key(b) ? -1 : key(a) > key(b) ? 1 : 0));
}
