/**
 * The guardrail pack: every rule registered once, with its level (errors stop the synth, warnings
 * are listed once per synth), `info` (what is wrong) and `explanation` (why it matters).
 */
import type { RuleFunction, RuleLevel } from './rule';
import { apiAccessLogging } from './rules/api-access-logging';
import { apiRouteAuthorization } from './rules/api-route-authorization';
import { ecrScanOnPush } from './rules/ecr-scan-on-push';
import { ecrTagImmutability } from './rules/ecr-tag-immutability';
import { iamLeastPrivilege } from './rules/iam-least-privilege';
import { iamRolePermissionBoundary } from './rules/iam-role-permission-boundary';
import { lambdaAsyncFailureDestination } from './rules/lambda-async-failure-destination';
import { lambdaReservedConcurrency } from './rules/lambda-reserved-concurrency';
import { lambdaTracing } from './rules/lambda-tracing';
import { logGroupKms } from './rules/log-group-kms';
import { logGroupRetention } from './rules/log-group-retention';
import { prodDeletionProtection } from './rules/prod-deletion-protection';
import { requiredTags } from './rules/required-tags';
import { s3Encryption } from './rules/s3-encryption';
import { s3PublicAccessBlock } from './rules/s3-public-access-block';
import { s3TlsOnly } from './rules/s3-tls-only';
import { s3Versioning } from './rules/s3-versioning';
import { securityGroupOpenIngress } from './rules/security-group-open-ingress';
import { snsEncryption } from './rules/sns-encryption';

export interface RegisteredRule extends RuleFunction {
  readonly level: RuleLevel;
  /** What is wrong, in a few words. */
  readonly info: string;
  /** Why it matters. */
  readonly explanation: string;
  /** Only production stacks are checked. */
  readonly productionOnly: boolean;
}

function register(
  rule: RuleFunction,
  registration: Omit<RegisteredRule, keyof RuleFunction | 'productionOnly'> & { productionOnly?: boolean },
): RegisteredRule {
  return { ...rule, productionOnly: false, ...registration };
}

export const GUARDRAIL_RULES: readonly RegisteredRule[] = [
  register(requiredTags, {
    level: 'error',
    info: 'A taggable resource lacks a required tag.',
    explanation: "Cost allocation, ownership and ABAC conditions (the deploy role acts only on its environment's tagged resources) rely on the standard tags.",
  }),
  register(s3Encryption, {
    level: 'error',
    info: 'An S3 bucket has no default encryption configuration.',
    explanation:
      'Stating SSE in configuration keeps it in every plan and review; a bucket without it depends on account defaults and cannot be switched to KMS by review.',
  }),
  register(s3Versioning, {
    level: 'error',
    info: 'An S3 bucket does not keep object versions.',
    explanation:
      'Without versioning an overwrite or a delete (a bug, a compromised role) loses the object for good; state and generation records must be recoverable.',
  }),
  register(s3PublicAccessBlock, {
    level: 'error',
    info: 'An S3 bucket does not block public access with all four settings.',
    explanation: 'One public ACL or policy statement would expose every record; the block makes S3 refuse them whatever a policy says.',
  }),
  register(s3TlsOnly, {
    level: 'error',
    info: 'An S3 bucket policy does not deny requests made without TLS.',
    explanation: 'Requests over plain HTTP expose data and credentials-derived signatures in transit.',
  }),
  register(logGroupRetention, {
    level: 'error',
    info: 'A log group keeps events forever.',
    explanation: 'Logs may hold personal data (prompts) and cost money per GB-month; retention bounds both.',
  }),
  register(logGroupKms, {
    level: 'warning',
    productionOnly: true,
    info: 'A production log group is not encrypted with a customer-managed KMS key.',
    explanation: 'With a customer-managed key every decryption is in CloudTrail and access can be revoked by key policy; the service key offers neither.',
  }),
  register(lambdaTracing, {
    level: 'error',
    info: 'A Lambda function does not send X-Ray traces.',
    explanation: 'Traces show where a slow or failing request spent its time (OpenAI, S3, Secrets Manager) across services.',
  }),
  register(lambdaAsyncFailureDestination, {
    level: 'error',
    info: 'An asynchronously invoked Lambda function has no dead-letter queue or on-failure destination.',
    explanation: 'Lambda drops an asynchronous event after two failed retries, without trace; a destination keeps it for inspection and replay.',
  }),
  register(lambdaReservedConcurrency, {
    level: 'error',
    productionOnly: true,
    info: 'A production Lambda function has no reserved concurrency.',
    explanation: "Reserved concurrency guarantees capacity against the account's other functions and caps the cost of a spike or a loop.",
  }),
  register(ecrTagImmutability, {
    level: 'error',
    info: 'An ECR repository allows image tags to be overwritten.',
    explanation: 'Deployments name images by tag or digest; a mutable tag lets a push change what runs without a review.',
  }),
  register(ecrScanOnPush, {
    level: 'error',
    info: 'An ECR repository does not scan images on push.',
    explanation: 'Scanning on push reports known CVEs in the image before it reaches production.',
  }),
  register(snsEncryption, {
    level: 'error',
    info: 'An SNS topic is not encrypted with KMS.',
    explanation: 'Alert messages describe the infrastructure and budgets; encryption at rest keeps them to those the key policy allows.',
  }),
  register(apiAccessLogging, {
    level: 'error',
    info: 'An API stage writes no access logs.',
    explanation: 'Access logs are the only record of who called the API, when, and with what result; incidents and abuse cannot be traced without them.',
  }),
  register(apiRouteAuthorization, {
    level: 'error',
    info: 'An API route has no authorization.',
    explanation: 'An open route lets anyone on the internet spend the OpenAI budget and fill the bucket.',
  }),
  register(iamRolePermissionBoundary, {
    level: 'error',
    info: 'An IAM role has no permission boundary.',
    explanation: 'The boundary caps what any policy attached to the role can grant (regions, IAM changes, the boundary itself), whoever edits the role later.',
  }),
  register(iamLeastPrivilege, {
    level: 'error',
    info: 'A policy grants an action wildcard or Resource "*" where AWS supports scoping.',
    explanation: 'Wildcards grant actions AWS adds later and resources nobody listed; least privilege names both.',
  }),
  register(prodDeletionProtection, {
    level: 'error',
    productionOnly: true,
    info: 'A production data resource (bucket, secret, or the KMS key of either) can be destroyed by a plan.',
    explanation: 'prevent_destroy makes Terraform refuse any plan that would destroy production data, whatever change caused it (a rename, a replaced id).',
  }),
  register(securityGroupOpenIngress, {
    level: 'error',
    info: 'A security group admits ingress from anywhere (0.0.0.0/0 or ::/0).',
    explanation:
      'Nothing in this platform is called over the network from the internet except through API Gateway; open ingress exposes whatever runs in the group.',
  }),
];

const ids = GUARDRAIL_RULES.map((rule) => rule.id);
const duplicate = ids.find((id, index) => ids.indexOf(id) !== index);
if (duplicate) throw new Error(`Guardrail rule ${duplicate} is registered twice; register each rule once`);
