import { CloudwatchLogGroup } from '@cdktf/provider-aws/lib/cloudwatch-log-group';
import { AwsProvider } from '@cdktf/provider-aws/lib/provider';
import { SnsTopic } from '@cdktf/provider-aws/lib/sns-topic';
import { sarifValidator } from '@llm/review/testing';
import { App, TerraformStack } from 'cdktf';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Log } from 'sarif';
import { applyGuardrails } from '../apply';
import { setGuardrailContext } from '../context';
import { GUARDRAIL_RULES } from '../pack';
import { META_RULES } from '../report';
import { REGION, STANDARD_TAGS } from '../spec-helpers';
import { suppressRule } from '../suppressions';
import { SECURITY_RULE_IDS } from './descriptors';
import { GUARDRAILS_FINGERPRINT, guardrailSarifLog } from './log';
import { GuardrailReportFormatError, parseGuardrailReport, type GuardrailReportJson } from './report-json';

const validate = sarifValidator();

function addStack(app: App, name: string, production: boolean | undefined, build: (stack: TerraformStack) => void): void {
  const stack = new TerraformStack(app, name);
  if (production !== undefined) setGuardrailContext(stack, { production });
  new AwsProvider(stack, 'aws', { region: REGION, defaultTags: [{ tags: { ...STANDARD_TAGS } }] });
  build(stack);
}

/** What a synth that fails on its guardrails leaves in cdktf.out/guardrails.json: errors, warnings, a suppression. */
function synthesizedReport(): GuardrailReportJson {
  const outdir = mkdtempSync(join(tmpdir(), 'guardrails-sarif-'));
  try {
    const app = new App({ outdir });
    addStack(app, 'dev-a', false, (stack) => {
      new SnsTopic(stack, 'Topic', { name: 'plain' });
      const logs = new CloudwatchLogGroup(stack, 'Logs', { name: 'forever' });
      suppressRule(logs, 'log-group-retention', 'kept forever for the audit trail, by decision OPS-7');
    });
    addStack(app, 'prod-b', true, (stack) => new CloudwatchLogGroup(stack, 'Logs', { name: 'api', retentionInDays: 30 }));
    addStack(app, 'unsaid', undefined, () => undefined);
    applyGuardrails(app, { log: () => undefined });
    // The synth fails on the error, after writing the report: the case CI uploads.
    let failed = false;
    try {
      app.synth();
    } catch {
      failed = true;
    }
    if (!failed) throw new Error('the synth was expected to fail on the sns-encryption error');
    return parseGuardrailReport(JSON.parse(readFileSync(join(outdir, 'guardrails.json'), 'utf8')));
  } finally {
    rmSync(outdir, { recursive: true, force: true });
  }
}

