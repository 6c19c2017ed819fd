import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { ManualClock } from '../../src/core/clock';
import type { ProfileStatus, StatusReport } from '../../src/core/session/types';
import { DEFAULT_SETTINGS, type Settings } from '../../src/core/settings';
import type { Warning } from '../../src/core/warnings/plan';
import { openAppStore } from '../../src/node/app-store';
import { appStoreFiredWarnings } from '../../src/node/fired-warnings-store';
import { createWarningScheduler, MAX_TIMER_MS, type WarningScheduler } from '../../src/node/warning-scheduler';
import { END, HOUR, MIN, profileStatus as row } from '../support/profile-status';

/**
 * Injected timers. Like real ones they count time the machine is awake (`advance`); a sleep
 * (`sleep`) moves the wall clock but not the timers, so only a capped wait notices it promptly.
 */
class FakeTimers {
  readonly pending = new Map<number, { fn: () => void; at: number }>();
  readonly delays: number[] = [];
  private nextId = 1;
  private awake = 0;
  constructor(private readonly clock: ManualClock) {}
  set = (fn: () => void, ms: number): unknown => {
    const id = this.nextId++;
    this.pending.set(id, { fn, at: this.awake + ms });
    this.delays.push(ms);
    return id;
  };
  clear = (handle: unknown): void => {
    this.pending.delete(handle as number);
  };
  sleep(ms: number): void {
    this.clock.advance(ms);
  }
  /** Lets `ms` of awake time pass, firing due timers in order and letting the scheduler finish each. */
  async advance(ms: number, scheduler: WarningScheduler): Promise<void> {
    const target = this.awake + ms;
    for (;;) {
      const next = [...this.pending.entries()].sort((a, b) => a[1].at - b[1].at)[0];
      if (!next || next[1].at > target) break;
      this.pending.delete(next[0]);
      this.clock.advance(next[1].at - this.awake);
      this.awake = next[1].at;
      next[1].fn();
      await scheduler.replan(); // joins the run the timer started
    }
    this.clock.advance(target - this.awake);
    this.awake = target;
  }
}

let home: string;
beforeEach(() => {
  home = mkdtempSync(join(tmpdir(), 'alt-warn-'));
});
afterEach(() => {
  rmSync(home, { recursive: true, force: true });
});

function setup(now: number, opts: { profiles?: ProfileStatus[]; settings?: Partial<Settings>; getStatus?: () => StatusReport } = {}) {
  const clock = new ManualClock(now);
  const timers = new FakeTimers(clock);
  const shown: { at: number; w: Warning }[] = [];
  const errors: string[] = [];
  const state = { profiles: opts.profiles ?? [row()] };
  const store = appStoreFiredWarnings(openAppStore(home));
  const report = (): StatusReport => ({
    generatedAt: clock.now(),
    configFile: join(home, 'config'),
    credentialsFile: join(home, 'credentials'),
    loginCacheDir: join(home, 'cache'),
    configFound: true,
    profiles: state.profiles,
  });
  const scheduler = createWarningScheduler({
    clock,
    getStatus: opts.getStatus ?? report,
    getSettings: () => ({ ...DEFAULT_SETTINGS, ...opts.settings }),
    store,
    notify: (w) => shown.push({ at: clock.now(), w }),
    setTimer: timers.set,
    clearTimer: timers.clear,
    onError: (err) => errors.push(err instanceof Error ? err.message : String(err)),
  });
  return { clock, timers, shown, errors, state, scheduler };
}

const firedFile = () => join(home, 'state', 'fired-warnings.json');

