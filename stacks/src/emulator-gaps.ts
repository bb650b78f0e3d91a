/**
 * What the emulator (moto server 5.x) cannot apply. Resources of these types are left out of the
 * stacks in emulator mode only, from this one list, each with the reason; the real and offline
 * modes keep them. The emulator tier applies every listed type on its own and fails when one
 * would in fact work (the entry went stale).
 */
import { suppressRule } from '@llm/guardrails';
import { TerraformResource } from 'cdktf';
import type { IConstruct } from 'constructs';
import { isEmulatorMode, type DeploymentMode } from './mode';

export interface LeftOutType {
  /** Why the emulator cannot hold this type: what moto does when asked. */
  readonly reason: string;
  /** Guardrail rules that fail once the type is gone (they check for it); suppressed with the reason. */
  readonly guardrailRules?: readonly string[];
}

export const EMULATOR_LEFT_OUT: Readonly<Record<string, LeftOutType>> = {
  aws_accessanalyzer_analyzer: {
    reason: 'moto implements no Access Analyzer API: CreateAnalyzer is not answered, and the provider retries until its timeout',
  },
  aws_budgets_budget: {
    reason: 'moto creates the budget but answers DescribeNotificationsForBudget with an error, so the provider cannot read it back',
  },
  aws_ce_anomaly_monitor: {
    reason: "moto's Cost Explorer does not implement anomaly monitors: the provider waits until its timeout",
  },
  aws_ce_anomaly_subscription: {
    reason: "moto's Cost Explorer does not implement anomaly subscriptions (and their monitor is left out)",
  },
  aws_codeconnections_connection: {
    reason: 'moto implements no CodeConnections API; the image pipeline names a connection by ARN instead',
  },
  aws_s3_bucket_policy: {
    reason:
      'moto checks bucket policies on object requests without evaluating conditions it does not know (Bool): the TLS-only Deny ' +
      '(aws:SecureTransport = false) then denies every object request, the S3 backend reading its own state included',
    guardrailRules: ['s3-tls-only'],
  },
};

/** True when this mode leaves resources of this type out (emulator mode, listed type). */
export function leftOutInEmulator(mode: DeploymentMode, resourceType: string): boolean {
  return isEmulatorMode(mode) && resourceType in EMULATOR_LEFT_OUT;
}

/**
 * Removes every resource of a left-out type from the stack, suppresses the guardrail rules their
 * absence trips (with the reason), and returns the addresses removed.
 */
export function removeEmulatorGaps(stack: IConstruct): string[] {
  const removed: TerraformResource[] = [];
  for (const construct of stack.node.findAll()) {
    if (TerraformResource.isTerraformResource(construct) && construct.terraformResourceType in EMULATOR_LEFT_OUT) {
      removed.push(construct);
    }
  }
  const suppressed = new Set<string>();
  for (const resource of removed) {
    resource.node.scope?.node.tryRemoveChild(resource.node.id);
    const entry = EMULATOR_LEFT_OUT[resource.terraformResourceType];
    for (const rule of entry.guardrailRules ?? []) {
      if (suppressed.has(rule)) continue;
      suppressed.add(rule);
      suppressRule(stack, rule, `emulator mode leaves ${resource.terraformResourceType} out: ${entry.reason}`);
    }
  }
  return removed.map((resource) => `${resource.terraformResourceType}.${resource.friendlyUniqueId}`);
}

/**
 * Attributes the emulator does not store or answers differently from AWS: after an apply, the
 * next plan shows a change on them that AWS would not. Anything else a second plan changes is a
 * perpetual diff of ours and fails the emulator tier; an entry never seen fails it too (stale).
 */
export interface FidelityGap {
  readonly resourceType: string;
  /** Top-level attribute the second plan changes. */
  readonly attribute: string;
  readonly reason: string;
  /** Only stacks with this packaging have the attribute. @default - every packaging */
  readonly packaging?: 'zip' | 'image';
}

export const EMULATOR_FIDELITY_GAPS: readonly FidelityGap[] = [
  {
    resourceType: 'aws_lambda_function',
    attribute: 'logging_config',
    reason: "moto does not store a function's LoggingConfig (JSON logs, log group): every read returns none, so Terraform sets it again",
  },
  {
    resourceType: 'aws_lambda_function',
    attribute: 'image_config',
    reason: 'moto answers an image function with an ImageConfig of empty command and entry_point lists that were never set',
    packaging: 'image',
  },
  {
    resourceType: 'aws_launch_template',
    attribute: 'tag_specifications',
    reason:
      "moto copies the request's tags of the template itself (ResourceType launch-template, the provider's default tags) into the " +
      "template data's TagSpecifications, so every read shows a tag specification that was never set",
  },
  {
    resourceType: 'aws_launch_template',
    attribute: 'latest_version',
    reason: 'follows from the tag_specifications gap: the update it plans makes a new template version',
  },
  {
    resourceType: 'aws_launch_template',
    attribute: 'default_version',
    reason: 'follows from the tag_specifications gap: update_default_version makes the new version the default',
  },
];
