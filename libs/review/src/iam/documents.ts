/**
 * Finds the IAM policy documents held in a resource's attributes: `policy`, `assume_role_policy`,
 * `inline_policy[*].policy`, `access_policies` and the like, as JSON strings Terraform stores.
 */
import { formatPath, type PathStep } from '../input/paths';
import { isObject } from '../input/terraform-json';
import { parsePolicy, type Statement } from './policy';

export type DocumentKind = 'trust' | 'identity' | 'resource';

export interface PolicyDocument {
  /** `policy`, `assume_role_policy`, `inline_policy["read"].policy`. */
  readonly path: string;
  readonly kind: DocumentKind;
  readonly statements: readonly Statement[];
}

const POLICY_KEY = /polic(y|ies)(_document|_json)?$/i;

/** Policy documents by path; attributes that hold no parsable document are left out. */
export function policyDocuments(type: string, values: unknown): Map<string, PolicyDocument> {
  const documents = new Map<string, PolicyDocument>();
  if (!isObject(values)) return documents;
  const visit = (key: string, value: unknown, steps: PathStep[], depth: number): void => {
    if (typeof value === 'string') {
      if (!POLICY_KEY.test(key)) return;
      const statements = parsePolicy(value);
      if (statements) documents.set(formatPath(steps), { path: formatPath(steps), kind: kindOf(type, key), statements });
      return;
    }
    if (depth >= 2 || !Array.isArray(value) || !POLICY_KEY.test(key)) return;
    // Nested blocks such as inline_policy are sets: name elements by their `name`, not their position.
    value.forEach((element, index) => {
      if (!isObject(element)) return;
      const step: PathStep = typeof element.name === 'string' && element.name !== '' ? { key: element.name } : index;
      for (const [childKey, child] of Object.entries(element)) visit(childKey, child, [...steps, step, childKey], depth + 1);
    });
  };
  for (const [key, value] of Object.entries(values)) visit(key, value, [key], 0);
  return documents;
}

function kindOf(type: string, key: string): DocumentKind {
  if (key === 'assume_role_policy') return 'trust';
  return type.startsWith('aws_iam_') ? 'identity' : 'resource';
}

/** Policy attributes of IAM resources that Terraform will know only after apply. */
export function unknownPolicyPaths(type: string, afterUnknown: unknown): string[] {
  if (!type.startsWith('aws_iam_') || !isObject(afterUnknown)) return [];
  return ['policy', 'assume_role_policy'].filter((key) => afterUnknown[key] === true);
}
