import { checkChange, messages, resourceChange } from '../testing/builders';
import { destructiveChange } from './destructive-change';

describe('destructive-change', () => {
  it('ranks a replaced S3 bucket high and names the attribute that forces the replacement', () => {
    const change = resourceChange(
      'aws_s3_bucket.data',
      ['delete', 'create'],
      { bucket: 'a' },
      { bucket: 'b' },
      {
        action_reason: 'replace_because_cannot_update',
        replace_paths: [['bucket']],
      },
    );

    expect(messages(checkChange(destructiveChange, change))).toEqual([
      'high: replaced (destroy before create): bucket forces replacement; an S3 bucket: its objects and versions go with it',
    ]);
  });

  it("gives Terraform's reason for a delete, medium for a resource that holds no data", () => {
    const change = resourceChange('aws_security_group_rule.https', ['delete'], { type: 'ingress' }, null, {
      action_reason: 'delete_because_no_resource_config',
    });

    expect(messages(checkChange(destructiveChange, change))).toEqual(['medium: deleted: it is no longer in the configuration']);
  });

  it('ranks a replaced IAM role high when a function still uses it', () => {
    const arn = 'arn:aws:iam::111111111111:role/api';
    const role = resourceChange('aws_iam_role.api', ['create', 'delete'], { name: 'api', arn }, { name: 'api-2' }, { replace_paths: [['name']] });
    const lambda = resourceChange('aws_lambda_function.api', ['update'], { role: arn }, { role: arn });
    const attachment = resourceChange('aws_iam_role_policy_attachment.api', ['update'], { role: 'api' }, { role: 'api' });

    expect(messages(checkChange(destructiveChange, role, [lambda, attachment]))).toEqual([
      'high: replaced (create before destroy): name forces replacement; the role is in use by aws_lambda_function.api',
    ]);
  });

  it('ranks a deleted IAM role medium when nothing that stays uses it', () => {
    const role = resourceChange('aws_iam_role.old', ['delete'], { name: 'old', arn: 'arn:aws:iam::1:role/old' }, null);
    const lambda = resourceChange('aws_lambda_function.old', ['delete'], { role: 'arn:aws:iam::1:role/old' }, null);

    expect(messages(checkChange(destructiveChange, role, [lambda]))).toEqual(['medium: deleted']);
  });

  it('does not fire on creates, updates, no-ops or data sources', () => {
    expect(checkChange(destructiveChange, resourceChange('aws_s3_bucket.a', ['create'], null, { bucket: 'a' }))).toBe('not-applicable');
    expect(checkChange(destructiveChange, resourceChange('aws_s3_bucket.a', ['update'], { bucket: 'a' }, { bucket: 'a' }))).toBe('not-applicable');
    expect(checkChange(destructiveChange, resourceChange('aws_s3_bucket.a', ['no-op'], { bucket: 'a' }, { bucket: 'a' }))).toBe('not-applicable');
    expect(checkChange(destructiveChange, resourceChange('data.aws_iam_policy_document.a', ['read'], null, {}))).toBe('not-applicable');
  });
});
