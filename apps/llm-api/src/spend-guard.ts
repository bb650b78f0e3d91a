/**
 * The OpenAI hard stop: while the region's spend alarm (OpenAiSpendAlarm) is in ALARM, requests
 * are answered 429 budget_exceeded instead of spending more.
 *
 * Why the alarm's state and not a counter of our own: the alarm already adds up the day's tokens
 * at the model prices (the metrics leave the function as log lines anyway), so no table, no write
 * per request and no second copy of the arithmetic is needed; one DescribeAlarms call per TTL
 * (60 s) per warm instance keeps the hot path at a cached boolean. The price is lag: metrics land
 * in a minute or two and the alarm evaluates every minute, so a region may overspend by a few
 * minutes of traffic. A failed read fails open (the last known state, else serving) and is logged:
 * the stop guards money, it must not take the service down with CloudWatch.
 */
import { CloudWatchClient, DescribeAlarmsCommand } from '@aws-sdk/client-cloudwatch';
import { TtlCache } from './ttl-cache';

export interface SpendGuard {
  /** Whether the day's spend passed its limit: answer 429 instead of calling OpenAI. */
  overBudget(): Promise<boolean>;
}

/** No hard stop configured. */
export const NO_SPEND_GUARD: SpendGuard = { overBudget: async () => false };

export interface AlarmSpendGuardOptions {
  readonly client: CloudWatchClient;
  readonly alarmName: string;
  /** How long a state read is trusted. */
  readonly ttlSeconds: number;
  /** Told when the state could not be read; the guard serves meanwhile. */
  readonly onReadFailure: (detail: string) => void;
  /** Epoch ms. @default Date.now */
  readonly now?: () => number;
}

export class AlarmSpendGuard implements SpendGuard {
  private readonly state: TtlCache<boolean>;

  constructor(private readonly options: AlarmSpendGuardOptions) {
    this.state = new TtlCache((previous) => this.read(previous ?? false), options.ttlSeconds * 1000, options.now);
  }

  overBudget(): Promise<boolean> {
    return this.state.get();
  }

  /** The alarm's state; on a failed read the last known one (never throws: the stop fails open). */
  private async read(lastKnown: boolean): Promise<boolean> {
    try {
      const answer = await this.options.client.send(new DescribeAlarmsCommand({ AlarmNames: [this.options.alarmName], AlarmTypes: ['MetricAlarm'] }));
      const alarm = answer.MetricAlarms?.[0];
      if (alarm) return alarm.StateValue === 'ALARM';
      this.options.onReadFailure(`spend alarm ${this.options.alarmName} does not exist; serving without the hard stop`);
    } catch (error) {
      this.options.onReadFailure(
        `spend alarm ${this.options.alarmName} could not be read (${error instanceof Error ? error.name : String(error)}); serving on its last known state`,
      );
    }
    return lastKnown;
  }
}
