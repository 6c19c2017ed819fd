import { describe, expect, it } from 'vitest';
import { ManualClock } from '../../../src/core/clock';
import type { ProfileStatus } from '../../../src/core/session/types';
import { firedKeys, markFired, type FiredRecord } from '../../../src/core/warnings/fired-set';
import { planWarnings, WARN_LATE_LIMIT_MS, warningId, type Warning } from '../../../src/core/warnings/plan';
import { END, HOUR, MIN, profileStatus as row, START } from '../../support/profile-status';

/** A tray that plans, "shows" the due warnings and remembers them, like the adapter does. */
class Harness {
  fired: FiredRecord = {};
  shown: Warning[] = [];
  muted: string[] = [];
  snoozedUntil: Record<string, number> = {};
  constructor(
    readonly clock: ManualClock,
    public profiles: ProfileStatus[],
    readonly leads = [15, 5, 0],
  ) {}
  tick(): { due: Warning[]; nextWakeAt: number | null } {
    const plan = planWarnings({
      profiles: this.profiles,
      leadMinutes: this.leads,
      muted: this.muted,
      snoozedUntil: this.snoozedUntil,
      fired: firedKeys(this.fired),
      now: this.clock.now(),
    });
    for (const w of plan.due) this.fired = markFired(this.fired, w);
    this.shown.push(...plan.due);
    return plan;
  }
  /** Moves the clock to each wake-up the plan asks for, until there is none or `until` is reached. */
  runUntil(until: number): void {
    for (let plan = this.tick(); plan.nextWakeAt !== null && plan.nextWakeAt <= until; plan = this.tick()) {
      this.clock.set(plan.nextWakeAt);
    }
  }
}

describe('planWarnings', () => {
  it('fires each lead once, at its time, and asks to wake at the next one', () => {
    const clock = new ManualClock(START + HOUR);
    const h = new Harness(clock, [row()]);
    expect(h.tick()).toEqual({ due: [], nextWakeAt: END - 15 * MIN });

    h.runUntil(END + HOUR);
    expect(h.shown.map((w) => w.leadMinutes)).toEqual([15, 5, 0]);
    expect(h.shown[0]!.title).toBe("AWS session 'prod' ends in about 15 minutes");
    expect(h.shown[0]!.body).toContain('(estimated)');
    expect(h.shown[1]!.body).toContain('about 5 minutes');
    expect(h.shown[2]!.title).toBe("AWS session 'prod' has ended");
    expect(h.shown[2]!.body).toBe("AWS session 'prod' has ended (estimated) — click to log in again.");
    expect(h.shown[2]!.ended).toBe(true);
    expect(h.shown.map((w) => w.id)).toEqual(['aws-login-tray:prod:15', 'aws-login-tray:prod:5', 'aws-login-tray:prod:0']);

    // Planning again at the same moment, or later, repeats nothing and has nothing to wait for.
    expect(h.tick()).toEqual({ due: [], nextWakeAt: null });
    clock.advance(30 * MIN);
    expect(h.tick().due).toEqual([]);
  });

  it('fires nothing again after a restart that loads the persisted fired set', () => {
    const clock = new ManualClock(END - 15 * MIN);
    const before = new Harness(clock, [row()]);
    expect(before.tick().due).toHaveLength(1);

    const persisted = JSON.parse(JSON.stringify(before.fired)) as FiredRecord;
    const after = new Harness(clock, [row()]);
    after.fired = persisted;
    clock.advance(2 * MIN);
    expect(after.tick()).toEqual({ due: [], nextWakeAt: END - 5 * MIN });
  });

  it('warns again for a new login: a new start time or a new login_session is a new session', () => {
    const clock = new ManualClock(END - 5 * MIN);
    const h = new Harness(clock, [row()]);
    expect(h.tick().due).toHaveLength(1);

    const restart = START + 11 * HOUR;
    h.profiles = [row({ sessionStartedAt: restart, sessionExpiresAt: restart + HOUR })];
    clock.set(restart + HOUR - 15 * MIN);
    expect(h.tick().due.map((w) => w.leadMinutes)).toEqual([15]);

    h.profiles = [row({ loginSession: 'arn:aws:iam::123456789012:user/bob', sessionStartedAt: restart, sessionExpiresAt: restart + HOUR })];
    expect(h.tick().due.map((w) => w.leadMinutes)).toEqual([15]);
  });

  it('folds the warnings missed during a sleep into one, the most urgent, and marks them all fired', () => {
    const clock = new ManualClock(END - 20 * MIN);
    const h = new Harness(clock, [row()]);
    expect(h.tick().nextWakeAt).toBe(END - 15 * MIN);

    clock.set(END + 40 * MIN); // the lid was closed across all three lead times
    const plan = h.tick();
    expect(plan.due).toHaveLength(1);
    expect(plan.due[0]).toMatchObject({ leadMinutes: 0, id: warningId('prod', 0), ended: true });
    expect(plan.due[0]!.markFired).toHaveLength(3);
    expect(plan.nextWakeAt).toBeNull();
    expect(h.tick().due).toEqual([]);
  });

  it('folds only what was missed and says the real time left', () => {
    const clock = new ManualClock(END - 15 * MIN);
    const h = new Harness(clock, [row()]);
    expect(h.tick().due).toHaveLength(1);

    clock.set(END - 3 * MIN); // slept across the 5-minute lead only
    const [w] = h.tick().due;
    expect(w).toMatchObject({ leadMinutes: 5, ended: false });
    expect(w!.title).toBe("AWS session 'prod' ends in about 3 minutes");
    expect(w!.markFired).toHaveLength(1);
  });

  it('says "has ended" when the end has passed even without a lead of 0', () => {
    const clock = new ManualClock(END + 10 * MIN);
    const h = new Harness(clock, [row({ state: 'expired' })], [30, 10]);
    const [w] = h.tick().due;
    expect(w).toMatchObject({ leadMinutes: 10, ended: true });
    expect(w!.markFired).toHaveLength(2);
  });

  it('skips muted profiles, and unmuting later shows what is still due', () => {
    const clock = new ManualClock(END - 10 * MIN);
    const h = new Harness(clock, [row(), row({ name: 'dev' })]);
    h.muted = ['prod'];
    expect(h.tick().due.map((w) => w.profile)).toEqual(['dev']);
    h.muted = [];
    expect(h.tick().due.map((w) => w.profile)).toEqual(['prod']);
  });

  it('holds a snoozed profile until the snooze ends, then shows the most urgent missed warning', () => {
    const clock = new ManualClock(END - 20 * MIN);
    const h = new Harness(clock, [row()]);
    h.snoozedUntil = { prod: END - 4 * MIN };
    expect(h.tick()).toEqual({ due: [], nextWakeAt: END - 4 * MIN });

    clock.set(END - 10 * MIN);
    expect(h.tick()).toEqual({ due: [], nextWakeAt: END - 4 * MIN });

    clock.set(END - 4 * MIN);
    const plan = h.tick();
    expect(plan.due.map((w) => w.leadMinutes)).toEqual([5]);
    expect(plan.due[0]!.markFired).toHaveLength(2);
    expect(plan.nextWakeAt).toBe(END);
  });

  it('warns once for an auto-login profile and the sign-in profile it uses, under the auto-login name', () => {
    const clock = new ManualClock(END - 15 * MIN);
    const signin = row({ name: 'prod-signin' });
    const auto = row({ name: 'prod', kind: 'auto-login', signinProfile: 'prod-signin' });
    const h = new Harness(clock, [signin, auto]);
    const plan = h.tick();
    expect(plan.due.map((w) => w.profile)).toEqual(['prod']);
    expect(plan.due[0]!.title).toContain("'prod'");

    h.muted = ['prod-signin']; // muting either row silences the shared session
    clock.set(END - 5 * MIN);
    expect(h.tick()).toEqual({ due: [], nextWakeAt: null });
  });

  it('skips logged-out, error, non-login and no-estimate rows', () => {
    const clock = new ManualClock(END);
    const rows = [
      row({ name: 'a', state: 'logged-out', sessionExpiresAt: null, sessionStartedAt: null }),
      row({ name: 'b', state: 'error', error: '~/.aws/login/cache/x.json: not JSON' }),
      row({ name: 'c', kind: 'sso', state: null }),
      row({ name: 'd', sessionExpiresAt: null, sessionStartedAt: null }),
    ];
    expect(new Harness(clock, rows).tick()).toEqual({ due: [], nextWakeAt: null });
  });

  it('says nothing about a session that ended long ago', () => {
    const clock = new ManualClock(END + WARN_LATE_LIMIT_MS + MIN);
    expect(new Harness(clock, [row({ state: 'expired' })]).tick()).toEqual({ due: [], nextWakeAt: null });
    clock.set(END + WARN_LATE_LIMIT_MS - MIN);
    expect(new Harness(clock, [row({ state: 'expired' })]).tick().due).toHaveLength(1);
  });

  it('accepts leads in any order, with repeats, and ignores negative ones', () => {
    const clock = new ManualClock(START);
    const h = new Harness(clock, [row()], [0, 5, 15, 5, -3]);
    h.runUntil(END + HOUR);
    expect(h.shown.map((w) => w.leadMinutes)).toEqual([15, 5, 0]);
  });

  it('is not fooled by a profile named like an Object property', () => {
    const clock = new ManualClock(END - 15 * MIN);
    expect(new Harness(clock, [row({ name: 'constructor' })]).tick().due).toHaveLength(1);
  });
});

