/**
 * A large plan shaped like `terraform show -json` output (format 1.2), for the benchmark: every
 * section Terraform writes (planned values, changes, prior state, configuration), a mix of
 * creates, updates, deletes, replaces and no-ops over common AWS types, with IAM policies.
 */

type Json = Record<string, unknown>;

const ACCOUNT = '123456789012';
const TAGS = { Project: 'llm-platform', Environment: 'bench', Region: 'eu-west-1', Owner: 'platform', CostCenter: 'CC-1', ManagedBy: 'terraform-cdktf' };

/** Planned action by position: 40% create, 20% update, 10% delete, 10% replace, 20% no-op, spread over every type. */
function actionsAt(index: number): string[] {
  const slot = (index + Math.floor(index / SAMPLES.length)) % 10;
  if (slot < 4) return ['create'];
  if (slot < 6) return ['update'];
  if (slot === 6) return ['delete'];
  if (slot === 7) return ['delete', 'create'];
  return ['no-op'];
}

/** Half of the changed resources widen a policy, a trust policy or an ingress rule. */
function widened(index: number): boolean {
  return Math.floor(index / SAMPLES.length) % 2 === 0;
}

function policy(statements: Json[]): string {
  return JSON.stringify({ Version: '2012-10-17', Statement: statements });
}

interface Sample {
  readonly type: string;
  /** `changed` is true for the values after an update or replace; some of those widen a policy or open a port. */
  readonly values: (index: number, changed: boolean) => Json;
  readonly unknown: Json;
}

/** The resources a big real plan is mostly made of: attachments, records and rules with a handful of attributes. */
const SMALL_SAMPLES: readonly Sample[] = [
  {
    type: 'aws_iam_role_policy_attachment',
    values: (i) => ({ role: `bench-role-${i}`, policy_arn: `arn:aws:iam::${ACCOUNT}:policy/read-${i % 7}`, id: `bench-role-${i}-${i}` }),
    unknown: { id: true },
  },
  {
    type: 'aws_route',
    values: (i) => ({ route_table_id: `rtb-${i}`, destination_cidr_block: '0.0.0.0/0', nat_gateway_id: `nat-${i % 9}`, id: `r-rtb-${i}` }),
    unknown: { id: true },
  },
  {
    type: 'aws_ssm_parameter',
    values: (i, changed) => ({ name: `/bench/${i}`, type: 'String', value: changed ? 'v2' : 'v1', tier: 'Standard', id: `/bench/${i}` }),
    unknown: { id: true, version: true },
  },
];

