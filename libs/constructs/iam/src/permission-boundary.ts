/**
 * The permission boundary every role of an environment carries: the most any of them may ever do.
 * It allows only the environment's regions (global services excepted), and denies tampering with
 * the boundary itself, creating IAM users, and reconfiguring the Terraform state bucket.
 */
import { IamPolicy } from '@cdktf/provider-aws/lib/iam-policy';
import { Construct } from 'constructs';
import type { PolicyDocument } from './policy-document';

export interface PermissionBoundaryProps {
  /** Policy name from the naming module; its ARN must equal `boundaryArn`. */
  readonly policyName: string;
  /** ARN of this very policy, computed from the configuration so other stacks can reference it. */
  readonly boundaryArn: string;
  /** The only regions where regional actions are allowed. */
  readonly allowedRegions: readonly string[];
  /** ARN of the Terraform state bucket, whose configuration no role may change. */
  readonly stateBucketArn: string;
  /**
   * Prefix of this environment's IAM role and policy names (`llm-platform-prod-`): IAM changes
   * outside it are denied, so no role can re-trust or rewrite a role that carries no boundary.
   */
  readonly iamNamePrefix: string;
  /** Roles no project role may change (the CI roles: they must not widen themselves). @default [] */
  readonly protectedRoleArns?: readonly string[];
  /** Account of the environment, for the IAM ARNs. */
  readonly accountId: string;
  /** @default 'aws' */
  readonly partition?: string;
}

/** IAM writes on roles and policies: outside the environment's prefix no project role may make them. */
export const IAM_WRITE_ACTIONS = [
  'iam:AttachRolePolicy',
  'iam:CreatePolicy',
  'iam:CreatePolicyVersion',
  'iam:CreateRole',
  'iam:DeletePolicy',
  'iam:DeletePolicyVersion',
  'iam:DeleteRole',
  'iam:DeleteRolePolicy',
  'iam:DetachRolePolicy',
  'iam:PassRole',
  'iam:PutRolePermissionsBoundary',
  'iam:PutRolePolicy',
  'iam:SetDefaultPolicyVersion',
  'iam:TagPolicy',
  'iam:TagRole',
  'iam:UntagPolicy',
  'iam:UntagRole',
  'iam:UpdateAssumeRolePolicy',
  'iam:UpdateRole',
  'iam:UpdateRoleDescription',
] as const;

/**
 * Services whose API endpoints are global (served from us-east-1) and so carry
 * `aws:RequestedRegion = us-east-1` whatever region the caller works in.
 */
export const GLOBAL_SERVICE_ACTIONS = [
  'iam:*',
  'sts:*',
  'organizations:*',
  'account:*',
  'budgets:*',
  'ce:*',
  'cur:*',
  'health:*',
  'support:*',
  'trustedadvisor:*',
  'cloudfront:*',
  'route53:*',
  'waf:*',
  'globalaccelerator:*',
  'access-analyzer:ValidatePolicy',
] as const;

export class PermissionBoundary extends Construct {
  readonly policy: IamPolicy;
  readonly document: PolicyDocument;

  constructor(scope: Construct, id: string, props: PermissionBoundaryProps) {
    super(scope, id);
    if (props.allowedRegions.length === 0) {
      throw new Error(`PermissionBoundary needs at least one allowed region (construct ${this.node.path})`);
    }
    this.document = permissionBoundaryDocument(props);
    this.policy = new IamPolicy(this, 'Policy', {
      name: props.policyName,
      // No region list here: IAM cannot change a policy's description in place, so naming the regions
      // replaced the boundary (which AWS refuses while roles carry it) each time a region was added.
      // The regions are in the document. Descriptions written before stay as they are (ignore_changes).
      description: 'Permission boundary: the environment regions only; boundary, IAM users and state bucket protected',
      lifecycle: { ignoreChanges: ['description'] },
      policy: JSON.stringify(this.document),
    });
  }
}

export function permissionBoundaryDocument(props: PermissionBoundaryProps): PolicyDocument {
  return {
    Version: '2012-10-17',
    Statement: [
      // A boundary only caps: the roles' own policies still grant each action narrowly.
      { Sid: 'AllowWithinBoundary', Effect: 'Allow', Action: '*', Resource: '*' },
      {
        Sid: 'DenyOutsideEnvironmentRegions',
        Effect: 'Deny',
        NotAction: GLOBAL_SERVICE_ACTIONS,
        Resource: '*',
        Condition: { StringNotEquals: { 'aws:RequestedRegion': props.allowedRegions } },
      },
      {
        Sid: 'DenyBoundaryChanges',
        Effect: 'Deny',
        Action: ['iam:CreatePolicyVersion', 'iam:DeletePolicy', 'iam:DeletePolicyVersion', 'iam:SetDefaultPolicyVersion'],
        Resource: props.boundaryArn,
      },
      {
        Sid: 'DenyBoundaryRemoval',
        Effect: 'Deny',
        Action: ['iam:DeleteRolePermissionsBoundary', 'iam:DeleteUserPermissionsBoundary'],
        Resource: '*',
      },
      {
        Sid: 'DenyRolesWithoutThisBoundary',
        Effect: 'Deny',
        Action: ['iam:CreateRole', 'iam:PutRolePermissionsBoundary'],
        Resource: '*',
        Condition: { StringNotEquals: { 'iam:PermissionsBoundary': props.boundaryArn } },
      },
      {
        // Without this, Allow * would let a role re-trust or rewrite a role outside the project
        // (one with no boundary) and so step out of the boundary.
        Sid: 'DenyIamOutsideEnvironment',
        Effect: 'Deny',
        Action: [...IAM_WRITE_ACTIONS],
        NotResource: [iamArn(props, `role/${props.iamNamePrefix}*`), iamArn(props, `policy/${props.iamNamePrefix}*`)],
      },
      ...(props.protectedRoleArns && props.protectedRoleArns.length > 0
        ? [
            {
              Sid: 'DenyCiRoleChanges',
              Effect: 'Deny' as const,
              Action: [...IAM_WRITE_ACTIONS],
              Resource: [...props.protectedRoleArns],
            },
          ]
        : []),
      {
        Sid: 'DenyLeavingOrganization',
        Effect: 'Deny',
        Action: ['organizations:LeaveOrganization', 'account:CloseAccount'],
        Resource: '*',
      },
      {
        Sid: 'DenyIamUsers',
        Effect: 'Deny',
        Action: ['iam:CreateUser', 'iam:CreateAccessKey', 'iam:CreateLoginProfile', 'iam:UpdateLoginProfile'],
        Resource: '*',
      },
      {
        Sid: 'DenyStateBucketChanges',
        Effect: 'Deny',
        Action: [
          's3:DeleteBucket',
          's3:DeleteBucketPolicy',
          's3:PutBucketPolicy',
          's3:PutBucketVersioning',
          's3:PutEncryptionConfiguration',
          's3:PutBucketPublicAccessBlock',
          's3:PutLifecycleConfiguration',
          's3:DeleteObjectVersion',
        ],
        Resource: [props.stateBucketArn, `${props.stateBucketArn}/*`],
      },
    ],
  };
}

function iamArn(props: PermissionBoundaryProps, resource: string): string {
  return `arn:${props.partition ?? 'aws'}:iam::${props.accountId}:${resource}`;
}
