import { SAMPLE_REPORT } from '../testing/reports';
import { formatReport } from './index';

describe('Markdown format', () => {
  const markdown = formatReport(SAMPLE_REPORT, 'markdown');

  it('has one collapsible section per stack, the risky stack first and open', () => {
    const sections = markdown.split('<details').slice(1);

    expect(sections).toHaveLength(2);
    expect(sections[0]).toMatch(/^ open>\n<summary><b>prod-eu-west-1<\/b>: 2 high, 1 medium · \+1 ~2 -1 -\/\+1 \(7 unchanged\)<\/summary>/);
    expect(sections[1]).toMatch(/^>\n<summary><b>dev-eu-west-1<\/b>: 1 low/);
    expect(markdown.match(/<\/details>/g)).toHaveLength(2);
  });

  it('lists high findings before medium ones and summarizes every stack in one table', () => {
    const prod = markdown.slice(markdown.indexOf('<summary><b>prod-eu-west-1'));

    expect(prod.indexOf('`destructive-change`')).toBeLessThan(prod.indexOf('`public-exposure`'));
    expect(markdown).toContain('| prod-eu-west-1 | 1 | 2 | 1 | 1 | 7 | **2 high**, 1 medium |');
    expect(markdown.indexOf('| prod-eu-west-1 |')).toBeLessThan(markdown.indexOf('| dev-eu-west-1 |'));
  });

  it('shows IAM statements added and removed, outputs, state inventory and suppressions', () => {
    expect(markdown).toContain('| + | `aws_iam_role_policy.api` policy | Allow | `s3:*` | `*` |  |  |');
    expect(markdown).toContain('| - | `aws_iam_role_policy.api` policy | Allow | `s3:GetObject` | `arn:aws:s3:::data/*` |  |  |');
    expect(markdown).toContain('**Outputs:** `bucket_name` changed · `queue_url` removed');
    expect(markdown).toContain('**State:** 3 resources: `aws_s3_bucket` 2, `aws_iam_role` 1');
    expect(markdown).toContain('- `iam-broadening` `aws_iam_policy.boundary`: a permission boundary allows all by design');
  });

  it('escapes what would break a table or render as HTML', () => {
    expect(markdown).toContain('ingress tcp port 443 open to 0.0.0.0/0 \\| &lt;all&gt;');
  });
});
