/**
 * The CodeBuild service role: exactly what buildspec.yml and push-image.sh do. Write to the
 * project's own log group, log in to ECR and push to (and describe images of) the one repository,
 * read the GitHub token of the one connection, and write the one digest parameter. No S3 (the
 * project has no artifacts and no S3 logs), no report groups (the buildspec declares no
 * reports), no batch builds, no KMS (ECR and the parameter use AWS managed keys).
 */
import { IamRolePolicy } from '@cdktf/provider-aws/lib/iam-role-policy';
import { ExecutionRole } from '@llm/constructs/iam';
import type { Construct } from 'constructs';
import { connectionActionPrefix } from './source';

export interface ServiceRoleProps {
  readonly roleName: string;
  readonly permissionBoundaryArn: string;
  readonly accountId: string;
  readonly region: string;
  readonly partition: string;
  readonly description: string;
}

export interface ServiceRoleGrants {
  readonly logGroupName: string;
  readonly repositoryArn: string;
  readonly connectionArn: string;
  readonly parameterArn: string;
}

/**
 * ECR actions of a `docker push` (layer check, upload, manifest put; BatchGetImage for the
 * manifest lookups the client makes) and of push-image.sh's `aws ecr describe-images`, which
 * skips a tag already pushed and reads the digest. Nothing pulls from this repository during the
 * build (the base image is on public.ecr.aws), so GetDownloadUrlForLayer is not granted.
 */
export const ECR_PUSH_ACTIONS = [
  'ecr:BatchCheckLayerAvailability',
  'ecr:BatchGetImage',
  'ecr:CompleteLayerUpload',
  'ecr:DescribeImages',
  'ecr:InitiateLayerUpload',
  'ecr:PutImage',
  'ecr:UploadLayerPart',
] as const;

/**
 * What CodeBuild does with the connection as the service role: GetConnectionToken for the clone,
 * the status check and the webhook, GetConnection to look it up, and UseConnection, which
 * CreateProject checks against this role when the source authenticates with CODECONNECTIONS.
 */
export const CONNECTION_ACTIONS = ['GetConnection', 'GetConnectionToken', 'UseConnection'] as const;

export function addServiceRole(scope: Construct, props: ServiceRoleProps): ExecutionRole {
  return new ExecutionRole(scope, 'ServiceRole', {
    roleName: props.roleName,
    servicePrincipal: 'codebuild.amazonaws.com',
    permissionBoundaryArn: props.permissionBoundaryArn,
    accountId: props.accountId,
    region: props.region,
    partition: props.partition,
    description: props.description,
  });
}

export function grantImagePipeline(role: ExecutionRole, grants: ServiceRoleGrants): void {
  role.grantLogs(grants.logGroupName);
  role.addStatement({ Sid: 'EcrLogin', Effect: 'Allow', Action: ['ecr:GetAuthorizationToken'], Resource: '*' });
  role.addStatement({ Sid: 'PushImages', Effect: 'Allow', Action: [...ECR_PUSH_ACTIONS], Resource: grants.repositoryArn });
  const prefix = connectionActionPrefix(grants.connectionArn);
  role.addStatement({
    Sid: 'UseGithubConnection',
    Effect: 'Allow',
    Action: CONNECTION_ACTIONS.map((action) => `${prefix}:${action}`),
    Resource: grants.connectionArn,
  });
  role.addStatement({ Sid: 'WriteImageDigest', Effect: 'Allow', Action: ['ssm:PutParameter'], Resource: grants.parameterArn });
}

/**
 * The role's inline policies. The project waits for them: CodeBuild checks the role's access to
 * the connection when it creates the project, and a role created with no policy yet would fail.
 */
export function rolePolicies(role: ExecutionRole): IamRolePolicy[] {
  return role.node.children.filter((child): child is IamRolePolicy => child instanceof IamRolePolicy);
}
