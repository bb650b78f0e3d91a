/** Public API of review: reads Terraform plans and states, applies the rule pack, formats the report and gates on it. */
export { inputErrors, optionErrors, ReviewInputError, ReviewOptionError } from './errors';
export { FORMATS, formatReport, parseFormat, type FormatOptions, type ReportFormat } from './formats/index';
export type { MarkdownOptions } from './formats/markdown';
export type { TerminalOptions } from './formats/terminal';
export { GATES, gateFailures, parseGates, type GateName } from './gating';
export { classify, asPlan, type TerraformDocument } from './input/detect';
export type { PlanJson, RawStateJson, StateJson } from './input/terraform-json';
export {
  compareFindings,
  countBySeverity,
  SEVERITIES,
  type ChangeSummary,
  type Finding,
  type OutputChange,
  type PolicyChange,
  type Report,
  type Severity,
  type StackReport,
  type StateInventory,
  type StatementView,
  type SuppressedFinding,
} from './model';
export { CONFIGURATION_JSON, locatePlan, PLAN_JSON, reviewFiles, reviewStackDirs, type PlanLocation, type ReviewFilesRequest } from './review/files';
export { MIN_REASON_LENGTH, type ReviewOptions, type Suppression } from './review/options';
export { reviewStack, reviewStacks, type StackInput, type StateInput } from './review/review-stack';
export { RULE_IDS, RULES } from './rules/pack';
export type { Gate, Rule, RuleOutcome } from './rules/rule';

