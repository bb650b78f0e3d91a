/**
 * The guardrail rules as SARIF reporting descriptors: every rule of the pack with its texts and
 * level, and the meta rules (findings about the pack's own use), with what GitHub code scanning
 * reads besides: `security-severity` as a score and tags.
 */
import type { ReportingDescriptor } from 'sarif';
import { GUARDRAIL_RULES } from '../pack';
import { META_RULES } from '../report';
import type { RuleLevel } from '../rule';

interface DescribedRule {
  readonly id: string;
  readonly level: RuleLevel;
  readonly info: string;
  readonly explanation: string;
  readonly productionOnly: boolean;
}

const META_RULE_TEXTS: readonly DescribedRule[] = [
  {
    id: META_RULES.unusedSuppression,
    level: 'warning',
    productionOnly: false,
    info: 'A suppression matches no finding.',
    explanation: 'A suppression left behind after a fix, or placed on the wrong construct, would silently accept a later finding it was never meant for.',
  },
  {
    id: META_RULES.guardrailContext,
    level: 'warning',
    productionOnly: false,
    info: 'A stack does not say whether it is production.',
    explanation: 'The production-only rules were applied to be safe; a stack that says what it is gets exactly the rules meant for it.',
  },
  {
    id: META_RULES.unguardedStack,
    level: 'error',
    productionOnly: false,
    info: 'A stack was added after applyGuardrails(), so no rule checked it.',
    explanation: 'Its resources would reach plans and applies without any guardrail.',
  },
];

/**
 * Rules whose findings are security weaknesses (code scanning lists them as security alerts,
 * ranked by the score); the others are hygiene: cost, reliability, observability.
 */
export const SECURITY_RULE_IDS: ReadonlySet<string> = new Set([
  's3-encryption',
  's3-public-access-block',
  's3-tls-only',
  'log-group-kms',
  'ecr-tag-immutability',
  'ecr-scan-on-push',
  'sns-encryption',
  'api-access-logging',
  'api-route-authorization',
  'iam-role-permission-boundary',
  'iam-least-privilege',
  'security-group-open-ingress',
  META_RULES.unguardedStack,
]);

/** The same scale as the review's SARIF: an error is as grave as a high finding, a warning as a medium one. */
const SECURITY_SEVERITY: Readonly<Record<RuleLevel, string>> = { error: '9.0', warning: '6.0' };

export function guardrailRuleDescriptors(): ReportingDescriptor[] {
  return [...GUARDRAIL_RULES, ...META_RULE_TEXTS].map(descriptor);
}

function descriptor(rule: DescribedRule): ReportingDescriptor {
  const scope = rule.productionOnly ? ' Production stacks only.' : '';
  const outcome = rule.level === 'error' ? 'An error stops the synth.' : 'A warning is listed once per synth; the synth goes on.';
  const suppress = `suppressRule(construct, '${rule.id}', '<why, at least ten characters>')`;
  const tags = ['terraform', 'guardrails', ...(SECURITY_RULE_IDS.has(rule.id) ? ['security'] : []), ...(rule.productionOnly ? ['production'] : [])];
  return {
    id: rule.id,
    name: rule.id
      .split('-')
      .map((word) => word.charAt(0).toUpperCase() + word.slice(1))
      .join(''),
    shortDescription: { text: rule.info },
    fullDescription: { text: `${rule.explanation}${scope}` },
    help: {
      text: `${rule.info} ${rule.explanation}${scope} ${outcome} To accept a finding on purpose: ${suppress} from @llm/guardrails.`,
      markdown: [
        `**${rule.info}**`,
        '',
        `${rule.explanation}${scope}`,
        '',
        `${outcome} To accept a finding on purpose: \`${suppress}\` from \`@llm/guardrails\`.`,
      ].join('\n'),
    },
    defaultConfiguration: { level: rule.level },
    properties: { 'security-severity': SECURITY_SEVERITY[rule.level], tags },
  };
}
