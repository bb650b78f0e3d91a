/**
 * The review's rules as SARIF reporting descriptors: their texts from the pack, and what GitHub
 * code scanning reads besides (a default level, `security-severity` as a score, tags).
 */
import type { ReportingDescriptor } from 'sarif';
import type { Severity } from '../model';
import type { Rule } from '../rules/rule';

export type SarifLevel = 'error' | 'warning' | 'note';

export const SARIF_LEVELS: Readonly<Record<Severity, SarifLevel>> = { high: 'error', medium: 'warning', low: 'note' };

/**
 * Code scanning ranks alerts by this score (a string, as GitHub reads it): 9.0 and above is
 * shown as critical, 7.0 to 8.9 high, 4.0 to 6.9 medium, below 4.0 low.
 */
export const SECURITY_SEVERITY: Readonly<Record<Severity, string>> = { high: '9.0', medium: '6.0', low: '3.0' };

interface RuleMetadata {
  /** The highest severity the rule reports: a rule carries one score, its results their own level. */
  readonly severity: Severity;
  /** `security` makes code scanning list the alerts as security alerts, ranked by the score. */
  readonly tags: readonly string[];
}

/** Every rule of the pack (a test fails on one missing here). */
export const RULE_METADATA: Readonly<Record<string, RuleMetadata>> = {
  'destructive-change': { severity: 'high', tags: ['reliability', 'data-loss'] },
  // Left running in AWS, unmanaged: nobody reviews it any more.
  'forgotten-resource': { severity: 'medium', tags: ['reliability', 'state'] },
  'moved-resource': { severity: 'low', tags: ['state'] },
  'iam-broadening': { severity: 'high', tags: ['security', 'iam'] },
  'public-exposure': { severity: 'high', tags: ['security', 'network-exposure'] },
  'missing-tags': { severity: 'low', tags: ['governance', 'tags'] },
  // Changed by hand is changed without review: possibly by someone who should not have.
  drift: { severity: 'medium', tags: ['security', 'drift'] },
  'removed-output': { severity: 'medium', tags: ['reliability'] },
  'secret-in-state': { severity: 'high', tags: ['security', 'secrets'] },
  'orphaned-in-state': { severity: 'high', tags: ['reliability', 'state'] },
  'untagged-in-state': { severity: 'low', tags: ['governance', 'tags', 'state'] },
  // Money, not security: ranked by its usual finding (a change above the threshold), high only past the budget.
  'cost-increase': { severity: 'medium', tags: ['cost'] },
};

/** For a rule added to the pack without metadata: listed, never dropped. */
const FALLBACK: RuleMetadata = { severity: 'medium', tags: [] };

export function ruleMetadata(id: string): RuleMetadata {
  return RULE_METADATA[id] ?? FALLBACK;
}

/** `destructive-change` -> `DestructiveChange`: the readable name code scanning shows. */
export function pascalCase(id: string): string {
  return id
    .split('-')
    .map((word) => word.charAt(0).toUpperCase() + word.slice(1))
    .join('');
}

export function reportingDescriptor(rule: Rule): ReportingDescriptor {
  const { severity, tags } = ruleMetadata(rule.id);
  const gate = rule.gate ? `\`--fail-on ${rule.gate}\` (and \`--fail-on any\`)` : '`--fail-on any`';
  const suppress = `--suppress ${rule.id}:ADDRESS=REASON`;
  return {
    id: rule.id,
    name: pascalCase(rule.id),
    shortDescription: { text: rule.info },
    fullDescription: { text: rule.explanation },
    help: {
      text: `${rule.info} ${rule.explanation} Its findings fail ${gate.replace(/`/g, '')}. To accept one on purpose: ${suppress}, with a reason of at least 10 characters.`,
      markdown: [
        `**${rule.info}**`,
        '',
        rule.explanation,
        '',
        `Its findings fail ${gate}. To accept one on purpose: \`npm run review -- ... ${suppress}\`, with a reason of at least 10 characters.`,
      ].join('\n'),
    },
    defaultConfiguration: { level: SARIF_LEVELS[severity] },
    properties: { 'security-severity': SECURITY_SEVERITY[severity], tags: ['terraform', 'review', ...tags] },
  };
}
