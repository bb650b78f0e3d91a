/** Validates documents against the vendored official SARIF 2.1.0 schema, for the SARIF tests. */
import Ajv from 'ajv';
import addFormats from 'ajv-formats';
import { readFileSync } from 'node:fs';
import { SARIF_SCHEMA_AJV_OPTIONS, SARIF_SCHEMA_FILE } from '../formats/sarif-schema';

export type SarifValidator = (document: unknown) => string[];

/** Problems of a document as `instancePath: message` lines; an empty list when it is valid SARIF 2.1.0. */
export function sarifValidator(): SarifValidator {
  const ajv = new Ajv(SARIF_SCHEMA_AJV_OPTIONS);
  addFormats(ajv);
  const validate = ajv.compile(JSON.parse(readFileSync(SARIF_SCHEMA_FILE, 'utf8')) as object);
  return (document) => (validate(document) ? [] : (validate.errors ?? []).map((error) => `${error.instancePath || '/'}: ${error.message ?? error.keyword}`));
}
