/**
 * Cost anomaly detection for an environment's account: a monitor over AWS services and a daily
 * e-mail digest of anomalies whose total impact reaches a threshold.
 *
 * E-mail, not the alert topic: the topic lets only Budgets and CloudWatch publish, and AWS sends
 * DAILY and WEEKLY anomaly digests by e-mail only (SNS is for IMMEDIATE alerts).
 */
import { CeAnomalyMonitor } from '@cdktf/provider-aws/lib/ce-anomaly-monitor';
import { CeAnomalySubscription } from '@cdktf/provider-aws/lib/ce-anomaly-subscription';
import { Token } from 'cdktf';
import { Construct } from 'constructs';
import { invalidAnomalyName, noEmails } from './errors';
import { checkAccountId, checkEmails, checkPositiveUsd, usdAmount } from './validation';

export interface CostAnomalyAlertsProps {
  /** Name of both the monitor and the subscription (different resource types), 1..1024 characters. */
  readonly name: string;
  /** The account whose anomalies are reported; set explicitly so an offline plan needs no AWS call. */
  readonly accountId: string;
  /** Addresses that get the daily digest; at least one, no address twice (ignoring case). */
  readonly emails: readonly string[];
  /**
   * Report an anomaly once its total cost impact reaches this many USD, > 0.
   * @default 50
   */
  readonly thresholdUsd?: number;
}

const MAX_NAME = 1024;

export class CostAnomalyAlerts extends Construct {
  readonly monitor: CeAnomalyMonitor;
  readonly subscription: CeAnomalySubscription;

  constructor(scope: Construct, id: string, props: CostAnomalyAlertsProps) {
    super(scope, id);
    validateProps(this, props);
    this.monitor = new CeAnomalyMonitor(this, 'Monitor', {
      name: props.name,
      monitorType: 'DIMENSIONAL',
      monitorDimension: 'SERVICE',
    });
    this.subscription = new CeAnomalySubscription(this, 'Subscription', {
      name: props.name,
      accountId: props.accountId,
      frequency: 'DAILY',
      monitorArnList: [this.monitor.arn],
      subscriber: props.emails.map((address) => ({ type: 'EMAIL', address })),
      thresholdExpression: {
        dimension: {
          key: 'ANOMALY_TOTAL_IMPACT_ABSOLUTE',
          matchOptions: ['GREATER_THAN_OR_EQUAL'],
          values: [usdAmount(props.thresholdUsd ?? 50)],
        },
      },
    });
  }
}

function validateProps(scope: Construct, props: CostAnomalyAlertsProps): void {
  if (!Token.isUnresolved(props.name) && (props.name.length < 1 || props.name.length > MAX_NAME)) {
    throw invalidAnomalyName(scope, props.name);
  }
  checkAccountId(scope, 'CostAnomalyAlerts', props.accountId);
  checkEmails(scope, 'CostAnomalyAlerts', 'emails', props.emails, { knownAtSynth: true });
  if (props.emails.length === 0) {
    throw noEmails(scope, 'CostAnomalyAlerts', 'emails', 'the daily anomaly digest is sent by e-mail only');
  }
  if (props.thresholdUsd !== undefined) checkPositiveUsd(scope, 'CostAnomalyAlerts', 'thresholdUsd', props.thresholdUsd);
}
