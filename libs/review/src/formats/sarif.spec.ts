import { copyFileSync, mkdirSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Log, Result } from 'sarif';
import type { Report } from '../model';
import { reviewFiles } from '../review/files';
import { RULES } from '../rules/pack';
import { emulatorFixturePath } from '../testing/emulator';
import { SAMPLE_REPORT } from '../testing/reports';
import { sarifValidator } from '../testing/sarif';
import { formatReport, parseFormat } from './index';
import { REVIEW_FINGERPRINT, reviewSarifLog } from './sarif';
import { RULE_METADATA } from './sarif-rules';

const validate = sarifValidator();
const STACK = 'dev-us-east-1';

/** A stack directory as `npm start` leaves it (plan.json next to cdk.tf.json), from the real emulator fixtures. */
function stackDirectory(root: string, options: { configuration: boolean } = { configuration: true }): string {
  const dir = join(root, 'cdktf.out', 'stacks', STACK);
  mkdirSync(dir, { recursive: true });
  copyFileSync(emulatorFixturePath('drifted.plan'), join(dir, 'plan.json'));
  if (options.configuration) copyFileSync(emulatorFixturePath('cdk.tf'), join(dir, 'cdk.tf.json'));
  return dir;
}

const SUPPRESSION = { rule: 'drift', address: 'aws_vpc.*', reason: 'the VPC tags are re-applied by the next deploy' };

