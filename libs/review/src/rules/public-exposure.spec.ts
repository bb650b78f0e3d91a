import { checkChange, checkDrift, messages, policy, priorState, resourceChange } from '../testing/builders';
import { publicExposure } from './public-exposure';

function ingress(cidr: string, port: number, description = 'x') {
  return { ingress: [{ from_port: port, to_port: port, protocol: 'tcp', cidr_blocks: [cidr], ipv6_cidr_blocks: [], description }] };
}

const publicRead = { Sid: 'Public', Effect: 'Allow', Principal: '*', Action: 's3:GetObject', Resource: 'arn:aws:s3:::site/*' };

describe('public-exposure', () => {
  it('flags SSH opened to 0.0.0.0/0 as high', () => {
    const change = resourceChange('aws_security_group.web', ['update'], ingress('10.0.0.0/8', 22), ingress('0.0.0.0/0', 22));

    expect(messages(checkChange(publicExposure, change))).toEqual(['high: ingress tcp port 22 (SSH) open to 0.0.0.0/0']);
  });

  it('flags HTTPS from ::/0 through a standalone rule as medium', () => {
    const change = resourceChange('aws_vpc_security_group_ingress_rule.https', ['create'], null, {
      ip_protocol: 'tcp',
      from_port: 443,
      to_port: 443,
      cidr_ipv6: '::/0',
    });

    expect(messages(checkChange(publicExposure, change))).toEqual(['medium: ingress tcp port 443 open to ::/0']);
  });

  it('flags a bucket policy that allows anyone', () => {
    const change = resourceChange('aws_s3_bucket_policy.site', ['create'], null, { bucket: 'site', policy: policy(publicRead) });

    expect(messages(checkChange(publicExposure, change))).toEqual(['high: policy allows anyone (Principal *) s3:GetObject (statement Public)']);
  });

  it('flags public ACLs, a disabled public access block, and function URLs without auth', () => {
    const acl = resourceChange('aws_s3_bucket_acl.site', ['create'], null, { acl: 'public-read' });
    const block = resourceChange('aws_s3_bucket_public_access_block.site', ['update'], { block_public_policy: true }, { block_public_policy: false });
    const removedBlock = resourceChange('aws_s3_bucket_public_access_block.site', ['delete'], { block_public_policy: true }, null);
    const url = resourceChange('aws_lambda_function_url.api', ['create'], null, { authorization_type: 'NONE' });
    const grant = resourceChange('aws_s3_bucket_acl.site', ['create'], null, {
      access_control_policy: [{ grant: [{ grantee: [{ type: 'Group', uri: 'http://acs.amazonaws.com/groups/global/AllUsers' }], permission: 'READ' }] }],
    });

    expect(messages(checkChange(publicExposure, acl))).toEqual(['high: canned ACL public-read makes it readable by anyone']);
    expect(messages(checkChange(publicExposure, grant))).toEqual(['high: ACL grants READ to AllUsers']);
    expect(messages(checkChange(publicExposure, block))).toEqual(['medium: public access block has block_public_policy = false']);
    expect(messages(checkChange(publicExposure, removedBlock))).toEqual([
      'medium: public access block deleted: bucket policies and ACLs may now make data public',
    ]);
    expect(messages(checkChange(publicExposure, url))).toEqual(['high: function URL with authorization_type NONE: anyone on the internet can invoke it']);
  });

  it('does not flag a public access block deleted with its bucket (a region removed), but does when the bucket stays or is re-created', () => {
    const block = resourceChange('aws_s3_bucket_public_access_block.out', ['delete'], { bucket: 'llm-staging-out', block_public_policy: true }, null);
    const bucketDeleted = resourceChange('aws_s3_bucket.out', ['delete'], { bucket: 'llm-staging-out', id: 'llm-staging-out' }, null);
    const bucketReplaced = resourceChange('aws_s3_bucket.out', ['delete', 'create'], { bucket: 'llm-staging-out' }, { bucket: 'llm-staging-out' });
    const otherBucketDeleted = resourceChange('aws_s3_bucket.logs', ['delete'], { bucket: 'llm-staging-logs' }, null);

    expect(checkChange(publicExposure, block, [bucketDeleted])).toBe('compliant');
    expect(messages(checkChange(publicExposure, block, [bucketReplaced]))).toEqual([
      'medium: public access block deleted: bucket policies and ACLs may now make data public',
    ]);
    expect(messages(checkChange(publicExposure, block, [otherBucketDeleted]))).toHaveLength(1);
  });

  it('does not fire on private ingress, on what was already open, or on Deny and account-limited statements', () => {
    const privateRule = resourceChange('aws_security_group.web', ['create'], null, ingress('10.0.0.0/8', 22));
    const alreadyOpen = resourceChange('aws_security_group.web', ['update'], ingress('0.0.0.0/0', 443, 'old'), ingress('0.0.0.0/0', 443, 'new'));
    const denyAll = resourceChange('aws_s3_bucket_policy.data', ['create'], null, {
      policy: policy({ Effect: 'Deny', Principal: '*', Action: 's3:*', Resource: '*', Condition: { Bool: { 'aws:SecureTransport': 'false' } } }),
    });
    const accountOnly = resourceChange('aws_s3_bucket_policy.data', ['create'], null, {
      policy: policy({ ...publicRead, Condition: { StringEquals: { 'aws:PrincipalAccount': '111111111111' } } }),
    });
    const withIam = resourceChange('aws_lambda_function_url.api', ['create'], null, { authorization_type: 'AWS_IAM' });

    expect(checkChange(publicExposure, privateRule)).toBe('compliant');
    expect(checkChange(publicExposure, alreadyOpen)).toBe('compliant');
    expect(checkChange(publicExposure, denyAll)).toBe('compliant');
    expect(checkChange(publicExposure, accountOnly)).toBe('compliant');
    expect(checkChange(publicExposure, withIam)).toBe('compliant');
  });
});

