import { SAMPLE_REPORT } from '../testing/reports';
import { formatReport } from './index';
import { formatTerminalSummary } from './terminal';

const ANSI = '\u001b[';

describe('terminal format', () => {
  it('has no colour codes unless asked (the CLI asks only on a TTY)', () => {
    expect(formatReport(SAMPLE_REPORT, 'terminal')).not.toContain(ANSI);
    expect(formatReport(SAMPLE_REPORT, 'terminal', { color: false })).not.toContain(ANSI);
    expect(formatReport(SAMPLE_REPORT, 'terminal', { color: true })).toContain('\u001b[31;1mhigh  \u001b[0m');
  });

  it('puts the risky stack first, aligns its findings and ends with the totals', () => {
    const lines = formatReport(SAMPLE_REPORT, 'terminal').trimEnd().split('\n');

    expect(lines.slice(0, 4)).toEqual([
      'prod-eu-west-1  +1 ~2 -1 -/+1 (7 unchanged)  2 high, 1 medium',
      '  high    destructive-change  aws_s3_bucket.data       replaced (destroy before create): bucket forces replacement',
      '  high    iam-broadening      aws_iam_role_policy.api  policy: new action s3:* on *',
      '  medium  public-exposure     aws_security_group.web   ingress tcp port 443 open to 0.0.0.0/0 | <all>',
    ]);
    expect(lines).toContain('    + aws_iam_role_policy.api policy: Allow s3:* on *');
    expect(lines).toContain('  outputs: bucket_name changed, queue_url removed');
    expect(lines).toContain('  state: 3 resources (aws_s3_bucket 2, aws_iam_role 1)');
    expect(lines.at(-1)).toBe('Review: 2 stacks, 2 high, 1 medium, 1 low');
  });

  it('keeps a stack to one screen, counting the findings it leaves out', () => {
    const many = Array.from({ length: 40 }, (_, index) => ({
      severity: 'low' as const,
      rule: 'missing-tags',
      address: `aws_sqs_queue.q${index}`,
      message: 'tags_all lacks Owner',
    }));
    const report = { stacks: [{ ...SAMPLE_REPORT.stacks[0], findings: many }] };

    const text = formatReport(report, 'terminal', { maxFindingsPerStack: 15 });

    expect(text.split('\n').filter((line) => line.includes('missing-tags'))).toHaveLength(15);
    expect(text).toContain('... 25 more findings (--format markdown or json lists all)');
  });

  it('summarises in a few lines: the counts, then each high finding with its stack, nothing else', () => {
    const lines = formatTerminalSummary(SAMPLE_REPORT).trimEnd().split('\n');

    expect(lines).toEqual([
      'Review: 2 stacks, 2 high, 1 medium, 1 low',
      '  high    destructive-change  prod-eu-west-1 aws_s3_bucket.data       replaced (destroy before create): bucket forces replacement',
      '  high    iam-broadening      prod-eu-west-1 aws_iam_role_policy.api  policy: new action s3:* on *',
    ]);
  });

  it('summarises a review without high findings in one line', () => {
    const calm = { stacks: SAMPLE_REPORT.stacks.map((stack) => ({ ...stack, findings: stack.findings.filter((finding) => finding.severity !== 'high') })) };

    expect(formatTerminalSummary(calm)).toBe('Review: 2 stacks, 0 high, 1 medium, 1 low\n');
  });
});
