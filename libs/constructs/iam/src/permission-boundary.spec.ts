import { IamPolicy } from '@cdktf/provider-aws/lib/iam-policy';
import { Testing } from 'cdktf';
import { permissionBoundaryDocument, PermissionBoundary, type PermissionBoundaryProps } from './index';

const props: PermissionBoundaryProps = {
  policyName: 'p-boundary',
  boundaryArn: 'arn:aws:iam::111111111111:policy/p-boundary',
  allowedRegions: ['eu-west-1', 'us-east-1'],
  stateBucketArn: 'arn:aws:s3:::state',
  iamNamePrefix: 'test-',
  accountId: '111111111111',
};

describe('PermissionBoundary', () => {
  const statements = Object.fromEntries(permissionBoundaryDocument(props).Statement.map((statement) => [statement.Sid, statement]));

  it('denies regional actions outside the environment regions', () => {
    expect(statements.DenyOutsideEnvironmentRegions).toMatchObject({
      Effect: 'Deny',
      Condition: { StringNotEquals: { 'aws:RequestedRegion': ['eu-west-1', 'us-east-1'] } },
    });
  });

  it('protects the boundary itself and forbids roles without it', () => {
    expect(statements.DenyBoundaryChanges).toMatchObject({ Effect: 'Deny', Resource: props.boundaryArn });
    expect(statements.DenyRolesWithoutThisBoundary.Condition).toEqual({
      StringNotEquals: { 'iam:PermissionsBoundary': props.boundaryArn },
    });
  });

  it('protects the state bucket configuration and IAM users', () => {
    expect(statements.DenyStateBucketChanges.Resource).toEqual(['arn:aws:s3:::state', 'arn:aws:s3:::state/*']);
    expect(statements.DenyIamUsers.Action).toContain('iam:CreateAccessKey');
  });

  it('synthesizes one managed policy with the document', () => {
    const synthesized = Testing.synthScope((scope) => new PermissionBoundary(scope, 'Boundary', props));
    expect(synthesized).toHaveResourceWithProperties(IamPolicy, {
      name: 'p-boundary',
      policy: JSON.stringify(permissionBoundaryDocument(props)),
    });
  });

  it('refuses an empty region list', () => {
    expect(() => Testing.synthScope((scope) => new PermissionBoundary(scope, 'B', { ...props, allowedRegions: [] }))).toThrow(
      'PermissionBoundary needs at least one allowed region (construct stack/B)',
    );
  });

  it('denies IAM changes outside the environment prefix, so no role can re-trust a role without the boundary', () => {
    expect(statements.DenyIamOutsideEnvironment).toMatchObject({
      Effect: 'Deny',
      NotResource: ['arn:aws:iam::111111111111:role/test-*', 'arn:aws:iam::111111111111:policy/test-*'],
    });
    expect(statements.DenyIamOutsideEnvironment.Action).toEqual(expect.arrayContaining(['iam:UpdateAssumeRolePolicy', 'iam:PutRolePolicy', 'iam:PassRole']));
    expect(statements.DenyLeavingOrganization.Action).toContain('organizations:LeaveOrganization');
  });

  it('protects the listed CI roles from every IAM change', () => {
    const withCi = permissionBoundaryDocument({ ...props, protectedRoleArns: ['arn:aws:iam::111111111111:role/test-ci-deploy'] });
    expect(withCi.Statement.find((statement) => statement.Sid === 'DenyCiRoleChanges')).toMatchObject({
      Effect: 'Deny',
      Resource: ['arn:aws:iam::111111111111:role/test-ci-deploy'],
    });
  });

  it('keeps the same description whatever the regions, so adding a region updates the boundary in place instead of replacing it', () => {
    const policyOf = (allowedRegions: string[]) =>
      Object.values(
        JSON.parse(Testing.synthScope((scope) => new PermissionBoundary(scope, 'Boundary', { ...props, allowedRegions }))).resource.aws_iam_policy,
      )[0] as {
        description: string;
        lifecycle: unknown;
      };
    const one = policyOf(['eu-west-1']);
    const two = policyOf(['eu-west-1', 'eu-central-1']);
    expect(two.description).toBe(one.description);
    expect(one.description).not.toContain('eu-west-1');
    // A description written by an older version (with regions) is left alone rather than replaced.
    expect(one.lifecycle).toEqual({ ignore_changes: ['description'] });
  });
});
