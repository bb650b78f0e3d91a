/**
 * The guardrail rule pack over every environment's stacks: no errors, only warnings we have
 * accepted (and listed in the README); a deliberately unsafe change fails the synth with what to
 * fix; and no synthesized stack holds anything shaped like a secret.
 */
import { AwsProvider } from '@cdktf/provider-aws/lib/provider';
import { IamRolePolicy } from '@cdktf/provider-aws/lib/iam-role-policy';
import { S3Bucket } from '@cdktf/provider-aws/lib/s3-bucket';
import { SnsTopic } from '@cdktf/provider-aws/lib/sns-topic';
import { applyGuardrails, checkSecretHygieneFiles, formatSecretFindings, GuardrailError, type GuardrailReport } from '@llm/guardrails';
import { addEnvironmentStacks, ProjectStack, RegionalStack, type DeploymentMode } from '@llm/stacks';
import { App } from 'cdktf';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { environmentsUnderTest } from './testing';

/** Warnings the current stacks produce on purpose, by rule, with the reason (README, "Guardrails"). */
const ACCEPTED_WARNINGS: Readonly<Record<string, string>> = {
  'log-group-kms':
    "production log groups use CloudWatch Logs' own key until a logs KMS key (with a key policy for logs.<region>.amazonaws.com) is added per region",
};

interface Synthesized {
  readonly app: App;
  readonly report: GuardrailReport;
  readonly printed: string[];
  readonly outdir: string;
}

function synthesizeAll(mode: DeploymentMode): { app: App; stacks: ProjectStack[]; outdir: string } {
  const outdir = mkdtempSync(join(tmpdir(), 'guardrails-env-'));
  const app = new App({ outdir });
  return { app, stacks: environmentsUnderTest().flatMap((env) => addEnvironmentStacks(app, env, mode)), outdir };
}

function synthesizeGuarded(mode: DeploymentMode, change?: (stacks: ProjectStack[]) => void): Synthesized {
  const { app, stacks, outdir } = synthesizeAll(mode);
  change?.(stacks);
  const printed: string[] = [];
  // Production-ness from each stack's own configuration, whether or not the stacks set the guardrail context themselves.
  const report = applyGuardrails(app, {
    production: (stack) => (stack instanceof ProjectStack ? stack.env.production : undefined),
    log: (text) => printed.push(text),
  });
  return { app, report, printed, outdir };
}

describe('guardrails over every environment', () => {
  const outdirs: string[] = [];
  afterAll(() => outdirs.forEach((dir) => rmSync(dir, { recursive: true, force: true })));

  it.each<DeploymentMode>(['offline', 'real'])('synthesize with no errors and only accepted warnings (%s mode)', (mode) => {
    const { app, report, printed, outdir } = synthesizeGuarded(mode);
    outdirs.push(outdir);

    app.synth();

    expect(report.errors).toEqual([]);
    expect(report.stacks.length).toBe(environmentsUnderTest().reduce((sum, env) => sum + 2 + env.regions.length, 0));
    const unexpected = report.warnings.filter((warning) => !(warning.ruleId in ACCEPTED_WARNINGS));
    expect(unexpected).toEqual([]);
    if (mode === 'offline') {
      // The list for the README: printed once per synth by the pack itself.
      console.log(printed.join('\n') || 'Guardrails: no warnings');
    }
  });

  it('hold no secret-shaped value and no Terraform-managed secret in any synthesized stack', () => {
    // Without the rule pack: this check stands on its own, as it does in the planner.
    const { app, outdir } = synthesizeAll('offline');
    outdirs.push(outdir);
    app.synth();

    const result = checkSecretHygieneFiles([join(outdir, 'stacks')]);

    expect(formatSecretFindings(result)).toBe(`Secret hygiene: no secret-like values in ${result.files.length} file(s).`);
    expect(result.files.length).toBeGreaterThanOrEqual(3);
  });

  it('fail the synth on a deliberately unsafe change, saying what is wrong and how to fix it', () => {
    const { app, report, outdir } = synthesizeGuarded('offline', (stacks) => {
      const regional = stacks.find((stack): stack is RegionalStack => stack instanceof RegionalStack) as RegionalStack;
      // A wildcard action on the pipeline's role.
      new IamRolePolicy(regional, 'WildcardPolicy', {
        role: regional.apiRole.role.name,
        policy: JSON.stringify({ Version: '2012-10-17', Statement: [{ Sid: 'AllOfS3', Effect: 'Allow', Action: 's3:*', Resource: '*' }] }),
      });
      // A bucket made without SecureBucket.
      new S3Bucket(regional, 'ScratchBucket', { bucket: 'llm-platform-scratch' });
      // A second provider without the default tags, and a resource that uses it.
      const untagged = new AwsProvider(regional, 'UsEast1', { region: 'us-east-1', alias: 'us_east_1' });
      new SnsTopic(regional, 'UntaggedTopic', { name: 'untagged', kmsMasterKeyId: 'alias/aws/sns', provider: untagged });
    });
    outdirs.push(outdir);

    let message = '';
    try {
      app.synth();
    } catch (error) {
      expect(error).toBeInstanceOf(GuardrailError);
      message = (error as Error).message;
    }

    const stack = environmentsUnderTest().flatMap((env) => env.regions.map((entry) => `${env.name}-${entry.region}`))[0];
    expect(message).toContain(
      `  [iam-least-privilege] ${stack}/WildcardPolicy (aws_iam_role_policy.WildcardPolicy): policy statement AllOfS3 grants action wildcard(s) s3:*; list the actions. Fix: name the actions the workload calls`,
    );
    expect(message).toContain(
      `  [s3-encryption] ${stack}/ScratchBucket (aws_s3_bucket.ScratchBucket): has no default encryption: no aws_s3_bucket_server_side_encryption_configuration refers to it. ` +
        'Fix: add an aws_s3_bucket_server_side_encryption_configuration for this bucket with sse_algorithm AES256 or aws:kms, or build the bucket with SecureBucket (@llm/constructs/storage), which does.',
    );
    expect(message).toContain(
      `  [required-tags] ${stack}/UntaggedTopic (aws_sns_topic.UntaggedTopic): lacks the required tag(s) Project, Environment, Owner, CostCenter, ManagedBy, Region or Scope: ` +
        "neither the provider's default_tags nor the resource's own tags set them. Fix: give the stack's AwsProvider defaultTags",
    );
    expect(message).toMatch(/^Guardrails: \d+ errors stop the synth \(rule, construct, what is wrong, how to fix it\):\n/);
    expect(report.errors.filter((finding) => finding.stack === stack).map((finding) => `${finding.ruleId} ${finding.path}`)).toEqual([
      `s3-encryption ${stack}/ScratchBucket`,
      `s3-public-access-block ${stack}/ScratchBucket`,
      `s3-tls-only ${stack}/ScratchBucket`,
      `s3-versioning ${stack}/ScratchBucket`,
      `required-tags ${stack}/UntaggedTopic`,
      `iam-least-privilege ${stack}/WildcardPolicy`,
    ]);
  });
});
