import { describe, expect, it } from 'vitest';
import { ManualClock } from '../../../src/core/clock';
import type { ProfileStatus } from '../../../src/core/session/types';
import {
  FIRED_KEEP_MS,
  firedKeys,
  markFired,
  parseFiredWarnings,
  pruneFired,
  serialiseFiredWarnings,
  type FiredRecord,
} from '../../../src/core/warnings/fired-set';
import { planWarnings, WARN_LATE_LIMIT_MS } from '../../../src/core/warnings/plan';
import { HOUR, profileStatus, START } from '../../support/profile-status';

/** An active session that began at `start` and lasts `hours`. */
const row = (start: number, hours: number): ProfileStatus => profileStatus({ sessionStartedAt: start, sessionExpiresAt: start + hours * HOUR });

function plan(profiles: ProfileStatus[], fired: FiredRecord, now: number) {
  return planWarnings({ profiles, leadMinutes: [15, 5, 0], muted: [], snoozedUntil: {}, fired: firedKeys(fired), now });
}

describe('fired set', () => {
  it('round-trips through JSON text', () => {
    const record = markFired({}, { markFired: ['a', 'b'], sessionExpiresAt: START });
    const text = JSON.stringify(serialiseFiredWarnings(record));
    expect(JSON.parse(text)).toEqual({ version: 1, fired: { a: START, b: START } });
    expect(parseFiredWarnings(JSON.parse(text))).toEqual(record);
  });

  it('reads a damaged file leniently, keeping the good entries', () => {
    expect(parseFiredWarnings(null)).toEqual({});
    expect(parseFiredWarnings('nonsense')).toEqual({});
    expect(parseFiredWarnings({ version: 1, fired: [1, 2] })).toEqual({});
    expect(parseFiredWarnings({ fired: { good: 5, bad: 'x', worse: null } })).toEqual({ good: 5 });
    expect(parseFiredWarnings(JSON.parse('{"fired":{"__proto__":7,"ok":1}}'))).toEqual({ ok: 1 });
  });

  it('never shortens the end kept for a key', () => {
    const once = markFired({}, { markFired: ['k'], sessionExpiresAt: START + HOUR });
    expect(markFired(once, { markFired: ['k'], sessionExpiresAt: START })).toEqual({ k: START + HOUR });
  });

  it('drops sessions that ended more than a day ago and keeps the rest', () => {
    const record = { old: START, fresh: START + 2 * HOUR };
    expect(pruneFired(record, START + FIRED_KEEP_MS)).toEqual(record);
    expect(pruneFired(record, START + FIRED_KEEP_MS + 1)).toEqual({ fresh: START + 2 * HOUR });
  });

  it('pruning never lets a warning fire twice, even if the end estimate moved later', () => {
    const clock = new ManualClock(START + HOUR);
    const oneHour = [row(START, 1)];
    let fired: FiredRecord = {};
    for (const w of plan(oneHour, fired, clock.now()).due) fired = markFired(fired, w);
    expect(Object.keys(fired)).toHaveLength(3);

    // The max session setting is raised to 12 h: the same session now ends 11 hours later.
    const twelveHours = [row(START, 12)];
    for (const at of [START + 12 * HOUR, START + 12 * HOUR + WARN_LATE_LIMIT_MS, START + HOUR + FIRED_KEEP_MS + 1]) {
      clock.set(at);
      fired = pruneFired(fired, clock.now());
      expect(plan(twelveHours, fired, clock.now()).due).toEqual([]);
    }
    expect(fired).toEqual({}); // the last step really pruned
  });

  it('keeps the file small over many sessions', () => {
    let fired: FiredRecord = {};
    for (let day = 0; day < 30; day++) {
      const start = START + day * 24 * HOUR;
      const now = start + 12 * HOUR;
      fired = pruneFired(fired, now);
      for (const w of plan([row(start, 12)], fired, now).due) fired = markFired(fired, w);
    }
    expect(Object.keys(fired).length).toBeLessThanOrEqual(6);
  });
});
