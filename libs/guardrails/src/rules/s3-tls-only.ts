/**
 * Every bucket refuses requests without TLS: its bucket policy denies s3:* to anyone on the bucket
 * and its objects when aws:SecureTransport is false (the statement AWS Config's
 * s3-bucket-ssl-requests-only looks for).
 */
import { statementsOf, type NormalizedStatement } from '../policy-statements';
import { COMPLIANT, defineRule, nonCompliant } from '../rule';
import { pointsAt } from '../stack-view';

export const s3TlsOnly = defineRule(__filename, ['aws_s3_bucket'], (bucket, stack) => {
  const policies = stack.resourcesOfType('aws_s3_bucket_policy').filter((candidate) => pointsAt(candidate.config.bucket, bucket, [bucket.config.bucket]));
  const statements = policies.flatMap((policy) => statementsOf(policy.config.policy, stack) ?? []);
  if (statements.some(deniesInsecureTransport)) return COMPLIANT;
  const found =
    policies.length === 0
      ? 'no aws_s3_bucket_policy refers to it'
      : 'its bucket policy has no Deny of s3:* for any principal on the bucket and its objects when aws:SecureTransport is false';
  return nonCompliant(
    `accepts requests without TLS: ${found}`,
    'add to its bucket policy the statement { Effect: Deny, Principal: "*", Action: "s3:*", Resource: [bucket ARN, bucket ARN + "/*"], Condition: { Bool: { "aws:SecureTransport": "false" } } } (tlsOnlyPolicy in @llm/constructs/storage), or build the bucket with SecureBucket, which does',
  );
});

function deniesInsecureTransport(statement: NormalizedStatement): boolean {
  if (statement.effect !== 'Deny') return false;
  if (!statement.principals.includes('*')) return false;
  if (!statement.actions.some((action) => action === 's3:*' || action === '*')) return false;
  const coversAll = statement.resources.includes('*');
  const coversObjects = coversAll || statement.resources.some((resource) => resource.endsWith('/*'));
  const coversBucket = coversAll || statement.resources.some((resource) => !resource.endsWith('/*'));
  if (!coversObjects || !coversBucket) return false;
  return statement.conditions.some(
    (condition) => /^Bool(IfExists)?$/.test(condition.operator) && condition.key.toLowerCase() === 'aws:securetransport' && condition.values.includes('false'),
  );
}
