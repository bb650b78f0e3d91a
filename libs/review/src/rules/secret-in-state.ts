/** secret-in-state: an attribute in state holds what looks like a secret; reported by address and attribute, never by value. */
import { secretsIn } from '../aws/secrets';
import type { StateRule } from './rule';

export const secretInState: StateRule = {
  id: 'secret-in-state',
  subject: 'state',
  info: 'A secret is stored in plain text in the Terraform state.',
  explanation:
    'Anyone who can read the state (the state bucket, a CI log, a laptop) can read the secret. Use write-only arguments (e.g. secret_string_wo), managed passwords (manage_master_user_password), or set the value outside Terraform, and restrict who reads the state.',
  check(resource) {
    if (resource.mode !== 'managed') return 'not-applicable';
    const hits = secretsIn(resource.type, resource.values, resource.sensitivePaths);
    if (hits.length === 0) return 'compliant';
    return hits.map((hit) => ({
      severity: 'high',
      message: `attribute ${hit.path} holds a secret in plain text (${hit.why}); value not shown`,
      subject: hit.path,
    }));
  },
};
