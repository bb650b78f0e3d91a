/** An exposure is one way a resource's values let the internet in; its key tells the same exposure before and after a change. */
import type { JsonObject } from '../input/terraform-json';
import type { Severity } from '../model';

export interface Exposure {
  readonly key: string;
  readonly severity: Severity;
  readonly message: string;
}

export type ExposureDetector = (values: JsonObject) => Exposure[];

export function asList(value: unknown): unknown[] {
  return Array.isArray(value) ? value : [];
}

export function asStrings(value: unknown): string[] {
  return asList(value).filter((item): item is string => typeof item === 'string');
}
