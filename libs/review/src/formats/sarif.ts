/**
 * The SARIF 2.1.0 format, for GitHub code scanning: one run of the review with every rule of the
 * pack, one result per finding (suppressed findings too, with their reason), each at the resource
 * as a logical location (`<stack>/<address>`) and at the line declaring it in the stack's
 * cdk.tf.json when that file is next to the plan, else at the first line of the file reviewed.
 */
import { hash } from 'node:crypto';
import { existsSync, readFileSync } from 'node:fs';
import { basename, dirname, join } from 'node:path';
import { singleRunLog } from '@llm/sarif';
import type { ArtifactLocation, Location, Log, PhysicalLocation, Result, ToolComponent } from 'sarif';
import type { Finding, Report, StackReport, SuppressedFinding } from '../model';
import { RULES } from '../rules/pack';
import { artifactLocation, configurationLines } from './sarif-locations';
import { collect, type TextSink } from './text-sink';
import { reportingDescriptor, SARIF_LEVELS } from './sarif-rules';

export { SARIF_SCHEMA_URI } from '@llm/sarif';
export const REVIEW_TOOL_NAME = 'llm-platform review';
export const REVIEW_INFORMATION_URI = 'https://github.com/acme/llm-platform/blob/main/README.md#review-of-plans-and-state';
/** The partialFingerprints key; bump the version if what it hashes changes, or every alert reopens. */
export const REVIEW_FINGERPRINT = 'llmReviewFinding/v1';

export interface SarifOptions {
  /**
   * The repository root: artifact URIs are relative to it, under `%SRCROOT%`; files outside it
   * get absolute `file:` URIs.
   * @default - the current directory
   */
  readonly sourceRoot?: string;
  /** @default '0.0.0' */
  readonly toolVersion?: string;
  /** @default REVIEW_INFORMATION_URI */
  readonly informationUri?: string;
  /**
   * Reads a text file, or returns undefined when there is none: how the stack's cdk.tf.json is read.
   * @default - from disk
   */
  readonly readText?: (path: string) => string | undefined;
}

/** The log as one line: code scanning and SARIF viewers do not need the indentation, which doubles a big log. */
export function formatSarif(report: Report, options: SarifOptions = {}): string {
  return collect((sink) => writeSarif(report, options, sink));
}

/**
 * formatSarif's text (`JSON.stringify(reviewSarifLog(...))`), a result at a time: the tens of
 * thousands of results of a big plan are never all held, as objects or as text.
 */
export function writeSarif(report: Report, options: SarifOptions, sink: TextSink): void {
  const frame = JSON.stringify(singleRunLog(reviewDriver(options), []));
  // The frame ends with its empty results list and the brackets that close the run and the log.
  const closing = '[]}]}';
  if (!frame.endsWith(closing)) {
    sink(`${JSON.stringify(reviewSarifLog(report, options))}\n`);
    return;
  }
  sink(`${frame.slice(0, -closing.length)}[`);
  let first = true;
  for (const result of reviewResults(report, options)) {
    if (!first) sink(',');
    sink(JSON.stringify(result));
    first = false;
  }
  sink(']}]}\n');
}

export function reviewSarifLog(report: Report, options: SarifOptions = {}): Log {
  return singleRunLog(reviewDriver(options), [...reviewResults(report, options)]);
}

function reviewDriver(options: SarifOptions): ToolComponent {
  return {
    name: REVIEW_TOOL_NAME,
    version: options.toolVersion ?? '0.0.0',
    informationUri: options.informationUri ?? REVIEW_INFORMATION_URI,
    rules: RULES.map(reportingDescriptor),
  };
}

/** One result per finding, suppressed ones after the rest of their stack, stack by stack. */
function* reviewResults(report: Report, options: SarifOptions): Generator<Result> {
  const sourceRoot = options.sourceRoot ?? process.cwd();
  const readText = options.readText ?? readTextFile;
  const ruleIndex = new Map(RULES.map((rule, index) => [rule.id, index]));
  for (const stack of report.stacks) {
    const locate = stackLocator(stack, sourceRoot, readText);
    for (const finding of stack.findings) yield result(stack, finding, ruleIndex, locate);
    for (const finding of stack.suppressed) yield suppressedResult(stack, finding, ruleIndex, locate);
  }
}

