/** public-exposure: something newly reachable from the internet: open ingress, public bucket policies or ACLs, unauthenticated endpoints. */
import { bucketAcl, legacyBucket, object, publicAccessBlock } from '../exposure/s3';
import { functionUrl, httpApiRoute, lambdaPermission, publiclyAccessible, restApiMethod } from '../exposure/endpoints';
import type { Exposure, ExposureDetector } from '../exposure/exposure';
import { publicStatements, vpcEndpointPolicy } from '../exposure/policies';
import { securityGroup, securityGroupRule, vpcIngressRule } from '../exposure/security-groups';
import type { ChangeView } from '../review/change-view';
import type { ChangeRule, RuleOutcome } from './rule';

const DETECTORS: Readonly<Record<string, ExposureDetector | undefined>> = {
  aws_security_group: securityGroup,
  // The default group takes ingress like any other: opened to the internet, every instance left in it is.
  aws_default_security_group: securityGroup,
  aws_vpc_endpoint: vpcEndpointPolicy,
  aws_security_group_rule: securityGroupRule,
  aws_vpc_security_group_ingress_rule: vpcIngressRule,
  aws_s3_bucket_acl: bucketAcl,
  aws_s3_bucket: legacyBucket,
  aws_s3_object: object,
  aws_s3_bucket_object: object,
  aws_s3_bucket_public_access_block: publicAccessBlock,
  aws_s3_account_public_access_block: publicAccessBlock,
  aws_lambda_function_url: functionUrl,
  aws_lambda_permission: lambdaPermission,
  aws_api_gateway_method: restApiMethod,
  aws_apigatewayv2_route: httpApiRoute,
  aws_db_instance: publiclyAccessible,
  aws_rds_cluster_instance: publiclyAccessible,
  aws_redshift_cluster: publiclyAccessible,
  aws_dms_replication_instance: publiclyAccessible,
};

/** Resources whose deletion removes a protection rather than an exposure. */
const PROTECTIVE = new Set(['aws_s3_bucket_public_access_block', 'aws_s3_account_public_access_block']);

export const publicExposure: ChangeRule = {
  id: 'public-exposure',
  subject: 'change',
  gate: 'exposure',
  info: 'Something is newly open to the internet.',
  explanation:
    'Ingress from 0.0.0.0/0 or ::/0, a bucket or resource policy that allows Principal *, a public ACL, an API or function URL without authorization: each lets anyone reach data or code, whether a plan or a hand outside Terraform opened it.',
  check(change, context) {
    if (!change.isManaged) return 'not-applicable';
    if (change.isDelete && PROTECTIVE.has(change.type)) {
      // A bucket deleted in the same plan takes its data along: nothing is left for a policy to expose.
      const bucket = change.before?.bucket;
      if (typeof bucket === 'string' && context.deletesBucket(bucket)) return 'compliant';
      return [{ severity: 'medium', message: 'public access block deleted: bucket policies and ACLs may now make data public' }];
    }
    return newExposures(change);
  },
  checkDrift(entry) {
    if (!entry.isManaged) return 'not-applicable';
    if (entry.isDelete && PROTECTIVE.has(entry.type)) {
      return [{ severity: 'medium', message: 'public access block deleted outside Terraform: bucket policies and ACLs may now make data public' }];
    }
    const outcome = newExposures(entry);
    return typeof outcome === 'string' ? outcome : outcome.map((item) => ({ ...item, message: `opened outside Terraform: ${item.message}` }));
  },
};

/** What the after side exposes and the before side did not; a change or a drift entry alike. */
function newExposures(change: ChangeView): RuleOutcome {
  const detector = DETECTORS[change.type];
  const policies = change.policyDiffs;
  if (!change.writes || (!detector && policies.length === 0)) return 'not-applicable';
  const before = new Set((detector && change.before ? detector(change.before) : []).map((exposure) => exposure.key));
  const found: Exposure[] = [
    ...(detector && change.after ? detector(change.after) : []).filter((exposure) => !before.has(exposure.key)),
    ...policies.flatMap((diff) => publicStatements(diff, change.type)),
  ];
  return found.length > 0 ? found.map(({ severity, message }) => ({ severity, message })) : 'compliant';
}
