/** When an instance has expired and what becomes of an unused resource, as pure functions of time. */
import { instanceVerdict, parseUtcTime, unusedStep } from './decide';
import { hoursBefore, NOW } from './testing/world';

describe('parseUtcTime', () => {
  it.each(['2026-05-01T12:00:00Z', '2026-05-01T12:00Z', '2026-05-01T12:00:00.123Z'])('reads %s', (value) => {
    expect(parseUtcTime(value)).toBeInstanceOf(Date);
  });

  it.each(['2026-05-01T12:00:00+02:00', '2026-05-01 12:00', '1714560000', 'tomorrow', '2026-13-45T99:00:00Z', ''])('refuses %p', (value) => {
    expect(parseUtcTime(value)).toBeUndefined();
  });
});

describe('instanceVerdict', () => {
  it('keeps an instance whose ExpiresAt is ahead and that is younger than maxHours', () => {
    expect(instanceVerdict({ expiresAtTag: '2026-05-01T13:00:00Z', launchTime: hoursBefore(NOW, 1) }, NOW, 8)).toEqual({ act: false, reason: 'not expired' });
  });

  it('does not act at the exact expiry instant: only once now is past it', () => {
    expect(instanceVerdict({ expiresAtTag: NOW.toISOString(), launchTime: hoursBefore(NOW, 1) }, NOW, 8).act).toBe(false);
    expect(instanceVerdict({ expiresAtTag: undefined, launchTime: hoursBefore(NOW, 8) }, NOW, 8).act).toBe(false);
  });

  it('says why an instance without ExpiresAt goes', () => {
    expect(instanceVerdict({ expiresAtTag: undefined, launchTime: hoursBefore(NOW, 9) }, NOW, 8).reason).toBe(
      'no ExpiresAt tag; launched 2026-05-01T03:00:00.000Z, past maxHours 8 (2026-05-01T11:00:00.000Z)',
    );
  });

  it('cannot judge an instance with neither launch time nor ExpiresAt, and leaves it', () => {
    expect(instanceVerdict({ expiresAtTag: 'soon', launchTime: undefined }, NOW, 8)).toEqual({
      act: false,
      reason: 'ExpiresAt "soon" is not an ISO 8601 UTC time, ignored; no launch time and no ExpiresAt: cannot tell its age',
    });
  });
});

describe('unusedStep', () => {
  const at = (hoursAgo: number) => hoursBefore(NOW, hoursAgo).toISOString();

  it.each([
    [false, undefined, 'mark'],
    [false, 'garbage', 'mark'],
    [false, at(0.5), 'wait'],
    [false, at(1), 'wait'],
    [false, at(1.01), 'delete'],
    [true, undefined, 'keep'],
    [true, at(3), 'unmark'],
  ] as const)('in use %p, marked %p: %s', (inUse, unusedSinceTag, step) => {
    expect(unusedStep({ inUse, unusedSinceTag }, NOW).step).toBe(step);
  });
});
