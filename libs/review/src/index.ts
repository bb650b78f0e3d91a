/** Public API of review: reads Terraform plans and states, applies the rule pack, formats the report and gates on it. */
export { inputErrors, optionErrors, ReviewInputError, ReviewOptionError } from './errors';
export { FORMATS, formatReport, parseFormat, writeReportFile, type FormatOptions, type ReportFormat } from './formats/index';
export { REVIEW_FINGERPRINT, reviewSarifLog, SARIF_SCHEMA_URI, type SarifOptions } from './formats/sarif';
export { artifactLocation, configurationLines, SOURCE_ROOT_ID } from './formats/sarif-locations';
export { mermaidFlowchart, type Flowchart, type FlowchartOptions } from './formats/diagram';
export {
  changeGraph,
  type ChangeGraph,
  type ExternalService,
  type GraphEdge,
  type GraphNode,
  type NodeChange,
  type StackDiagrams,
} from './formats/diagram-graph';
export { formatHtml, writeHtmlFile, type HtmlOptions } from './formats/html';
export { DEFAULT_FULL_REPORT, MAX_MARKDOWN_LENGTH, type MarkdownOptions } from './formats/markdown';
export { formatTerminalSummary, type TerminalOptions } from './formats/terminal';
export { GATES, gateFailures, parseGates, type GateName } from './gating';
export { classify, asPlan, type TerraformDocument } from './input/detect';
export { readJsonFile } from './input/read';
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
export {
  CONFIGURATION_JSON,
  costContextIn,
  locatePlan,
  PLAN_JSON,
  reviewFiles,
  reviewStackDirs,
  type PlanLocation,
  type ReviewFilesRequest,
} from './review/files';
export { MIN_REASON_LENGTH, type ReviewOptions, type Suppression } from './review/options';
export { readSuppressionsFile, SuppressionsFileError } from './review/suppressions-file';
export { reviewStack, reviewStacks, type StackInput, type StateInput } from './review/review-stack';
export { RULE_IDS, RULES } from './rules/pack';
export type { Gate, Rule, RuleOutcome } from './rules/rule';