const SAMPLES: readonly Sample[] = [
  {
    type: 'aws_s3_bucket',
    values: (i, changed) => ({
      bucket: `bench-${i}-${changed ? 'renamed' : 'data'}`,
      force_destroy: false,
      tags: null,
      tags_all: TAGS,
      timeouts: null,
      id: `bench-${i}`,
      arn: `arn:aws:s3:::bench-${i}`,
      object_lock_enabled: false,
    }),
    unknown: {
      acceleration_status: true,
      arn: true,
      bucket_domain_name: true,
      id: true,
      policy: true,
      region: true,
      tags_all: {},
      versioning: true,
      website: true,
    },
  },
  {
    type: 'aws_iam_role',
    values: (i, changed) => ({
      name: `bench-role-${i}`,
      assume_role_policy: policy([
        {
          Effect: 'Allow',
          Action: 'sts:AssumeRole',
          Principal: { Service: changed && widened(i) ? ['lambda.amazonaws.com', 'ec2.amazonaws.com'] : 'lambda.amazonaws.com' },
        },
      ]),
      description: 'bench role',
      force_detach_policies: false,
      max_session_duration: 3600,
      path: '/',
      permissions_boundary: `arn:aws:iam::${ACCOUNT}:policy/boundary`,
      tags: null,
      tags_all: TAGS,
      arn: `arn:aws:iam::${ACCOUNT}:role/bench-role-${i}`,
      id: `bench-role-${i}`,
      inline_policy: [],
      managed_policy_arns: [],
    }),
    unknown: { arn: true, create_date: true, id: true, unique_id: true, tags_all: {} },
  },
  {
    type: 'aws_iam_role_policy',
    values: (i, changed) => ({
      name: `bench-policy-${i}`,
      role: `bench-role-${i - 1}`,
      policy: policy([
        {
          Sid: 'Read',
          Effect: 'Allow',
          Action: changed && widened(i) ? ['s3:GetObject', 's3:PutObject'] : ['s3:GetObject'],
          Resource: `arn:aws:s3:::bench-${i}/*`,
        },
        {
          Sid: 'List',
          Effect: 'Allow',
          Action: 's3:ListBucket',
          Resource: `arn:aws:s3:::bench-${i}`,
          Condition: { StringLike: { 's3:prefix': ['generations/*'] } },
        },
        { Sid: 'DenyOthers', Effect: 'Deny', Action: 's3:*', Resource: '*', Condition: { Bool: { 'aws:SecureTransport': 'false' } } },
      ]),
      id: `bench-role-${i - 1}:bench-policy-${i}`,
    }),
    unknown: { id: true },
  },
  {
    type: 'aws_security_group',
    values: (i, changed) => ({
      name: `bench-sg-${i}`,
      description: 'Managed by Terraform',
      vpc_id: 'vpc-12345678',
      revoke_rules_on_delete: false,
      tags: null,
      tags_all: TAGS,
      ingress: [
        {
          from_port: 443,
          to_port: 443,
          protocol: 'tcp',
          cidr_blocks: [changed && widened(i) ? '0.0.0.0/0' : '10.0.0.0/8'],
          ipv6_cidr_blocks: [],
          prefix_list_ids: [],
          security_groups: [],
          self: false,
          description: 'https',
        },
      ],
      egress: [
        {
          from_port: 0,
          to_port: 0,
          protocol: '-1',
          cidr_blocks: ['0.0.0.0/0'],
          ipv6_cidr_blocks: [],
          prefix_list_ids: [],
          security_groups: [],
          self: false,
          description: '',
        },
      ],
      id: `sg-${String(i).padStart(8, '0')}`,
      arn: `arn:aws:ec2:eu-west-1:${ACCOUNT}:security-group/sg-${i}`,
      owner_id: ACCOUNT,
    }),
    unknown: { arn: true, id: true, owner_id: true, tags_all: {} },
  },
  {
    type: 'aws_lambda_function',
    values: (i, changed) => ({
      function_name: `bench-fn-${i}`,
      role: `arn:aws:iam::${ACCOUNT}:role/bench-role-${i - 4}`,
      handler: 'index.handler',
      runtime: 'nodejs22.x',
      memory_size: changed ? 1024 : 512,
      timeout: 10,
      architectures: ['arm64'],
      package_type: 'Zip',
      publish: false,
      environment: [{ variables: { BUCKET: `bench-${i}`, SECRET_ARN: `arn:aws:secretsmanager:eu-west-1:${ACCOUNT}:secret:openai-${i}` } }],
      tracing_config: [{ mode: 'Active' }],
      tags: null,
      tags_all: TAGS,
      arn: `arn:aws:lambda:eu-west-1:${ACCOUNT}:function:bench-fn-${i}`,
      id: `bench-fn-${i}`,
    }),
    unknown: { arn: true, id: true, invoke_arn: true, last_modified: true, qualified_arn: true, source_code_hash: true, version: true, tags_all: {} },
  },
  {
    type: 'aws_dynamodb_table',
    values: (i) => ({
      name: `bench-table-${i}`,
      billing_mode: 'PAY_PER_REQUEST',
      hash_key: 'pk',
      range_key: 'sk',
      deletion_protection_enabled: true,
      attribute: [
        { name: 'pk', type: 'S' },
        { name: 'sk', type: 'S' },
      ],
      point_in_time_recovery: [{ enabled: true }],
      server_side_encryption: [{ enabled: true, kms_key_arn: '' }],
      tags: null,
      tags_all: TAGS,
      id: `bench-table-${i}`,
      arn: `arn:aws:dynamodb:eu-west-1:${ACCOUNT}:table/bench-table-${i}`,
    }),
    unknown: { arn: true, id: true, stream_arn: true, stream_label: true, tags_all: {} },
  },
  {
    type: 'aws_cloudwatch_log_group',
    values: (i, changed) => ({
      name: `/aws/lambda/bench-fn-${i}`,
      retention_in_days: changed ? 90 : 30,
      skip_destroy: false,
      log_group_class: 'STANDARD',
      tags: null,
      tags_all: TAGS,
      id: `/aws/lambda/bench-fn-${i}`,
      arn: `arn:aws:logs:eu-west-1:${ACCOUNT}:log-group:/aws/lambda/bench-fn-${i}`,
    }),
    unknown: { arn: true, id: true, tags_all: {} },
  },
  {
    type: 'aws_s3_bucket_policy',
    values: (i) => ({
      bucket: `bench-${i}`,
      policy: policy([
        {
          Sid: 'DenyInsecureTransport',
          Effect: 'Deny',
          Principal: '*',
          Action: 's3:*',
          Resource: [`arn:aws:s3:::bench-${i}`, `arn:aws:s3:::bench-${i}/*`],
          Condition: { Bool: { 'aws:SecureTransport': 'false' } },
        },
      ]),
      id: `bench-${i}`,
    }),
    unknown: { id: true },
  },
  {
    type: 'aws_sqs_queue',
    values: (i) => ({
      name: `bench-queue-${i}`,
      delay_seconds: 0,
      max_message_size: 262144,
      message_retention_seconds: 345600,
      visibility_timeout_seconds: 30,
      sqs_managed_sse_enabled: true,
      tags: null,
      tags_all: TAGS,
      id: `https://sqs.eu-west-1.amazonaws.com/${ACCOUNT}/bench-queue-${i}`,
      arn: `arn:aws:sqs:eu-west-1:${ACCOUNT}:bench-queue-${i}`,
    }),
    unknown: { arn: true, id: true, url: true, tags_all: {} },
  },
  {
    type: 'aws_kms_key',
    values: (i) => ({
      description: `bench key ${i}`,
      enable_key_rotation: true,
      deletion_window_in_days: 30,
      key_usage: 'ENCRYPT_DECRYPT',
      is_enabled: true,
      multi_region: false,
      policy: policy([{ Sid: 'Root', Effect: 'Allow', Principal: { AWS: `arn:aws:iam::${ACCOUNT}:root` }, Action: 'kms:*', Resource: '*' }]),
      tags: null,
      tags_all: TAGS,
      id: `key-${i}`,
      arn: `arn:aws:kms:eu-west-1:${ACCOUNT}:key/key-${i}`,
      key_id: `key-${i}`,
    }),
    unknown: { arn: true, id: true, key_id: true, tags_all: {} },
  },
];

