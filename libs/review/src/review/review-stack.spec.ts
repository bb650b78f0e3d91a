import { formatReport } from '../formats/index';
import { COMPLETE_TAGS, planOf, policy, resourceChange } from '../testing/builders';
import { reviewStack } from './review-stack';

const SECRET = 'sk-proj-THIS-MUST-NEVER-BE-PRINTED-0123456789';

const plan = planOf(
  [
    resourceChange(
      'aws_s3_bucket.data',
      ['delete', 'create'],
      { bucket: 'a', tags_all: COMPLETE_TAGS },
      { bucket: 'b', tags_all: COMPLETE_TAGS },
      { replace_paths: [['bucket']] },
    ),
    resourceChange('aws_sqs_queue.jobs', ['create'], null, { name: 'jobs', tags_all: {} }),
    resourceChange(
      'aws_iam_role_policy.api',
      ['update'],
      { policy: policy({ Effect: 'Allow', Action: 's3:GetObject', Resource: '*' }) },
      {
        policy: policy({ Effect: 'Allow', Action: 's3:*', Resource: '*' }),
      },
    ),
    resourceChange('aws_sns_topic.alerts', ['no-op'], { name: 'alerts' }, { name: 'alerts' }),
    resourceChange('aws_cloudwatch_log_group.old', ['delete'], { name: 'old' }, null),
    resourceChange('data.aws_iam_policy_document.x', ['read'], null, {}),
  ],
  {
    output_changes: { bucket: { actions: ['update'] }, gone: { actions: ['delete'] }, same: { actions: ['no-op'] } },
    resource_drift: [resourceChange('aws_sns_topic.alerts', ['update'], { name: 'alerts', display_name: '' }, { name: 'alerts', display_name: 'x' })],
    prior_state: {
      format_version: '1.0',
      values: {
        root_module: {
          resources: [
            {
              address: 'aws_secretsmanager_secret_version.key',
              mode: 'managed',
              type: 'aws_secretsmanager_secret_version',
              values: { secret_string: SECRET },
              sensitive_values: { secret_string: true },
            },
          ],
        },
      },
    },
  },
);

describe('reviewStack', () => {
  const report = reviewStack({ name: 'prod-eu-west-1', plan });

  it('counts managed resources by action, a replace once, data sources not at all', () => {
    expect(report.summary).toEqual({ create: 1, update: 1, delete: 1, replace: 1, noop: 1 });
    expect(report.outputs).toEqual([
      { name: 'bucket', action: 'update' },
      { name: 'gone', action: 'delete' },
    ]);
  });

  it('applies every kind of rule: changes, drift, outputs and the prior state, high first', () => {
    expect(report.findings.map((finding) => `${finding.severity} ${finding.rule} ${finding.address}`)).toEqual([
      'high destructive-change aws_cloudwatch_log_group.old',
      'high destructive-change aws_s3_bucket.data',
      'high iam-broadening aws_iam_role_policy.api',
      'high secret-in-state aws_secretsmanager_secret_version.key',
      'medium drift aws_sns_topic.alerts',
      'medium removed-output output.gone',
      'low missing-tags aws_sqs_queue.jobs',
    ]);
    expect(report.iam).toHaveLength(1);
  });

  it('counts forgets apart, and only when there are some, so older reports keep their shape', () => {
    const forgetting = planOf([
      resourceChange('aws_sqs_queue.kept', ['forget'], { name: 'kept' }, null),
      resourceChange('aws_sqs_queue.jobs', ['no-op'], { name: 'jobs' }, { name: 'jobs' }, { previous_address: 'aws_sqs_queue.old' }),
    ]);

    const forgot = reviewStack({ name: 'dev', plan: forgetting });

    expect(forgot.summary).toEqual({ create: 0, update: 0, delete: 0, replace: 0, noop: 1, forget: 1 });
    expect(forgot.findings.map((finding) => `${finding.severity} ${finding.rule} ${finding.address}`)).toEqual([
      'medium forgotten-resource aws_sqs_queue.kept',
      'low moved-resource aws_sqs_queue.jobs',
    ]);
    expect('forget' in report.summary).toBe(false);
  });

  it('never prints a secret value, in any format', () => {
    for (const format of ['terminal', 'markdown', 'json'] as const) {
      expect(formatReport({ stacks: [report] }, format)).not.toContain('THIS-MUST-NEVER-BE-PRINTED');
    }
  });

  it('moves suppressed findings aside with their reason, and refuses a suppression without one', () => {
    const suppressions = [{ rule: 'destructive-change', address: 'aws_cloudwatch_*', reason: 'old logs are archived in S3 already' }];

    const suppressed = reviewStack({ name: 'prod-eu-west-1', plan }, { suppressions });

    expect(suppressed.findings.map((finding) => finding.address)).not.toContain('aws_cloudwatch_log_group.old');
    expect(suppressed.suppressed).toEqual([
      expect.objectContaining({ address: 'aws_cloudwatch_log_group.old', reason: 'old logs are archived in S3 already' }),
    ]);
    expect(() => reviewStack({ name: 'x', plan }, { suppressions: [{ rule: 'drift', address: '*', reason: 'because' }] })).toThrow(
      'suppression of drift for * needs a reason of at least 10 characters',
    );
    expect(() => reviewStack({ name: 'x', plan }, { suppressions: [{ rule: 'no-such-rule', address: '*', reason: 'long enough reason' }] })).toThrow(
      /^unknown rule "no-such-rule"/,
    );
  });

  it('uses the tag keys it is given instead of the project standard', () => {
    const custom = reviewStack({ name: 'x', plan }, { requiredTags: ['Team'] });

    expect(custom.findings.filter((finding) => finding.rule === 'missing-tags').map((finding) => finding.message)).toEqual([
      'tags_all lacks Team',
      'tags_all lacks Team',
    ]);
  });
});