/** Stable across runs and machines: the same finding on the same resource keeps its alert. */
export function reviewFingerprint(stack: string, finding: Finding): string {
  // The one-shot hash: a hash object per finding cost a big plan's SARIF a tenth of a second.
  return hash('sha256', [finding.rule, stack, finding.address, finding.message].join('\u0000'), 'hex');
}

function result(stack: StackReport, finding: Finding, ruleIndex: ReadonlyMap<string, number>, locate: Locator): Result {
  const index = ruleIndex.get(finding.rule);
  return {
    ruleId: finding.rule,
    ...(index === undefined ? {} : { ruleIndex: index }),
    level: SARIF_LEVELS[finding.severity],
    message: { text: `${finding.address} in ${stack.name}: ${finding.message}` },
    locations: [location(stack, finding, locate)],
    partialFingerprints: { [REVIEW_FINGERPRINT]: reviewFingerprint(stack.name, finding) },
    properties: { severity: finding.severity, stack: stack.name, address: finding.address },
  };
}

function suppressedResult(stack: StackReport, finding: SuppressedFinding, ruleIndex: ReadonlyMap<string, number>, locate: Locator): Result {
  // External: the reason lives in the review's options (--suppress, the planner's list), not next to the resource.
  return { ...result(stack, finding, ruleIndex, locate), suppressions: [{ kind: 'external', status: 'accepted', justification: finding.reason }] };
}

function location(stack: StackReport, finding: Finding, locate: Locator): Location {
  const physical = locate(finding);
  return {
    ...(physical ? { physicalLocation: physical } : {}),
    logicalLocations: [{ fullyQualifiedName: `${stack.name}/${finding.address}`, kind: finding.address.startsWith('output.') ? 'variable' : 'resource' }],
  };
}

type Locator = (finding: Finding) => PhysicalLocation | undefined;

const STATE_RULE_IDS = new Set(RULES.filter((rule) => rule.subject === 'state').map((rule) => rule.id));

/**
 * A stack's findings point at the declaring line of its cdk.tf.json when the plan is a stack
 * directory's plan.json (the only layout in which that file is known to be the same stack's),
 * else at the file reviewed: the state for state rules (listed after the plan), the plan for the rest.
 */
function stackLocator(stack: StackReport, sourceRoot: string, readText: (path: string) => string | undefined): Locator {
  const first = stack.sources[0];
  const last = stack.sources[stack.sources.length - 1];
  const configurationPath = first !== undefined && basename(first) === 'plan.json' ? join(dirname(first), 'cdk.tf.json') : undefined;
  let lineOf: ((address: string) => number | undefined) | null | undefined;
  const configurationLine = (address: string) => {
    // Read and indexed once per stack, and only when a finding needs it.
    if (lineOf === undefined) {
      const text = configurationPath === undefined ? undefined : readText(configurationPath);
      lineOf = text === undefined ? null : configurationLines(text);
    }
    return lineOf === null ? undefined : lineOf(address);
  };
  const existing = new Map<string, boolean>();
  const exists = (path: string) => {
    if (!existing.has(path)) existing.set(path, existsSync(path));
    return existing.get(path) === true;
  };
  // A stack's results point at one or two files: each is resolved against the root once (a copy per result).
  const artifacts = new Map<string, ArtifactLocation>();
  const artifact = (path: string): ArtifactLocation => {
    let location = artifacts.get(path);
    if (!location) artifacts.set(path, (location = artifactLocation(path, sourceRoot)));
    return { ...location };
  };
  return (finding) => {
    const line = configurationLine(finding.address);
    if (line !== undefined && configurationPath !== undefined) {
      return { artifactLocation: artifact(configurationPath), region: { startLine: line } };
    }
    const source = STATE_RULE_IDS.has(finding.rule) ? last : first;
    // In-memory inputs are named, not stored ("plan of dev-eu-west-1"): no file to point at.
    if (source === undefined || !exists(source)) return undefined;
    return { artifactLocation: artifact(source), region: { startLine: 1 } };
  };
}

function readTextFile(path: string): string | undefined {
  try {
    return readFileSync(path, 'utf8');
  } catch {
    return undefined;
  }
}
