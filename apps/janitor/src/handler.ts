/**
 * The Lambda handler: the schedule sweeps, an alert stops every worker, other alert-topic
 * messages are logged as ignored. After the records are written it publishes JanitorActions and
 * JanitorFailures (EMF in the logs: the role has no cloudwatch:PutMetricData) and, when an action
 * failed, throws {@link PartialRunError}: the invocation is an error the function's Errors alarm
 * counts, and the records in S3 say which action failed and why.
 */
import { randomUUID } from 'node:crypto';
import type { Logger } from '@aws-lambda-powertools/logger';
import { MetricUnit } from '@aws-lambda-powertools/metrics';
import type { JanitorConfig } from './config';
import { PartialRunError } from './errors';
import { planFor } from './events';
import { runJanitor, type JanitorClients, type JanitorRun } from './janitor';
import { summaryLine } from './report';

/** The slice of Powertools Logger the handler uses. */
export type LogPort = Pick<Logger, 'info' | 'error'>;

/** The slice of Powertools Metrics the handler uses. */
export interface MetricsPort {
  addMetric(name: string, unit: typeof MetricUnit.Count, value: number): void;
  publishStoredMetrics(): void;
}

export interface HandlerDependencies {
  readonly config: JanitorConfig;
  readonly clients: JanitorClients;
  readonly logger: LogPort;
  readonly metrics: MetricsPort;
  /** @default - the system clock */
  readonly now?: () => Date;
}

export type JanitorHandler = (event: unknown, context?: { readonly awsRequestId?: string }) => Promise<JanitorRun>;

export function createHandler(deps: HandlerDependencies): JanitorHandler {
  const { config, logger, metrics } = deps;
  const now = deps.now ?? (() => new Date());
  return async (event, context) => {
    const plan = planFor(event, config.spendAlarmName);
    for (const message of plan.ignored) logger.info('alert-topic message ignored', { ...message });
    const run = await runJanitor(deps.clients, {
      environment: config.environment,
      region: config.region,
      maxHours: config.maxHours,
      bucket: config.outputBucketName,
      now: now(),
      // The request id ties the records to the invocation's logs.
      runId: context?.awsRequestId ?? randomUUID(),
      dryRun: false,
      plan,
    });
    const failures = run.records.filter((record) => record.outcome === 'failed');
    metrics.addMetric('JanitorActions', MetricUnit.Count, run.records.length);
    metrics.addMetric('JanitorFailures', MetricUnit.Count, failures.length + (run.recordsError ? 1 : 0));
    metrics.publishStoredMetrics();
    for (const failure of failures) logger.error('janitor action failed', { ...failure });
    const summary = summaryLine(run, config.outputBucketName);
    if (run.partial) {
      logger.error(summary, { runId: run.runId, recordsKey: run.recordsKey, recordsError: run.recordsError });
      throw new PartialRunError(run, summary);
    }
    logger.info(summary, { runId: run.runId, recordsKey: run.recordsKey, actions: run.records.length });
    return run;
  };
}
