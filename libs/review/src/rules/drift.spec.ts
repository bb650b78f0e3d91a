import { checkDrift, COMPLETE_TAGS, messages, policy, priorState, resourceChange } from '../testing/builders';
import { drift } from './drift';

describe('drift', () => {
  it('names the attributes changed outside Terraform, with short values', () => {
    const entry = resourceChange(
      'aws_s3_bucket.data',
      ['update'],
      { bucket: 'data', tags: {}, tags_all: {} },
      { bucket: 'data', tags: { x: '1' }, tags_all: { x: '1' } },
    );
    const versioning = resourceChange(
      'aws_s3_bucket_versioning.data',
      ['update'],
      { bucket: 'data', versioning_configuration: [{ mfa_delete: '', status: 'Enabled' }] },
      { bucket: 'data', versioning_configuration: [{ mfa_delete: '', status: 'Suspended' }] },
    );

    expect(messages(checkDrift(drift, entry))).toEqual(['medium: changed outside Terraform: tags["x"] (none) -> 1']);
    expect(messages(checkDrift(drift, versioning))).toEqual(['medium: changed outside Terraform: versioning_configuration[0].status Enabled -> Suspended']);
  });

  it('reports a resource deleted outside Terraform', () => {
    const entry = resourceChange('aws_sqs_queue.jobs', ['delete'], { name: 'jobs' }, null);

    expect(messages(checkDrift(drift, entry))).toEqual(['medium: deleted outside Terraform']);
  });

  it('does not fire when refresh found nothing different', () => {
    const entry = resourceChange('aws_sqs_queue.jobs', ['update'], { name: 'jobs' }, { name: 'jobs' });

    expect(checkDrift(drift, entry)).toBe('compliant');
  });

  it('does not fire on null read back as an empty or zero value, at any depth, nor on a reformatted policy', () => {
    const document = { Version: '2012-10-17', Statement: [{ Effect: 'Allow', Action: ['s3:GetObject'], Resource: '*' }] };
    const entry = resourceChange(
      'aws_cloudwatch_metric_alarm.errors',
      ['update'],
      {
        tags: null,
        insufficient_data_actions: null,
        metric_query: [
          { id: 'a', period: null, metric: [{ dimensions: { ApiId: 'x' } }] },
          { id: 'b', period: null },
        ],
        policy: JSON.stringify(document),
      },
      {
        tags: {},
        insufficient_data_actions: [],
        metric_query: [
          { id: 'b', period: 0 },
          { id: 'a', period: 0, metric: [{ dimensions: { ApiId: 'x' } }] },
        ],
        policy: policy({ Action: 's3:GetObject', Resource: '*', Effect: 'Allow' }),
      },
    );

    expect(checkDrift(drift, entry)).toBe('compliant');
  });

  it('names entries added to a list, and a statement added to a policy', () => {
    const group = resourceChange(
      'aws_security_group.web',
      ['update'],
      { id: 'sg-1', ingress: [] },
      {
        id: 'sg-1',
        ingress: [{ cidr_blocks: ['0.0.0.0/0'], description: '', from_port: 22, ipv6_cidr_blocks: [], protocol: 'tcp', self: false, to_port: 22 }],
      },
    );
    const role = resourceChange(
      'aws_iam_role_policy.api',
      ['update'],
      { policy: policy({ Effect: 'Allow', Action: 's3:GetObject', Resource: 'arn:aws:s3:::b/*' }) },
      {
        policy: policy(
          { Effect: 'Allow', Action: 's3:GetObject', Resource: 'arn:aws:s3:::b/*' },
          { Sid: 'AddedByHand', Effect: 'Allow', Action: 's3:*', Resource: '*' },
        ),
      },
    );

    expect(messages(checkDrift(drift, group))).toEqual([
      'medium: changed outside Terraform: ingress added {cidr_blocks: [0.0.0.0/0], from_port: 22, protocol: tcp, to_port: 22}',
    ]);
    expect(messages(checkDrift(drift, role))).toEqual(['medium: changed outside Terraform: policy: statement AddedByHand (Allow s3:* on *) added']);
  });

  it('never prints the value of a sensitive attribute', () => {
    const entry = resourceChange(
      'aws_lambda_function.api',
      ['update'],
      { environment: [{ variables: { KEY: 'old-value-1' } }] },
      { environment: [{ variables: { KEY: 'new-value-2' } }] },
      {
        change: {
          actions: ['update'],
          before: { environment: [{ variables: { KEY: 'old-value-1' } }] },
          after: { environment: [{ variables: { KEY: 'new-value-2' } }] },
          before_sensitive: { environment: [{ variables: true }] },
          after_sensitive: { environment: [{ variables: true }] },
        },
      },
    );

    const outcome = checkDrift(drift, entry);

    expect(messages(outcome)).toEqual(['medium: changed outside Terraform: environment[0].variables (sensitive) -> (sensitive)']);
    expect(JSON.stringify(outcome)).not.toMatch(/value-[12]/);
  });

  it('names a required tag that is gone', () => {
    const { Owner, ...withoutOwner } = COMPLETE_TAGS;
    const entry = resourceChange(
      'aws_vpc.main',
      ['update'],
      { tags: { Name: 'vpc' }, tags_all: { ...COMPLETE_TAGS, Name: 'vpc' } },
      { tags: { Name: 'vpc' }, tags_all: { ...withoutOwner, Name: 'vpc' } },
    );

    expect(messages(checkDrift(drift, entry))).toEqual([
      `medium: changed outside Terraform: tags_all["Owner"] ${Owner} -> (none); required tag Owner now missing`,
    ]);
  });

  it('leaves out what resources managed on their own mirror into this one', () => {
    const rolePolicy = policy({ Effect: 'Allow', Action: 's3:GetObject', Resource: '*' });
    const role = resourceChange(
      'aws_iam_role.api',
      ['update'],
      { name: 'api', id: 'api', inline_policy: [], tags: null },
      {
        name: 'api',
        id: 'api',
        inline_policy: [{ name: 'least-privilege', policy: rolePolicy }],
        tags: {},
      },
    );
    const bucket = resourceChange(
      'aws_s3_bucket.data',
      ['update'],
      { bucket: 'data', id: 'data', lifecycle_rule: [] },
      { bucket: 'data', id: 'data', lifecycle_rule: [{ id: 'expire', enabled: true }] },
    );
    const prior_state = priorState({
      'aws_iam_role_policy.api': { role: 'api', name: 'least-privilege', policy: rolePolicy },
      'aws_s3_bucket_lifecycle_configuration.data': { bucket: 'data', rule: [{ id: 'expire' }] },
    });

    expect(checkDrift(drift, role, { prior_state })).toBe('compliant');
    expect(checkDrift(drift, bucket, { prior_state })).toBe('compliant');
    // Without the resources that manage them, the same values were made by hand.
    expect(messages(checkDrift(drift, role))).toEqual([expect.stringContaining('inline_policy added {name: least-privilege, policy: …}')]);
    expect(messages(checkDrift(drift, bucket))).toEqual(['medium: changed outside Terraform: lifecycle_rule added {enabled: true, id: expire}']);
  });

  it('reports the security-group entry no rule resource accounts for, and says when the plan keeps it', () => {
    const entry = (cidr: string, port: number) => ({
      cidr_blocks: [cidr],
      from_port: port,
      to_port: port,
      protocol: 'tcp',
      ipv6_cidr_blocks: [],
      prefix_list_ids: [],
      security_groups: [],
      self: false,
    });
    const group = resourceChange(
      'aws_security_group.web',
      ['update'],
      { id: 'sg-1', ingress: [], egress: [] },
      { id: 'sg-1', ingress: [entry('10.0.0.0/8', 443), entry('0.0.0.0/0', 22)], egress: [entry('0.0.0.0/0', 443)] },
    );
    const prior_state = priorState({
      'aws_vpc_security_group_ingress_rule.https': { security_group_id: 'sg-1', ip_protocol: 'tcp', from_port: 443, to_port: 443, cidr_ipv4: '10.0.0.0/8' },
      'aws_vpc_security_group_egress_rule.https': { security_group_id: 'sg-1', ip_protocol: '6', from_port: 443, to_port: 443, cidr_ipv4: '0.0.0.0/0' },
    });
    const resource_changes = [resourceChange('aws_security_group.web', ['no-op'], {}, {})];

    expect(messages(checkDrift(drift, group, { prior_state, resource_changes }))).toEqual([
      'medium: changed outside Terraform: ingress added {cidr_blocks: [0.0.0.0/0], from_port: 22, protocol: tcp, to_port: 22}; this plan leaves it as it is',
    ]);
  });
});
