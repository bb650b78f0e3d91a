/**
 * A guardrail report as a SARIF 2.1.0 log, for GitHub code scanning: one run with every rule of
 * the pack, one result per error, warning and suppressed finding, each at the construct path as a
 * logical location and, where the caller can find it, at the stack's cdk.tf.json (the resource's
 * line when known). Pure: reading files is the caller's (`locate`).
 */
import { createHash } from 'node:crypto';
import { singleRunLog } from '@llm/sarif';
import type { ArtifactLocation, Location, Log, Result } from 'sarif';
import type { GuardrailFinding, SuppressedFinding } from '../report';
import { guardrailRuleDescriptors } from './descriptors';
import type { GuardrailReportData } from './report-json';

export const GUARDRAILS_TOOL_NAME = 'llm-platform guardrails';
export const GUARDRAILS_INFORMATION_URI = 'https://github.com/acme/llm-platform/blob/main/README.md#guardrails-libsguardrails';
/** The partialFingerprints key; bump the version if what it hashes changes, or every alert reopens. */
export const GUARDRAILS_FINGERPRINT = 'llmGuardrailFinding/v1';

/** A file, and the line in it, that a result points at. */
export interface SarifFilePosition {
  readonly artifactLocation: ArtifactLocation;
  /** @default 1 */
  readonly startLine?: number;
}

export interface GuardrailSarifOptions {
  /** @default '0.0.0' */
  readonly toolVersion?: string;
  /** @default GUARDRAILS_INFORMATION_URI */
  readonly informationUri?: string;
  /**
   * Where a finding is declared: the stack's cdk.tf.json, at the resource's line when the finding
   * has an address. Undefined when the file is not at hand.
   * @default - nowhere: findings fall back to `report`
   */
  readonly locate?: (stack: string, address: string | undefined) => SarifFilePosition | undefined;
  /**
   * The report file itself, for findings `locate` cannot place (code scanning shows a result only
   * with a file).
   * @default - no physical location
   */
  readonly report?: ArtifactLocation;
}

export function guardrailSarifLog(report: GuardrailReportData, options: GuardrailSarifOptions = {}): Log {
  const rules = guardrailRuleDescriptors();
  const ruleIndex = new Map(rules.map((rule, index) => [rule.id, index]));
  const results: Result[] = [
    ...report.errors.map((finding) => result(finding, ruleIndex, options)),
    ...report.warnings.map((finding) => result(finding, ruleIndex, options)),
    ...report.suppressed.map((finding) => suppressedResult(finding, ruleIndex, options)),
  ];
  return singleRunLog(
    { name: GUARDRAILS_TOOL_NAME, version: options.toolVersion ?? '0.0.0', informationUri: options.informationUri ?? GUARDRAILS_INFORMATION_URI, rules },
    results,
  );
}

/** Stable across synths and machines: construct paths and rule ids are API (README, Guardrails). */
export function guardrailFingerprint(finding: GuardrailFinding): string {
  return createHash('sha256')
    .update([finding.ruleId, finding.stack, finding.path, finding.address ?? '', finding.problem].join('\u0000'))
    .digest('hex');
}

function result(finding: GuardrailFinding, ruleIndex: ReadonlyMap<string, number>, options: GuardrailSarifOptions): Result {
  const index = ruleIndex.get(finding.ruleId);
  const where = finding.address ? `${finding.path} (${finding.address})` : finding.path;
  return {
    ruleId: finding.ruleId,
    // A rule of a newer pack than this one: named by id alone rather than pointing at the wrong descriptor.
    ...(index === undefined ? {} : { ruleIndex: index }),
    level: finding.level,
    message: { text: `${where}: ${finding.problem}. Fix: ${finding.fix}.` },
    locations: [location(finding, options)],
    partialFingerprints: { [GUARDRAILS_FINGERPRINT]: guardrailFingerprint(finding) },
    properties: { stack: finding.stack, path: finding.path, ...(finding.address ? { address: finding.address } : {}) },
  };
}

function suppressedResult(finding: SuppressedFinding, ruleIndex: ReadonlyMap<string, number>, options: GuardrailSarifOptions): Result {
  // In source: suppressRule() sits in the stack's code, on the construct named by suppressedAt.
  return {
    ...result(finding, ruleIndex, options),
    suppressions: [{ kind: 'inSource', status: 'accepted', justification: finding.reason, properties: { suppressedAt: finding.suppressedAt } }],
  };
}

function location(finding: GuardrailFinding, options: GuardrailSarifOptions): Location {
  const position = options.locate?.(finding.stack, finding.address);
  const physical = position
    ? { artifactLocation: position.artifactLocation, region: { startLine: position.startLine ?? 1 } }
    : options.report
      ? { artifactLocation: options.report, region: { startLine: 1 } }
      : undefined;
  return {
    ...(physical ? { physicalLocation: physical } : {}),
    logicalLocations: [{ fullyQualifiedName: finding.path, kind: finding.address ? 'resource' : 'module' }],
  };
}