describe('reviewStack with a state', () => {
  const state = {
    version: 4,
    terraform_version: '1.11.4',
    serial: 3,
    lineage: 'l',
    resources: [
      { mode: 'managed', type: 'aws_s3_bucket', name: 'data', instances: [{ attributes: { bucket: 'a', tags_all: COMPLETE_TAGS } }] },
      { mode: 'managed', type: 'aws_sqs_queue', name: 'old', instances: [{ index_key: 0, attributes: { name: 'old', tags_all: {} } }] },
      {
        mode: 'managed',
        type: 'aws_db_instance',
        name: 'main',
        instances: [{ attributes: { password: 'correct-horse', tags_all: COMPLETE_TAGS }, sensitive_attributes: [[{ type: 'get_attr', value: 'password' }]] }],
      },
    ],
  };

  it('takes inventory, flags secrets, untagged and undeclared resources against the configuration', () => {
    const configuration = { resource: { aws_s3_bucket: { data: {} }, aws_db_instance: { main: {} } } };

    const report = reviewStack({ name: 'dev', states: [{ state, source: 'terraform.tfstate' }], configuration, configurationSource: 'cdk.tf.json' });

    expect(report.inventory).toEqual({
      resources: 3,
      byType: [
        ['aws_db_instance', 1],
        ['aws_s3_bucket', 1],
        ['aws_sqs_queue', 1],
      ],
    });
    expect(report.findings.map((finding) => `${finding.rule} ${finding.address}: ${finding.message}`)).toEqual([
      'orphaned-in-state aws_sqs_queue.old[0]: in state but not declared in cdk.tf.json: the next apply destroys it; a queue: messages in it are lost',
      'secret-in-state aws_db_instance.main: attribute password holds a secret in plain text (Terraform marks it sensitive); value not shown',
      'untagged-in-state aws_sqs_queue.old[0]: untagged (tags_all is empty)',
    ]);
    expect(report.notes).toEqual([]);
  });

  it("reports a secret once when the plan's prior state and the state file both hold it", () => {
    const priorState = {
      format_version: '1.0',
      values: {
        root_module: {
          resources: [
            {
              address: 'aws_db_instance.main',
              mode: 'managed' as const,
              type: 'aws_db_instance',
              values: { password: 'correct-horse' },
              sensitive_values: { password: true },
            },
          ],
        },
      },
    };

    const report = reviewStack({ name: 'dev', plan: planOf([], { prior_state: priorState }), states: [{ state, source: 'terraform.tfstate' }] });

    expect(report.findings.filter((finding) => finding.rule === 'secret-in-state')).toHaveLength(1);
  });

  it('says so when there is no configuration to compare with', () => {
    const report = reviewStack({ name: 'dev', states: [{ state, source: 'terraform.tfstate' }] });

    expect(report.findings.map((finding) => finding.rule)).not.toContain('orphaned-in-state');
    expect(report.notes).toEqual(['no configuration to compare the state with: resources no longer declared were not checked']);
  });
});
