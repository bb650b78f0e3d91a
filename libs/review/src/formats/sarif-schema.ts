/**
 * Where the vendored official SARIF 2.1.0 schema is, and how to compile it with Ajv, so every
 * test validates SARIF output against the same file (schema/README.md says where it comes from).
 */
import { join } from 'node:path';

export const SARIF_SCHEMA_FILE = join(__dirname, 'schema', 'sarif-schema-2.1.0.json');

/**
 * Options for `new Ajv(...)` (draft-07). `unicodeRegExp: false` because the official file's
 * `language` patterns hold a stray `]` that only a Unicode regular expression rejects; the file
 * stays as published. `allErrors` so a failing test lists every problem at once.
 */
export const SARIF_SCHEMA_AJV_OPTIONS = { allErrors: true, unicodeRegExp: false } as const;
