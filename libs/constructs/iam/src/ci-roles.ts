/**
 * The two roles GitHub Actions assume through OIDC for one environment:
 *  - plan: read-only (AWS ReadOnlyAccess), plus Terraform state read and lock, and never the
 *    objects of data buckets; trusted from pull requests and main of the configured repository;
 *  - deploy: PowerUserAccess plus management of this environment's own IAM roles and policies,
 *    trusted only from jobs running in the GitHub environment named after the environment,
 *    and denied (ABAC) any resource or request tagged with another environment.
 * Both carry the permission boundary, which caps them whatever their policies say.
 */
import { IamRole } from '@cdktf/provider-aws/lib/iam-role';
import { IamRolePolicy } from '@cdktf/provider-aws/lib/iam-role-policy';
import { IamRolePolicyAttachment } from '@cdktf/provider-aws/lib/iam-role-policy-attachment';
import { describeLocation } from '@llm/config';
import { Construct } from 'constructs';
import { GITHUB_OIDC_HOST, githubOidcProviderArn } from './github-oidc';
import { IAM_WRITE_ACTIONS } from './permission-boundary';
import { policyDocument, type PolicyStatement } from './policy-document';

export interface GithubCiRolesProps {
  /** Environment name; also the GitHub environment whose jobs may deploy. */
  readonly environment: string;
  /** `owner/repository` on GitHub. */
  readonly githubRepository: string;
  readonly accountId: string;
  /** @default 'aws' */
  readonly partition?: string;
  readonly permissionBoundaryArn: string;
  readonly planRoleName: string;
  readonly deployRoleName: string;
  /** Terraform state bucket: the plan role reads state and writes only lock files. */
  readonly stateBucketArn: string;
  /** Prefix of every IAM role and policy name this environment's stacks create, e.g. `llm-platform-prod-`. */
  readonly iamNamePrefix: string;
  /** Buckets whose objects are data (generations): the plan role may see the buckets, not read their objects. @default [] */
  readonly dataBucketArns?: readonly string[];
  /**
   * Log groups that may hold prompt text (the function's, where logging.logPromptText allows it):
   * the plan role may see them, not read their events. @default []
   */
  readonly dataLogGroupArns?: readonly string[];
}

const REPOSITORY_PATTERN = /^[A-Za-z0-9_.-]+\/[A-Za-z0-9_.-]+$/;

/** What Terraform reads of a role or policy to plan it. */
const IAM_READ_ACTIONS = [
  'iam:GetPolicy',
  'iam:GetPolicyVersion',
  'iam:GetRole',
  'iam:GetRolePolicy',
  'iam:ListAttachedRolePolicies',
  'iam:ListInstanceProfilesForRole',
  'iam:ListPolicyVersions',
  'iam:ListRolePolicies',
  'iam:ListRoleTags',
] as const;

/**
 * The IAM actions deploy needs on this environment's own roles and policies (PowerUserAccess has
 * no IAM): the writes the boundary confines to those names, and the reads. Not
 * SetDefaultPolicyVersion: Terraform makes a new version the default through CreatePolicyVersion.
 */
export const DEPLOY_IAM_ACTIONS: readonly string[] = [
  ...IAM_WRITE_ACTIONS.filter((action) => action !== 'iam:SetDefaultPolicyVersion'),
  ...IAM_READ_ACTIONS,
].sort();

export const DEPLOY_OIDC_ACTIONS = [
  'iam:AddClientIDToOpenIDConnectProvider',
  'iam:CreateOpenIDConnectProvider',
  'iam:DeleteOpenIDConnectProvider',
  'iam:GetOpenIDConnectProvider',
  'iam:RemoveClientIDFromOpenIDConnectProvider',
  'iam:TagOpenIDConnectProvider',
  'iam:UntagOpenIDConnectProvider',
  'iam:UpdateOpenIDConnectProviderThumbprint',
] as const;

export class GithubCiRoles extends Construct {
  readonly planRole: IamRole;
  readonly deployRole: IamRole;
  readonly planRoleArn: string;
  readonly deployRoleArn: string;

  constructor(scope: Construct, id: string, props: GithubCiRolesProps) {
    super(scope, id);
    if (!REPOSITORY_PATTERN.test(props.githubRepository)) {
      throw new Error(`GithubCiRoles githubRepository must be "owner/repository", got "${props.githubRepository}" ${describeLocation(this)}`);
    }
    const partition = props.partition ?? 'aws';
    const iamArn = (resource: string) => `arn:${partition}:iam::${props.accountId}:${resource}`;
    this.planRoleArn = iamArn(`role/${props.planRoleName}`);
    this.deployRoleArn = iamArn(`role/${props.deployRoleName}`);
    const repo = props.githubRepository;

    this.planRole = this.ciRole('PlanRole', props, props.planRoleName, `Terraform plan for ${props.environment} from GitHub Actions (read-only)`, [
      `repo:${repo}:pull_request`,
      `repo:${repo}:ref:refs/heads/main`,
      `repo:${repo}:environment:${props.environment}`,
    ]);
    new IamRolePolicyAttachment(this, 'PlanReadOnly', { role: this.planRole.name, policyArn: `arn:${partition}:iam::aws:policy/ReadOnlyAccess` });
    new IamRolePolicy(this, 'PlanPolicy', {
      name: 'state-and-data',
      role: this.planRole.name,
      policy: JSON.stringify(policyDocument(planStatements(props))),
    });

    this.deployRole = this.ciRole('DeployRole', props, props.deployRoleName, `Terraform apply for ${props.environment} from GitHub Actions`, [
      `repo:${repo}:environment:${props.environment}`,
    ]);
    new IamRolePolicyAttachment(this, 'DeployPowerUser', { role: this.deployRole.name, policyArn: `arn:${partition}:iam::aws:policy/PowerUserAccess` });
    new IamRolePolicy(this, 'DeployPolicy', {
      name: 'own-iam-and-abac',
      role: this.deployRole.name,
      policy: JSON.stringify(policyDocument(deployStatements(props, iamArn))),
    });
  }