describe('createWarningScheduler', () => {
  it('fires each warning at its time, with timers never longer than the cap', async () => {
    const { timers, shown, scheduler } = setup(END - 20 * MIN);
    await scheduler.start();
    await timers.advance(80 * MIN, scheduler);

    expect(shown.map(({ at, w }) => [at - END, w.leadMinutes, w.id])).toEqual([
      [-15 * MIN, 15, 'aws-login-tray:prod:15'],
      [-5 * MIN, 5, 'aws-login-tray:prod:5'],
      [0, 0, 'aws-login-tray:prod:0'],
    ]);
    expect(Math.max(...timers.delays)).toBeLessThanOrEqual(MAX_TIMER_MS);
    expect(timers.pending.size).toBe(0); // nothing left to wait for
    scheduler.stop();
  });

  it('folds what a sleep skipped into one warning when replanned on resume', async () => {
    const { timers, shown, scheduler } = setup(END - 20 * MIN);
    await scheduler.start();
    timers.sleep(50 * MIN); // no timer runs while asleep
    await scheduler.replan();
    expect(shown).toHaveLength(1);
    expect(shown[0]!.w).toMatchObject({ leadMinutes: 0, ended: true });
    await scheduler.replan();
    expect(shown).toHaveLength(1);
    scheduler.stop();
  });

  it('notices a clock jump through its capped timer even without a resume event', async () => {
    const { clock, timers, shown, scheduler } = setup(END - 2 * HOUR);
    await scheduler.start();
    timers.sleep(118 * MIN);
    await timers.advance(MAX_TIMER_MS, scheduler);
    expect(clock.now()).toBe(END - MIN);
    expect(shown.map(({ w }) => w.leadMinutes)).toEqual([5]);
    expect(shown[0]!.w.markFired).toHaveLength(2);
    scheduler.stop();
  });

  it('saves the fired keys before it notifies', async () => {
    const { clock } = setup(END - 15 * MIN);
    const store = appStoreFiredWarnings(openAppStore(home));
    let onDisk: string[] = [];
    const scheduler = createWarningScheduler({
      clock,
      getStatus: () => ({ generatedAt: 0, configFile: '', credentialsFile: '', loginCacheDir: '', configFound: true, profiles: [row()] }),
      getSettings: () => DEFAULT_SETTINGS,
      store,
      notify: (w) => {
        onDisk = Object.keys((JSON.parse(readFileSync(firedFile(), 'utf8')) as { fired: object }).fired);
        expect(onDisk).toContain(w.key);
      },
      setTimer: () => 0,
      clearTimer: () => undefined,
    });
    await scheduler.start();
    expect(onDisk).toHaveLength(1);
  });

  it('does not repeat a warning after a restart (a new scheduler on the same state file)', async () => {
    const first = setup(END - 15 * MIN);
    await first.scheduler.start();
    expect(first.shown).toHaveLength(1);
    first.scheduler.stop();
    expect(first.timers.pending.size).toBe(0);

    const second = setup(END - 14 * MIN);
    await second.scheduler.start();
    expect(second.shown).toHaveLength(0);
    await second.timers.advance(9 * MIN, second.scheduler);
    expect(second.shown.map(({ w }) => w.leadMinutes)).toEqual([5]);
  });

  it('warns again after a new login when told the status changed', async () => {
    const { clock, shown, state, scheduler } = setup(END - 5 * MIN);
    await scheduler.start();
    expect(shown).toHaveLength(1);
    const again = clock.now() - 11 * HOUR - 45 * MIN; // a 12-hour session that has 15 minutes left
    state.profiles = [row({ sessionStartedAt: again, sessionExpiresAt: again + 12 * HOUR })];
    await scheduler.replan();
    expect(shown.map(({ w }) => w.leadMinutes)).toEqual([5, 15]);
    scheduler.stop();
  });

  it('holds a snoozed profile and shows the most urgent missed warning when the snooze ends', async () => {
    const { timers, shown, scheduler } = setup(END - 20 * MIN);
    await scheduler.start();
    await scheduler.snooze('prod', END - 4 * MIN);
    await timers.advance(16 * MIN, scheduler);
    expect(shown.map(({ at, w }) => [at - END, w.leadMinutes])).toEqual([[-4 * MIN, 5]]);
    scheduler.stop();
  });

  it('stays quiet for a muted profile', async () => {
    const { timers, shown, scheduler } = setup(END - 20 * MIN, { settings: { mutedProfiles: ['prod'] } });
    await scheduler.start();
    await timers.advance(80 * MIN, scheduler);
    expect(shown).toEqual([]);
    scheduler.stop();
  });

  it('reports a status failure, keeps going and retries within the cap', async () => {
    let fail = true;
    const good = (): StatusReport => ({ generatedAt: 0, configFile: '', credentialsFile: '', loginCacheDir: '', configFound: true, profiles: [row()] });
    const env = setup(END - 10 * MIN, {
      getStatus: () => {
        if (fail) throw new Error('~/.aws/config line 3: "[profile" has no closing bracket.');
        return good();
      },
    });
    await env.scheduler.start();
    expect(env.errors).toEqual(['~/.aws/config line 3: "[profile" has no closing bracket.']);
    expect(env.timers.delays).toEqual([MAX_TIMER_MS]);
    fail = false;
    await env.timers.advance(MIN, env.scheduler);
    expect(env.shown.map(({ w }) => w.leadMinutes)).toEqual([15]);
    env.scheduler.stop();
  });
});
