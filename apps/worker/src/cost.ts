/**
 * What a worker has cost since its last start: instance-hours times the on-demand price. EC2
 * resets LaunchTime on every start, and a stopped instance's stop time is only in its
 * StateTransitionReason, so the figure covers the current (or last) run, not the instance's life.
 */
import type { Instance } from '@aws-sdk/client-ec2';
import { ec2HourlyPrice } from '@llm/pricing';

const HOUR_MS = 3_600_000;
/** "User initiated (2026-12-03 18:09:40 GMT)": AWS writes GMT, moto UTC. */
const TRANSITION_TIME = /\((\d{4}-\d{2}-\d{2}) (\d{2}:\d{2}:\d{2}) (?:GMT|UTC)\)/;

/** Billed hours of the current or last run, or undefined when EC2 does not say when it ended. */
export function runningHours(instance: Instance, now: Date): number | undefined {
  const launched = instance.LaunchTime?.getTime();
  if (launched === undefined) return undefined;
  const state = instance.State?.Name;
  // EC2 bills from running on, so a pending instance has cost nothing yet.
  if (state === 'pending') return 0;
  if (state === 'stopped' || state === 'terminated') {
    const match = TRANSITION_TIME.exec(instance.StateTransitionReason ?? '');
    if (!match) return undefined;
    return Math.max(0, Date.parse(`${match[1]}T${match[2]}Z`) - launched) / HOUR_MS;
  }
  return Math.max(0, now.getTime() - launched) / HOUR_MS;
}

/** `$0.05 (3.0 h × $0.0168/h)`, `unpriced` when the table has no price (never $0), `unknown` when the hours are. */
export function describeCost(instance: Instance, region: string, now: Date): string {
  const hourly = instance.InstanceType ? ec2HourlyPrice(region, instance.InstanceType) : undefined;
  if (hourly === undefined) return 'unpriced';
  const hours = runningHours(instance, now);
  if (hours === undefined) return 'unknown';
  return `$${(hours * hourly).toFixed(2)} (${hours.toFixed(1)} h × $${hourly}/h)`;
}
