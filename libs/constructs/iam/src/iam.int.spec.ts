import { describeWithTerraform, planOffline } from '@llm/terraform/testing';
import { AccessAnalyzer, ExecutionRole, GithubCiRoles, GithubOidcProvider, PermissionBoundary } from './index';

describeWithTerraform('IAM constructs with the real terraform', () => {
  it('plan a boundary, an execution role with grants, the OIDC provider, CI roles and an analyzer', async () => {
    const boundaryArn = 'arn:aws:iam::111111111111:policy/test-boundary';
    const result = await planOffline((stack) => {
      new PermissionBoundary(stack, 'Boundary', {
        policyName: 'test-boundary',
        boundaryArn,
        allowedRegions: ['eu-west-1'],
        stateBucketArn: 'arn:aws:s3:::state',
        iamNamePrefix: 'test-',
        accountId: '111111111111',
      });
      const role = new ExecutionRole(stack, 'Api', {
        roleName: 'test-api',
        servicePrincipal: 'lambda.amazonaws.com',
        permissionBoundaryArn: boundaryArn,
        accountId: '111111111111',
        region: 'eu-west-1',
      });
      role.grantWrite('arn:aws:s3:::out', 'generations/');
      role.grantSecretRead('arn:aws:secretsmanager:eu-west-1:111111111111:secret:key-AbCdEf');
      role.grantLogs('/aws/lambda/test-api');
      role.grantXRayWrite();
      new GithubOidcProvider(stack, 'Oidc');
      new GithubCiRoles(stack, 'Ci', {
        environment: 'dev',
        githubRepository: 'acme/llm-platform',
        accountId: '111111111111',
        permissionBoundaryArn: boundaryArn,
        planRoleName: 'test-ci-plan',
        deployRoleName: 'test-ci-deploy',
        stateBucketArn: 'arn:aws:s3:::state',
        iamNamePrefix: 'test-',
      });
      new AccessAnalyzer(stack, 'Analyzer', { analyzerName: 'test' });
    });
    expect(result.ok ? { add: result.add } : result.error).toEqual({ add: 11 });
  });
});
