/** In production, log groups are encrypted with a customer-managed KMS key, whose use is logged and can be revoked. */
import { COMPLIANT, defineRule, NOT_APPLICABLE, nonCompliant } from '../rule';
import { stringOf } from '../stack-view';

export const logGroupKms = defineRule(__filename, ['aws_cloudwatch_log_group'], (group, stack) => {
  if (!stack.production) return NOT_APPLICABLE;
  if (stringOf(group.config.kms_key_id)) return COMPLIANT;
  return nonCompliant(
    "is encrypted with CloudWatch Logs' own key, not a customer-managed KMS key (kms_key_id is not set)",
    'set kms_key_id to a customer-managed key whose key policy lets logs.<region>.amazonaws.com use it (logKmsKeyArn / accessLogKmsKeyArn of the Lambda constructs), or suppress with the reason the service key is accepted',
  );
});
