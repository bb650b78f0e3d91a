/** Attribute paths as a reader writes them: `inline_policy["read"].policy`, `ingress[0].cidr_blocks`. */

/** An attribute name, a list index, or a key of a map or set element (`{ key: 'read' }` -> `["read"]`). */
export type PathStep = string | number | { readonly key: string };

const IDENTIFIER = /^[A-Za-z_][A-Za-z0-9_-]*$/;

export function formatPath(steps: readonly PathStep[]): string {
  let text = '';
  for (const step of steps) {
    if (typeof step === 'number') text += `[${step}]`;
    else if (typeof step === 'object') text += `[${JSON.stringify(step.key)}]`;
    else if (IDENTIFIER.test(step)) text += text === '' ? step : `.${step}`;
    else text += `[${JSON.stringify(step)}]`;
  }
  return text;
}

/** `aws_s3_bucket.data[0]` -> `aws_s3_bucket.data`; module instance keys go too: `module.a["x"].b.c` -> `module.a.b.c`. */
export function withoutInstanceKeys(address: string): string {
  return address.replace(/\[(?:"(?:[^"\\]|\\.)*"|\d+)\]/g, '');
}

/** Formats a resource instance key the way Terraform writes it in addresses. */
export function instanceKey(key: unknown): string {
  if (key === undefined || key === null) return '';
  return typeof key === 'number' ? `[${key}]` : `[${JSON.stringify(String(key))}]`;
}
