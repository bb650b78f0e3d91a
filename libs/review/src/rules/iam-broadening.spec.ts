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

    expect(messages(checkChange(iamBroadening, change))).toEqual(['low: policy is known only after apply, so it cannot be reviewed until apply']);
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

describe('iam-broadening on conditions, by what they let through', () => {
  const oidc = (sub: string, sid?: string) =>
    policy({
      ...(sid ? { Sid: sid } : {}),
      Effect: 'Allow',
      Action: 'sts:AssumeRoleWithWebIdentity',
      Principal: { Federated: 'arn:aws:iam::111111111111:oidc-provider/token.actions.githubusercontent.com' },
      Condition: {
        StringEquals: { 'token.actions.githubusercontent.com:aud': 'sts.amazonaws.com' },
        StringLike: { 'token.actions.githubusercontent.com:sub': sub },
      },
    });
  const role = (before: string, after: string) => resourceChange('aws_iam_role.ci', ['update'], { assume_role_policy: before }, { assume_role_policy: after });

  it('flags an OIDC subject that now matches every repository of the organization, and not one narrowed to a branch', () => {
    expect(messages(checkChange(iamBroadening, role(oidc('repo:acme/x:ref:refs/heads/main'), oidc('repo:acme/*'))))).toEqual([
      'medium: trust policy (assume_role_policy): condition broadened: StringLike token.actions.githubusercontent.com:sub = repo:acme/x:ref:refs/heads/main -> repo:acme/*',
    ]);
    expect(checkChange(iamBroadening, role(oidc('repo:acme/*'), oidc('repo:acme/x:ref:refs/heads/main')))).toBe('compliant');
  });

  it('matches statements by what they grant, so a Sid renamed with its condition removed is still a removed condition', () => {
    const conditioned = { ...read, Sid: 'ReadTagged', Condition: { StringEquals: { 'aws:PrincipalTag/team': 'api' } } };

    expect(messages(checkChange(iamBroadening, rolePolicy(policy(conditioned), policy({ ...read, Sid: 'ReadAll' }))))).toEqual([
      'medium: policy: condition removed: StringEquals aws:PrincipalTag/team = api (statement ReadAll)',
    ]);
  });

  it('flags a source range that contains the old one, and a trust left without any condition as high', () => {
    const ranged = (cidr: string) => policy({ ...read, Condition: { IpAddress: { 'aws:SourceIp': cidr } } });
    const bare = policy({
      Effect: 'Allow',
      Action: 'sts:AssumeRoleWithWebIdentity',
      Principal: { Federated: 'arn:aws:iam::111111111111:oidc-provider/token.actions.githubusercontent.com' },
    });

    expect(messages(checkChange(iamBroadening, rolePolicy(ranged('10.0.0.0/8'), ranged('0.0.0.0/0'))))).toEqual([
      'medium: policy: condition broadened: IpAddress aws:SourceIp = 10.0.0.0/8 -> 0.0.0.0/0 (statement Read)',
    ]);
    expect(checkChange(iamBroadening, rolePolicy(ranged('0.0.0.0/0'), ranged('10.0.0.0/8')))).toBe('compliant');
    expect(messages(checkChange(iamBroadening, role(oidc('repo:acme/x:*'), bare)))).toEqual([
      'high: trust policy (assume_role_policy): conditions removed: StringEquals token.actions.githubusercontent.com:aud = sts.amazonaws.com, StringLike token.actions.githubusercontent.com:sub = repo:acme/x:*',
    ]);
  });

  it('says when it cannot decide whether a condition lets more through', () => {
    const prefixed = (prefix: string) => policy({ ...read, Condition: { StringLike: { 's3:prefix': prefix } } });

    expect(messages(checkChange(iamBroadening, rolePolicy(prefixed('home/${aws:username}/*'), prefixed('home/*'))))).toEqual([
      'low: policy: could not decide whether the changed conditions allow more (StringLike s3:prefix = home/${aws:username}/* -> home/*): policy variable ${aws:username} (in "home/${aws:username}/*") is not supported (statement Read)',
    ]);
  });
});

describe('iam-broadening of Deny conditions, decided by what they match', () => {
  const outside = (ranges: string[]) => ({
    Sid: 'OnlyOffice',
    Effect: 'Deny',
    Action: '*',
    Resource: '*',
    Condition: { NotIpAddress: { 'aws:SourceIp': ranges } },
  });

  it('does not fire when a Deny range is respelt as its halves, and flags one that now spares another network', () => {
    const respelt = rolePolicy(policy(read, outside(['10.0.0.0/8'])), policy(read, outside(['10.0.0.0/9', '10.128.0.0/9'])));
    const spares = rolePolicy(policy(read, outside(['10.0.0.0/8'])), policy(read, outside(['10.0.0.0/8', '192.168.0.0/16'])));

    expect(checkChange(iamBroadening, respelt)).toBe('compliant');
    expect(messages(checkChange(iamBroadening, spares))).toEqual([
      'medium: policy: Deny statement OnlyOffice narrowed: its conditions now match fewer requests (NotIpAddress aws:SourceIp = 10.0.0.0/8 -> 10.0.0.0/8, 192.168.0.0/16; it denies *)',
    ]);
  });
});

