/** Public API of guardrails: the rule pack applied to stacks as cdktf aspects, suppressions, the report as SARIF, and the secret hygiene check. */
export { applyGuardrails, type GuardrailOptions } from './apply';
export { guardrailContextOf, setGuardrailContext, type GuardrailContext } from './context';
export { GuardrailError, MIN_REASON_LENGTH } from './errors';
export { GUARDRAIL_RULES, type RegisteredRule } from './pack';
export { GuardrailReport, META_RULES, warningSummary, type GuardrailFinding, type SuppressedFinding } from './report';
export {
  GUARDRAILS_FINGERPRINT,
  GuardrailReportFormatError,
  guardrailSarifLog,
  parseGuardrailReport,
  type GuardrailReportData,
  type GuardrailReportJson,
  type GuardrailSarifOptions,
  type SarifFilePosition,
} from './sarif/index';
export type { RuleCheck, RuleFunction, RuleLevel, RuleResult } from './rule';
export type { Block, ResourceView, StackView } from './stack-view';
export { suppressRule, type Suppression } from './suppressions';
export {
  AWS_SECRET_ACCESS_KEY,
  isSecretAccessKeyShaped,
  SECRET_VALUE_PATTERNS,
  secretKindOfValue,
  secretKindsOfValue,
  type SecretPattern,
} from './secrets/detectors';
export { findSecretLikeValues, type SecretFinding } from './secrets/find';
export { checkSecretHygieneDocuments, checkSecretHygieneFiles, formatSecretFindings, type FileSecretFinding, type SecretHygieneResult } from './secrets/files';
export { runSecretHygieneCli } from './secrets/cli';
