/** moved-resource: a resource Terraform moves to a new address (a `moved` block, `terraform state mv`): nothing is destroyed. */
import type { ChangeRule } from './rule';

export const movedResource: ChangeRule = {
  id: 'moved-resource',
  subject: 'change',
  info: 'A resource moves to a new address.',
  explanation:
    'A moved block (or terraform state mv) keeps the object and only renames it in state, so it is not a delete; it is listed so a reviewer sees that the address others may know (imports, scripts, targeted applies) changes.',
  check(change) {
    if (!change.isManaged || !change.previousAddress) return 'not-applicable';
    // A move that also replaces or deletes is reported as such by destructive-change.
    const rest = change.isUpdate ? '; also updated in place' : '';
    return [{ severity: 'low', message: `moved from ${change.previousAddress}${rest}` }];
  },
};
