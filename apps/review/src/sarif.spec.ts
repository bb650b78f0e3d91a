/** The command's SARIF outputs, run in-process: `--format sarif` for plans, `--guardrails` for the synth's guardrail report. */
import { REVIEW_FINGERPRINT, RULE_IDS } from '@llm/review';
import { copyFileSync, mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import type { Log } from 'sarif';
import { USAGE } from './args';
import { EXIT_OK, EXIT_USAGE, runReview, type CliIo } from './cli';
import { sarifValidator, writeGuardrailReport } from './testing/sarif';

/** Real Terraform output of a stack applied into the emulator (libs/review/src/testing/emulator.ts), read as files like the CLI does. */
const FIXTURES = resolve(__dirname, '..', '..', '..', 'libs', 'review', 'src', 'testing', 'fixtures', 'emulator');
const validate = sarifValidator();

function run(args: string[], cwd: string, env: NodeJS.ProcessEnv = {}): { code: number; stdout: string; stderr: string } {
  let stdout = '';
  let stderr = '';
  const io: CliIo = { stdout: (text) => (stdout += text), stderr: (text) => (stderr += text), stdoutIsTty: false, env, cwd };
  const code = runReview(args, io);
  return { code, stdout, stderr };
}

describe('npm run review -- --format sarif', () => {
  const root = mkdtempSync(join(tmpdir(), 'review-cli-sarif-'));
  afterAll(() => rmSync(root, { recursive: true, force: true }));
  const stack = join(root, 'cdktf.out', 'stacks', 'dev-us-east-1');
  mkdirSync(stack, { recursive: true });
  copyFileSync(join(FIXTURES, 'dev-us-east-1.drifted.plan.json'), join(stack, 'plan.json'));
  copyFileSync(join(FIXTURES, 'dev-us-east-1.cdk.tf.json'), join(stack, 'cdk.tf.json'));

  it('writes SARIF 2.1.0 of the review, valid for the official schema, with every rule and the suppressions', () => {
    const out = join(root, 'review.sarif');

    const result = run([stack, '--format', 'sarif', '--out', out, '--suppress', 'drift:aws_vpc.*=the VPC tags are re-applied by the next deploy'], root);

    expect(result).toMatchObject({ code: EXIT_OK, stderr: '' });
    expect(result.stdout).toMatch(new RegExp(`^review: sarif report of 1 stack\\(s\\) written to ${out.replace(/[.*+?^${}()|[\]\\/]/g, '\\$&')}: \\d+ high`));
    const log = JSON.parse(readFileSync(out, 'utf8')) as Log;
    expect(validate(log)).toEqual([]);
    expect(log.runs[0].tool.driver.rules?.map((rule) => rule.id)).toEqual(RULE_IDS);
    expect(log.runs[0].tool.driver.version).toBe(
      (JSON.parse(readFileSync(resolve(__dirname, '..', '..', '..', 'package.json'), 'utf8')) as { version: string }).version,
    );
    const results = log.runs[0].results ?? [];
    expect(results.filter((entry) => entry.suppressions)).toHaveLength(1);
    expect(results.every((entry) => entry.partialFingerprints?.[REVIEW_FINGERPRINT])).toBe(true);
    expect(results[0].locations?.[0].physicalLocation?.artifactLocation).toEqual({ uri: 'cdktf.out/stacks/dev-us-east-1/cdk.tf.json', uriBaseId: '%SRCROOT%' });
  });

  it('names the README of the repository and commit being checked in GitHub Actions', () => {
    const result = run([stack, '--format', 'sarif'], root, {
      GITHUB_SERVER_URL: 'https://github.com',
      GITHUB_REPOSITORY: 'acme/llm-platform',
      GITHUB_SHA: 'abc123',
    });

    const log = JSON.parse(result.stdout) as Log;
    expect(log.runs[0].tool.driver.informationUri).toBe('https://github.com/acme/llm-platform/blob/abc123/README.md#review-of-plans-and-state');
  });
});

describe('npm run review -- --guardrails cdktf.out/guardrails.json --format sarif', () => {
  const root = mkdtempSync(join(tmpdir(), 'review-cli-guardrails-'));
  afterAll(() => rmSync(root, { recursive: true, force: true }));
  const outdir = join(root, 'cdktf.out');
  writeGuardrailReport(outdir);
  const report = join(outdir, 'guardrails.json');

  it('writes the guardrail report of a failed synth as SARIF the official schema accepts: errors, warnings, a suppression', () => {
    const out = join(root, 'guardrails.sarif');

    const result = run(['--guardrails', report, '--format', 'sarif', '--out', out], root);

    expect(result).toMatchObject({ code: EXIT_OK, stderr: '' });
    expect(result.stdout).toBe(`review: sarif of the guardrail report ${report} written to ${out}: 1 error(s), 1 warning(s), 1 suppressed\n`);
    const log = JSON.parse(readFileSync(out, 'utf8')) as Log;
    expect(validate(log)).toEqual([]);
    expect((log.runs[0].results ?? []).map((entry) => [entry.ruleId, entry.level, entry.suppressions ? 'suppressed' : 'open'])).toEqual([
      ['sns-encryption', 'error', 'open'],
      ['log-group-kms', 'warning', 'open'],
      ['log-group-retention', 'error', 'suppressed'],
    ]);
  });

  it("points each finding at its resource's line in the stack's cdk.tf.json", () => {
    const log = JSON.parse(run(['--guardrails', report], root).stdout) as Log;
    const topic = log.runs[0].results?.find((entry) => entry.ruleId === 'sns-encryption')?.locations?.[0];
    const configuration = readFileSync(join(outdir, 'stacks', 'dev-a', 'cdk.tf.json'), 'utf8').split('\n');

    expect(topic?.logicalLocations).toEqual([{ fullyQualifiedName: 'dev-a/Topic', kind: 'resource' }]);
    expect(topic?.physicalLocation?.artifactLocation).toEqual({ uri: 'cdktf.out/stacks/dev-a/cdk.tf.json', uriBaseId: '%SRCROOT%' });
    expect(configuration[(topic?.physicalLocation?.region?.startLine ?? 0) - 1].trim()).toBe('"Topic": {');
  });

  it("points at the report itself when a stack's cdk.tf.json is gone", () => {
    const lonely = join(root, 'lonely');
    mkdirSync(lonely);
    copyFileSync(report, join(lonely, 'guardrails.json'));

    const log = JSON.parse(run(['--guardrails', join(lonely, 'guardrails.json')], root).stdout) as Log;

    expect(validate(log)).toEqual([]);
    expect(log.runs[0].results?.[0].locations?.[0].physicalLocation?.artifactLocation).toEqual({ uri: 'lonely/guardrails.json', uriBaseId: '%SRCROOT%' });
  });

  describe('bad input: one line naming the file, exit 2', () => {
    const file = (name: string, text: string) => {
      const path = join(root, name);
      writeFileSync(path, text);
      return path;
    };
    const cases: Array<[string, () => string[], RegExp]> = [
      ['a missing file', () => ['--guardrails', join(root, 'missing.json')], /missing\.json: no such file or directory$/],
      ['a directory', () => ['--guardrails', outdir], /cdktf\.out: is a directory; --guardrails takes the guardrails\.json a synth writes/],
      ['an empty file', () => ['--guardrails', file('empty.json', '  ')], /empty\.json: is empty; expected the guardrail report a synth writes/],
      ['text that is not JSON', () => ['--guardrails', file('text.json', 'Guardrails: 1 error')], /text\.json: is not JSON \(/],
      [
        'JSON that is not a guardrail report',
        () => ['--guardrails', file('other.json', '{"name":"x"}')],
        /other\.json: is JSON but not a guardrail report \(no rules, stacks, errors, warnings, suppressed list\)/,
      ],
      [
        'a plan given as a guardrail report',
        () => ['--guardrails', join(FIXTURES, 'dev-us-east-1.drifted.plan.json')],
        /is Terraform JSON \(a plan or state\), not a guardrail report; pass plans without --guardrails$/,
      ],
      [
        'a finding without its fix',
        () => [
          '--guardrails',
          file(
            'broken.json',
            JSON.stringify({
              rules: [],
              stacks: [],
              errors: [{ ruleId: 'x', level: 'error', stack: 's', path: 's/x', problem: 'p' }],
              warnings: [],
              suppressed: [],
            }),
          ),
        ],
        /broken\.json: errors\[0\]\.fix must be a non-empty string, got undefined$/,
      ],
      [
        'another format',
        () => ['--guardrails', report, '--format', 'markdown'],
        /^review: --guardrails writes SARIF only: use --format sarif, not markdown \(see --help\)$/,
      ],
      [
        'plans as well',
        () => ['--guardrails', report, 'cdktf.out/stacks/x'],
        /^review: --guardrails converts a guardrail report on its own; review plans and states in a separate run/,
      ],
      ['a gate', () => ['--guardrails', report, '--fail-on', 'any'], /^review: --fail-on apply to plans, not to --guardrails/],
    ];

    it.each(cases)('%s', (_name, args, message) => {
      const result = run(args(), root);

      expect(result.code).toBe(EXIT_USAGE);
      expect(result.stdout).toBe('');
      expect(result.stderr.trimEnd().split('\n')).toHaveLength(1);
      expect(result.stderr.trimEnd()).toMatch(message);
    });
  });

  it('is documented in --help', () => {
    expect(USAGE).toContain('npm run review -- --guardrails cdktf.out/guardrails.json --format sarif [--out FILE]');
    expect(USAGE).toContain('terminal, markdown, json, sarif');
  });
});
