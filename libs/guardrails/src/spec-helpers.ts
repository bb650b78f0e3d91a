/** Shared arrangement for this lib's specs: a small stack with the standard provider, the pack applied, and its findings. */
import { AwsProvider } from '@cdktf/provider-aws/lib/provider';
import { TerraformStack, Testing } from 'cdktf';
import { applyGuardrails } from './apply';
import type { GuardrailFinding, GuardrailReport } from './report';

export const ACCOUNT_ID = '111111111111';
export const REGION = 'eu-west-1';
export const BOUNDARY_ARN = `arn:aws:iam::${ACCOUNT_ID}:policy/llm-platform-dev-global-permission-boundary`;

/** The tags standardTags() gives a regional stack. */
export const STANDARD_TAGS: Readonly<Record<string, string>> = {
  Project: 'llm-platform',
  Environment: 'dev',
  Region: REGION,
  Owner: 'platform-team',
  CostCenter: 'CC-1001',
  ManagedBy: 'terraform-cdktf',
};

export interface CheckOptions {
  /** @default false */
  readonly production?: boolean;
  /** The provider's default tags; false for none. @default STANDARD_TAGS */
  readonly defaultTags?: Readonly<Record<string, string>> | false;
}

/** Builds a stack named `stack` with an AWS provider, applies the pack, synthesizes it and returns the report. */
export function checkStack(build: (stack: TerraformStack) => void, options: CheckOptions = {}): GuardrailReport {
  const stack = new TerraformStack(Testing.app(), 'stack');
  const tags = options.defaultTags ?? STANDARD_TAGS;
  new AwsProvider(stack, 'aws', { region: REGION, defaultTags: tags === false ? undefined : [{ tags: { ...tags } }] });
  build(stack);
  const report = applyGuardrails(stack, { production: options.production ?? false, log: () => undefined });
  Testing.synth(stack);
  return report;
}

/** Unsuppressed findings of one rule. */
export function findingsOf(report: GuardrailReport, ruleId: string): GuardrailFinding[] {
  return report.findings.filter((finding) => finding.ruleId === ruleId);
}

/** `path: problem` of one rule's findings: what a failing synth prints before the fix. */
export function problemsOf(report: GuardrailReport, ruleId: string): string[] {
  return findingsOf(report, ruleId).map((finding) => `${finding.path}: ${finding.problem}`);
}
