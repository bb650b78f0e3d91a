import { checkChange, checkDrift, messages, policy, priorState, resourceChange } from '../testing/builders';
import { iamBroadening } from './iam-broadening';

const read = { Sid: 'Read', Effect: 'Allow', Action: 's3:GetObject', Resource: 'arn:aws:s3:::data/*' };

function rolePolicy(before: string | null, after: string | null) {
  const actions = before === null ? (['create'] as const) : after === null ? (['delete'] as const) : (['update'] as const);
  return resourceChange('aws_iam_role_policy.api', [...actions], before === null ? null : { policy: before }, after === null ? null : { policy: after });
}

function trust(...principals: Array<Record<string, unknown>>): string {
  return policy(...principals.map((principal) => ({ Effect: 'Allow', Action: 'sts:AssumeRole', Principal: principal })));
}

describe('iam-broadening', () => {
  it('flags a new wildcard action on every resource as high', () => {
    const change = rolePolicy(policy(read), policy(read, { Effect: 'Allow', Action: 's3:*', Resource: '*' }));

    expect(messages(checkChange(iamBroadening, change))).toEqual(['high: policy: new action s3:* on *']);
  });

  it('flags new actions added to an existing statement as medium', () => {
    const change = rolePolicy(policy(read), policy({ ...read, Action: ['s3:GetObject', 's3:PutObject'] }));

    expect(messages(checkChange(iamBroadening, change))).toEqual(['medium: policy: new action s3:PutObject on arn:aws:s3:::data/* (statement Read)']);
  });

  it('flags a new principal in a trust policy', () => {
    const change = resourceChange(
      'aws_iam_role.api',
      ['update'],
      { assume_role_policy: trust({ Service: 'lambda.amazonaws.com' }) },
      { assume_role_policy: trust({ Service: 'lambda.amazonaws.com', AWS: 'arn:aws:iam::999999999999:root' }) },
    );

    expect(messages(checkChange(iamBroadening, change))).toEqual([
      'medium: trust policy (assume_role_policy): may now be assumed by AWS:arn:aws:iam::999999999999:root',
    ]);
  });

  it('flags a removed condition and a removed Deny statement', () => {
    const conditioned = { ...read, Condition: { StringEquals: { 'aws:PrincipalTag/team': 'api' } } };
    const deny = { Sid: 'NoDelete', Effect: 'Deny', Action: 's3:DeleteObject', Resource: '*' };
    const change = rolePolicy(policy(conditioned, deny), policy(read));

    expect(messages(checkChange(iamBroadening, change))).toEqual([
      'medium: policy: condition removed: StringEquals aws:PrincipalTag/team = api (statement Read)',
      'medium: policy: Deny statement NoDelete removed or narrowed (it denied s3:DeleteObject)',
    ]);
  });

  it('flags administrator policies attached and a permissions boundary removed as high', () => {
    const attachment = resourceChange('aws_iam_role_policy_attachment.admin', ['create'], null, {
      role: 'api',
      policy_arn: 'arn:aws:iam::aws:policy/AdministratorAccess',
    });
    const role = resourceChange('aws_iam_role.api', ['update'], { permissions_boundary: 'arn:aws:iam::1:policy/boundary' }, { permissions_boundary: null });

    expect(messages(checkChange(iamBroadening, attachment))).toEqual(['high: attaches managed policy arn:aws:iam::aws:policy/AdministratorAccess']);
    expect(messages(checkChange(iamBroadening, role))).toEqual(['high: permissions boundary arn:aws:iam::1:policy/boundary removed']);
  });

  it('says when a policy is known only after apply', () => {
    const change = resourceChange('aws_iam_role_policy.api', ['create'], null, { name: 'p' }, { after_unknown: { policy: true } });

    expect(messages(checkChange(iamBroadening, change))).toEqual(['low: policy is known only after apply, so it cannot be reviewed here']);
  });

  it('does not fire when a policy only narrows, reorders or adds a Deny', () => {
    const list = { Sid: 'List', Effect: 'Allow', Action: 's3:ListBucket', Resource: 'arn:aws:s3:::data' };
    const narrowed = rolePolicy(policy(read, list), policy(list));
    const reordered = rolePolicy(policy(read, list), policy(list, { ...read, Action: ['s3:GetObject'] }));
    const denied = rolePolicy(policy(read), policy(read, { Effect: 'Deny', Action: '*', Resource: '*' }));
    const deleted = rolePolicy(policy(read), null);

    expect(checkChange(iamBroadening, narrowed)).toBe('compliant');
    expect(checkChange(iamBroadening, reordered)).toBe('not-applicable');
    expect(checkChange(iamBroadening, denied)).toBe('compliant');
    expect(checkChange(iamBroadening, deleted)).toBe('not-applicable');
  });

  it('does not treat Resource "*" in a key policy as every resource', () => {
    const change = resourceChange('aws_kms_key.data', ['create'], null, {
      policy: policy({ Effect: 'Allow', Principal: { AWS: 'arn:aws:iam::1:root' }, Action: 'kms:*', Resource: '*' }),
    });

    expect(messages(checkChange(iamBroadening, change))).toEqual(['medium: policy: new action kms:* on *; new principal AWS:arn:aws:iam::1:root']);
  });
});

describe('iam-broadening on drift', () => {
  const admin = { Sid: 'AddedByHand', Effect: 'Allow', Action: 's3:*', Resource: '*' };

  it('flags a statement added to a policy outside Terraform', () => {
    const entry = rolePolicy(policy(read), policy(read, admin));

    expect(messages(checkDrift(iamBroadening, entry))).toEqual(['high: broadened outside Terraform: policy: new action s3:* on * (statement AddedByHand)']);
  });

  it("does not flag it again on the role's inline_policy, which mirrors the aws_iam_role_policy", () => {
    const role = (inline: object[]) => ({ name: 'api', id: 'api', inline_policy: inline });
    const entry = resourceChange('aws_iam_role.api', ['update'], role([]), role([{ name: 'least-privilege', policy: policy(read, admin) }]));
    const prior_state = priorState({ 'aws_iam_role_policy.api': { role: 'api', name: 'least-privilege', policy: policy(read, admin) } });

    expect(checkDrift(iamBroadening, entry, { prior_state })).toBe('not-applicable');
    // Without the resource that manages it, the inline policy was made by hand: all of it is new.
    expect(messages(checkDrift(iamBroadening, entry))).toEqual([
      'medium: broadened outside Terraform: inline_policy["least-privilege"].policy: new action s3:GetObject on arn:aws:s3:::data/* (statement Read)',
      'high: broadened outside Terraform: inline_policy["least-privilege"].policy: new action s3:* on * (statement AddedByHand)',
    ]);
  });

  it('flags a managed policy attached by hand, which only the role mirrors', () => {
    const role = (arns: string[]) => ({ name: 'api', id: 'api', managed_policy_arns: arns });
    const managed = 'arn:aws:iam::aws:policy/AWSLambdaExecute';
    const entry = resourceChange('aws_iam_role.api', ['update'], role([managed]), role([managed, 'arn:aws:iam::aws:policy/AdministratorAccess']));
    const prior_state = priorState({ 'aws_iam_role_policy_attachment.execute': { role: 'api', policy_arn: managed } });

    expect(messages(checkDrift(iamBroadening, entry, { prior_state }))).toEqual([
      'high: broadened outside Terraform: attaches managed policy arn:aws:iam::aws:policy/AdministratorAccess',
    ]);
  });
});
