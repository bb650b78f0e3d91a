/**
 * The secret hygiene check over files: synthesized stacks (cdk.tf.json) and plans (plan.json, or any
 * `terraform show -json` output). A folder is searched for cdk.tf.json and plan.json files, so
 * `checkSecretHygieneFiles(['cdktf.out'])` covers every stack the planner wrote.
 */
import { readdirSync, readFileSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { secretHygieneNotJson, secretHygieneNothingToCheck, secretHygienePathMissing } from '../errors';
import { findSecretLikeValues, type SecretFinding } from './find';

export interface FileSecretFinding extends SecretFinding {
  readonly file: string;
}

export interface SecretHygieneResult {
  readonly ok: boolean;
  /** Every file read. */
  readonly files: readonly string[];
  readonly findings: readonly FileSecretFinding[];
}

const CHECKED_FILE_NAMES = ['cdk.tf.json', 'plan.json'];
const SKIPPED_FOLDERS = new Set(['.terraform', 'node_modules', '.git']);

/** Throws (naming the file) for a path that does not exist or a file that is not JSON. */
export function checkSecretHygieneFiles(paths: readonly string[]): SecretHygieneResult {
  return checkSecretHygieneDocuments(paths.flatMap(filesUnder).map((file) => ({ file, json: readJson(file) })));
}

/** The same check over documents already in memory (a plan the caller has parsed), named by their file. */
export function checkSecretHygieneDocuments(documents: readonly { readonly file: string; readonly json: unknown }[]): SecretHygieneResult {
  const findings = documents.flatMap(({ file, json }) => findSecretLikeValues(json).map((found) => ({ file, ...found })));
  return { ok: findings.length === 0, files: documents.map(({ file }) => file), findings };
}

/** One line per finding: file, path, address and kind; never the value. */
export function formatSecretFindings(result: SecretHygieneResult): string {
  if (result.ok) return `Secret hygiene: no secret-like values in ${result.files.length} file(s).`;
  return [
    `Secret hygiene: ${result.findings.length} secret-like value(s) in ${new Set(result.findings.map((found) => found.file)).size} file(s) (values not shown):`,
    ...result.findings.map((found) => `  ${found.file}: ${found.path}${found.address ? ` (${found.address})` : ''} holds what looks like ${found.kind}`),
    'Keep secrets out of Terraform: create the secret without a version and put the value out of band (README, ApiKeySecret), ' +
      'or use a write-only argument such as secret_string_wo; pass ARNs, never values, to functions.',
  ].join('\n');
}

function filesUnder(path: string): string[] {
  let stats;
  try {
    stats = statSync(path);
  } catch {
    throw secretHygienePathMissing(path);
  }
  if (!stats.isDirectory()) return [path];
  const found = walkFolder(path);
  if (found.length === 0) throw secretHygieneNothingToCheck(path, CHECKED_FILE_NAMES);
  return found;
}

function walkFolder(folder: string): string[] {
  return readdirSync(folder, { withFileTypes: true })
    .sort((a, b) => a.name.localeCompare(b.name))
    .flatMap((entry) => {
      const path = join(folder, entry.name);
      if (entry.isDirectory()) return SKIPPED_FOLDERS.has(entry.name) ? [] : walkFolder(path);
      return CHECKED_FILE_NAMES.includes(entry.name) ? [path] : [];
    });
}

function readJson(file: string): unknown {
  const text = readFileSync(file, 'utf8');
  try {
    return JSON.parse(text);
  } catch (error) {
    throw secretHygieneNotJson(file, error);
  }
}