describe('planWarnings when the session end moves', () => {
  it('re-plans for an introspected end that is later, and never shows the same lead twice for one session', () => {
    const clock = new ManualClock(START + 40 * MIN);
    // A role session estimated at 1 h: the 15-minute warning is due at START + 45 min.
    const h = new Harness(clock, [row({ sessionExpiresAt: START + HOUR, sessionEndSource: 'default' })]);
    h.runUntil(START + 46 * MIN);
    expect(h.shown.map((w) => w.leadMinutes)).toEqual([15]);
    expect(h.shown[0]!.body).toContain('(estimated)');
    // Sign-In says 8 h: the next warnings follow the new end, exact, and the 15-minute one does not repeat.
    h.profiles = [row({ sessionExpiresAt: START + 8 * HOUR, sessionEndSource: 'introspected' })];
    h.runUntil(START + 8 * HOUR + MIN);
    expect(h.shown.map((w) => [w.leadMinutes, w.sessionExpiresAt])).toEqual([[15, START + HOUR], [5, START + 8 * HOUR], [0, START + 8 * HOUR]]);
    expect(h.shown[2]!.body).not.toContain('estimated');
  });

  it('announces a session that ended early (Sign-In says inactive) once, as ended', () => {
    const clock = new ManualClock(START + 2 * HOUR);
    const h = new Harness(clock, [row({ state: 'expired', sessionExpiresAt: START + 2 * HOUR - MIN, sessionEndSource: 'introspected' })]);
    h.runUntil(START + 5 * HOUR);
    expect(h.shown).toHaveLength(1);
    expect(h.shown[0]).toMatchObject({ leadMinutes: 0, ended: true });
    expect(h.shown[0]!.title).toBe("AWS session 'prod' has ended");
  });
});
