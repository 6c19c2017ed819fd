import type { Clock } from '../core/clock';
import type { StatusReport } from '../core/session/types';
import type { Settings } from '../core/settings';
import { firedKeys, markFired, mergeFired, pruneFired, type FiredRecord, type FiredWarningsStore } from '../core/warnings/fired-set';
import { planWarnings, type Warning } from '../core/warnings/plan';

/** Longest single wait: a sleep or a clock jump is noticed within this even without a resume event. */
export const MAX_TIMER_MS = 60_000;

export interface WarningSchedulerDeps {
  clock: Clock;
  getStatus: () => StatusReport | Promise<StatusReport>;
  getSettings: () => Settings | Promise<Settings>;
  store: FiredWarningsStore;
  /** Shows one warning (the tray: a notification with id `w.id`; a click logs `w.profile` in). */
  notify: (w: Warning) => void;
  setTimer?: (fn: () => void, ms: number) => unknown;
  clearTimer?: (handle: unknown) => void;
  /** Default MAX_TIMER_MS. */
  maxTimerMs?: number;
  /** Problems reading status or the state file; the scheduler keeps going. Default: one line on stderr. */
  onError?: (err: unknown) => void;
}

export interface WarningScheduler {
  /** Plans at once and keeps planning until stop(). */
  start(): Promise<void>;
  /** Plan again now: call on status change, on resume from sleep and on unlock. */
  replan(): Promise<void>;
  /** Holds a profile's warnings until `untilMs`; what was missed then shows as one warning. */
  snooze(profile: string, untilMs: number): Promise<void>;
  stop(): void;
}

const message = (err: unknown): string => (err instanceof Error ? err.message : String(err));

/**
 * Fires the warning plan: owns the one timer, re-plans on every wake-up, and saves fired keys
 * before notifying so a crash or restart never repeats a warning.
 */
export function createWarningScheduler(deps: WarningSchedulerDeps): WarningScheduler {
  const setTimer = deps.setTimer ?? ((fn: () => void, ms: number): unknown => setTimeout(fn, ms));
  const clearTimer = deps.clearTimer ?? ((h: unknown) => clearTimeout(h as ReturnType<typeof setTimeout>));
  const maxTimerMs = deps.maxTimerMs ?? MAX_TIMER_MS;
  const onError = deps.onError ?? ((err: unknown) => process.stderr.write(`Session warnings: ${message(err)}\n`));

  let running = false;
  let timer: unknown = null;
  let memory: FiredRecord = {}; // survives a state file that cannot be read or written
  const snoozedUntil = new Map<string, number>();
  let tail: Promise<void> = Promise.resolve();
  let queued: Promise<void> | null = null;

  function arm(delayMs: number | null): void {
    if (timer !== null) clearTimer(timer);
    timer = null;
    if (!running || delayMs === null) return;
    timer = setTimer(() => {
      timer = null;
      void replan();
    }, Math.min(Math.max(delayMs, 1), maxTimerMs));
  }

  async function loadFired(now: number): Promise<FiredRecord> {
    try {
      memory = mergeFired(await deps.store.load(), memory);
    } catch (err) {
      onError(err);
    }
    memory = pruneFired(memory, now);
    return memory;
  }

  async function planOnce(): Promise<void> {
    if (!running) return;
    let report: StatusReport;
    let settings: Settings;
    try {
      [report, settings] = await Promise.all([deps.getStatus(), deps.getSettings()]);
    } catch (err) {
      onError(err);
      arm(maxTimerMs); // try again soon
      return;
    }
    const now = deps.clock.now();
    for (const [name, until] of snoozedUntil) if (until <= now) snoozedUntil.delete(name);
    const fired = await loadFired(now);
    const plan = planWarnings({
      profiles: report.profiles,
      leadMinutes: settings.warningLeadMinutes,
      muted: settings.mutedProfiles,
      snoozedUntil: Object.fromEntries(snoozedUntil),
      fired: firedKeys(fired),
      now,
    });
    if (plan.due.length > 0 && running) {
      memory = plan.due.reduce(markFired, fired);
      try {
        await deps.store.save(memory);
      } catch (err) {
        onError(err); // still show them: memory keeps this process from repeating them
      }
      for (const w of plan.due) {
        try {
          deps.notify(w);
        } catch (err) {
          onError(err);
        }
      }
    }
    arm(plan.nextWakeAt === null ? null : plan.nextWakeAt - now);
  }

  /** One plan at a time; calls while one runs share a single follow-up run. */
  function replan(): Promise<void> {
    if (queued) return queued;
    const run = tail
      .then(() => {
        queued = null;
        return planOnce();
      })
      .catch(onError);
    queued = run;
    tail = run;
    return run;
  }

  return {
    start() {
      running = true;
      return replan();
    },
    replan,
    snooze(profile, untilMs) {
      snoozedUntil.set(profile, untilMs);
      return replan();
    },
    stop() {
      running = false;
      arm(null);
    },
  };
}
