/**
 * In production, data cannot be destroyed by a plan: buckets and secrets, and the KMS keys that
 * encrypt them (deleting a key makes its data unreadable), carry lifecycle prevent_destroy; buckets
 * are not force-destroyed and secrets keep a recovery window.
 */
import { COMPLIANT, defineRule, NOT_APPLICABLE, nonCompliant, type RuleResult } from '../rule';
import { blockOf, blocksOf, isTrue, referencesResource, type ResourceView, type StackView } from '../stack-view';

export const prodDeletionProtection = defineRule(__filename, ['aws_s3_bucket', 'aws_secretsmanager_secret', 'aws_kms_key'], (resource, stack) => {
  if (!stack.production) return NOT_APPLICABLE;
  if (resource.type === 'aws_kms_key' && !encryptsData(resource, stack)) return NOT_APPLICABLE;
  const problems: string[] = [];
  if (!isTrue(blockOf(resource.config.lifecycle)?.prevent_destroy)) problems.push('lifecycle prevent_destroy is not true');
  if (resource.type === 'aws_s3_bucket' && isTrue(resource.config.force_destroy)) problems.push('force_destroy is true');
  if (resource.type === 'aws_secretsmanager_secret' && Number(resource.config.recovery_window_in_days) === 0) {
    problems.push('recovery_window_in_days is 0 (deleted at once)');
  }
  return problems.length === 0 ? COMPLIANT : unprotected(resource, problems);
});

function unprotected(resource: ResourceView, problems: string[]): RuleResult {
  const what = { aws_s3_bucket: 'production bucket', aws_secretsmanager_secret: 'production secret', aws_kms_key: 'KMS key of production data' }[resource.type];
  return nonCompliant(
    `${what} can be destroyed by a plan: ${problems.join(', ')}`,
    'set lifecycle { prevent_destroy = true } in production (preventDestroy: env.production on SecureBucket / ApiKeySecret), keep force_destroy false and the secret recovery window 7..30 days',
  );
}

/** A key referenced by a secret or by a bucket's default encryption. */
function encryptsData(key: ResourceView, stack: StackView): boolean {
  const bySecret = stack.resourcesOfType('aws_secretsmanager_secret').some((secret) => referencesResource(secret.config.kms_key_id, key));
  if (bySecret) return true;
  return stack
    .resourcesOfType('aws_s3_bucket_server_side_encryption_configuration')
    .some((configuration) =>
      blocksOf(configuration.config.rule).some((rule) => referencesResource(blockOf(rule.apply_server_side_encryption_by_default)?.kms_master_key_id, key)),
    );
}
