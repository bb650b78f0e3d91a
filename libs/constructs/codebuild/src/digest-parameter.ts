/**
 * The SSM parameter that holds the digest of the newest image the pipeline pushed. Terraform
 * creates it with a placeholder and then never touches its value (`ignore_changes`): the build
 * writes it, and a deploy reads it into the configuration, so the function always names an image
 * by digest and a deploy can be repeated exactly.
 */
import { SsmParameter } from '@cdktf/provider-aws/lib/ssm-parameter';
import type { Construct } from 'constructs';

/** Value until the first build: not a digest, so a deploy that reads it fails loudly instead of deploying nothing. */
export const IMAGE_DIGEST_PLACEHOLDER = 'pending-first-build';

export const IMAGE_DIGEST_PATTERN = /^sha256:[a-f0-9]{64}$/;

export function addDigestParameter(scope: Construct, name: string, initialValue: string, description: string): SsmParameter {
  return new SsmParameter(scope, 'ImageDigest', {
    name,
    type: 'String',
    description,
    // A digest is no secret: insecure_value keeps it readable in plans, and out of the review's
    // secret-in-state findings, which `value` (always marked sensitive) would raise.
    insecureValue: initialValue,
    lifecycle: { ignoreChanges: ['insecure_value'] },
  });
}

export function parameterArn(partition: string, region: string, accountId: string, name: string): string {
  // Hierarchical names start with "/", which the ARN keeps after "parameter".
  return `arn:${partition}:ssm:${region}:${accountId}:parameter${name}`;
}
