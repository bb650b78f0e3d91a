import { developmentInput, productionInput, testEnvironment } from '@llm/config/testing';
import { environmentSchema, validateEnvironments } from '@llm/config';
import { missingTagKeys, Naming, standardTags } from './index';

describe('Naming', () => {
  const prod = new Naming(validateEnvironments([productionInput()])[0]);

  it('puts environment, region and account into bucket names', () => {
    expect(prod.outputBucketName('eu-west-1')).toBe('llm-platform-prod-eu-west-1-generations-333333333333');
    expect(prod.stateBucketName).toBe('llm-platform-prod-bootstrap-tfstate-333333333333');
  });

  it('computes the boundary ARN that the global stack creates, so other stacks need no lookup', () => {
    expect(prod.permissionBoundaryArn).toBe('arn:aws:iam::333333333333:policy/llm-platform-prod-global-permission-boundary');
  });

  it('computes alert topic ARNs per region, in the region partition', () => {
    expect(prod.alertTopicArn('us-east-1')).toBe('arn:aws:sns:us-east-1:333333333333:llm-platform-prod-us-east-1-alerts');
    // GovCloud has no prices in libs/pricing, so validation refuses it; naming only needs the shape.
    const gov = new Naming(
      environmentSchema.parse(
        developmentInput({ regions: [{ region: 'us-gov-west-1', vpc: { cidr: '10.0.0.0/16', availabilityZones: ['us-gov-west-1a'], nat: 'none' } }] }),
      ),
    );
    expect(gov.permissionBoundaryArn).toMatch(/^arn:aws-us-gov:iam::/);
  });

  it('gives every stack of two environments distinct global names', () => {
    const dev = new Naming(testEnvironment());
    const names = [dev, prod].flatMap((naming) => [
      naming.stateBucketName,
      naming.permissionBoundaryName,
      ...['eu-west-1', 'us-east-1'].flatMap((region) => [naming.outputBucketName(region), naming.roleName(region, 'lambda')]),
    ]);
    expect(new Set(names).size).toBe(names.length);
  });

  it('refuses a name longer than AWS allows, saying which limit', () => {
    expect(() => prod.roleName('ap-southeast-1', 'x'.repeat(40))).toThrow(/IAM role name ".*" is 73 characters; AWS allows at most 64/);
  });

  it('uses stack names <env>-<scope>', () => {
    expect([prod.stackName('global'), prod.stackName('eu-west-1')]).toEqual(['prod-global', 'prod-eu-west-1']);
  });

  it('lists every stack of the environment: bootstrap, global, then each region, primary first', () => {
    expect(prod.stackNames()).toEqual(['prod-bootstrap', 'prod-global', ...prod.env.regions.map((entry) => `prod-${entry.region}`)]);
    expect(prod.stackNames()[2]).toBe(`prod-${prod.primaryRegion}`);
  });
});

describe('standard tags', () => {
  const env = testEnvironment();

  it('tag regional stacks with Region and account-wide ones with Scope', () => {
    expect(standardTags(env, 'eu-west-1', true)).toEqual({
      Project: 'llm-platform',
      Environment: 'dev',
      Region: 'eu-west-1',
      Owner: 'team',
      CostCenter: 'CC-1',
      ManagedBy: 'terraform-cdktf',
    });
    expect(standardTags(env, 'global', false)).toMatchObject({ Scope: 'global' });
  });

  it('finds the required keys a resource lacks', () => {
    expect(missingTagKeys(standardTags(env, 'global', false))).toEqual([]);
    expect(missingTagKeys({ Project: 'p', Owner: 'o' })).toEqual(['Environment', 'CostCenter', 'ManagedBy', 'Region or Scope']);
    expect(missingTagKeys(null)).toHaveLength(6);
  });
});

describe('apiKeySecretArnPattern', () => {
  it('matches the secret whatever random suffix Secrets Manager gives it, and no other secret', () => {
    const pattern = new Naming(testEnvironment()).apiKeySecretArnPattern('eu-west-1');
    expect(pattern).toBe('arn:aws:secretsmanager:eu-west-1:111111111111:secret:llm-platform/dev/eu-west-1/openai-api-key-??????');
    const regex = new RegExp(`^${pattern.replace(/[.*+^${}()|[\]\\/]/g, '\\$&').replace(/\?/g, '.')}$`);
    expect(regex.test(pattern.replace('??????', 'AbC123'))).toBe(true);
    expect(regex.test(pattern.replace('openai-api-key-??????', 'openai-api-key-old-AbC123'))).toBe(false);
  });
});
