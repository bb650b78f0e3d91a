/**
 * review.html in a real browser: the planner's review written from real Terraform plans (a
 * create-only offline plan, a plan of drifted emulator state, a refresh-only plan) and from a
 * plan whose names trip Mermaid's grammar, opened from file:// in chromium with every request
 * outside the file refused, and each diagram checked as drawn. The screenshots are kept in
 * cdktf.out/test-artifacts/ for a person to look at.
 */
import { changeGraph, mermaidFlowchart } from '@llm/review';
import { countChanges, readPlanJson, type StackPlanResult } from '@llm/terraform';
import { copyFileSync, existsSync, mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { pathToFileURL } from 'node:url';
import type { Page } from 'playwright-core';
import { reviewPlannedStacks } from './review';
import { describeWithChromium, launchChromium, type BrowserSession } from './testing/chromium';

const WORKSPACE = resolve(__dirname, '..', '..', '..');
const FIXTURES = join(WORKSPACE, 'libs', 'review', 'src', 'testing', 'fixtures');
const ARTIFACTS = join(WORKSPACE, 'cdktf.out', 'test-artifacts');

/** Resource names Mermaid reads as keywords or arrow heads (`end`, `graph`, `o…`/`x…` after an arrow), a digit first. */
function awkwardPlan(): object {
  const names = ['end', 'graph', 'o_ring', 'x_ray', '1st', 'subgraph'];
  const change = (name: string) => ({
    address: `aws_sqs_queue.${name}`,
    mode: 'managed',
    type: 'aws_sqs_queue',
    name,
    change: { actions: ['create'], before: null, after: { name: `q-${name}` }, after_unknown: {} },
  });
  const reference = (name: string) => ({ references: [`aws_sqs_queue.${name}.arn`, `aws_sqs_queue.${name}`] });
  return {
    format_version: '1.2',
    terraform_version: '1.11.4',
    resource_changes: names.map(change),
    configuration: {
      root_module: {
        resources: names.map((name, index) => ({
          address: `aws_sqs_queue.${name}`,
          mode: 'managed',
          type: 'aws_sqs_queue',
          expressions: index === 0 ? {} : { redrive_policy: reference(names[index - 1]) },
        })),
      },
    },
  };
}

type PlannedStack = Extract<StackPlanResult, { readonly ok: true }>;

/** Writes `<outdir>/stacks/<name>/plan.json` and returns what planStack would have returned for it. */
function stackPlan(outdir: string, name: string, write: (path: string) => void): PlannedStack {
  const dir = join(outdir, 'stacks', name);
  mkdirSync(dir, { recursive: true });
  const planJsonPath = join(dir, 'plan.json');
  write(planJsonPath);
  const plan = readPlanJson(planJsonPath);
  return { stack: name, ok: true, durationMs: 0, planJsonPath, plan, ...countChanges(plan) };
}

describeWithChromium('review.html in chromium', () => {
  let outdir: string;
  let results: PlannedStack[];
  const outside: string[] = [];
  const problems: string[] = [];
  let browser: BrowserSession;
  let page: Page;

  beforeAll(async () => {
    outdir = mkdtempSync(join(tmpdir(), 'review-html-'));
    results = [
      stackPlan(outdir, 'dev-us-east-1', (path) => copyFileSync(join(FIXTURES, 'offline', 'dev-us-east-1.plan.json'), path)),
      stackPlan(outdir, 'dev-us-east-1-drifted', (path) => copyFileSync(join(FIXTURES, 'emulator', 'dev-us-east-1.drifted.plan.json'), path)),
      stackPlan(outdir, 'dev-us-east-1-refresh-only', (path) => copyFileSync(join(FIXTURES, 'emulator', 'dev-us-east-1.refresh-only.plan.json'), path)),
      stackPlan(outdir, 'awkward-names', (path) => writeFileSync(path, JSON.stringify(awkwardPlan()))),
    ];
    reviewPlannedStacks(results, outdir, [], false);

    browser = await launchChromium();
    // Nothing may leave the file: a request for anything else is refused and remembered.
    await browser.context.route('**/*', (route) => {
      const url = route.request().url();
      if (url.startsWith('file:')) return route.continue();
      outside.push(url);
      return route.abort();
    });
    page = await browser.context.newPage();
    page.on('console', (message) => {
      if (message.type() === 'error' || message.text().includes('Content Security Policy')) problems.push(message.text());
    });
    page.on('pageerror', (error) => problems.push(error.message));
    await page.goto(pathToFileURL(join(outdir, 'review.html')).href);
    await page.waitForSelector('body[data-diagrams]', { state: 'attached', timeout: 120_000 });
  });

  afterAll(async () => {
    await browser?.close();
    if (outdir) rmSync(outdir, { recursive: true, force: true });
  });

  it('finishes drawing without an error, a blocked request or a policy violation', async () => {
    expect(await page.getAttribute('body', 'data-diagrams')).toBe('done');
    expect(problems).toEqual([]);
    expect(outside).toEqual([]);
  });

  it('draws an svg with nodes in every section of a stack with changes, and no mermaid error', async () => {
    const sections = page.locator('section.stack');
    const names: Array<string | null> = [];
    for (let index = 0; index < (await sections.count()); index++) names.push(await sections.nth(index).getAttribute('data-stack'));
    expect(names.sort()).toEqual(['awkward-names', 'dev-us-east-1', 'dev-us-east-1-drifted', 'dev-us-east-1-refresh-only']);

    for (const name of ['dev-us-east-1', 'dev-us-east-1-drifted', 'awkward-names']) {
      const section = page.locator(`section.stack[data-stack="${name}"]`);
      expect(await section.locator('pre.mermaid svg').count()).toBe(1);
      expect(await section.locator('pre.mermaid svg g.node').count()).toBeGreaterThan(5);
    }
    const quiet = page.locator('section.stack[data-stack="dev-us-east-1-refresh-only"]');
    expect(await quiet.locator('svg').count()).toBe(0);
    expect(await quiet.textContent()).toContain('No resource changes.');
    // Mermaid draws "Syntax error in text" (with a bomb icon) where it cannot parse a diagram.
    expect(await page.getByText('Syntax error').count()).toBe(0);
    expect(await page.locator('svg .error-icon').count()).toBe(0);
  });

  it('shows the changed resources, their neighbours and the count of the rest as text in the drawing', async () => {
    const drifted = page.locator('section.stack[data-stack="dev-us-east-1-drifted"] pre.mermaid svg');

    // Five updates, 17 unchanged neighbours, the OpenAI API, the fold node and five legend entries.
    expect(await drifted.locator('g.node').count()).toBe(5 + 17 + 1 + 1 + 5);
    const text = (await drifted.textContent()) ?? '';
    for (const label of ['aws_lambda_function', 'ApiFunction', 'aws_iam_role', '+ 28 unchanged', 'OpenAI API (external)', 'updated'])
      expect(text).toContain(label);
    const awkward = (await page.locator('section.stack[data-stack="awkward-names"] pre.mermaid svg').textContent()) ?? '';
    for (const name of ['end', 'graph', 'o_ring', 'x_ray', '1st', 'subgraph']) expect(awkward).toContain(`aws_sqs_queue${name}`);
  });

  it('renders the Markdown diagrams too, as GitHub would: the named ones in review.md and the compact fallbacks', async () => {
    const markdown = readFileSync(join(outdir, 'review.md'), 'utf8');
    const blocks = [...markdown.matchAll(/```mermaid\n([\s\S]*?)\n```/g)].map(([, source]) => source);
    const compact = results
      .map((result) => mermaidFlowchart(changeGraph(result.plan), { compactIds: true, maxNodes: 20 })?.source)
      .filter((source): source is string => !!source);
    expect(blocks).toHaveLength(3);
    expect(compact).toHaveLength(3);

    const blank = await browser.context.newPage();
    await blank.setContent('<!doctype html><body></body>');
    await blank.addScriptTag({ path: require.resolve('mermaid/dist/mermaid.min.js') });
    // A string, not a function: the page's `mermaid` global is not known to TypeScript here.
    const outcomes = await blank.evaluate(`(async (sources) => {
      mermaid.initialize({ startOnLoad: false, securityLevel: 'strict' });
      const outcomes = [];
      for (const [index, source] of sources.entries()) {
        try {
          const { svg } = await mermaid.render('check' + index, source);
          outcomes.push(svg.includes('class="node') ? 'drawn' : 'no nodes');
        } catch (error) {
          outcomes.push(String((error && error.message) || error));
        }
      }
      return outcomes;
    })(${JSON.stringify([...blocks, ...compact])})`);
    await blank.close();

    expect(outcomes).toEqual([...blocks, ...compact].map(() => 'drawn'));
  });

  it('saves screenshots of the page and of a diagram for a person to look at', async () => {
    mkdirSync(ARTIFACTS, { recursive: true });
    const top = join(ARTIFACTS, 'review-html.png');
    const diagram = join(ARTIFACTS, 'review-html-drifted.png');

    await page.screenshot({ path: top });
    await page.locator('section.stack[data-stack="dev-us-east-1-drifted"] figure.diagram').screenshot({ path: diagram });

    expect(existsSync(top) && existsSync(diagram)).toBe(true);
  });
});
