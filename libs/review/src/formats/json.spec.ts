import { SAMPLE_REPORT } from '../testing/reports';
import { formatReport } from './index';

describe('JSON format', () => {
  it('has exactly stacks[].name, summary and findings[].severity, rule, address, message, in input order', () => {
    const parsed = JSON.parse(formatReport(SAMPLE_REPORT, 'json'));

    expect(parsed).toEqual({
      stacks: [
        {
          name: 'dev-eu-west-1',
          summary: { create: 2, update: 0, delete: 0, replace: 0, noop: 5 },
          findings: [{ severity: 'low', rule: 'missing-tags', address: 'aws_sqs_queue.jobs', message: 'tags_all lacks Owner' }],
        },
        {
          name: 'prod-eu-west-1',
          summary: { create: 1, update: 2, delete: 1, replace: 1, noop: 7 },
          findings: [
            {
              severity: 'high',
              rule: 'destructive-change',
              address: 'aws_s3_bucket.data',
              message: 'replaced (destroy before create): bucket forces replacement',
            },
            { severity: 'high', rule: 'iam-broadening', address: 'aws_iam_role_policy.api', message: 'policy: new action s3:* on *' },
            { severity: 'medium', rule: 'public-exposure', address: 'aws_security_group.web', message: 'ingress tcp port 443 open to 0.0.0.0/0 | <all>' },
          ],
        },
      ],
    });
    expect(Object.keys(parsed.stacks[1])).toEqual(['name', 'summary', 'findings']);
    expect(Object.keys(parsed.stacks[1].summary)).toEqual(['create', 'update', 'delete', 'replace', 'noop']);
    expect(Object.keys(parsed.stacks[1].findings[0])).toEqual(['severity', 'rule', 'address', 'message']);
  });
});
