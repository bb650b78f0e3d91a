/**
 * The left-out list (EMULATOR_LEFT_OUT) stays true: every listed type, applied on its own into a
 * fresh emulator with the emulator mode's provider, still fails (or hangs past its bound). A type
 * that applies fails this test: the emulator has learnt it, so take it off the list. Unlisted
 * types are proven by the environments' full applies in the other emulator specs.
 */
import { AccessanalyzerAnalyzer } from '@cdktf/provider-aws/lib/accessanalyzer-analyzer';
import { BudgetsBudget } from '@cdktf/provider-aws/lib/budgets-budget';
import { CeAnomalyMonitor } from '@cdktf/provider-aws/lib/ce-anomaly-monitor';
import { CeAnomalySubscription } from '@cdktf/provider-aws/lib/ce-anomaly-subscription';
import { CodeconnectionsConnection } from '@cdktf/provider-aws/lib/codeconnections-connection';
import { AwsProvider } from '@cdktf/provider-aws/lib/provider';
import { S3Bucket } from '@cdktf/provider-aws/lib/s3-bucket';
import { S3BucketPolicy } from '@cdktf/provider-aws/lib/s3-bucket-policy';
import { S3Object } from '@cdktf/provider-aws/lib/s3-object';
import { tlsOnlyPolicy } from '@llm/constructs/storage';
import { describeWithEmulator, startTestEmulator, type TestEmulator } from '@llm/emulator/testing';
import { EMULATOR_LEFT_OUT } from '@llm/stacks';
import {
  applyStack,
  emulatorProviderSettings,
  findProviderMirror,
  mapWithConcurrency,
  terraformEnvironment,
  writeCliConfig,
  type StackApplyResult,
} from '@llm/terraform';
import { App, TerraformStack } from 'cdktf';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

const ACCOUNT = '111111111111';
const REGION = 'us-east-1';
/** A type that only hangs counts as failing once this bound is reached. */
const PROBE_TIMEOUT_MS = 90_000;

/** The smallest use of each left-out type that a real account would accept. */
const PROBES: Record<string, (stack: TerraformStack) => void> = {
  aws_accessanalyzer_analyzer: (stack) => new AccessanalyzerAnalyzer(stack, 'Probe', { analyzerName: 'probe' }),
  aws_budgets_budget: (stack) =>
    new BudgetsBudget(stack, 'Probe', {
      name: 'probe',
      accountId: ACCOUNT,
      budgetType: 'COST',
      limitAmount: '10',
      limitUnit: 'USD',
      timeUnit: 'MONTHLY',
      notification: [
        {
          comparisonOperator: 'GREATER_THAN',
          threshold: 80,
          thresholdType: 'PERCENTAGE',
          notificationType: 'ACTUAL',
          subscriberEmailAddresses: ['probe@example.com'],
        },
      ],
    }),
  aws_ce_anomaly_monitor: (stack) => new CeAnomalyMonitor(stack, 'Probe', { name: 'probe', monitorType: 'DIMENSIONAL', monitorDimension: 'SERVICE' }),
  aws_ce_anomaly_subscription: (stack) =>
    new CeAnomalySubscription(stack, 'Probe', {
      name: 'probe',
      accountId: ACCOUNT,
      frequency: 'DAILY',
      monitorArnList: [`arn:aws:ce::${ACCOUNT}:anomalymonitor/00000000-0000-0000-0000-000000000000`],
      subscriber: [{ type: 'EMAIL', address: 'probe@example.com' }],
      thresholdExpression: { dimension: { key: 'ANOMALY_TOTAL_IMPACT_ABSOLUTE', matchOptions: ['GREATER_THAN_OR_EQUAL'], values: ['100'] } },
    }),
  aws_codeconnections_connection: (stack) => new CodeconnectionsConnection(stack, 'Probe', { name: 'probe', providerType: 'GitHub' }),
  // The policy applies; what fails is every object request after it, Terraform's own state included.
  aws_s3_bucket_policy: (stack) => {
    const bucket = new S3Bucket(stack, 'Bucket', { bucket: `probe-policy-${ACCOUNT}`, forceDestroy: true });
    const policy = new S3BucketPolicy(stack, 'Probe', { bucket: bucket.id, policy: JSON.stringify(tlsOnlyPolicy(bucket.arn)) });
    new S3Object(stack, 'Object', { bucket: bucket.id, key: 'probe.txt', content: 'probe', dependsOn: [policy] });
  },
};

describeWithEmulator('resource types left out in emulator mode', () => {
  let emulator: TestEmulator | undefined;
  let dir: string;
  const results = new Map<string, StackApplyResult>();

  beforeAll(async () => {
    emulator = await startTestEmulator();
    dir = mkdtempSync(join(tmpdir(), 'left-out-'));
    const env = terraformEnvironment({ cliConfigFile: writeCliConfig(join(dir, 'cli'), findProviderMirror()) });
    const app = new App({ outdir: join(dir, 'out') });
    const url = emulator.url;
    for (const [type, build] of Object.entries(PROBES)) {
      const stack = new TerraformStack(app, type);
      new AwsProvider(stack, 'Aws', { region: REGION, ...emulatorProviderSettings(url, ACCOUNT, 'probe') });
      build(stack);
    }
    app.synth();
    await mapWithConcurrency(Object.keys(PROBES), 3, async (type) => {
      results.set(type, await applyStack(type, join(dir, 'out', 'stacks', type), env, { timeoutMs: PROBE_TIMEOUT_MS }));
    });
  }, 10 * 60_000);

  afterAll(async () => {
    await emulator?.stop();
    if (dir) rmSync(dir, { recursive: true, force: true });
  });

  it('has a probe for every listed type, and lists no type without one', () => {
    expect(Object.keys(PROBES).sort()).toEqual(Object.keys(EMULATOR_LEFT_OUT).sort());
  });

  it.each(Object.keys(EMULATOR_LEFT_OUT))('%s still fails in the emulator (else take it off the list)', (type) => {
    const result = results.get(type);
    expect(result).toBeDefined();
    expect({ type, applied: result?.ok }).toEqual({ type, applied: false });
    // It fails in the emulator, not in our configuration: the plan was valid and Terraform got to apply.
    if (result && !result.ok) expect({ type, step: result.failedStep }).toEqual({ type, step: 'apply' });
  });
});
