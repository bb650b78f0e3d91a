/** What a caller can tune: the tag policy and the findings accepted on purpose (suppressions). */
import { missingTagKeys } from '@llm/naming';
import { optionErrors } from '../errors';
import type { Finding } from '../model';
import { RULE_IDS } from '../rules/pack';

export interface Suppression {
  /** Rule id, e.g. `iam-broadening`. */
  readonly rule: string;
  /** Resource address the finding is about; `*` matches any run of characters (`aws_iam_policy.*`). */
  readonly address: string;
  /** Why the finding is acceptable: at least ten characters. */
  readonly reason: string;
  /** Only in this stack. @default - every stack */
  readonly stack?: string;
}

export interface ReviewOptions {
  /**
   * Tag keys every taggable resource must carry in `tags_all`.
   * @default - this project's standard tags: REQUIRED_TAG_KEYS and Region or Scope (`@llm/naming`)
   */
  readonly requiredTags?: readonly string[];
  /** Findings accepted on purpose; they are listed apart and never fail a gate. @default - none */
  readonly suppressions?: readonly Suppression[];
}

export const MIN_REASON_LENGTH = 10;

export function validateSuppressions(suppressions: readonly Suppression[]): void {
  for (const suppression of suppressions) {
    if (!RULE_IDS.includes(suppression.rule)) throw optionErrors.unknownRule(suppression.rule, RULE_IDS);
    if (suppression.reason.trim().length < MIN_REASON_LENGTH) throw optionErrors.suppressionWithoutReason(suppression.rule, suppression.address);
  }
}

export function missingTagsFunction(options: ReviewOptions): (tags: Record<string, unknown>) => string[] {
  const required = options.requiredTags;
  if (!required) return missingTagKeys;
  return (tags) => required.filter((key) => !(key in tags));
}

export function suppressionFor(finding: Finding, stack: string, suppressions: readonly Suppression[]): Suppression | undefined {
  return suppressions.find(
    (suppression) =>
      suppression.rule === finding.rule &&
      (suppression.stack === undefined || suppression.stack === stack) &&
      (suppression.address.includes('*') ? globMatches(suppression.address, finding.address) : suppression.address === finding.address),
  );
}

/** Case-sensitive, as addresses are (unlike IAM actions). */
function globMatches(pattern: string, address: string): boolean {
  return new RegExp(`^${pattern.split('*').map(escape).join('.*')}$`).test(address);
}

function escape(text: string): string {
  return text.replace(/[.+?^${}()|[\]\\]/g, '\\$&');
}
