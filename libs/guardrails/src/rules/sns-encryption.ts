/** Every SNS topic encrypts messages at rest with a KMS key. */
import { COMPLIANT, defineRule, nonCompliant } from '../rule';
import { stringOf } from '../stack-view';

export const snsEncryption = defineRule(__filename, ['aws_sns_topic'], (topic) => {
  if (stringOf(topic.config.kms_master_key_id)) return COMPLIANT;
  return nonCompliant(
    'stores messages unencrypted: kms_master_key_id is not set',
    'set kms_master_key_id to a KMS key whose policy lets the publishing services use it (AlertTopic from @llm/constructs/budgets creates one), or alias/aws/sns where no AWS service publishes',
  );
});
