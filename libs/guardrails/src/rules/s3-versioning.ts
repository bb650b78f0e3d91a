/** Every bucket keeps object versions, so an overwrite or a delete can be undone. */
import { COMPLIANT, defineRule, nonCompliant } from '../rule';
import { blockOf, blocksOf, isTrue, pointsAt } from '../stack-view';

export const s3Versioning = defineRule(__filename, ['aws_s3_bucket'], (bucket, stack) => {
  const statuses = stack
    .resourcesOfType('aws_s3_bucket_versioning')
    .filter((candidate) => pointsAt(candidate.config.bucket, bucket, [bucket.config.bucket]))
    .map((candidate) => blockOf(candidate.config.versioning_configuration)?.status);
  const inlineEnabled = blocksOf(bucket.config.versioning).some((block) => isTrue(block.enabled));
  if (inlineEnabled || statuses.includes('Enabled')) return COMPLIANT;
  const found = statuses.length > 0 ? `versioning is ${String(statuses[0] ?? 'unset')}` : 'no aws_s3_bucket_versioning refers to it';
  return nonCompliant(
    `does not keep object versions: ${found}`,
    'add an aws_s3_bucket_versioning for this bucket with versioning_configuration { status = "Enabled" }, or build the bucket with SecureBucket (@llm/constructs/storage), which does',
  );
});
