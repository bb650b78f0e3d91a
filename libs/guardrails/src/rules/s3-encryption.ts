/** Every bucket has default encryption: an encryption configuration (or the legacy inline block) with an SSE algorithm. */
import { COMPLIANT, defineRule, nonCompliant } from '../rule';
import { blockOf, blocksOf, pointsAt, stringOf } from '../stack-view';

const SSE_ALGORITHMS = ['AES256', 'aws:kms', 'aws:kms:dsse'];

export const s3Encryption = defineRule(__filename, ['aws_s3_bucket'], (bucket, stack) => {
  const configurations = stack
    .resourcesOfType('aws_s3_bucket_server_side_encryption_configuration')
    .filter((candidate) => pointsAt(candidate.config.bucket, bucket, [bucket.config.bucket]))
    .map((candidate) => candidate.config);
  const rules = [...configurations, ...blocksOf(bucket.config.server_side_encryption_configuration)].flatMap((configuration) => blocksOf(configuration.rule));
  const algorithms = rules.map((rule) => stringOf(blockOf(rule.apply_server_side_encryption_by_default)?.sse_algorithm));
  if (algorithms.some((algorithm) => algorithm !== undefined && SSE_ALGORITHMS.includes(algorithm))) return COMPLIANT;
  const fix =
    'add an aws_s3_bucket_server_side_encryption_configuration for this bucket with sse_algorithm AES256 or aws:kms, or build the bucket with SecureBucket (@llm/constructs/storage), which does';
  if (rules.length === 0) return nonCompliant('has no default encryption: no aws_s3_bucket_server_side_encryption_configuration refers to it', fix);
  return nonCompliant(`has an encryption configuration without a default sse_algorithm of ${SSE_ALGORITHMS.join(', ')}`, fix);
});
