/**
 * What an invocation asks for: the EventBridge schedule runs the sweep; an alert-topic message
 * that is an AWS Budgets alert or the spend alarm going to ALARM stops every worker; any other
 * alert-topic message (a function's error alarm, an OK transition) is noted and left alone.
 */
import { UnknownEventError } from './errors';
import type { IgnoredMessage } from './records';

/** `manual`: `npm run janitor`, which runs the sweep; `alert`: alert-topic messages none of which asked for a stop. */
export type Trigger = 'schedule' | 'budget-alert' | 'spend-alarm' | 'alert' | 'manual';

export type Plan =
  | { readonly kind: 'sweep'; readonly trigger: Trigger; readonly ignored: readonly IgnoredMessage[] }
  | { readonly kind: 'stop'; readonly trigger: Trigger; readonly reason: string; readonly ignored: readonly IgnoredMessage[] }
  | { readonly kind: 'nothing'; readonly trigger: Trigger; readonly ignored: readonly IgnoredMessage[] };

interface SnsRecord {
  readonly EventSource?: string;
  readonly Sns?: { readonly MessageId?: string; readonly Subject?: string | null; readonly Message?: string };
}

/**
 * AWS Budgets publishes plain text (not JSON) with the subject
 * `AWS Budgets: <budget name> has exceeded your alert threshold`; CloudWatch publishes a JSON
 * Message with AlarmName and NewStateValue.
 */
const BUDGETS_SUBJECT = /^AWS Budgets\b/;

export function planFor(event: unknown, spendAlarmName: string | undefined): Plan {
  const value = (event ?? {}) as Record<string, unknown>;
  // EventBridge rules send source aws.events; EventBridge Scheduler passes whatever input it was given, so the detail type decides.
  if (value['detail-type'] === 'Scheduled Event') return { kind: 'sweep', trigger: 'schedule', ignored: [] };
  const records = Array.isArray(value.Records) ? (value.Records as SnsRecord[]) : undefined;
  if (!records || records.length === 0 || !records.every((record) => record.EventSource === 'aws:sns')) {
    throw new UnknownEventError(typeof event === 'object' && event !== null ? Object.keys(event) : [typeof event]);
  }
  const ignored: IgnoredMessage[] = [];
  let stop: { trigger: Trigger; reason: string } | undefined;
  for (const record of records) {
    const messageId = record.Sns?.MessageId ?? '?';
    const subject = record.Sns?.Subject ?? '';
    const verdict = alertVerdict(subject, record.Sns?.Message ?? '', spendAlarmName);
    if ('ignore' in verdict) ignored.push({ messageId, subject, reason: verdict.ignore });
    else stop ??= verdict;
  }
  return stop ? { kind: 'stop', ...stop, ignored } : { kind: 'nothing', trigger: 'alert', ignored };
}

function alertVerdict(subject: string, message: string, spendAlarmName: string | undefined): { trigger: Trigger; reason: string } | { ignore: string } {
  if (BUDGETS_SUBJECT.test(subject)) return { trigger: 'budget-alert', reason: `budget alert "${subject.slice(0, 200)}"` };
  let alarm: { AlarmName?: unknown; NewStateValue?: unknown };
  try {
    alarm = JSON.parse(message) as typeof alarm;
  } catch {
    return { ignore: 'neither an AWS Budgets alert nor a CloudWatch alarm notification' };
  }
  if (typeof alarm !== 'object' || alarm === null || typeof alarm.AlarmName !== 'string') {
    return { ignore: 'neither an AWS Budgets alert nor a CloudWatch alarm notification' };
  }
  if (!spendAlarmName) return { ignore: `alarm ${alarm.AlarmName}: no SPEND_ALARM_NAME is configured` };
  if (alarm.AlarmName !== spendAlarmName) return { ignore: `alarm ${alarm.AlarmName} is not the spend alarm ${spendAlarmName}` };
  if (alarm.NewStateValue !== 'ALARM') return { ignore: `spend alarm ${alarm.AlarmName} changed to ${String(alarm.NewStateValue)}, not ALARM` };
  return { trigger: 'spend-alarm', reason: `spend alarm ${alarm.AlarmName} is in ALARM` };
}
