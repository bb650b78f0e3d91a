/** The guardrail report as SARIF 2.1.0: reading cdktf.out/guardrails.json back, and the log. */
export { guardrailRuleDescriptors, SECURITY_RULE_IDS } from './descriptors';
export {
  GUARDRAILS_FINGERPRINT,
  GUARDRAILS_INFORMATION_URI,
  GUARDRAILS_TOOL_NAME,
  guardrailFingerprint,
  guardrailSarifLog,
  type GuardrailSarifOptions,
  type SarifFilePosition,
} from './log';
export { GuardrailReportFormatError, parseGuardrailReport, type GuardrailReportData, type GuardrailReportJson } from './report-json';
