/**
 * One janitor run, the same for the Lambda and `npm run janitor`: plan (sweep or emergency stop),
 * carry out every action on its own, write the records. Time, clients and run id come from the
 * caller, so tests decide what "now" is.
 */
import type { EC2Client } from '@aws-sdk/client-ec2';
import type { S3Client } from '@aws-sdk/client-s3';
import { errorDetail, executeActions, type PlannedAction } from './actions';
import type { Plan } from './events';
import { planStop, planSweep } from './plan';
import { recordsKey, toRecords, writeRecords, type RunResult } from './records';

export interface JanitorClients {
  readonly ec2: EC2Client;
  readonly s3: S3Client;
}

export interface RunOptions {
  readonly environment: string;
  readonly region: string;
  readonly maxHours: number;
  readonly bucket: string;
  readonly now: Date;
  readonly runId: string;
  /** Decide and report, change nothing: no EC2 mutation, no tag, no S3 record. */
  readonly dryRun: boolean;
  readonly plan: Plan;
}

export interface JanitorRun extends RunResult {
  /** Writing the records failed (the actions themselves ran): the run counts as partial. */
  readonly recordsError?: { readonly name: string; readonly message: string };
}

export async function runJanitor(clients: JanitorClients, options: RunOptions): Promise<JanitorRun> {
  const { plan, environment, region, now } = options;
  const planned: PlannedAction[] =
    plan.kind === 'sweep'
      ? await planSweep(clients.ec2, { environment, now, maxHours: options.maxHours })
      : plan.kind === 'stop'
        ? await planStop(clients.ec2, environment, plan.reason)
        : [];
  const trigger = plan.trigger;
  const outcomes = await executeActions(clients.ec2, planned, { environment, now, dryRun: options.dryRun });
  const records = toRecords(outcomes, { now, environment, region, trigger });
  const base = {
    runId: options.runId,
    startedAt: now.toISOString(),
    environment,
    region,
    trigger,
    dryRun: options.dryRun,
    records,
    ignored: plan.ignored,
  };
  const failed = records.some((record) => record.outcome === 'failed');
  if (options.dryRun || records.length === 0) return { ...base, partial: failed };
  const key = recordsKey(now, options.runId);
  try {
    await writeRecords(clients.s3, options.bucket, key, records);
    return { ...base, recordsKey: key, partial: failed };
  } catch (error) {
    return { ...base, partial: true, recordsError: errorDetail(error) };
  }
}
