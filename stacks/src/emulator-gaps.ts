/**
 * What the emulator (moto server 5.x) cannot apply. Resources of these types are left out of the
 * stacks in emulator mode only, from this one list, each with the reason; the real and offline
 * modes keep them. The emulator tier applies every listed type on its own and fails when one
 * would in fact apply (the entry went stale).
 */
import { TerraformResource } from 'cdktf';
import type { IConstruct } from 'constructs';
import { isEmulatorMode, type DeploymentMode } from './mode';

export const EMULATOR_LEFT_OUT: Readonly<Record<string, string>> = {
  aws_accessanalyzer_analyzer: 'moto implements no Access Analyzer API: CreateAnalyzer answers 404 and the provider retries until its timeout',
  aws_budgets_budget: 'moto creates the budget but fails DescribeNotificationsForBudget / DescribeSubscribersForNotification (HTTP 500), so every read of it fails',
  aws_ce_anomaly_monitor: 'moto\'s Cost Explorer anomaly monitor calls do not answer: the provider waits until its timeout',
  aws_ce_anomaly_subscription: 'moto\'s Cost Explorer anomaly subscription calls do not answer: the provider waits until its timeout',
  aws_codeconnections_connection: 'moto implements no CodeConnections API',
  aws_s3_bucket_policy:
    'moto checks bucket policies on object requests without evaluating conditions it does not know (Bool): the TLS-only Deny ' +
    '(aws:SecureTransport = false) then denies every object request, even the S3 backend\'s own state reads',
};

/** True when this mode leaves resources of this type out (emulator mode, listed type). */
export function leftOutInEmulator(mode: DeploymentMode, resourceType: string): boolean {
  return isEmulatorMode(mode) && resourceType in EMULATOR_LEFT_OUT;
}

/**
 * Removes every resource of a left-out type from the stack and returns the addresses removed.
 * Dependencies on a removed resource are dropped too: Terraform refuses a depends_on that names
 * nothing.
 */
export function removeEmulatorGaps(stack: IConstruct): string[] {
  const removed: TerraformResource[] = [];
  for (const construct of stack.node.findAll()) {
    if (TerraformResource.isTerraformResource(construct) && construct.terraformResourceType in EMULATOR_LEFT_OUT) {
      removed.push(construct);
    }
  }
  for (const resource of removed) {
    const parent = resource.node.scope;
    parent?.node.tryRemoveChild(resource.node.id);
  }
  return removed.map((resource) => `${resource.terraformResourceType}.${resource.friendlyUniqueId}`);
}
