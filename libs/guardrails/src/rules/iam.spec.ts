import { IamPolicy } from '@cdktf/provider-aws/lib/iam-policy';
import { IamRole } from '@cdktf/provider-aws/lib/iam-role';
import { IamRolePolicy } from '@cdktf/provider-aws/lib/iam-role-policy';
import { ExecutionRole, PermissionBoundary } from '@llm/constructs/iam';
import { ACCOUNT_ID, BOUNDARY_ARN, checkStack, findingsOf, problemsOf, REGION } from '../spec-helpers';

const TRUST = JSON.stringify({
  Version: '2012-10-17',
  Statement: [{ Effect: 'Allow', Principal: { Service: 'lambda.amazonaws.com' }, Action: 'sts:AssumeRole' }],
});

function policy(statement: object): string {
  return JSON.stringify({ Version: '2012-10-17', Statement: [statement] });
}

describe('iam-role-permission-boundary', () => {
  it('passes an ExecutionRole, which always carries the boundary', () => {
    const report = checkStack((stack) => {
      new ExecutionRole(stack, 'Role', {
        roleName: 'api',
        servicePrincipal: 'lambda.amazonaws.com',
        permissionBoundaryArn: BOUNDARY_ARN,
        accountId: ACCOUNT_ID,
        region: REGION,
      });
    });

    expect(findingsOf(report, 'iam-role-permission-boundary')).toEqual([]);
  });

  it('fails a role without one, saying which boundary to set', () => {
    const report = checkStack((stack) => {
      new IamRole(stack, 'Role', { name: 'unbounded', assumeRolePolicy: TRUST });
    });

    expect(problemsOf(report, 'iam-role-permission-boundary')).toEqual(['stack/Role: has no permission boundary: permissions_boundary is not set']);
    expect(findingsOf(report, 'iam-role-permission-boundary')[0].fix).toContain("set permissions_boundary to the environment's boundary ARN");
  });
});

describe('iam-least-privilege', () => {
  it('passes the grants of an ExecutionRole, Resource "*" for X-Ray included (UNSCOPED_ACTIONS)', () => {
    const report = checkStack((stack) => {
      const role = new ExecutionRole(stack, 'Role', {
        roleName: 'api',
        servicePrincipal: 'lambda.amazonaws.com',
        permissionBoundaryArn: BOUNDARY_ARN,
        accountId: ACCOUNT_ID,
        region: REGION,
      });
      role.grantXRayWrite();
      role.grantWrite('arn:aws:s3:::bucket', 'generations/');
    });

    expect(findingsOf(report, 'iam-least-privilege')).toEqual([]);
  });

  it("passes the permission boundary's Allow * (exempted in POLICY_EXEMPTIONS)", () => {
    const report = checkStack((stack) => {
      new PermissionBoundary(stack, 'Boundary', {
        policyName: 'llm-platform-dev-global-permission-boundary',
        boundaryArn: BOUNDARY_ARN,
        allowedRegions: [REGION],
        stateBucketArn: 'arn:aws:s3:::state',
        iamNamePrefix: 'llm-platform-dev-',
        accountId: ACCOUNT_ID,
      });
    });

    expect(findingsOf(report, 'iam-least-privilege')).toEqual([]);
  });

  it('fails an action wildcard, saying which and what to do instead', () => {
    const report = checkStack((stack) => {
      const role = new IamRole(stack, 'Role', { name: 'api', assumeRolePolicy: TRUST, permissionsBoundary: BOUNDARY_ARN });
      new IamRolePolicy(stack, 'Policy', {
        role: role.name,
        policy: policy({ Sid: 'Everything', Effect: 'Allow', Action: 's3:*', Resource: 'arn:aws:s3:::bucket/*' }),
      });
    });

    expect(problemsOf(report, 'iam-least-privilege')).toEqual(['stack/Policy: policy statement Everything grants action wildcard(s) s3:*; list the actions']);
    expect(findingsOf(report, 'iam-least-privilege')[0]).toMatchObject({ level: 'error', address: 'aws_iam_role_policy.Policy' });
    expect(findingsOf(report, 'iam-least-privilege')[0].fix).toContain('UNSCOPED_ACTIONS');
  });

  it('fails Resource "*" for an action AWS can scope', () => {
    const report = checkStack((stack) => {
      new IamPolicy(stack, 'Policy', { name: 'reader', policy: policy({ Sid: 'ReadAll', Effect: 'Allow', Action: ['s3:GetObject'], Resource: '*' }) });
    });

    expect(problemsOf(report, 'iam-least-privilege')).toEqual([
      'stack/Policy: policy statement ReadAll grants s3:GetObject on Resource "*", but AWS supports resource-level scoping for them; name the resources',
    ]);
  });
});
