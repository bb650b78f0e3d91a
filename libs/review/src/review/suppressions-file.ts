/**
 * A project's accepted findings, kept in one JSON file that every caller reads (npm start, the
 * pull-request workflow's SARIF, `npm run review -- --suppressions FILE`), so they can never
 * disagree. Each entry is a Suppression: rule, address pattern, reason, optionally a stack.
 */
import { readFileSync } from 'node:fs';
import { z } from 'zod';
import { formatPath, type PathStep } from '../input/paths';
import { MIN_REASON_LENGTH, type Suppression, validateSuppressions } from './options';

export class SuppressionsFileError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'SuppressionsFileError';
  }
}

const entrySchema = z.strictObject({
  rule: z.string().min(1, 'must name a rule'),
  address: z.string().min(1, 'must name a resource address (a pattern with * is allowed)'),
  reason: z.string().trim().min(MIN_REASON_LENGTH, `must say why, in at least ${MIN_REASON_LENGTH} characters`),
  stack: z.string().min(1).optional(),
});

/** Reads and checks a suppressions file; every problem names the file and the entry. */
export function readSuppressionsFile(path: string): Suppression[] {
  let text: string;
  try {
    text = readFileSync(path, 'utf8');
  } catch (error) {
    throw new SuppressionsFileError(`${path}: cannot read the suppressions file (${(error as NodeJS.ErrnoException).code ?? (error as Error).message})`);
  }
  let json: unknown;
  try {
    json = JSON.parse(text);
  } catch (error) {
    throw new SuppressionsFileError(`${path}: is not JSON (${(error as Error).message})`);
  }
  const parsed = z.array(entrySchema).safeParse(json);
  if (!parsed.success) {
    const problems = parsed.error.issues.map((issue) => `${path}: ${formatPath(issue.path as PathStep[]) || '(top level)'} ${issue.message}`);
    throw new SuppressionsFileError(problems.join('\n'));
  }
  try {
    validateSuppressions(parsed.data);
  } catch (error) {
    throw new SuppressionsFileError(`${path}: ${(error as Error).message}`);
  }
  return parsed.data;
}
