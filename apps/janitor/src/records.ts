/**
 * The audit trail: one JSON record per action, written as one JSON Lines object per run to the
 * output bucket (`janitor/YYYY/MM/DD/<run time>-<run id>.jsonl`), only when the run did something.
 */
import { PutObjectCommand, type S3Client } from '@aws-sdk/client-s3';
import type { ActionKind, ActionOutcome, Outcome, ResourceType } from './actions';
import type { Trigger } from './events';

export interface ActionRecord {
  /** When the run decided (its `now`), ISO 8601 UTC. */
  readonly time: string;
  readonly environment: string;
  readonly region: string;
  readonly trigger: Trigger;
  readonly action: ActionKind;
  readonly resourceType: ResourceType;
  readonly resourceId: string;
  readonly reason: string;
  readonly outcome: Outcome;
  readonly error?: { readonly name: string; readonly message: string };
}

/** An alert-topic message the janitor read and did not act on (not a budget or spend alert). */
export interface IgnoredMessage {
  readonly messageId: string;
  readonly subject: string;
  readonly reason: string;
}

export interface RunResult {
  readonly runId: string;
  readonly startedAt: string;
  readonly environment: string;
  readonly region: string;
  readonly trigger: Trigger;
  readonly dryRun: boolean;
  readonly records: readonly ActionRecord[];
  readonly ignored: readonly IgnoredMessage[];
  /** The S3 key the records went to; unset when nothing was written (no action, or a dry run). */
  readonly recordsKey?: string;
  /** At least one action failed. */
  readonly partial: boolean;
}

export const RECORDS_PREFIX = 'janitor/';

export function toRecords(
  outcomes: readonly ActionOutcome[],
  run: { readonly now: Date; readonly environment: string; readonly region: string; readonly trigger: Trigger },
): ActionRecord[] {
  return outcomes.map(({ planned, outcome, error }) => ({
    time: run.now.toISOString(),
    environment: run.environment,
    region: run.region,
    trigger: run.trigger,
    action: planned.action,
    resourceType: planned.resourceType,
    resourceId: planned.resourceId,
    reason: planned.reason,
    outcome,
    ...(error ? { error } : {}),
  }));
}

/** `janitor/2026/05/01/2026-05-01T12:15:00.000Z-<run id>.jsonl`: by UTC day, so a day's runs list together and sort by time. */
export function recordsKey(startedAt: Date, runId: string): string {
  const iso = startedAt.toISOString();
  return `${RECORDS_PREFIX}${iso.slice(0, 4)}/${iso.slice(5, 7)}/${iso.slice(8, 10)}/${iso}-${runId}.jsonl`;
}

export function recordsBody(records: readonly ActionRecord[]): string {
  return records.map((record) => `${JSON.stringify(record)}\n`).join('');
}

export async function writeRecords(s3: S3Client, bucket: string, key: string, records: readonly ActionRecord[]): Promise<void> {
  await s3.send(new PutObjectCommand({ Bucket: bucket, Key: key, Body: recordsBody(records), ContentType: 'application/x-ndjson' }));
}
