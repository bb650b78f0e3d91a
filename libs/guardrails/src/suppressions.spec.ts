import { S3Bucket } from '@cdktf/provider-aws/lib/s3-bucket';
import { SnsTopic } from '@cdktf/provider-aws/lib/sns-topic';
import { SecureBucket } from '@llm/constructs/storage';
import { Construct } from 'constructs';
import { checkStack, findingsOf } from './spec-helpers';
import { suppressRule } from './suppressions';

describe('suppressRule', () => {
  it('accepts a finding on the construct it names and everything below it, keeping the reason in the report', () => {
    const report = checkStack((stack) => {
      const legacy = new Construct(stack, 'Legacy');
      new SnsTopic(legacy, 'Topic', { name: 'legacy' });
      new SnsTopic(stack, 'Other', { name: 'other' });
      suppressRule(legacy, 'sns-encryption', 'legacy topic, removed with ticket OPS-42');
    });

    expect(findingsOf(report, 'sns-encryption').map((finding) => finding.path)).toEqual(['stack/Other']);
    expect(report.suppressed).toEqual([
      expect.objectContaining({
        ruleId: 'sns-encryption',
        path: 'stack/Legacy/Topic',
        reason: 'legacy topic, removed with ticket OPS-42',
        suppressedAt: 'stack/Legacy',
      }),
    ]);
  });

  it('suppresses only the rule it names', () => {
    const report = checkStack((stack) => {
      const bucket = new S3Bucket(stack, 'Bucket', { bucket: 'scratch' });
      suppressRule(bucket, 's3-versioning', 'scratch data, recreated by every run');
    });

    expect(findingsOf(report, 's3-versioning')).toEqual([]);
    expect(findingsOf(report, 's3-encryption')).toHaveLength(1);
  });

  it('refuses a reason shorter than ten characters, at the call', () => {
    checkStack((stack) => {
      const topic = new SnsTopic(stack, 'Topic', { name: 'alerts' });

      expect(() => suppressRule(topic, 'sns-encryption', ' legacy  ')).toThrow(
        new Error(
          'suppressRule(stack/Topic, \'sns-encryption\') needs a reason of at least 10 characters saying why the finding is accepted, got "legacy" (6 characters)',
        ),
      );
    });
  });

  it('refuses a rule id the pack does not know, listing the known ones', () => {
    checkStack((stack) => {
      expect(() => suppressRule(stack, 's3-encrypton', 'a typo in the rule id')).toThrow(
        /^suppressRule\(stack, 's3-encrypton'\) names no guardrail rule; known rules: required-tags, s3-encryption, /,
      );
    });
  });

  it('reports a suppression that matches nothing as a warning, with where it is', () => {
    const report = checkStack((stack) => {
      const bucket = new SecureBucket(stack, 'Output', { bucketName: 'llm-platform-dev-output' });
      suppressRule(bucket, 's3-encryption', 'was unencrypted before SecureBucket');
    });

    expect(report.findings.filter((finding) => finding.ruleId === 'unused-suppression')).toEqual([
      {
        ruleId: 'unused-suppression',
        level: 'warning',
        stack: 'stack',
        path: 'stack/Output',
        problem: 'suppression of s3-encryption ("was unencrypted before SecureBucket") matches no finding on this construct or below',
        fix: "remove the suppressRule(..., 's3-encryption', ...) call, or move it to the construct whose finding it accepts",
      },
    ]);
    expect(report.errors).toEqual([]);
  });
});