describe('iam-broadening of organization and Identity Center policies', () => {
  const scp = (statements: Array<Record<string, unknown>>, type = 'SERVICE_CONTROL_POLICY') => ({ name: 'guardrail', type, content: policy(...statements) });
  const regions = (allowed: string[]) => ({
    Sid: 'DenyOtherRegions',
    Effect: 'Deny',
    NotAction: ['iam:*', 'sts:*'],
    Resource: '*',
    Condition: { StringNotEquals: { 'aws:RequestedRegion': allowed } },
  });

  it('flags an SCP that denies less or allows more, never as high', () => {
    const denyLess = resourceChange(
      'aws_organizations_policy.guardrail',
      ['update'],
      scp([regions(['eu-west-1'])]),
      scp([regions(['eu-west-1', 'us-east-1'])]),
    );
    const allowMore = resourceChange(
      'aws_organizations_policy.allow_list',
      ['update'],
      scp([{ Effect: 'Allow', Action: ['s3:*'], Resource: '*' }]),
      scp([{ Effect: 'Allow', Action: ['s3:*', '*'], Resource: '*' }]),
    );

    expect(messages(checkChange(iamBroadening, denyLess))).toEqual([
      'medium: service control policy (content): Deny statement DenyOtherRegions narrowed: its conditions now match fewer requests (StringNotEquals aws:RequestedRegion = eu-west-1 -> eu-west-1, us-east-1; it denies all but iam:*, all but sts:*)',
    ]);
    expect(messages(checkChange(iamBroadening, allowMore))).toEqual(['medium: service control policy (content): new action * on *']);
    expect(checkChange(iamBroadening, resourceChange('aws_organizations_policy.tags', ['create'], null, scp([], 'TAG_POLICY')))).toBe('not-applicable');
  });

  it('flags an SCP deleted or detached: what it denied is allowed again', () => {
    const deleted = resourceChange('aws_organizations_policy.guardrail', ['delete'], scp([regions(['eu-west-1'])]), null);
    const detached = resourceChange('aws_organizations_policy_attachment.root', ['delete'], { policy_id: 'p-1234', target_id: 'r-ab12' }, null);

    expect(messages(checkChange(iamBroadening, deleted))).toEqual([
      'medium: service control policy (content) deleted with 1 Deny statement: what they denied is allowed again',
    ]);
    expect(messages(checkChange(iamBroadening, detached))).toEqual([
      'medium: organization policy p-1234 detached from r-ab12: what it denied there is allowed again',
    ]);
  });

  it('flags AdministratorAccess attached to an Identity Center permission set, and its inline policy, as high', () => {
    const permissionSet = 'arn:aws:sso:::permissionSet/ssoins-1/ps-1';
    const admin = resourceChange('aws_ssoadmin_managed_policy_attachment.admin', ['create'], null, {
      managed_policy_arn: 'arn:aws:iam::aws:policy/AdministratorAccess',
      permission_set_arn: permissionSet,
    });
    const inline = resourceChange('aws_ssoadmin_permission_set_inline_policy.all', ['create'], null, {
      inline_policy: policy({ Effect: 'Allow', Action: '*', Resource: '*' }),
      permission_set_arn: permissionSet,
    });

    expect(messages(checkChange(iamBroadening, admin))).toEqual([
      `high: attaches managed policy arn:aws:iam::aws:policy/AdministratorAccess to IAM Identity Center permission set ${permissionSet}`,
    ]);
    expect(messages(checkChange(iamBroadening, inline))).toEqual(['high: inline_policy: new action * on *']);
  });
});

describe('iam-broadening of policies it cannot read', () => {
  it('says a resource policy the configuration sets is known only after apply, and leaves out one the provider computes', () => {
    const bucketPolicy = resourceChange('aws_s3_bucket_policy.data', ['create'], null, { bucket: 'data' }, { after_unknown: { policy: true } });
    const bucket = resourceChange('aws_s3_bucket.data', ['create'], null, { bucket: 'data' }, { after_unknown: { policy: true } });
    const configuration = {
      root_module: {
        resources: [
          { address: 'aws_s3_bucket_policy.data', expressions: { bucket: {}, policy: { references: ['data.aws_iam_policy_document.data.json'] } } },
          { address: 'aws_s3_bucket.data', expressions: { bucket: { constant_value: 'data' } } },
        ],
      },
    };

    expect(messages(checkChange(iamBroadening, bucketPolicy, [bucket], { configuration }))).toEqual([
      'low: policy is known only after apply, so it cannot be reviewed until apply',
    ]);
    expect(checkChange(iamBroadening, bucket, [bucketPolicy], { configuration })).toBe('not-applicable');
  });

  it('says a policy Terraform marks sensitive cannot be checked, and never shows it', () => {
    const secretPolicy = policy({ Sid: 'HiddenSid', Effect: 'Allow', Action: 's3:*', Resource: 'arn:aws:s3:::hidden-bucket/*' });
    const change = resourceChange('aws_iam_role_policy.api', ['create'], null, null, {
      change: { actions: ['create'], before: null, after: { name: 'p', policy: secretPolicy }, after_unknown: {}, after_sensitive: { policy: true } },
    });

    const outcome = checkChange(iamBroadening, change);

    expect(messages(outcome)).toEqual([
      'medium: policy is marked sensitive, so its statements are hidden from this review and cannot be checked; review the policy where it is written',
    ]);
    expect(JSON.stringify(outcome)).not.toMatch(/HiddenSid|hidden-bucket/);
  });
});
