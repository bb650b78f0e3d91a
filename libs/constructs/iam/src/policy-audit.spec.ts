import { auditStackPolicies } from './index';

function stackWith(type: string, resource: Record<string, unknown>) {
  return { resource: { [type]: { r: resource } } };
}

const policy = (...statements: object[]) => JSON.stringify({ Version: '2012-10-17', Statement: statements });

describe('auditStackPolicies', () => {
  it('reports an action wildcard in a role policy, with address and statement', () => {
    const json = stackWith('aws_iam_role_policy', { policy: policy({ Sid: 'Wide', Effect: 'Allow', Action: 's3:*', Resource: 'arn:aws:s3:::b/*' }) });
    expect(auditStackPolicies(json)).toEqual([
      { address: 'aws_iam_role_policy.r', attribute: 'policy', statement: 'Wide', problem: 'grants action wildcard(s) s3:*; list the actions' },
    ]);
  });

  it('reports Resource "*" for an action that can be scoped, and accepts it for X-Ray', () => {
    const json = stackWith('aws_iam_policy', {
      name: 'p',
      policy: policy(
        { Sid: 'Bad', Effect: 'Allow', Action: 'secretsmanager:GetSecretValue', Resource: '*' },
        { Sid: 'Ok', Effect: 'Allow', Action: 'xray:PutTraceSegments', Resource: '*' },
      ),
    });
    expect(auditStackPolicies(json).map((violation) => violation.statement)).toEqual(['Bad']);
  });

  it("exempts the boundary's cap and a key policy's root statement, and nothing like them", () => {
    const boundary = policy({ Sid: 'AllowWithinBoundary', Effect: 'Allow', Action: '*', Resource: '*' });
    expect(auditStackPolicies(stackWith('aws_iam_policy', { name: 'x-permission-boundary', policy: boundary }))).toEqual([]);
    expect(auditStackPolicies(stackWith('aws_iam_policy', { name: 'x-admin', policy: boundary }))).toHaveLength(1);
    const rootKeyPolicy = policy({ Effect: 'Allow', Principal: { AWS: 'arn:aws:iam::111111111111:root' }, Action: 'kms:*', Resource: '*' });
    expect(auditStackPolicies(stackWith('aws_kms_key', { policy: rootKeyPolicy }))).toEqual([]);
    const otherKeyPolicy = policy({ Effect: 'Allow', Principal: { AWS: 'arn:aws:iam::111111111111:role/x' }, Action: 'kms:*', Resource: '*' });
    expect(auditStackPolicies(stackWith('aws_kms_key', { policy: otherKeyPolicy }))).toHaveLength(1);
  });

  it('reports a policy that is a Terraform expression, since it cannot be audited before apply', () => {
    expect(auditStackPolicies(stackWith('aws_iam_role_policy', { policy: '${data.x.json}' }))[0].problem).toMatch(/is not literal JSON/);
  });
});
