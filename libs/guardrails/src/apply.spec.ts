import { CloudwatchLogGroup } from '@cdktf/provider-aws/lib/cloudwatch-log-group';
import { AwsProvider } from '@cdktf/provider-aws/lib/provider';
import { S3Bucket } from '@cdktf/provider-aws/lib/s3-bucket';
import { SnsTopic } from '@cdktf/provider-aws/lib/sns-topic';
import { App, TerraformStack, Testing } from 'cdktf';
import { existsSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, relative } from 'node:path';
import { applyGuardrails } from './apply';
import { setGuardrailContext } from './context';
import { GuardrailError } from './errors';
import { REGION, STANDARD_TAGS } from './spec-helpers';

function addStack(app: App, name: string, build: (stack: TerraformStack) => void, production?: boolean): TerraformStack {
  const stack = new TerraformStack(app, name);
  if (production !== undefined) setGuardrailContext(stack, { production });
  new AwsProvider(stack, 'aws', { region: REGION, defaultTags: [{ tags: { ...STANDARD_TAGS } }] });
  build(stack);
  return stack;
}

describe('applyGuardrails', () => {
  let outdir: string;
  beforeEach(() => {
    outdir = mkdtempSync(join(tmpdir(), 'guardrails-spec-'));
  });
  afterEach(() => rmSync(outdir, { recursive: true, force: true }));

  it('fails app.synth with every error of every stack at once: rule, construct, what is wrong, how to fix it', () => {
    const app = new App({ outdir });
    addStack(app, 'dev-a', (stack) => new SnsTopic(stack, 'Topic', { name: 'plain' }), false);
    addStack(app, 'dev-b', (stack) => new CloudwatchLogGroup(stack, 'Logs', { name: 'forever' }), false);
    const report = applyGuardrails(app, { log: () => undefined });

    let thrown: unknown;
    try {
      app.synth();
    } catch (error) {
      thrown = error;
    }

    expect(thrown).toBeInstanceOf(GuardrailError);
    expect((thrown as GuardrailError).name).toBe('GuardrailError');
    expect((thrown as GuardrailError).message).toBe(
      [
        'Guardrails: 2 errors stop the synth (rule, construct, what is wrong, how to fix it):',
        '  [sns-encryption] dev-a/Topic (aws_sns_topic.Topic): stores messages unencrypted: kms_master_key_id is not set. ' +
          'Fix: set kms_master_key_id to a KMS key whose policy lets the publishing services use it (AlertTopic from @llm/constructs/budgets creates one), or alias/aws/sns where no AWS service publishes.',
        '  [log-group-retention] dev-b/Logs (aws_cloudwatch_log_group.Logs): keeps log events forever: retention_in_days is not set (or 0). ' +
          "Fix: set retention_in_days to one of the CloudWatch Logs periods (LOG_RETENTION_DAYS in @llm/config), normally the environment's logging.retentionDays.",
        "To accept a finding deliberately: suppressRule(construct, '<rule-id>', '<why, at least ten characters>') from @llm/guardrails.",
      ].join('\n'),
    );
    expect(report.errors.map((finding) => finding.ruleId)).toEqual(['sns-encryption', 'log-group-retention']);
  });

  it('prints the warnings once per synth, one line each, and writes the report next to the manifest', () => {
    const app = new App({ outdir });
    for (const region of ['eu-west-1', 'us-east-1']) {
      addStack(app, `prod-${region}`, (stack) => new CloudwatchLogGroup(stack, 'Logs', { name: 'api', retentionInDays: 30 }), true);
    }
    const printed: string[] = [];
    applyGuardrails(app, { log: (text) => printed.push(text) });

    app.synth();

    expect(printed).toEqual([
      [
        'Guardrails: 2 warnings (synth continues; fixes in guardrails.json):',
        "  [log-group-kms] prod-eu-west-1/Logs: is encrypted with CloudWatch Logs' own key, not a customer-managed KMS key (kms_key_id is not set)",
        "  [log-group-kms] prod-us-east-1/Logs: is encrypted with CloudWatch Logs' own key, not a customer-managed KMS key (kms_key_id is not set)",
      ].join('\n'),
    ]);
    const written = JSON.parse(readFileSync(join(outdir, 'guardrails.json'), 'utf8'));
    expect(written).toMatchObject({ stacks: ['prod-eu-west-1', 'prod-us-east-1'], errors: [], suppressed: [] });
    expect(written.warnings).toHaveLength(2);
    expect(written.rules).toContain('log-group-kms');
  });

  it('prints one line with the count and the report file when asked for a summary', () => {
    const app = new App({ outdir });
    addStack(app, 'prod-a', (stack) => new CloudwatchLogGroup(stack, 'Logs', { name: 'api', retentionInDays: 30 }), true);
    const printed: string[] = [];
    applyGuardrails(app, { log: (text) => printed.push(text), warningOutput: 'summary' });

    app.synth();

    expect(printed).toEqual([`Guardrails: 1 accepted warning, see ${relative(process.cwd(), join(outdir, 'guardrails.json'))}`]);
  });

  it('prints nothing and passes when everything complies', () => {
    const app = new App({ outdir });
    addStack(app, 'dev-a', (stack) => new CloudwatchLogGroup(stack, 'Logs', { name: 'api', retentionInDays: 30 }), false);
    const printed: string[] = [];
    const report = applyGuardrails(app, { log: (text) => printed.push(text), reportFile: false });

    app.synth();

    expect(printed).toEqual([]);
    expect(report.findings).toEqual([]);
    expect(report.stacks).toEqual(['dev-a']);
    expect(existsSync(join(outdir, 'guardrails.json'))).toBe(false);
  });

  it('applies production rules, with a warning, to a stack that does not say whether it is production', () => {
    const app = new App({ outdir });
    addStack(app, 'unknown', (stack) => new CloudwatchLogGroup(stack, 'Logs', { name: 'api', retentionInDays: 30 }));
    const report = applyGuardrails(app, { log: () => undefined });

    app.synth();

    expect(report.warnings.map((finding) => `${finding.ruleId} ${finding.path}`)).toEqual(['guardrail-context unknown', 'log-group-kms unknown/Logs']);
  });

  it('lets the production option decide per stack, over the context', () => {
    const app = new App({ outdir });
    addStack(app, 'prod-x', (stack) => new CloudwatchLogGroup(stack, 'Logs', { name: 'api', retentionInDays: 30 }), false);
    const report = applyGuardrails(app, { production: (stack) => stack.node.id.startsWith('prod-'), log: () => undefined });

    app.synth();

    expect(report.warnings.map((finding) => finding.ruleId)).toEqual(['log-group-kms']);
  });

  it('fails a stack added after applyGuardrails, which no rule saw', () => {
    const app = new App({ outdir });
    addStack(app, 'early', () => undefined, false);
    applyGuardrails(app, { log: () => undefined });
    addStack(app, 'late', (stack) => new S3Bucket(stack, 'Bucket', { bucket: 'unchecked' }), false);

    expect(() => app.synth()).toThrow(
      '[unguarded-stack] late: was added to the app after applyGuardrails(), so no rule checked it. Fix: call applyGuardrails(app) after every stack has been added, just before app.synth().',
    );
  });

  it('refuses to be applied twice, and refuses an app that skips validations', () => {
    const app = new App({ outdir });
    applyGuardrails(app, { log: () => undefined });

    expect(() => applyGuardrails(app)).toThrow('applyGuardrails() was already called on the app; call it once, after every stack has been added');
    expect(() => applyGuardrails(new App({ outdir, skipValidation: true }))).toThrow(
      'applyGuardrails() needs App validations (they report the findings): remove skipValidation from the App configuration',
    );
  });

  it('reports findings once even when a stack is synthesized twice', () => {
    const stack = new TerraformStack(Testing.app(), 'stack');
    new AwsProvider(stack, 'aws', { region: REGION, defaultTags: [{ tags: { ...STANDARD_TAGS } }] });
    new SnsTopic(stack, 'Topic', { name: 'plain' });
    const report = applyGuardrails(stack, { production: false, log: () => undefined });

    Testing.synth(stack);
    expect(() => Testing.synth(stack, true)).toThrow(GuardrailError);

    expect(report.errors).toHaveLength(1);
  });
});
