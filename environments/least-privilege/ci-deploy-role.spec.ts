/**
 * The CI deploy role of every environment, simulated with its synthesized inline policy, the AWS
 * managed policy PowerUserAccess (vendored, complete) and the environment's permission boundary:
 * it manages this environment's own roles and policies (always with the boundary), and nothing
 * tagged for another environment, no role outside its prefix, no boundary change, no IAM user, no
 * region outside the environment's.
 */
import * as iamSimulate from '@cloud-copilot/iam-simulate';
import { Naming } from '@llm/naming';
import { pipelineFunctionFacts } from './facts';
import { FOREIGN_ROLE_NAME, INSTANCE_ID, VPC_ID, otherEnvironment, regionOutside, synthesizeAllEnvironments } from './fixtures';
import { createSimulator, itMeetsEachRow, type AccessRow } from './simulation';
import type { SynthesizedRole } from './synthesized-iam';

const project = synthesizeAllEnvironments();
const simulator = createSimulator(iamSimulate, project);
const roles = project.rolesOfKind('ci-deploy');

function deployRows(role: SynthesizedRole): AccessRow[] {
  const { env } = role;
  const naming = new Naming(env);
  const account = env.accountId;
  const partition = role.arn.split(':')[1];
  const boundaryArn = role.boundaryArn ?? '';
  const other = otherEnvironment(project, env);
  const outside = regionOutside(env);
  const primary = naming.primaryRegion;
  const iamArn = (resource: string) => `arn:${partition}:iam::${account}:${resource}`;
  const newRole = iamArn(`role/${naming.roleName(primary, 'extra')}`);
  const foreignRole = iamArn(`role/${FOREIGN_ROLE_NAME}`);
  const ownTags = { 'aws:RequestTag/Environment': env.name };
  const stateBucketArn = naming.bucketArn(naming.stateBucketName);
  const stateKey = `${stateBucketArn}/${naming.stateKey(naming.stackName('global'))}`;
  const planRole = project.rolesOfKind('ci-plan').find((candidate) => candidate.env === env);
  const adminPolicy = `arn:${partition}:iam::aws:policy/AdministratorAccess`;
  const vpc = (region: string) => `arn:${partition}:ec2:${region}:${account}:vpc/${VPC_ID}`;
  const instance = `arn:${partition}:ec2:${primary}:${account}:instance/${INSTANCE_ID}`;

  const rows: AccessRow[] = [
    // Its environment's own IAM, always under the boundary.
    {
      note: "creating one of its environment's roles with the boundary",
      request: { action: 'iam:CreateRole', resource: newRole, context: { 'iam:PermissionsBoundary': boundaryArn, ...ownTags } },
      expect: 'allow',
    },
    {
      note: 'creating a role without the boundary',
      request: { action: 'iam:CreateRole', resource: newRole, context: ownTags },
      expect: 'deny:boundary:DenyRolesWithoutThisBoundary',
    },
    {
      note: 'creating a role with another boundary',
      request: { action: 'iam:CreateRole', resource: newRole, context: { 'iam:PermissionsBoundary': adminPolicy, ...ownTags } },
      expect: 'deny:boundary:DenyRolesWithoutThisBoundary',
    },
    {
      note: `creating a role outside its prefix ${naming.iamNamePrefix}*`,
      request: { action: 'iam:CreateRole', resource: iamArn('role/platform-admin'), context: { 'iam:PermissionsBoundary': boundaryArn, ...ownTags } },
      expect: 'deny:boundary:DenyIamOutsideEnvironment',
    },
    {
      note: "creating one of its environment's policies",
      request: { action: 'iam:CreatePolicy', resource: iamArn(`policy/${naming.policyName('global', 'extra')}`) },
      expect: 'allow',
    },
    {
      note: 'creating the GitHub OIDC provider',
      request: { action: 'iam:CreateOpenIDConnectProvider', resource: iamArn('oidc-provider/token.actions.githubusercontent.com') },
      expect: 'allow',
    },
    {
      note: 'creating another OIDC provider',
      request: { action: 'iam:CreateOpenIDConnectProvider', resource: iamArn('oidc-provider/idp.example.com') },
      expect: 'deny:implicit',
    },
    ...(planRole
      ? [
          {
            // The CI roles are changed by an account administrator only (README, CI/CD): a deploy
            // role that could edit the CI roles could widen itself.
            note: 'changing the plan role, even as the global stack would',
            request: {
              action: 'iam:AttachRolePolicy',
              resource: planRole.arn,
              context: { 'iam:PolicyARN': `arn:${partition}:iam::aws:policy/ReadOnlyAccess` },
            },
            expect: 'deny:boundary:DenyCiRoleChanges',
          } satisfies AccessRow,
        ]
      : []),

    // Roles outside its prefix.
    {
      note: 'rewriting a role outside the project',
      request: { action: 'iam:PutRolePolicy', resource: foreignRole },
      expect: 'deny:boundary:DenyIamOutsideEnvironment',
    },
    {
      note: 'attaching a policy to a role outside the project',
      request: { action: 'iam:AttachRolePolicy', resource: foreignRole, context: { 'iam:PolicyARN': adminPolicy } },
      expect: 'deny:boundary:DenyIamOutsideEnvironment',
    },
    {
      note: 're-trusting a role outside the project',
      request: { action: 'iam:UpdateAssumeRolePolicy', resource: foreignRole },
      expect: 'deny:boundary:DenyIamOutsideEnvironment',
    },
    {
      note: 'deleting a role outside the project',
      request: { action: 'iam:DeleteRole', resource: foreignRole },
      expect: 'deny:boundary:DenyIamOutsideEnvironment',
    },
    {
      note: 'passing a role outside the project',
      request: { action: 'iam:PassRole', resource: foreignRole, context: { 'iam:PassedToService': 'lambda.amazonaws.com' } },
      expect: 'deny:boundary:DenyIamOutsideEnvironment',
    },
    {
      note: `rewriting ${other.name}'s role, in ${other.name}'s account`,
      request: { action: 'iam:PutRolePolicy', resource: `arn:${partition}:iam::${other.accountId}:role/llm-platform-${other.name}-global-ci-deploy` },
      expect: 'deny:boundary:DenyIamOutsideEnvironment',
    },

    // Its own permissions (known gap LP-2: ManageOwnIam covers the CI roles themselves).
    { note: 'rewriting its own inline policy', request: { action: 'iam:PutRolePolicy', resource: role.arn }, expect: 'deny' },
    {
      note: 'attaching AdministratorAccess to itself',
      request: { action: 'iam:AttachRolePolicy', resource: role.arn, context: { 'iam:PolicyARN': adminPolicy } },
      expect: 'deny',
    },

    // The boundary itself, and the rest of what the boundary caps.
    {
      note: 'a new version of the permission boundary',
      request: { action: 'iam:CreatePolicyVersion', resource: boundaryArn },
      expect: 'deny:boundary:DenyBoundaryChanges',
    },
    {
      note: 'switching the permission boundary to another version',
      request: { action: 'iam:SetDefaultPolicyVersion', resource: boundaryArn },
      expect: 'deny:boundary:DenyBoundaryChanges',
    },
    {
      note: 'deleting a version of the permission boundary',
      request: { action: 'iam:DeletePolicyVersion', resource: boundaryArn },
      expect: 'deny:boundary:DenyBoundaryChanges',
    },
    { note: 'deleting the permission boundary', request: { action: 'iam:DeletePolicy', resource: boundaryArn }, expect: 'deny:boundary:DenyBoundaryChanges' },
    {
      note: "removing a role's boundary",
      request: { action: 'iam:DeleteRolePermissionsBoundary', resource: newRole },
      expect: 'deny:boundary:DenyBoundaryRemoval',
    },
    {
      note: "replacing a role's boundary",
      request: { action: 'iam:PutRolePermissionsBoundary', resource: newRole, context: { 'iam:PermissionsBoundary': adminPolicy } },
      expect: 'deny:boundary:DenyRolesWithoutThisBoundary',
    },
    { note: 'creating an IAM user', request: { action: 'iam:CreateUser', resource: iamArn('user/deployer') }, expect: 'deny:boundary:DenyIamUsers' },
    { note: 'creating an access key', request: { action: 'iam:CreateAccessKey', resource: iamArn('user/deployer') }, expect: 'deny:boundary:DenyIamUsers' },
    {
      note: 'giving a user a console password',
      request: { action: 'iam:CreateLoginProfile', resource: iamArn('user/deployer') },
      expect: 'deny:boundary:DenyIamUsers',
    },
    {
      note: 'leaving the organization',
      request: { action: 'organizations:LeaveOrganization', resource: '*' },
      expect: 'deny:boundary:DenyLeavingOrganization',
    },

    // Data Terraform never reads, though PowerUserAccess would grant it.
    {
      note: 'reading the API key',
      request: {
        action: 'secretsmanager:GetSecretValue',
        resource: `arn:${partition}:secretsmanager:${primary}:${account}:secret:${naming.apiKeySecretName(primary)}-AbCdEf`,
      },
      expect: 'deny:identity:NoSecretValues',
    },
    {
      note: 'reading a generation record',
      request: { action: 's3:GetObject', resource: `${naming.bucketArn(naming.outputBucketName(primary))}/generations/2026/11/27/x.json` },
      expect: 'deny:identity:NoDataObjects',
    },

    // Terraform state: objects yes, the bucket's protection no.
    { note: 'writing state', request: { action: 's3:PutObject', resource: stateKey }, expect: 'allow' },
    { note: 'deleting a state version', request: { action: 's3:DeleteObjectVersion', resource: stateKey }, expect: 'deny:boundary:DenyStateBucketChanges' },
    {
      note: "changing the state bucket's policy",
      request: { action: 's3:PutBucketPolicy', resource: stateBucketArn },
      expect: 'deny:boundary:DenyStateBucketChanges',
    },
    {
      note: 'suspending state versioning',
      request: { action: 's3:PutBucketVersioning', resource: stateBucketArn },
      expect: 'deny:boundary:DenyStateBucketChanges',
    },
    { note: 'deleting the state bucket', request: { action: 's3:DeleteBucket', resource: stateBucketArn }, expect: 'deny:boundary:DenyStateBucketChanges' },

    // ABAC: nothing tagged for, and no tag for, another environment.
    {
      note: `terminating an instance tagged Environment=${other.name}`,
      request: { action: 'ec2:TerminateInstances', resource: instance, context: { 'aws:ResourceTag/Environment': other.name } },
      expect: 'deny:identity:DenyOtherEnvironmentsResources',
    },
    {
      note: `terminating an instance tagged Environment=${env.name}`,
      request: { action: 'ec2:TerminateInstances', resource: instance, context: { 'aws:ResourceTag/Environment': env.name } },
      expect: 'allow',
    },
    {
      note: `tagging a new VPC Environment=${other.name}`,
      request: { action: 'ec2:CreateVpc', resource: vpc(primary), context: { 'aws:RequestTag/Environment': other.name } },
      expect: 'deny:identity:DenyTaggingForOtherEnvironments',
    },
    {
      note: `tagging one of its roles Environment=${other.name}`,
      request: { action: 'iam:TagRole', resource: newRole, context: { 'aws:RequestTag/Environment': other.name } },
      expect: 'deny:identity:DenyTaggingForOtherEnvironments',
    },
    {
      note: `changing one of its roles tagged Environment=${other.name}`,
      request: { action: 'iam:PutRolePolicy', resource: newRole, context: { 'aws:ResourceTag/Environment': other.name } },
      expect: 'deny:identity:DenyOtherEnvironmentsResources',
    },

    // Regions.
    ...env.regions.map((entry): AccessRow => ({
      note: `creating a VPC in ${entry.region}`,
      request: { action: 'ec2:CreateVpc', resource: vpc(entry.region), context: ownTags },
      expect: 'allow',
    })),
    {
      note: `creating a VPC in ${outside}, outside ${env.name}'s regions`,
      request: { action: 'ec2:CreateVpc', resource: vpc(outside), context: ownTags },
      expect: 'deny:boundary:DenyOutsideEnvironmentRegions',
    },
    {
      note: `deploying a function in ${outside}`,
      request: { action: 'lambda:UpdateFunctionCode', resource: `arn:${partition}:lambda:${outside}:${account}:function:${naming.functionName(outside)}` },
      expect: 'deny:boundary:DenyOutsideEnvironmentRegions',
    },
  ];

  for (const fn of project.rolesOfKind('pipeline-function').filter((candidate) => candidate.env === env)) {
    const facts = pipelineFunctionFacts(project, fn);
    const region = fn.stack.region;
    rows.push(
      { note: `rewriting the pipeline role's policy in ${region}`, request: { action: 'iam:PutRolePolicy', resource: fn.arn }, expect: 'allow' },
      {
        note: `passing the pipeline role to Lambda in ${region}`,
        request: { action: 'iam:PassRole', resource: fn.arn, context: { 'iam:PassedToService': 'lambda.amazonaws.com' } },
        expect: 'allow',
      },
      {
        note: `deploying the pipeline function in ${region}, tagged Environment=${env.name}`,
        request: { action: 'lambda:UpdateFunctionCode', resource: facts.functionArn, context: { 'aws:ResourceTag/Environment': env.name } },
        expect: 'allow',
      },
      {
        note: `deploying a function in ${region} tagged Environment=${other.name}`,
        request: { action: 'lambda:UpdateFunctionCode', resource: facts.functionArn, context: { 'aws:ResourceTag/Environment': other.name } },
        expect: 'deny:identity:DenyOtherEnvironmentsResources',
      },
      {
        note: `reading a secret in ${region} tagged Environment=${other.name}`,
        request: { action: 'secretsmanager:GetSecretValue', resource: facts.secretArn, context: { 'aws:ResourceTag/Environment': other.name } },
        expect: 'deny:identity:DenyOtherEnvironmentsResources',
      },
    );
  }
  return rows;
}

describe('least privilege: the CI deploy role', () => {
  it('exists once per environment, named by the ci_deploy_role_arn output, with PowerUserAccess', () => {
    expect(roles.map((role) => role.env.name)).toEqual([...new Set(project.stacks.map((stack) => stack.env.name))]);
    for (const role of roles) expect(role.identityPolicies.map((policy) => policy.name)).toContain('managed:arn:aws:iam::aws:policy/PowerUserAccess');
  });

  describe.each(roles.map((role) => ({ label: `${role.name} (${role.env.name})`, role })))('$label', ({ role }) => {
    itMeetsEachRow(simulator, role, deployRows(role));
  });
});