describe('guardrailSarifLog', () => {
  const report = synthesizedReport();
  const locate = (stack: string, address: string | undefined) =>
    stack === 'unsaid'
      ? undefined
      : { artifactLocation: { uri: `cdktf.out/stacks/${stack}/cdk.tf.json`, uriBaseId: '%SRCROOT%' }, startLine: address ? 42 : 1 };
  const log = guardrailSarifLog(report, { toolVersion: '1.2.3', locate, report: { uri: 'cdktf.out/guardrails.json', uriBaseId: '%SRCROOT%' } });
  const results = log.runs[0].results ?? [];
  const resultOf = (ruleId: string) => results.find((result) => result.ruleId === ruleId);

  it('turns a real report with errors, warnings and a suppression into SARIF the official 2.1.0 schema accepts', () => {
    expect(report.errors.map((finding) => finding.ruleId)).toEqual(['sns-encryption']);
    expect(report.warnings.map((finding) => finding.ruleId).sort()).toEqual(['guardrail-context', 'log-group-kms']);
    expect(report.suppressed.map((finding) => finding.ruleId)).toEqual(['log-group-retention']);

    expect(validate(log)).toEqual([]);
    expect(log.runs[0].tool.driver).toMatchObject({ name: 'llm-platform guardrails', version: '1.2.3', informationUri: expect.stringMatching(/^https:\/\//) });
  });

  it('describes every rule of the pack and the meta rules: texts, level, security-severity, tags', () => {
    const rules = log.runs[0].tool.driver.rules ?? [];

    expect(rules.map((rule) => rule.id)).toEqual([...GUARDRAIL_RULES.map((rule) => rule.id), ...Object.values(META_RULES)]);
    for (const rule of GUARDRAIL_RULES) {
      expect(rules.find((descriptor) => descriptor.id === rule.id)).toEqual({
        id: rule.id,
        name: expect.stringMatching(/^[A-Z][A-Za-z0-9]+$/),
        shortDescription: { text: rule.info },
        fullDescription: { text: expect.stringContaining(rule.explanation) },
        help: { text: expect.stringContaining(rule.explanation), markdown: expect.stringContaining(`suppressRule(construct, '${rule.id}'`) },
        defaultConfiguration: { level: rule.level },
        properties: { 'security-severity': rule.level === 'error' ? '9.0' : '6.0', tags: expect.arrayContaining(['terraform', 'guardrails']) },
      });
    }
    expect(rules.find((rule) => rule.id === 'log-group-kms')?.properties?.tags).toEqual(['terraform', 'guardrails', 'security', 'production']);
    expect(rules.find((rule) => rule.id === 'required-tags')?.properties?.tags).toEqual(['terraform', 'guardrails']);
  });

  it('tags as security only rules that exist', () => {
    const known = new Set([...GUARDRAIL_RULES.map((rule) => rule.id), ...Object.values<string>(META_RULES)]);
    expect([...SECURITY_RULE_IDS].filter((id) => !known.has(id))).toEqual([]);
  });

  it('gives one result per error, warning and suppressed finding, at its level and rule', () => {
    expect(results.map((result) => [result.ruleId, result.level])).toEqual([
      ['sns-encryption', 'error'],
      ...report.warnings.map((finding) => [finding.ruleId, 'warning']),
      ['log-group-retention', 'error'],
    ]);
    for (const result of results) expect(log.runs[0].tool.driver.rules?.[result.ruleIndex ?? -1]?.id).toBe(result.ruleId);
    expect(resultOf('sns-encryption')?.message.text).toBe(`dev-a/Topic (aws_sns_topic.Topic): ${report.errors[0].problem}. Fix: ${report.errors[0].fix}.`);
  });

  it('names the construct path as the logical location, and points at the cdk.tf.json the caller finds', () => {
    expect(resultOf('sns-encryption')?.locations).toEqual([
      {
        physicalLocation: { artifactLocation: { uri: 'cdktf.out/stacks/dev-a/cdk.tf.json', uriBaseId: '%SRCROOT%' }, region: { startLine: 42 } },
        logicalLocations: [{ fullyQualifiedName: 'dev-a/Topic', kind: 'resource' }],
      },
    ]);
  });

  it('points at the report itself when the stack cannot be found, and has no file when no report is named', () => {
    expect(resultOf('guardrail-context')?.locations).toEqual([
      {
        physicalLocation: { artifactLocation: { uri: 'cdktf.out/guardrails.json', uriBaseId: '%SRCROOT%' }, region: { startLine: 1 } },
        logicalLocations: [{ fullyQualifiedName: 'unsaid', kind: 'module' }],
      },
    ]);
    const bare = guardrailSarifLog(report);
    expect(validate(bare)).toEqual([]);
    expect(bare.runs[0].results?.every((result) => result.locations?.[0].physicalLocation === undefined)).toBe(true);
  });

  it('keeps a suppressed finding with its reason, as a suppression in source', () => {
    expect(resultOf('log-group-retention')?.suppressions).toEqual([
      {
        kind: 'inSource',
        status: 'accepted',
        justification: 'kept forever for the audit trail, by decision OPS-7',
        properties: { suppressedAt: 'dev-a/Logs' },
      },
    ]);
    expect(results.filter((result) => result.suppressions)).toHaveLength(1);
  });

  it('fingerprints each finding the same way on every synth, and no two alike', () => {
    const again = guardrailSarifLog(synthesizedReport());
    const fingerprints = (sarif: Log) => (sarif.runs[0].results ?? []).map((result) => result.partialFingerprints?.[GUARDRAILS_FINGERPRINT]);

    expect(fingerprints(again)).toEqual(fingerprints(log));
    expect(new Set(fingerprints(log)).size).toBe(results.length);
  });

  it('names a rule this pack does not know by its id alone', () => {
    const newer = guardrailSarifLog({ ...report, errors: [{ ...report.errors[0], ruleId: 'rule-of-a-newer-pack' }] });
    const result = newer.runs[0].results?.[0];

    expect(result?.ruleId).toBe('rule-of-a-newer-pack');
    expect(result?.ruleIndex).toBeUndefined();
    expect(validate(newer)).toEqual([]);
  });
});

describe('parseGuardrailReport', () => {
  const minimal = { rules: ['sns-encryption'], stacks: ['dev-a'], errors: [], warnings: [], suppressed: [] };
  const finding = { ruleId: 'sns-encryption', level: 'error', stack: 'dev-a', path: 'dev-a/Topic', problem: 'unencrypted', fix: 'encrypt it' };
  const problem = (value: unknown) => {
    try {
      parseGuardrailReport(value);
    } catch (error) {
      expect(error).toBeInstanceOf(GuardrailReportFormatError);
      return (error as Error).message;
    }
    throw new Error('parsed');
  };

  it('reads back what the synth writes', () => {
    expect(parseGuardrailReport({ ...minimal, errors: [finding] }).errors).toEqual([finding]);
  });

  it('refuses a plan, a list, and an object without the report lists, saying what was expected', () => {
    expect(problem({ format_version: '1.2', resource_changes: [] })).toBe(
      'is Terraform JSON (a plan or state), not a guardrail report; pass plans without --guardrails',
    );
    expect(problem([])).toMatch(/^is JSON array, not a guardrail report; expected \{ rules, stacks, errors, warnings, suppressed \}/);
    expect(problem({ rules: [] })).toMatch(/^is JSON but not a guardrail report \(no stacks, errors, warnings, suppressed list\)/);
  });

  it('names the field that is wrong', () => {
    expect(problem({ ...minimal, warnings: [{ ...finding, level: 'fatal' }] })).toBe('warnings[0].level must be error or warning, got "fatal"');
    expect(problem({ ...minimal, errors: [{ ...finding, path: 3 }] })).toBe('errors[0].path must be a non-empty string, got 3');
    expect(problem({ ...minimal, suppressed: [finding] })).toBe('suppressed[0].reason must be a non-empty string, got undefined');
  });
});