describe('SARIF format', () => {
  const root = mkdtempSync(join(tmpdir(), 'review-sarif-'));
  afterAll(() => rmSync(root, { recursive: true, force: true }));
  const dir = stackDirectory(root);
  const report = reviewFiles({ plans: [dir] }, { suppressions: [SUPPRESSION] });
  const log = reviewSarifLog(report, { sourceRoot: root, toolVersion: '1.2.3' });
  const results = log.runs[0].results ?? [];

  it('is registered as a format', () => {
    expect(parseFormat('sarif')).toBe('sarif');
    expect(JSON.parse(formatReport(report, 'sarif', { sourceRoot: root, toolVersion: '1.2.3' }))).toEqual(log);
  });

  it('validates against the official SARIF 2.1.0 schema for the review of a real plan', () => {
    expect(report.stacks[0].findings.length).toBeGreaterThan(0);
    expect(report.stacks[0].suppressed.length).toBeGreaterThan(0);

    expect(validate(log)).toEqual([]);
  });

  it('writes one run with the tool, its version and where to read about it', () => {
    expect(log.version).toBe('2.1.0');
    expect(log.runs).toHaveLength(1);
    expect(log.runs[0].tool.driver).toMatchObject({ name: 'llm-platform review', version: '1.2.3', informationUri: expect.stringMatching(/^https:\/\//) });
  });

  it("describes every rule of the pack: id, name, the rule's info and explanation, help, level, security-severity, tags", () => {
    const rules = log.runs[0].tool.driver.rules ?? [];

    expect(rules.map((rule) => rule.id)).toEqual(RULES.map((rule) => rule.id));
    for (const [index, rule] of RULES.entries()) {
      expect(rules[index]).toEqual({
        id: rule.id,
        name: expect.stringMatching(/^[A-Z][A-Za-z]+$/),
        shortDescription: { text: rule.info },
        fullDescription: { text: rule.explanation },
        help: { text: expect.stringContaining(rule.explanation), markdown: expect.stringContaining(`--suppress ${rule.id}:ADDRESS=REASON`) },
        defaultConfiguration: { level: expect.stringMatching(/^(error|warning|note)$/) },
        properties: { 'security-severity': expect.stringMatching(/^(9|6|3)\.0$/), tags: expect.arrayContaining(['terraform']) },
      });
    }
    expect(rules.find((rule) => rule.id === 'destructive-change')?.properties?.['security-severity']).toBe('9.0');
    expect(rules.find((rule) => rule.id === 'missing-tags')?.defaultConfiguration?.level).toBe('note');
  });

  it('has SARIF metadata for exactly the rules of the pack, so a new rule cannot go out unranked', () => {
    expect(Object.keys(RULE_METADATA).sort()).toEqual(RULES.map((rule) => rule.id).sort());
  });

  it('gives one result per finding and per suppressed finding, pointing at its rule', () => {
    const stack = report.stacks[0];
    expect(results).toHaveLength(stack.findings.length + stack.suppressed.length);
    for (const result of results) {
      expect(log.runs[0].tool.driver.rules?.[result.ruleIndex ?? -1]?.id).toBe(result.ruleId);
    }
    expect(results.map((result) => result.message.text)).toContain(`${stack.findings[0].address} in ${STACK}: ${stack.findings[0].message}`);
  });

  it('points at the line of cdk.tf.json that declares the resource, relative to the repository root', () => {
    const configuration = readFileSync(join(dir, 'cdk.tf.json'), 'utf8').split('\n');
    const versioning = results.find((result) => result.properties?.address === 'aws_s3_bucket_versioning.OutputBucket_Versioning_F9BEC495');
    const physical = versioning?.locations?.[0].physicalLocation;

    expect(physical?.artifactLocation).toEqual({ uri: `cdktf.out/stacks/${STACK}/cdk.tf.json`, uriBaseId: '%SRCROOT%' });
    const line = physical?.region?.startLine ?? 0;
    expect(configuration[line - 1]).toMatch(/^\s*"OutputBucket_Versioning_F9BEC495": \{$/);
    // The resource's type block encloses that line.
    expect(
      configuration
        .slice(0, line - 1)
        .reverse()
        .find((text) => /^ {4}"\w+": \{$/.test(text)),
    ).toBe('    "aws_s3_bucket_versioning": {');
  });

  it('falls back to the first line of the plan when the stack directory has no cdk.tf.json', () => {
    const bare = mkdtempSync(join(tmpdir(), 'review-sarif-bare-'));
    try {
      const planOnly = reviewSarifLog(reviewFiles({ plans: [stackDirectory(bare, { configuration: false })] }), { sourceRoot: bare });

      expect(validate(planOnly)).toEqual([]);
      for (const result of planOnly.runs[0].results ?? []) {
        expect(result.locations?.[0].physicalLocation).toEqual({
          artifactLocation: { uri: `cdktf.out/stacks/${STACK}/plan.json`, uriBaseId: '%SRCROOT%' },
          region: { startLine: 1 },
        });
      }
    } finally {
      rmSync(bare, { recursive: true, force: true });
    }
  });

  it('names the resource as a logical location <stack>/<address>', () => {
    for (const result of results) {
      expect(result.locations?.[0].logicalLocations).toEqual([{ fullyQualifiedName: `${STACK}/${String(result.properties?.address)}`, kind: 'resource' }]);
    }
  });

  it('keeps suppressed findings as results with an external suppression and its reason', () => {
    const suppressed = results.filter((result) => result.suppressions);

    expect(suppressed.map((result) => result.properties?.address)).toEqual(['aws_vpc.Vpc_FB0DB6AD']);
    expect(suppressed[0].suppressions).toEqual([{ kind: 'external', status: 'accepted', justification: SUPPRESSION.reason }]);
    expect(results.filter((result) => !result.suppressions)).toHaveLength(report.stacks[0].findings.length);
  });

  it('maps severities to levels: high to error, medium to warning, low to note', () => {
    const sample = reviewSarifLog(SAMPLE_REPORT).runs[0].results ?? [];
    const levelOf = (address: string) => sample.find((result) => result.properties?.address === address)?.level;

    expect(levelOf('aws_s3_bucket.data')).toBe('error');
    expect(levelOf('aws_security_group.web')).toBe('warning');
    expect(levelOf('aws_sqs_queue.jobs')).toBe('note');
  });

  it('fingerprints each finding the same way on every run and machine, and no two alike', () => {
    const elsewhere = mkdtempSync(join(tmpdir(), 'review-sarif-again-'));
    try {
      const again = reviewSarifLog(reviewFiles({ plans: [stackDirectory(elsewhere)] }, { suppressions: [SUPPRESSION] }), { sourceRoot: elsewhere });
      const fingerprints = (run: Log) => (run.runs[0].results ?? []).map((result: Result) => result.partialFingerprints?.[REVIEW_FINGERPRINT]);

      expect(fingerprints(again)).toEqual(fingerprints(log));
      expect(new Set(fingerprints(log)).size).toBe(results.length);
      expect(fingerprints(log).every((value) => /^[0-9a-f]{64}$/.test(value ?? ''))).toBe(true);
    } finally {
      rmSync(elsewhere, { recursive: true, force: true });
    }
  });

  it('leaves out the physical location of inputs that are not files, and stays valid', () => {
    const inMemory: Report = { stacks: [{ ...SAMPLE_REPORT.stacks[1], sources: ['plan of prod-eu-west-1'] }] };
    const sarif = reviewSarifLog(inMemory);

    expect(validate(sarif)).toEqual([]);
    expect(sarif.runs[0].results?.[0].locations).toEqual([
      { logicalLocations: [{ fullyQualifiedName: 'prod-eu-west-1/aws_s3_bucket.data', kind: 'resource' }] },
    ]);
  });

  it('is an empty run, still valid, when there is nothing to report', () => {
    const empty = reviewSarifLog({ stacks: [] });

    expect(validate(empty)).toEqual([]);
    expect(empty.runs[0].results).toEqual([]);
  });
});

describe('the SARIF schema check', () => {
  const validate = sarifValidator();
  const valid = (): Log => reviewSarifLog(SAMPLE_REPORT);

  it('rejects a result without a message', () => {
    const log = valid();
    delete (log.runs[0].results?.[0] as Partial<Result>).message;

    expect(validate(log)).toContain("/runs/0/results/0: must have required property 'message'");
  });

  it('rejects a level SARIF does not know and a suppression without its kind', () => {
    const log = JSON.parse(JSON.stringify(valid())) as { runs: Array<{ results: Array<Record<string, unknown>> }> };
    log.runs[0].results[0].level = 'critical';
    log.runs[0].results[1].suppressions = [{ justification: 'no kind given here' }];

    const problems = validate(log);

    expect(problems).toContain('/runs/0/results/0/level: must be equal to one of the allowed values');
    expect(problems).toContain("/runs/0/results/1/suppressions/0: must have required property 'kind'");
  });

  it('rejects a log of another SARIF version', () => {
    expect(validate({ ...valid(), version: '2.0.0' })).toContain('/version: must be equal to one of the allowed values');
  });
});
