import { spawnSync } from 'node:child_process';
import { mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';

const WORKSPACE = resolve(__dirname, '..', '..', '..');

/** Runs the command the way `npm run review --` does. */
function review(...args: string[]): { code: number | null; stdout: string; stderr: string } {
  // Not a TTY, and no colour forced (jest's own workers set FORCE_COLOR).
  const { FORCE_COLOR: _force, NO_COLOR: _no, ...env } = process.env;
  const result = spawnSync(process.execPath, ['--import', 'tsx', 'apps/review/src/main.ts', ...args], { cwd: WORKSPACE, encoding: 'utf8', env });
  return { code: result.status, stdout: result.stdout, stderr: result.stderr };
}

function change(address: string, actions: string[], before: object | null, after: object | null) {
  return { address, mode: 'managed', type: address.split('.')[0], name: address.split('.')[1], change: { actions, before, after, after_unknown: {} } };
}

const tags = { Project: 'p', Environment: 'dev', Region: 'eu-west-1', Owner: 'o', CostCenter: 'c', ManagedBy: 'm' };

describe('npm run review', () => {
  const dir = mkdtempSync(join(tmpdir(), 'review-cli-'));
  afterAll(() => rmSync(dir, { recursive: true, force: true }));
  const file = (name: string, content: string) => {
    const path = join(dir, name);
    writeFileSync(path, content);
    return path;
  };
  const stack = join(dir, 'stacks', 'dev-eu-west-1');
  mkdirSync(stack, { recursive: true });
  writeFileSync(
    join(stack, 'plan.json'),
    JSON.stringify({
      format_version: '1.2',
      planned_values: {},
      resource_changes: [
        change('aws_s3_bucket.data', ['delete'], { bucket: 'data', tags_all: tags }, null),
        change('aws_sqs_queue.jobs', ['create'], null, { name: 'jobs', tags_all: tags }),
      ],
    }),
  );
  const quiet = file(
    'quiet.json',
    JSON.stringify({ format_version: '1.2', planned_values: {}, resource_changes: [change('aws_sqs_queue.q', ['create'], null, { tags_all: tags })] }),
  );

  it('prints the report of a stack directory and exits 0 without a gate', () => {
    const result = review(stack);

    expect(result).toMatchObject({ code: 0, stderr: '' });
    expect(result.stdout).toContain('dev-eu-west-1  +1 ~0 -1 -/+0 (0 unchanged)  1 high');
    expect(result.stdout).toContain('high    destructive-change  aws_s3_bucket.data  deleted; an S3 bucket');
    expect(result.stdout).not.toContain('\u001b[');
  });

  it("draws each stack's change as a Mermaid diagram in the Markdown, as the pull-request comment shows it", () => {
    const result = review(stack, '--format', 'markdown');

    expect(result.code).toBe(0);
    const diagram = /```mermaid\n([\s\S]*?)\n```/.exec(result.stdout)?.[1] ?? '';
    expect(diagram).toMatch(/^flowchart/);
    expect(diagram).toContain('aws_s3_bucket<br/>data');
    expect(diagram).toContain('aws_sqs_queue<br/>jobs');
  });

  it('exits 1 when a --fail-on gate finds something, and names what', () => {
    const result = review(stack, '--fail-on', 'exposure,destructive', '--format', 'json');

    expect(result.code).toBe(1);
    expect(JSON.parse(result.stdout).stacks[0].findings).toHaveLength(1);
    expect(result.stderr).toBe(
      'review: --fail-on exposure,destructive: 1 finding(s) need approval\n  - dev-eu-west-1: aws_s3_bucket.data (destructive-change, high)\n',
    );
  });

  it('colours the terminal report only when asked to (FORCE_COLOR), as it would on a TTY', () => {
    const result = spawnSync(process.execPath, ['--import', 'tsx', 'apps/review/src/main.ts', stack], {
      cwd: WORKSPACE,
      encoding: 'utf8',
      env: { ...process.env, FORCE_COLOR: '1', NO_COLOR: '' },
    });

    expect(result.stdout).toContain('\u001b[31;1mhigh  \u001b[0m');
  });

  it('exits 0 when the gates find nothing, and writes the report to --out', () => {
    const out = join(dir, 'out', 'review.md');

    const result = review(quiet, '--fail-on', 'any', '--format', 'markdown', '--out', out);

    expect(result).toMatchObject({ code: 0, stderr: '' });
    expect(result.stdout).toBe(`review: markdown report of 1 stack(s) written to ${out}: 0 high, 0 medium, 0 low\n`);
    expect(readFileSync(out, 'utf8')).toContain('<details>\n<summary><b>quiet</b>: no findings');
  });

  it('accepts a suppression with a reason, so the gate passes', () => {
    const result = review(stack, '--fail-on', 'destructive', '--suppress', 'destructive-change:aws_s3_bucket.*=the bucket moved to the data stack');

    expect(result.code).toBe(0);
    expect(result.stdout).toContain('1 suppressed finding');
  });

  it('accepts the findings a suppressions file lists, as npm start does with review-suppressions.json', () => {
    const accepted = file(
      'suppressions.json',
      JSON.stringify([{ rule: 'destructive-change', address: 'aws_s3_bucket.*', reason: 'the bucket moved to the data stack' }]),
    );
    const result = review(stack, '--fail-on', 'destructive', '--suppressions', accepted);

    expect(result.code).toBe(0);
    expect(result.stdout).toContain('1 suppressed finding');
    expect(review(stack, '--fail-on', 'destructive').code).toBe(1);
  });

  describe('bad input: one line naming the file, exit 2, no stack trace', () => {
    const cases: Array<[string, () => string[], RegExp]> = [
      ['a missing file', () => [join(dir, 'missing.json')], /missing\.json: no such file or directory$/],
      ['an empty file', () => [file('empty.json', '')], /empty\.json: is empty; expected Terraform JSON$/],
      ['text that is not JSON', () => [file('text.json', 'Plan: 1 to add')], /text\.json: is not JSON \(Unexpected token 'P'\)$/],
      [
        'a state given as plan',
        () => [file('terraform.tfstate', '{"version":4,"serial":1,"lineage":"x","resources":[]}')],
        /terraform\.tfstate: is a Terraform state, not a plan; pass it with --state/,
      ],
      [
        'an unknown plan format',
        () => [file('v2.json', '{"format_version":"2.0","resource_changes":[]}')],
        /v2\.json: has plan format_version "2\.0"; this review reads format 1\.x/,
      ],
      ['a plan given as state', () => [stack, '--state', join(stack, 'plan.json')], /plan\.json: is a Terraform plan, not a state; pass it without --state$/],
      [
        'an unknown gate',
        () => [stack, '--fail-on', 'everything'],
        /^review: unknown --fail-on value "everything"; use destructive, broadening, exposure, drift, cost, any \(see --help\)$/,
      ],
      ['a suppression without a reason', () => [stack, '--suppress', 'drift:*=later'], /suppression of drift for \* needs a reason of at least 10 characters/],
      ['no plan at all', () => [], /^review: no plan given/],
      ['a suppressions file that is not JSON', () => [stack, '--suppressions', file('accepted.json', 'nope')], /accepted\.json: is not JSON/],
    ];

    it.each(cases)('%s', (_name, args, message) => {
      const result = review(...args());

      expect(result.code).toBe(2);
      expect(result.stdout).toBe('');
      expect(result.stderr.trimEnd().split('\n')).toHaveLength(1);
      expect(result.stderr.trimEnd()).toMatch(message);
      expect(result.stderr).toMatch(/^review: /);
    });
  });

  it('prints its usage with --help', () => {
    const result = review('--help');

    expect(result.code).toBe(0);
    expect(result.stdout).toMatch(/^Usage: npm run review -- <plan\.json \| stack dir>\.\.\./);
    expect(result.stdout).toContain('Exit codes: 0 reviewed, 1 a --fail-on gate failed, 2 usage or input error.');
  });
});
