/**
 * The guardrail report as the synth writes it (`cdktf.out/guardrails.json`, GuardrailReport.toJSON)
 * and read back: every field checked, so a file of another kind is refused with what is wrong
 * rather than turned into a SARIF log that misses findings.
 */
import type { RuleLevel } from '../rule';
import type { GuardrailFinding, SuppressedFinding } from '../report';

/** What a SARIF log is made from: a live GuardrailReport has these too. */
export interface GuardrailReportData {
  readonly errors: readonly GuardrailFinding[];
  readonly warnings: readonly GuardrailFinding[];
  readonly suppressed: readonly SuppressedFinding[];
}

export interface GuardrailReportJson extends GuardrailReportData {
  /** Ids of the rules the pack ran. */
  readonly rules: readonly string[];
  readonly stacks: readonly string[];
}

/** A document that is not a guardrail report; the message says which field and why. */
export class GuardrailReportFormatError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'GuardrailReportFormatError';
  }
}

const EXPECTED = 'expected { rules, stacks, errors, warnings, suppressed } as a synth writes it to cdktf.out/guardrails.json';
const LEVELS: readonly RuleLevel[] = ['error', 'warning'];

export function parseGuardrailReport(value: unknown): GuardrailReportJson {
  if (!isObject(value)) throw new GuardrailReportFormatError(`is JSON ${Array.isArray(value) ? 'array' : typeof value}, not a guardrail report; ${EXPECTED}`);
  if ('format_version' in value || 'resource_changes' in value || 'terraform_version' in value) {
    throw new GuardrailReportFormatError('is Terraform JSON (a plan or state), not a guardrail report; pass plans without --guardrails');
  }
  const missing = ['rules', 'stacks', 'errors', 'warnings', 'suppressed'].filter((key) => !Array.isArray(value[key]));
  if (missing.length > 0) throw new GuardrailReportFormatError(`is JSON but not a guardrail report (no ${missing.join(', ')} list); ${EXPECTED}`);
  return {
    rules: strings(value.rules as unknown[], 'rules'),
    stacks: strings(value.stacks as unknown[], 'stacks'),
    errors: (value.errors as unknown[]).map((entry, index) => finding(entry, `errors[${index}]`)),
    warnings: (value.warnings as unknown[]).map((entry, index) => finding(entry, `warnings[${index}]`)),
    suppressed: (value.suppressed as unknown[]).map((entry, index) => suppressedFinding(entry, `suppressed[${index}]`)),
  };
}

function finding(entry: unknown, where: string): GuardrailFinding {
  if (!isObject(entry)) throw new GuardrailReportFormatError(`${where} is not an object; ${EXPECTED}`);
  const text = (key: string) => {
    const field = entry[key];
    if (typeof field !== 'string' || field === '')
      throw new GuardrailReportFormatError(`${where}.${key} must be a non-empty string, got ${JSON.stringify(field)}`);
    return field;
  };
  const level = entry.level;
  if (!LEVELS.includes(level as RuleLevel)) throw new GuardrailReportFormatError(`${where}.level must be ${LEVELS.join(' or ')}, got ${JSON.stringify(level)}`);
  const address = entry.address;
  if (address !== undefined && typeof address !== 'string')
    throw new GuardrailReportFormatError(`${where}.address must be a string when present, got ${JSON.stringify(address)}`);
  return {
    ruleId: text('ruleId'),
    level: level as RuleLevel,
    stack: text('stack'),
    path: text('path'),
    ...(address === undefined ? {} : { address }),
    problem: text('problem'),
    fix: text('fix'),
  };
}

function suppressedFinding(entry: unknown, where: string): SuppressedFinding {
  const base = finding(entry, where);
  const { reason, suppressedAt } = entry as Record<string, unknown>;
  if (typeof reason !== 'string' || reason === '')
    throw new GuardrailReportFormatError(`${where}.reason must be a non-empty string, got ${JSON.stringify(reason)}`);
  if (typeof suppressedAt !== 'string' || suppressedAt === '')
    throw new GuardrailReportFormatError(`${where}.suppressedAt must be a non-empty string, got ${JSON.stringify(suppressedAt)}`);
  return { ...base, reason, suppressedAt };
}

function strings(values: readonly unknown[], where: string): string[] {
  const bad = values.findIndex((item) => typeof item !== 'string');
  if (bad !== -1) throw new GuardrailReportFormatError(`${where}[${bad}] must be a string, got ${JSON.stringify(values[bad])}`);
  return values as string[];
}

function isObject(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}
