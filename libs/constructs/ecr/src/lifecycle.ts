/** The ECR lifecycle policy every repository gets: untagged images expire, and only the newest images are kept. */
import { Fn, Token } from 'cdktf';

export const UNTAGGED_EXPIRY_DAYS = { min: 1, max: 365, default: 7 } as const;
export const KEEP_LAST_IMAGES = { min: 1, max: 1000, default: 30 } as const;

export interface LifecyclePolicyOptions {
  /** Days after push an untagged image expires. 1..365. */
  readonly untaggedExpiryDays: number;
  /** Images kept, newest first, whatever their tags. 1..1000. */
  readonly keepLastImages: number;
}

export interface LifecycleRule {
  readonly rulePriority: number;
  readonly description: string;
  readonly selection: {
    readonly tagStatus: 'untagged' | 'any';
    readonly countType: 'sinceImagePushed' | 'imageCountMoreThan';
    readonly countUnit?: 'days';
    readonly countNumber: number;
  };
  readonly action: { readonly type: 'expire' };
}

export interface LifecyclePolicyDocument {
  readonly rules: readonly LifecycleRule[];
}

export function lifecyclePolicyDocument(options: LifecyclePolicyOptions): LifecyclePolicyDocument {
  const { untaggedExpiryDays: days, keepLastImages: images } = options;
  return {
    rules: [
      {
        rulePriority: 1,
        description: Token.isUnresolved(days) ? 'Expire untagged images the configured days after push' : `Expire untagged images ${days} days after push`,
        selection: { tagStatus: 'untagged', countType: 'sinceImagePushed', countUnit: 'days', countNumber: days },
        action: { type: 'expire' },
      },
      {
        // ECR requires a tagStatus "any" rule to have the highest rulePriority of the policy.
        rulePriority: 2,
        description: Token.isUnresolved(images) ? 'Keep only the most recent images' : `Keep only the ${images} most recent images`,
        selection: { tagStatus: 'any', countType: 'imageCountMoreThan', countNumber: images },
        action: { type: 'expire' },
      },
    ],
  };
}

/**
 * The policy as the string `aws_ecr_lifecycle_policy` takes. A number token would not survive
 * JSON.stringify (it stringifies to its placeholder), so then Terraform's jsonencode builds it.
 */
export function lifecyclePolicyJson(options: LifecyclePolicyOptions): string {
  const document = lifecyclePolicyDocument(options);
  const hasToken = Token.isUnresolved(options.untaggedExpiryDays) || Token.isUnresolved(options.keepLastImages);
  return hasToken ? Fn.jsonencode(document) : JSON.stringify(document);
}
