/**
 * The janitor's decisions as pure functions of a resource, the time and the limits: when an
 * instance has expired, and what to do with a volume, key pair or security group nothing uses.
 */
import { WORKER_TAGS } from '@llm/naming';

/** How long a resource must stay unused, after the janitor first saw it so, before it is deleted. */
export const UNUSED_GRACE_MS = 60 * 60 * 1000;

const ISO_UTC = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}(:\d{2}(\.\d{1,9})?)?Z$/;

/** A time tag's value as a Date, only when it is an ISO 8601 UTC time (`2026-12-03T20:00:00Z`); anything else is undefined. */
export function parseUtcTime(value: string | undefined): Date | undefined {
  if (value === undefined || !ISO_UTC.test(value.trim())) return undefined;
  const time = new Date(value.trim());
  return Number.isNaN(time.getTime()) ? undefined : time;
}

export interface InstanceFacts {
  readonly expiresAtTag: string | undefined;
  readonly launchTime: Date | undefined;
}

export type Verdict = { readonly act: true; readonly reason: string } | { readonly act: false; readonly reason: string };

/**
 * Expired when now is past ExpiresAt, or past launch time + maxHours: ExpiresAt can shorten a
 * worker's life, never lengthen it past maxHours. A malformed ExpiresAt counts as absent, and the
 * reason says so, so whoever launched it learns why it went earlier or later than they meant.
 */
export function instanceVerdict(instance: InstanceFacts, now: Date, maxHours: number): Verdict {
  const expiresAt = parseUtcTime(instance.expiresAtTag);
  const malformed =
    instance.expiresAtTag !== undefined && !expiresAt
      ? `${WORKER_TAGS.expiresAt} "${instance.expiresAtTag.slice(0, 64)}" is not an ISO 8601 UTC time, ignored; `
      : '';
  if (expiresAt && now.getTime() > expiresAt.getTime()) {
    return { act: true, reason: `${WORKER_TAGS.expiresAt} ${expiresAt.toISOString()} has passed` };
  }
  if (instance.launchTime) {
    const deadline = new Date(instance.launchTime.getTime() + maxHours * 3_600_000);
    if (now.getTime() > deadline.getTime()) {
      const because = expiresAt ? '' : malformed || `no ${WORKER_TAGS.expiresAt} tag; `;
      return { act: true, reason: `${because}launched ${instance.launchTime.toISOString()}, past maxHours ${maxHours} (${deadline.toISOString()})` };
    }
  } else if (!expiresAt) {
    return { act: false, reason: `${malformed}no launch time and no ${WORKER_TAGS.expiresAt}: cannot tell its age` };
  }
  return { act: false, reason: `${malformed}not expired` };
}

export type UnusedStep = 'mark' | 'delete' | 'unmark' | 'wait' | 'keep';

/**
 * The grace mark: EBS has no "detached at" time and a security group may be made a moment before
 * its instance, so the janitor first tags an unused resource with the time it saw it unused and
 * deletes it only once that mark is over an hour old. A marked resource in use again loses its
 * mark, so the hour starts afresh the next time it is left unused (instead of deleting it on sight).
 */
export function unusedStep(
  resource: { readonly inUse: boolean; readonly unusedSinceTag: string | undefined },
  now: Date,
): { step: UnusedStep; reason: string } {
  const markedAt = parseUtcTime(resource.unusedSinceTag);
  if (resource.inUse) {
    return resource.unusedSinceTag !== undefined
      ? { step: 'unmark', reason: `in use again; ${WORKER_TAGS.unusedSince} removed` }
      : { step: 'keep', reason: 'in use' };
  }
  if (!markedAt) {
    const malformed = resource.unusedSinceTag !== undefined ? ` (${WORKER_TAGS.unusedSince} "${resource.unusedSinceTag.slice(0, 64)}" was malformed)` : '';
    return { step: 'mark', reason: `unused, first seen so at ${now.toISOString()}${malformed}` };
  }
  const unusedMs = now.getTime() - markedAt.getTime();
  if (unusedMs > UNUSED_GRACE_MS) {
    return { step: 'delete', reason: `unused since ${markedAt.toISOString()} (${Math.floor(unusedMs / 60_000)} min, more than ${UNUSED_GRACE_MS / 60_000})` };
  }
  return { step: 'wait', reason: `unused since ${markedAt.toISOString()}, within the grace hour` };
}
