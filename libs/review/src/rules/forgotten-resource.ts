/** forgotten-resource: a resource removed from state without being destroyed (`removed` block with `destroy = false`, Terraform >= 1.7). */
import { statefulReason } from '../aws/stateful-types';
import type { ChangeRule } from './rule';

export const forgottenResource: ChangeRule = {
  id: 'forgotten-resource',
  subject: 'change',
  info: 'A resource is removed from state without being destroyed (forget).',
  explanation:
    'The object stays in AWS and keeps costing, holding data or granting access, but no Terraform configuration manages it any more: make sure another stack imports it, or that it is deleted by hand when no longer needed.',
  check(change) {
    if (!change.isManaged || !change.isForget) return 'not-applicable';
    // Data and identity left unmanaged are what gets forgotten for good; anything else is housekeeping.
    const keeps = statefulReason(change.type) !== undefined || change.type.startsWith('aws_iam_');
    const why = keeps ? '; it holds data or identity that no stack manages now' : '';
    return [
      { severity: keeps ? 'medium' : 'low', message: `removed from state without destroying (forget): it stays in AWS, no longer managed by this stack${why}` },
    ];
  },
};
