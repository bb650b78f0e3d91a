import { IamRolePolicyAttachment } from '@cdktf/provider-aws/lib/iam-role-policy-attachment';
import type { SynthBlock } from '@llm/terraform/testing';
import { Testing } from 'cdktf';
import { GithubCiRoles, type GithubCiRolesProps, type PolicyDocument } from './index';

const props: GithubCiRolesProps = {
  environment: 'prod',
  githubRepository: 'acme/llm-platform',
  accountId: '333333333333',
  permissionBoundaryArn: 'arn:aws:iam::333333333333:policy/boundary',
  planRoleName: 'llm-platform-prod-global-ci-plan',
  deployRoleName: 'llm-platform-prod-global-ci-deploy',
  stateBucketArn: 'arn:aws:s3:::state',
  iamNamePrefix: 'llm-platform-prod-',
  dataBucketArns: ['arn:aws:s3:::generations'],
};

function synth(overrides: Partial<GithubCiRolesProps> = {}): SynthBlock {
  return JSON.parse(Testing.synthScope((scope) => new GithubCiRoles(scope, 'Ci', { ...props, ...overrides })));
}

function roleNamed(json: SynthBlock, name: string): { assume_role_policy: string; permissions_boundary: string } {
  const role = (Object.values(json.resource.aws_iam_role) as Array<{ name: string; assume_role_policy: string; permissions_boundary: string }>).find(
    (candidate) => candidate.name === name,
  );
  if (!role) throw new Error(`no aws_iam_role named ${name}`);
  return role;
}

function inlinePolicy(json: SynthBlock, name: string): PolicyDocument {
  const policy = (Object.values(json.resource.aws_iam_role_policy) as Array<{ name: string; policy: string }>).find((entry) => entry.name === name);
  if (!policy) throw new Error(`no aws_iam_role_policy named ${name}`);
  return JSON.parse(policy.policy);
}

describe('GithubCiRoles', () => {
  const json = synth();

  it('lets the deploy role be assumed only by jobs in the GitHub environment named after the environment', () => {
    const trust = JSON.parse(roleNamed(json, props.deployRoleName).assume_role_policy).Statement[0];
    expect(trust).toEqual({
      Effect: 'Allow',
      Principal: { Federated: 'arn:aws:iam::333333333333:oidc-provider/token.actions.githubusercontent.com' },
      Action: 'sts:AssumeRoleWithWebIdentity',
      Condition: {
        StringEquals: {
          'token.actions.githubusercontent.com:aud': 'sts.amazonaws.com',
          'token.actions.githubusercontent.com:sub': ['repo:acme/llm-platform:environment:prod'],
        },
      },
    });
  });

  it('lets the plan role be assumed from pull requests and main of the configured repository only', () => {
    const trust = JSON.parse(roleNamed(json, props.planRoleName).assume_role_policy).Statement[0];
    expect(trust.Condition.StringEquals['token.actions.githubusercontent.com:sub']).toEqual([
      'repo:acme/llm-platform:pull_request',
      'repo:acme/llm-platform:ref:refs/heads/main',
      'repo:acme/llm-platform:environment:prod',
    ]);
  });

  it('puts the permission boundary on both roles', () => {
    for (const name of [props.planRoleName, props.deployRoleName]) {
      expect(roleNamed(json, name).permissions_boundary).toBe(props.permissionBoundaryArn);
    }
  });

  it('gives the plan role read-only access, state locking, and no data objects or secret values', () => {
    expect(Testing.synthScope((scope) => new GithubCiRoles(scope, 'Ci', props))).toHaveResourceWithProperties(IamRolePolicyAttachment, {
      policy_arn: 'arn:aws:iam::aws:policy/ReadOnlyAccess',
    });
    const statements = inlinePolicy(json, 'state-and-data').Statement;
    expect(statements).toContainEqual({
      Sid: 'LockState',
      Effect: 'Allow',
      Action: ['s3:PutObject', 's3:DeleteObject'],
      Resource: 'arn:aws:s3:::state/*.tflock',
    });
    expect(statements).toContainEqual({
      Sid: 'NoDataObjects',
      Effect: 'Deny',
      Action: ['s3:GetObject', 's3:GetObjectVersion'],
      Resource: ['arn:aws:s3:::generations/*'],
    });
  });

  it('denies the deploy role any resource or request tagged with another environment (ABAC)', () => {
    const statements = inlinePolicy(json, 'own-iam-and-abac').Statement;
    expect(statements.find((statement) => statement.Sid === 'DenyOtherEnvironmentsResources')).toEqual({
      Sid: 'DenyOtherEnvironmentsResources',
      Effect: 'Deny',
      Action: '*',
      Resource: '*',
      Condition: { StringNotEquals: { 'aws:ResourceTag/Environment': 'prod' }, Null: { 'aws:ResourceTag/Environment': 'false' } },
    });
    expect(statements.find((statement) => statement.Sid === 'ManageOwnIam')?.Resource).toEqual([
      'arn:aws:iam::333333333333:role/llm-platform-prod-*',
      'arn:aws:iam::333333333333:policy/llm-platform-prod-*',
    ]);
  });

  it('refuses a repository that is not owner/name', () => {
    expect(() => synth({ githubRepository: 'https://github.com/acme/x' })).toThrow(
      'GithubCiRoles githubRepository must be "owner/repository", got "https://github.com/acme/x" (construct stack/Ci)',
    );
  });

  it('denies the deploy role secret values and generation records, which Terraform never reads', () => {
    const statements = inlinePolicy(json, 'own-iam-and-abac').Statement;
    expect(statements.slice(0, 2)).toEqual([
      { Sid: 'NoSecretValues', Effect: 'Deny', Action: ['secretsmanager:GetSecretValue'], Resource: '*' },
      { Sid: 'NoDataObjects', Effect: 'Deny', Action: ['s3:GetObject', 's3:GetObjectVersion'], Resource: ['arn:aws:s3:::generations/*'] },
    ]);
  });
});