function sensitivity(values: Json): Json {
  return Object.fromEntries(
    Object.entries(values)
      .filter(([, value]) => typeof value === 'object' && value !== null)
      .map(([key, value]) => [key, Array.isArray(value) ? [] : {}]),
  );
}

/** Instances per resource block (`count`). */
const COUNT_PER_BLOCK = 100;

/** One change in this many uses a full sample; the rest are small. @see SMALL_SAMPLES */
const FULL_EVERY = 20;

/** Which sample a resource uses: with COUNT_PER_BLOCK, a mix that gives about 800 bytes per change, the shape of a 66,000-change, 50 MB plan. */
function sampleAt(index: number): Sample {
  if (index % FULL_EVERY === 0) return SAMPLES[(index / FULL_EVERY) % SAMPLES.length];
  return SMALL_SAMPLES[index % SMALL_SAMPLES.length];
}

export function syntheticPlan(resourceCount: number): Json {
  const resourceChanges: Json[] = [];
  const plannedResources: Json[] = [];
  const priorResources: Json[] = [];
  const configResources = new Map<string, Json>();
  for (let index = 0; index < resourceCount; index++) {
    const sample = sampleAt(index);
    // The small resources are mostly new, as in the big plans of a first rollout.
    const actions = index % FULL_EVERY === 0 || index % 10 === 1 ? actionsAt(index) : ['create'];
    const deleted = actions.length === 1 && actions[0] === 'delete';
    // Big plans come from `count`: many instances of one block, which the configuration holds once.
    const name = `${deleted ? 'Removed' : 'Group'}${Math.floor(index / COUNT_PER_BLOCK)}`;
    const blockAddress = `${sample.type}.${name}`;
    const address = `${blockAddress}[${index}]`;
    const before = actions[0] === 'create' && actions.length === 1 ? null : sample.values(index, false);
    const after = actions.length === 1 && actions[0] === 'delete' ? null : sample.values(index, actions[0] === 'update' || actions.length === 2);
    const creates = actions.includes('create');
    const change: Json = {
      actions,
      before,
      after: after && creates ? withoutKeys(after, sample.unknown) : after,
      after_unknown: after ? (creates ? sample.unknown : {}) : false,
      before_sensitive: before ? sensitivity(before) : false,
      after_sensitive: after ? sensitivity(after) : false,
      ...(actions.length === 2 ? { replace_paths: [['bucket']] } : {}),
    };
    resourceChanges.push({
      address,
      mode: 'managed',
      type: sample.type,
      name,
      index,
      provider_name: 'registry.terraform.io/hashicorp/aws',
      change,
      ...(actions.length === 2
        ? { action_reason: 'replace_because_cannot_update' }
        : actions[0] === 'delete'
          ? { action_reason: 'delete_because_no_resource_config' }
          : {}),
    });
    const resource = { address, mode: 'managed', type: sample.type, name, index, provider_name: 'registry.terraform.io/hashicorp/aws', schema_version: 0 };
    if (after) plannedResources.push({ ...resource, values: change.after, sensitive_values: change.after_sensitive });
    if (before) priorResources.push({ ...resource, values: before, sensitive_values: change.before_sensitive });
    if (after && !configResources.has(blockAddress)) {
      configResources.set(blockAddress, {
        address: blockAddress,
        mode: 'managed',
        type: sample.type,
        name,
        provider_config_key: 'aws',
        expressions: Object.fromEntries(
          Object.entries(after)
            .slice(0, 4)
            .map(([key, value]) => [key, { constant_value: value }]),
        ),
        schema_version: 0,
        count_expression: { constant_value: COUNT_PER_BLOCK },
      });
    }
  }
  return {
    format_version: '1.2',
    terraform_version: '1.11.4',
    planned_values: { outputs: { bucket_name: { sensitive: false, value: 'bench-0-data' } }, root_module: { resources: plannedResources } },
    resource_changes: resourceChanges,
    output_changes: {
      bucket_name: { actions: ['update'], before: 'bench-0-old', after: 'bench-0-data', after_unknown: false, before_sensitive: false, after_sensitive: false },
      old_output: { actions: ['delete'], before: 'x', after: null, after_unknown: false, before_sensitive: false, after_sensitive: false },
    },
    prior_state: { format_version: '1.0', terraform_version: '1.11.4', values: { outputs: {}, root_module: { resources: priorResources } } },
    configuration: {
      provider_config: {
        aws: {
          name: 'aws',
          full_name: 'registry.terraform.io/hashicorp/aws',
          version_constraint: '5.100.0',
          expressions: { region: { constant_value: 'eu-west-1' } },
        },
      },
      root_module: { resources: [...configResources.values()] },
    },
    relevant_attributes: [],
    timestamp: '2025-01-01T00:00:00Z',
    applyable: true,
    complete: true,
    errored: false,
  };
}

function withoutKeys(values: Json, unknown: Json): Json {
  return Object.fromEntries(Object.entries(values).filter(([key]) => unknown[key] !== true));
}