  private ciRole(id: string, props: GithubCiRolesProps, name: string, description: string, subjects: string[]): IamRole {
    return new IamRole(this, id, {
      name,
      description,
      permissionsBoundary: props.permissionBoundaryArn,
      maxSessionDuration: 3600,
      assumeRolePolicy: JSON.stringify(
        policyDocument([
          {
            Effect: 'Allow',
            Principal: { Federated: githubOidcProviderArn(props.accountId, props.partition) },
            Action: 'sts:AssumeRoleWithWebIdentity',
            // sub is single-valued: a list under StringEquals means "any of these".
            Condition: { StringEquals: { [`${GITHUB_OIDC_HOST}:aud`]: 'sts.amazonaws.com', [`${GITHUB_OIDC_HOST}:sub`]: subjects } },
          },
        ]),
      ),
    });
  }
}

function planStatements(props: GithubCiRolesProps): PolicyStatement[] {
  const state = props.stateBucketArn;
  const statements: PolicyStatement[] = [
    { Sid: 'ListState', Effect: 'Allow', Action: ['s3:ListBucket'], Resource: state },
    { Sid: 'ReadState', Effect: 'Allow', Action: ['s3:GetObject'], Resource: `${state}/*` },
    // use_lockfile: a plan takes the lock by writing <key>.tflock and releases it by deleting it.
    { Sid: 'LockState', Effect: 'Allow', Action: ['s3:PutObject', 's3:DeleteObject'], Resource: `${state}/*.tflock` },
    { Sid: 'NoSecretValues', Effect: 'Deny', Action: ['secretsmanager:GetSecretValue'], Resource: '*' },
  ];
  const data = props.dataBucketArns ?? [];
  if (data.length > 0) {
    statements.push({ Sid: 'NoDataObjects', Effect: 'Deny', Action: ['s3:GetObject', 's3:GetObjectVersion'], Resource: data.map((arn) => `${arn}/*`) });
  }
  const logs = props.dataLogGroupArns ?? [];
  if (logs.length > 0) {
    statements.push({
      Sid: 'NoDataLogEvents',
      Effect: 'Deny',
      Action: ['logs:GetLogEvents', 'logs:FilterLogEvents', 'logs:StartQuery', 'logs:StartLiveTail'],
      Resource: logs.flatMap((arn) => [arn, `${arn}:*`]),
    });
  }
  return statements;
}

function deployStatements(props: GithubCiRolesProps, iamArn: (resource: string) => string): PolicyStatement[] {
  const environmentTag = 'Environment';
  const data = props.dataBucketArns ?? [];
  return [
    // Terraform never reads the API key (no secret version is managed) nor generation records:
    // PowerUserAccess would allow both, so they are denied outright.
    { Sid: 'NoSecretValues', Effect: 'Deny', Action: ['secretsmanager:GetSecretValue'], Resource: '*' },
    ...(data.length > 0
      ? [{ Sid: 'NoDataObjects', Effect: 'Deny' as const, Action: ['s3:GetObject', 's3:GetObjectVersion'], Resource: data.map((arn) => `${arn}/*`) }]
      : []),
    {
      Sid: 'ManageOwnIam',
      Effect: 'Allow',
      Action: [...DEPLOY_IAM_ACTIONS],
      Resource: [iamArn(`role/${props.iamNamePrefix}*`), iamArn(`policy/${props.iamNamePrefix}*`)],
    },
    { Sid: 'ManageGithubOidc', Effect: 'Allow', Action: [...DEPLOY_OIDC_ACTIONS], Resource: githubOidcProviderArn(props.accountId, props.partition) },
    {
      Sid: 'ServiceLinkedRoles',
      Effect: 'Allow',
      Action: ['iam:CreateServiceLinkedRole'],
      Resource: iamArn('role/aws-service-role/*'),
    },
    {
      // ABAC: resources that carry an Environment tag must carry this environment's.
      Sid: 'DenyOtherEnvironmentsResources',
      Effect: 'Deny',
      Action: '*',
      Resource: '*',
      Condition: {
        StringNotEquals: { [`aws:ResourceTag/${environmentTag}`]: props.environment },
        Null: { [`aws:ResourceTag/${environmentTag}`]: 'false' },
      },
    },
    {
      Sid: 'DenyTaggingForOtherEnvironments',
      Effect: 'Deny',
      Action: '*',
      Resource: '*',
      Condition: {
        StringNotEquals: { [`aws:RequestTag/${environmentTag}`]: props.environment },
        Null: { [`aws:RequestTag/${environmentTag}`]: 'false' },
      },
    },
  ];
}