describe('public-exposure on drift', () => {
  const group = (rules: object[]) => ({ id: 'sg-1', ingress: rules });
  const open22 = { from_port: 22, to_port: 22, protocol: 'tcp', cidr_blocks: ['0.0.0.0/0'], ipv6_cidr_blocks: [], security_groups: [], self: false };

  it('flags a port opened outside Terraform', () => {
    const entry = resourceChange('aws_security_group.web', ['update'], group([]), group([open22]));

    expect(messages(checkDrift(publicExposure, entry))).toEqual(['high: opened outside Terraform: ingress tcp port 22 (SSH) open to 0.0.0.0/0']);
  });

  it('does not flag an open entry that a managed rule resource accounts for: that rule was reviewed when it was planned', () => {
    const entry = resourceChange('aws_security_group.web', ['update'], group([]), group([open22]));
    const prior_state = priorState({
      'aws_vpc_security_group_ingress_rule.ssh': { security_group_id: 'sg-1', ip_protocol: 'tcp', from_port: 22, to_port: 22, cidr_ipv4: '0.0.0.0/0' },
    });

    expect(checkDrift(publicExposure, entry, { prior_state })).toBe('compliant');
  });

  it('flags a public access block deleted outside Terraform', () => {
    const entry = resourceChange('aws_s3_bucket_public_access_block.data', ['delete'], { bucket: 'data', block_public_policy: true }, null);

    expect(messages(checkDrift(publicExposure, entry))).toEqual([
      'medium: public access block deleted outside Terraform: bucket policies and ACLs may now make data public',
    ]);
  });
});

describe('public-exposure of default security groups and VPC endpoints', () => {
  it('flags ingress opened on the default security group, like any other group', () => {
    const change = resourceChange('aws_default_security_group.default', ['update'], { ingress: [] }, ingress('0.0.0.0/0', 22));

    expect(messages(checkChange(publicExposure, change))).toEqual(['high: ingress tcp port 22 (SSH) open to 0.0.0.0/0']);
  });

  it("notes AWS's default endpoint policy as low, and another endpoint policy open to anyone as medium: the VPC is not the internet", () => {
    const full = JSON.stringify({ Statement: [{ Action: '*', Effect: 'Allow', Principal: '*', Resource: '*' }] });
    const written = resourceChange('aws_vpc_endpoint.s3', ['create'], null, { vpc_id: 'vpc-1', policy: full });
    const narrowed = resourceChange('aws_vpc_endpoint.s3', ['update'], { vpc_id: 'vpc-1', policy: full }, { vpc_id: 'vpc-1', policy: policy(publicRead) });
    const unset = resourceChange('aws_vpc_endpoint.s3', ['create'], null, { vpc_id: 'vpc-1' }, { after_unknown: { policy: true } });

    expect(messages(checkChange(publicExposure, written))).toEqual([
      "low: policy is AWS's default endpoint policy (Allow * to Principal *); the endpoint is reachable only from within its VPC, not from the internet; set a narrower policy to limit which principals and resources can be reached through it",
    ]);
    expect(messages(checkChange(publicExposure, narrowed))).toEqual([
      'medium: policy allows anyone (Principal *) s3:GetObject (statement Public); the endpoint is reachable only from within its VPC, not from the internet',
    ]);
    expect(checkChange(publicExposure, unset)).toBe('compliant');
  });
});
