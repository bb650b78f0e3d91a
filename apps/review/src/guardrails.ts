/**
 * `npm run review -- --guardrails cdktf.out/guardrails.json --format sarif`: the guardrail report a
 * synth writes, as SARIF, each finding at its stack's cdk.tf.json (`<outdir>/stacks/<stack>/`,
 * next to the report; cdktf writes every stack before the validation that writes the report, so
 * those files are the same synth's even when it failed). Bad input is a ReviewInputError, one
 * line naming the file, like the review's other inputs.
 */
import { artifactLocation, configurationLines, inputErrors, ReviewInputError } from '@llm/review';
import { GuardrailReportFormatError, guardrailSarifLog, parseGuardrailReport, type GuardrailReportJson, type SarifFilePosition } from '@llm/guardrails';
import { readFileSync, statSync } from 'node:fs';
import { dirname, join } from 'node:path';

export interface GuardrailSarifRequest {
  readonly file: string;
  /** The repository root, which SARIF URIs are relative to. */
  readonly sourceRoot: string;
  readonly toolVersion: string;
  readonly informationUri?: string;
}

export interface GuardrailSarif {
  readonly text: string;
  readonly errors: number;
  readonly warnings: number;
  readonly suppressed: number;
}

export function guardrailSarif(request: GuardrailSarifRequest): GuardrailSarif {
  const report = readGuardrailReport(request.file);
  const log = guardrailSarifLog(report, {
    toolVersion: request.toolVersion,
    ...(request.informationUri ? { informationUri: request.informationUri } : {}),
    locate: stackLocator(request.file, request.sourceRoot),
    report: artifactLocation(request.file, request.sourceRoot),
  });
  return { text: `${JSON.stringify(log, null, 2)}\n`, errors: report.errors.length, warnings: report.warnings.length, suppressed: report.suppressed.length };
}

function readGuardrailReport(file: string): GuardrailReportJson {
  let text: string;
  try {
    if (statSync(file).isDirectory())
      throw new ReviewInputError(file, 'is a directory; --guardrails takes the guardrails.json a synth writes (cdktf.out/guardrails.json)');
    text = readFileSync(file, 'utf8');
  } catch (error) {
    if (error instanceof ReviewInputError) throw error;
    const code = (error as NodeJS.ErrnoException).code;
    throw code === 'ENOENT' ? inputErrors.missing(file) : inputErrors.unreadable(file, code ?? (error as Error).message);
  }
  if (text.trim() === '') throw new ReviewInputError(file, 'is empty; expected the guardrail report a synth writes (cdktf.out/guardrails.json)');
  let value: unknown;
  try {
    value = JSON.parse(text);
  } catch (error) {
    throw inputErrors.notJson(file, (error as Error).message);
  }
  try {
    return parseGuardrailReport(value);
  } catch (error) {
    if (error instanceof GuardrailReportFormatError) throw new ReviewInputError(file, error.message);
    throw error;
  }
}

/** Each stack's cdk.tf.json, read and indexed once, when a finding of that stack needs it. */
function stackLocator(file: string, sourceRoot: string): (stack: string, address: string | undefined) => SarifFilePosition | undefined {
  const found = new Map<string, ((address: string) => number | undefined) | undefined>();
  const linesOf = (path: string) => {
    if (!found.has(path)) {
      let lines: ((address: string) => number | undefined) | undefined;
      try {
        lines = configurationLines(readFileSync(path, 'utf8'));
      } catch {
        lines = undefined;
      }
      found.set(path, lines);
    }
    return found.get(path);
  };
  return (stack, address) => {
    const path = join(dirname(file), 'stacks', stack, 'cdk.tf.json');
    const lines = linesOf(path);
    if (!lines) return undefined;
    return { artifactLocation: artifactLocation(path, sourceRoot), startLine: (address && lines(address)) || 1 };
  };
}
