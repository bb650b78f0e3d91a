/** Every bucket blocks public access with all four settings, on the bucket or for the whole account. */
import { COMPLIANT, defineRule, nonCompliant } from '../rule';
import { isTrue, pointsAt } from '../stack-view';

export const PUBLIC_ACCESS_SETTINGS = ['block_public_acls', 'block_public_policy', 'ignore_public_acls', 'restrict_public_buckets'] as const;

export const s3PublicAccessBlock = defineRule(__filename, ['aws_s3_bucket'], (bucket, stack) => {
  const allOn = (config: Readonly<Record<string, unknown>>) => PUBLIC_ACCESS_SETTINGS.every((setting) => isTrue(config[setting]));
  if (stack.resourcesOfType('aws_s3_account_public_access_block').some((account) => allOn(account.config))) return COMPLIANT;
  const blocks = stack
    .resourcesOfType('aws_s3_bucket_public_access_block')
    .filter((candidate) => pointsAt(candidate.config.bucket, bucket, [bucket.config.bucket]));
  if (blocks.some((block) => allOn(block.config))) return COMPLIANT;
  const fix =
    'add an aws_s3_bucket_public_access_block for this bucket with block_public_acls, block_public_policy, ignore_public_acls and restrict_public_buckets all true, or build the bucket with SecureBucket (@llm/constructs/storage), which does';
  if (blocks.length === 0) return nonCompliant('has no public access block: no aws_s3_bucket_public_access_block refers to it', fix);
  const off = PUBLIC_ACCESS_SETTINGS.filter((setting) => !isTrue(blocks[0].config[setting]));
  return nonCompliant(`has a public access block with ${off.join(', ')} not true`, fix);
});
