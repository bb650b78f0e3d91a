/**
 * What every SARIF 2.1.0 log this project writes shares (the review's and the guardrail pack's):
 * the schema it names and one run of one tool. Each tool brings its driver's rules and results.
 */
import type { Log, Result, ToolComponent } from 'sarif';

export const SARIF_SCHEMA_URI = 'https://docs.oasis-open.org/sarif/sarif/v2.1.0/errata01/os/schemas/sarif-schema-2.1.0.json';

export function singleRunLog(driver: ToolComponent, results: Result[]): Log {
  return { $schema: SARIF_SCHEMA_URI, version: '2.1.0', runs: [{ tool: { driver }, results }] };
}
