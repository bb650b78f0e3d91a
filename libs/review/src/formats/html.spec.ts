import type { Report, StackReport } from '../model';
import { emulatorFixture } from '../testing/emulator';
import { SAMPLE_REPORT } from '../testing/reports';
import { changeGraph } from './diagram-graph';
import { formatHtml } from './html';
import { inlineScript, mermaidScript } from './html-mermaid';

const STUB_MERMAID = '/* mermaid stand-in */';

describe('HTML format', () => {
  const diagrams = new Map([
    ['prod-eu-west-1', changeGraph(emulatorFixture('drifted.plan'))],
    ['dev-eu-west-1', changeGraph(emulatorFixture('refresh-only.plan'))],
  ]);
  const page = formatHtml(SAMPLE_REPORT, { diagrams, mermaidScript: STUB_MERMAID });

  it('has one section per stack, the risky stack first, linked from the summary table', () => {
    const sections = [...page.matchAll(/<section class="stack" id="(stack-\d+)" data-stack="([^"]+)">/g)].map(([, id, name]) => [id, name]);

    expect(sections).toEqual([
      ['stack-1', 'prod-eu-west-1'],
      ['stack-2', 'dev-eu-west-1'],
    ]);
    expect(page).toContain('<td><a href="#stack-1">prod-eu-west-1</a></td><td>1</td><td>2</td><td>1</td><td>1</td><td>7</td><td>2 high, 1 medium</td>');
  });

  it("puts each stack's diagram source where mermaid draws it, and says so when nothing changes", () => {
    const prod = sectionOf(page, 'prod-eu-west-1');

    expect(prod).toContain('<pre class="mermaid">flowchart LR\n');
    // Escaped for HTML; mermaid decodes the entities before it parses.
    expect(prod).toContain('  ApiFunction_56306EF9[&quot;aws_lambda_function&lt;br/&gt;ApiFunction&quot;]:::update');
    expect(prod).toContain('ApiFunction_56306EF9 --&gt; ApiRole_F3A6151F');
    expect(sectionOf(page, 'dev-eu-west-1')).toContain('<p class="quiet">No resource changes.</p>');
    expect(sectionOf(page, 'dev-eu-west-1')).not.toContain('class="mermaid"');
  });

  it('lists every finding, IAM statement, output, suppression and state count', () => {
    const prod = sectionOf(page, 'prod-eu-west-1');

    expect(prod.match(/<tr class="(high|medium|low)">/g)).toEqual(['<tr class="high">', '<tr class="high">', '<tr class="medium">']);
    expect(prod).toContain(
      '<td><code>destructive-change</code></td><td><code>aws_s3_bucket.data</code></td><td>replaced (destroy before create): bucket forces replacement</td>',
    );
    expect(prod).toContain(
      '<tr class="added"><td>+</td><td><code>aws_iam_role_policy.api</code> policy</td><td>Allow</td><td><code>s3:*</code></td><td><code>*</code></td>',
    );
    expect(prod).toContain('<tr class="removed"><td>-</td>');
    expect(prod).toContain('<code>bucket_name</code> changed · <code>queue_url</code> removed');
    expect(prod).toContain('<li><code>iam-broadening</code> <code>aws_iam_policy.boundary</code>: a permission boundary allows all by design</li>');
    expect(prod).toContain('<strong>State:</strong> 3 resources');
  });

  it('escapes stack names, addresses, messages and reasons: no markup gets in', () => {
    const hostile: StackReport = {
      ...SAMPLE_REPORT.stacks[1],
      name: 'prod"><script>alert(1)</script>',
      findings: [{ severity: 'high', rule: 'x<b>', address: 'aws_s3_bucket.a"><img src=x onerror=alert(2)>', message: "</td><script>alert('3')</script>" }],
      suppressed: [{ severity: 'low', rule: 'r', address: 'a', message: 'm', reason: '<iframe src=//evil>' }],
      notes: ['<style>body{display:none}</style>'],
    };

    const text = formatHtml({ stacks: [hostile] }, { mermaidScript: STUB_MERMAID });

    const body = text.slice(text.indexOf('<body>'), text.indexOf('<script>', text.indexOf('<body>')));
    expect(body).not.toMatch(/<(script|img|iframe|b>|style)/);
    expect(body).toContain('data-stack="prod&quot;&gt;&lt;script&gt;alert(1)&lt;/script&gt;"');
    expect(body).toContain('<code>aws_s3_bucket.a&quot;&gt;&lt;img src=x onerror=alert(2)&gt;</code>');
    expect(body).toContain('&lt;/td&gt;&lt;script&gt;alert(&#39;3&#39;)&lt;/script&gt;');
  });

  it('inlines mermaid from node_modules and may fetch nothing: no src or external href, a CSP of none', () => {
    const real = formatHtml(SAMPLE_REPORT, { diagrams });

    expect(real).toContain(
      "<meta http-equiv=\"Content-Security-Policy\" content=\"default-src 'none'; script-src 'unsafe-inline'; style-src 'unsafe-inline'; img-src data:; font-src data:\">",
    );
    expect(real.length).toBeGreaterThan(mermaidScript().length);
    expect(real).toContain(mermaidScript().slice(0, 2000));
    const markup = real.replace(/<script>[\s\S]*?<\/script>/g, '');
    expect(markup).not.toMatch(/\ssrc=/);
    expect([...markup.matchAll(/\shref="([^"]*)"/g)].map(([, href]) => href).filter((href) => !href.startsWith('#'))).toEqual([]);
    expect(real.match(/<script>/g)).toHaveLength(2);
  });

  it('keeps an inlined script from closing its element early', () => {
    expect(inlineScript('var a = "</script><script>alert(1)</SCRIPT>";')).toBe('var a = "<\\/script><script>alert(1)<\\/SCRIPT>";');
    expect(mermaidScript()).not.toMatch(/<\/script/i);
  });

  it('renders a report without diagrams or stacks', () => {
    const empty: Report = { stacks: [] };

    expect(formatHtml(empty, { mermaidScript: STUB_MERMAID })).toContain(
      '<p class="totals">0 stacks · <strong class="high">0 high</strong> · 0 medium · 0 low</p>',
    );
    expect(formatHtml(SAMPLE_REPORT, { mermaidScript: STUB_MERMAID })).not.toContain('What changes');
  });
});

function sectionOf(page: string, name: string): string {
  const start = page.indexOf(`data-stack="${name}"`);
  return page.slice(start, page.indexOf('</section>', start));
}
