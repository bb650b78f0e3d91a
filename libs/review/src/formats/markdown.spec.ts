import { compareFindings, type Finding, type Report, type Severity, type StackReport } from '../model';
import { reviewStacks } from '../review/review-stack';
import { COMPLETE_TAGS, planOf, resourceChange } from '../testing/builders';
import { emulatorFixture } from '../testing/emulator';
import { SAMPLE_REPORT } from '../testing/reports';
import { changeGraph } from './diagram-graph';
import { formatReport } from './index';
import { DEFAULT_FULL_REPORT, MAX_MARKDOWN_LENGTH } from './markdown';

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

  it('says nothing is left out when everything fits', () => {
    expect(markdown).not.toContain('Left out');
  });

  describe('diagrams', () => {
    const drifted = changeGraph(emulatorFixture('drifted.plan'));
    const withDiagram = formatReport(SAMPLE_REPORT, 'markdown', { diagrams: new Map([['prod-eu-west-1', drifted]]) });

    it("draws a stack's change graph as a mermaid block in its own section", () => {
      const prod = withDiagram.slice(withDiagram.indexOf('<summary><b>prod-eu-west-1'), withDiagram.indexOf('<summary><b>dev-eu-west-1'));

      expect(prod).toContain('**What changes**\n\n```mermaid\nflowchart LR\n');
      expect(prod).toContain('  ApiFunction_56306EF9["aws_lambda_function<br/>ApiFunction"]:::update');
      expect(prod).toContain('  unchanged_rest["+ 28 unchanged"]:::unchanged');
      expect(withDiagram.match(/```mermaid/g)).toHaveLength(1);
    });

    it('falls back to compact ids when the named diagram does not fit, and leaves it out when neither does', () => {
      const without = formatReport(SAMPLE_REPORT, 'markdown');
      const named = withDiagram.length - without.length;
      const reserve = 300 + DEFAULT_FULL_REPORT.length;

      const tight = formatReport(SAMPLE_REPORT, 'markdown', {
        diagrams: new Map([['prod-eu-west-1', drifted]]),
        maxLength: without.length + reserve + named - 200,
      });
      const none = formatReport(SAMPLE_REPORT, 'markdown', { diagrams: new Map([['prod-eu-west-1', drifted]]), maxLength: without.length + reserve + 200 });

      expect(tight).toContain('```mermaid');
      expect(tight).toMatch(/^ {2}r1\["aws_/m);
      expect(tight).not.toContain('ApiFunction_56306EF9[');
      expect(none).not.toContain('```mermaid');
      expect(none).toContain('**Left out of this report:** 1 diagram. The full report: ');
    });
  });

  describe('size limit', () => {
    it('stays under 60,000 characters for a huge report, listing every high finding before any medium or low one', () => {
      const report = hugeReport(12, { high: 4, medium: 150, low: 300 });

      const text = formatReport(report, 'markdown');
      const listed = listedFindings(text);

      expect(text.length).toBeLessThan(60_000);
      expect(MAX_MARKDOWN_LENGTH).toBe(60_000);
      expect(listed.high).toBe(48);
      expect(listed.medium).toBeGreaterThan(0);
      expect(listed.medium).toBeLessThan(12 * 150);
      // Medium findings are still left out, so no low one may be listed.
      expect(listed.low).toBe(0);
      for (const stack of report.stacks) expect(sectionOf(text, stack.name).match(/^\| \*\*high\*\* \|/gm)).toHaveLength(4);
      // The last stack's high findings are listed, its medium ones left out for them; the first's follow its highs.
      const first = sectionOf(text, 'stack-001');
      expect(first.indexOf('| medium |')).toBeGreaterThan(first.lastIndexOf('| **high** |'));
      expect(sectionOf(text, 'stack-012')).not.toContain('| medium |');
    });

    it('ends with one line counting the findings and parts left out and saying where the full report is', () => {
      const report = hugeReport(12, { high: 4, medium: 150, low: 300 });

      const text = formatReport(report, 'markdown');
      const listed = listedFindings(text);

      const medium = 12 * 150 - listed.medium;
      const lastLine = text.trimEnd().split('\n').pop();
      expect(lastLine).toBe(
        `**Left out of this report:** ${medium + 3600} findings (${medium} medium, 3600 low), 12 IAM tables. ` +
          "The full report: `review.json` (every finding) and `review.html` (every section and diagram) in the run's `offline-review` artefact.",
      );
      // Each stack says what it did not list, too.
      const first = report.stacks[0];
      const shown = (sectionOf(text, first.name).match(/^\| (\*\*high\*\*|medium|low) \|/gm) ?? []).length;
      expect(sectionOf(text, first.name)).toContain(`…and ${454 - shown} more findings (${150 - (shown - 4)} medium, 300 low) not listed here.`);
    });

    it('leaves whole sections out, riskiest kept, when even their frames do not fit, and counts them', () => {
      const report = hugeReport(400, { high: 0, medium: 0, low: 1 });

      const text = formatReport(report, 'markdown', { fullReport: 'the `plan-prod` artefact of this run' });

      const sections = (text.match(/<details/g) ?? []).length;
      expect(text.length).toBeLessThanOrEqual(60_000);
      expect(sections).toBeGreaterThan(0);
      expect(sections).toBeLessThan(400);
      expect(text).toContain(`<summary><b>stack-001</b>`);
      expect(text).not.toContain(`<summary><b>stack-400</b>`);
      const listed = listedFindings(text).low;
      expect(text.trimEnd().split('\n').pop()).toBe(
        `**Left out of this report:** ${400 - listed} findings (${400 - listed} low), ${400 - sections} stack sections. The full report: the \`plan-prod\` artefact of this run.`,
      );
    });

    it('honours a smaller maxLength', () => {
      const text = formatReport(hugeReport(3, { high: 2, medium: 20, low: 20 }), 'markdown', { maxLength: 8_000 });

      expect(text.length).toBeLessThanOrEqual(8_000);
      expect(listedFindings(text).high).toBe(6);
      expect(text).toContain('**Left out of this report:**');
    });

    it('lists every high finding of a stack even past maxFindingsPerStack, and counts the rest', () => {
      const stack = hugeStack(1, { high: 60, medium: 10, low: 0 });

      const text = formatReport({ stacks: [stack] }, 'markdown', { maxFindingsPerStack: 50 });

      expect(listedFindings(text)).toEqual({ high: 60, medium: 0, low: 0 });
      expect(text).toContain('…and 10 more findings (10 medium) not listed here.');
      expect(text.trimEnd().split('\n').pop()).toMatch(/^\*\*Left out of this report:\*\* 10 findings \(10 medium\)\. The full report: /);
    });

    it('keeps a real review of a large plan, with its diagram, under the limit', () => {
      const changes = [
        ...Array.from({ length: 40 }, (_, i) =>
          resourceChange(`aws_s3_bucket.Data${i}_0A1B2C3D`, ['delete'], { bucket: `data-${i}`, tags_all: COMPLETE_TAGS }, null),
        ),
        ...Array.from({ length: 400 }, (_, i) =>
          resourceChange(`aws_vpc_security_group_ingress_rule.Https${i}_0A1B2C3D`, ['create'], null, {
            ip_protocol: 'tcp',
            from_port: 443,
            to_port: 443,
            cidr_ipv4: '0.0.0.0/0',
            tags_all: COMPLETE_TAGS,
          }),
        ),
        ...Array.from({ length: 800 }, (_, i) => resourceChange(`aws_sqs_queue.Jobs${i}_0A1B2C3D`, ['create'], null, { name: `jobs-${i}`, tags_all: {} })),
      ];
      const plan = planOf(changes);
      const report = reviewStacks([{ name: 'prod-eu-west-1', plan }]);

      const text = formatReport(report, 'markdown', { diagrams: new Map([['prod-eu-west-1', changeGraph(plan)]]) });

      expect(text.length).toBeLessThan(60_000);
      expect(listedFindings(text).high).toBe(report.stacks[0].findings.filter((finding) => finding.severity === 'high').length);
      expect(listedFindings(text).high).toBeGreaterThanOrEqual(40);
      expect(text).toContain('**Left out of this report:**');
    });
  });
});

type Counts = Record<Severity, number>;

/** A stack with the given number of findings per severity, long messages like real ones, and IAM changes. */
function hugeStack(index: number, counts: Counts): StackReport {
  const name = `stack-${String(index).padStart(3, '0')}`;
  const findings: Finding[] = [];
  for (const severity of ['high', 'medium', 'low'] as const) {
    for (let n = 0; n < counts[severity]; n++) {
      findings.push({
        severity,
        rule: severity === 'low' ? 'missing-tags' : 'public-exposure',
        address: `aws_vpc_security_group_ingress_rule.${name.replace('-', '_')}_Rule${n}_0A1B2C3D`,
        message: `ingress tcp port ${1000 + n} open to 0.0.0.0/0 through a standalone rule of ${name}, added for finding ${n}`,
      });
    }
  }
  const statements = Array.from({ length: 40 }, (_, n) => ({
    effect: 'Allow',
    actions: [`s3:PutObject`],
    resources: [`arn:aws:s3:::bucket-${n}/*`],
    principals: [],
    conditions: [],
  }));
  return {
    name,
    sources: [`cdktf.out/stacks/${name}/plan.json`],
    summary: { create: findings.length, update: 0, delete: 0, replace: 0, noop: 0 },
    outputs: [],
    iam:
      counts.high + counts.medium + counts.low > 1
        ? [{ address: 'aws_iam_role_policy.api', document: 'policy', added: statements, removed: [], attached: [], detached: [] }]
        : [],
    findings: findings.sort(compareFindings),
    suppressed: [],
    notes: [],
  };
}

function hugeReport(stacks: number, counts: Counts): Report {
  return { stacks: Array.from({ length: stacks }, (_, index) => hugeStack(index + 1, counts)) };
}

function listedFindings(text: string): Counts {
  const count = (pattern: RegExp) => (text.match(pattern) ?? []).length;
  return { high: count(/^\| \*\*high\*\* \|/gm), medium: count(/^\| medium \|/gm), low: count(/^\| low \|/gm) };
}

function sectionOf(text: string, name: string): string {
  const start = text.indexOf(`<summary><b>${name}</b>`);
  return text.slice(start, text.indexOf('</details>', start));
}
