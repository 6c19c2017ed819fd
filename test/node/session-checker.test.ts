import { describe, expect, it } from 'vitest';
import { ManualClock } from '../../src/core/clock';
import { INTROSPECT_EVERY_MS, recordCheck, recordCheckFailed, type SessionKnowledge } from '../../src/core/session/knowledge';
import type { ProfileStatus, StatusReport } from '../../src/core/session/types';
import { CHECK_TICK_MS, createSessionChecker } from '../../src/node/session-checker';
import { profileStatus, START } from '../support/profile-status';

const MIN = 60_000;
const ROLE = 'arn:aws:sts::123456789012:assumed-role/Admin/alice';

function harness(rows: ProfileStatus[]) {
  const clock = new ManualClock(START + 10 * MIN);
  let knowledge: SessionKnowledge = {};
  const checked: string[] = [];
  let changed = 0;
  const timers: { fn: () => void; at: number }[] = [];
  const report = (): StatusReport => ({ generatedAt: clock.now(), configFile: '/c', credentialsFile: '/k', loginCacheDir: '/l', configFound: true, profiles: rows });
  const checker = createSessionChecker({
    clock,
    getStatus: report,
    loadKnowledge: () => knowledge,
    saveKnowledge: (fn) => void (knowledge = fn(knowledge)),
    check: async (profile) => {
      checked.push(profile);
      const row = rows.find((r) => r.name === profile)!;
      knowledge = recordCheck(knowledge, row.loginSession!, { startedAt: row.sessionStartedAt, checkedAt: clock.now(), active: true, exp: START + 8 * 60 * MIN });
    },
    onChanged: () => changed++,
    setTimer: (fn, ms) => {
      const t = { fn, at: clock.now() + ms };
      timers.push(t);
      return t;
    },
    clearTimer: (h) => timers.splice(timers.indexOf(h as (typeof timers)[number]), 1),
  });
  /** Moves the clock and fires the timers that came due. */
  const advance = async (ms: number) => {
    clock.advance(ms);
    for (const t of timers.filter((x) => x.at <= clock.now())) {
      timers.splice(timers.indexOf(t), 1);
      t.fn();
    }
    await checker.runNow();
  };
  return { clock, checker, checked, advance, changes: () => changed, knowledge: () => knowledge, setKnowledge: (k: SessionKnowledge) => (knowledge = k), timers };
}

describe('createSessionChecker', () => {
  it('asks once per session at start, then every 30 minutes, and pushes a status after each answer', async () => {
    const rows = [
      profileStatus({ name: 'dev-signin', loginSession: ROLE }),
      profileStatus({ name: 'dev', kind: 'auto-login', signinProfile: 'dev-signin', loginSession: ROLE }),
      profileStatus({ name: 'out', loginSession: 'arn:aws:iam::123456789012:user/x', state: 'logged-out' }),
    ];
    const h = harness(rows);
    h.checker.start();
    await h.checker.runNow();
    expect(h.checked).toEqual(['dev-signin']); // one call for the shared session, none for a logged-out one
    expect(h.changes()).toBe(1);
    await h.advance(CHECK_TICK_MS);
    expect(h.checked).toHaveLength(1);
    await h.advance(INTROSPECT_EVERY_MS);
    expect(h.checked).toEqual(['dev-signin', 'dev-signin']);
    h.checker.stop();
    expect(h.timers).toHaveLength(0);
  });

  it('never asks about a principal Sign-In refused within the day', async () => {
    const h = harness([profileStatus({ name: 'dev', loginSession: ROLE })]);
    h.setKnowledge(recordCheckFailed({}, ROLE, h.clock.now(), 'AccessDeniedException'));
    h.checker.start();
    await h.checker.runNow();
    expect(h.checked).toEqual([]);
    expect(h.changes()).toBe(0);
  });

  it('remembers the length a refresh after the estimate proves, without a network call', async () => {
    const row = profileStatus({ name: 'dev', loginSession: ROLE, sessionEndSource: 'observed', sessionStartedAt: START, sessionExpiresAt: START + 95 * MIN });
    const h = harness([row]);
    h.setKnowledge(recordCheckFailed({}, ROLE, h.clock.now(), 'AccessDeniedException'));
    h.checker.start();
    await h.checker.runNow();
    expect(h.knowledge()[ROLE]!.learnedLengthMs).toBe(95 * MIN);
    expect(h.changes()).toBe(1);
    await h.advance(CHECK_TICK_MS);
    expect(h.changes()).toBe(1); // nothing new: no push
  });

  it('looks again soon after a status change (a login just finished)', async () => {
    const rows = [profileStatus({ name: 'dev', loginSession: ROLE, state: 'logged-out' })];
    const h = harness(rows);
    h.checker.start();
    await h.checker.runNow();
    expect(h.checked).toEqual([]);
    rows[0] = profileStatus({ name: 'dev', loginSession: ROLE });
    h.checker.poke();
    await h.advance(2_000);
    expect(h.checked).toEqual(['dev']);
  });
});
