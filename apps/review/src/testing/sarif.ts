/**
 * Test helpers for the SARIF outputs of the command: the validator for the vendored official SARIF
 * 2.1.0 schema (from @llm/review/testing), and a real guardrail report with errors, warnings and a suppression, written by a
 * failing synth the way `npm start` leaves cdktf.out (stacks/<stack>/cdk.tf.json, guardrails.json).
 */
import { CloudwatchLogGroup } from '@cdktf/provider-aws/lib/cloudwatch-log-group';
import { AwsProvider } from '@cdktf/provider-aws/lib/provider';
import { SnsTopic } from '@cdktf/provider-aws/lib/sns-topic';
import { applyGuardrails, setGuardrailContext, suppressRule } from '@llm/guardrails';
import { App, TerraformStack } from 'cdktf';

/** The one validator of the vendored official schema, shared with libs/review's own SARIF tests. */
export { sarifValidator } from '@llm/review/testing';

const TAGS = { Project: 'llm-platform', Environment: 'dev', Region: 'eu-west-1', Owner: 'platform-team', CostCenter: 'CC-1001', ManagedBy: 'terraform-cdktf' };

/**
 * Synthesizes into `outdir`: dev-a with an unencrypted topic (error) and a suppressed log group
 * without retention, prod-b with a log group on the service key (warning). The synth fails on the
 * error after writing every stack and the report, as it does in CI.
 */
export function writeGuardrailReport(outdir: string): void {
  const app = new App({ outdir });
  const stack = (name: string, production: boolean) => {
    const created = new TerraformStack(app, name);
    setGuardrailContext(created, { production });
    new AwsProvider(created, 'aws', { region: 'eu-west-1', defaultTags: [{ tags: TAGS }] });
    return created;
  };
  const dev = stack('dev-a', false);
  new SnsTopic(dev, 'Topic', { name: 'plain' });
  suppressRule(new CloudwatchLogGroup(dev, 'Logs', { name: 'forever' }), 'log-group-retention', 'kept forever for the audit trail, by decision OPS-7');
  new CloudwatchLogGroup(stack('prod-b', true), 'Logs', { name: 'api', retentionInDays: 30 });
  applyGuardrails(app, { log: () => undefined });
  try {
    app.synth();
  } catch {
    return;
  }
  throw new Error('the synth was expected to fail on the sns-encryption error');
}
