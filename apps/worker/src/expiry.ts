/** A worker's lifetime: how many hours it gets, its ExpiresAt tag value, and how that reads in a list. */
import type { ResolvedWorkers } from '@llm/config';
import { DEFAULT_HOURS } from './args';
import { refusals } from './errors';

const HOUR_MS = 3_600_000;
const MINUTE_MS = 60_000;

/** The hours asked for, or the default capped to maxHours; refused outside 1..maxHours. */
export function resolveHours(requested: number | undefined, workers: ResolvedWorkers, env: string, region: string): number {
  if (requested === undefined) return Math.min(DEFAULT_HOURS, workers.maxHours);
  if (requested < 1 || requested > workers.maxHours) throw refusals.hoursOutOfRange(requested, workers.maxHours, env, region);
  return requested;
}

/**
 * ISO 8601 UTC without milliseconds (2026-12-03T20:00:00Z), the form the janitor parses. The
 * start is rounded down to the second, so the tag is never later than now + hours.
 */
export function expiresAt(now: Date, hours: number): string {
  const start = Math.floor(now.getTime() / 1000) * 1000;
  return isoSeconds(new Date(start + hours * HOUR_MS));
}

/** `2026-12-03T18:00:00Z`: an instant to the second, as tags and the list show it. */
export function isoSeconds(date: Date): string {
  return date.toISOString().replace(/\.\d{3}Z$/, 'Z');
}

/** `2026-12-03T20:00:00Z (in 3h 10m)`, `... (expired 5m ago)`, or why there is no expiry to show. */
export function describeExpiry(tag: string | undefined, now: Date): string {
  if (tag === undefined) return 'none (janitor: maxHours after launch)';
  const at = Date.parse(tag);
  if (Number.isNaN(at)) return `${tag} (unreadable)`;
  const left = at - now.getTime();
  return left > 0 ? `${tag} (in ${formatDuration(left)})` : `${tag} (expired ${formatDuration(-left)} ago)`;
}

/** `3h 10m`, `45m`, `<1m`: whole minutes, rounded down. */
export function formatDuration(ms: number): string {
  const minutes = Math.floor(ms / MINUTE_MS);
  if (minutes < 1) return '<1m';
  const hours = Math.floor(minutes / 60);
  return hours > 0 ? `${hours}h ${minutes % 60}m` : `${minutes}m`;
}
