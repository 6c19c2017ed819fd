import type { Clock } from '../core/clock';
import { introspectionDue, type SessionKnowledge } from '../core/session/knowledge';
import { learnFromReport } from '../core/session/learn';
import type { StatusReport } from '../core/session/types';
import { sessionsToCheck } from '../core/session/rules';

/** How often the checker looks for sessions to ask Sign-In about (a new login is asked about within this). */
export const CHECK_TICK_MS = 60_000;
/** A status change (a login just finished) is looked at after this pause, once for a burst of changes. */
export const POKE_DELAY_MS = 2_000;

export interface SessionCheckerDeps {
  clock: Clock;
  getStatus: () => StatusReport | Promise<StatusReport>;
  loadKnowledge: () => SessionKnowledge;
  saveKnowledge: (fn: (k: SessionKnowledge) => SessionKnowledge) => void | Promise<void>;
  /** Introspects the session of one `aws login` profile (bounded; never throws). */
  check: (profile: string) => Promise<unknown>;
  /** Something was learned: push a new status. */
  onChanged: () => void;
  setTimer?: (fn: () => void, ms: number) => unknown;
  clearTimer?: (handle: unknown) => void;
  onError?: (err: unknown) => void;
}

export interface SessionChecker {
  start(): void;
  /** Look soon (after POKE_DELAY_MS): the status changed. */
  poke(): void;
  /** Look now and resolve when done (tests, `status --refresh` style callers). */
  runNow(): Promise<void>;
  stop(): void;
}

/**
 * The tray's background look at session ends: asks Sign-In about each live `aws login` session
 * when it starts and then every 30 minutes (introspectionDue), one call at a time, off the path of
 * status, the window and the credential helper; and remembers the lengths a status proves.
 */
export function createSessionChecker(deps: SessionCheckerDeps): SessionChecker {
  const setTimer = deps.setTimer ?? ((fn: () => void, ms: number): unknown => setTimeout(fn, ms));
  const clearTimer = deps.clearTimer ?? ((h: unknown) => clearTimeout(h as ReturnType<typeof setTimeout>));
  const onError = deps.onError ?? (() => undefined);
  let running = false;
  let tick: unknown = null;
  let poked: unknown = null;
  let busy: Promise<void> | null = null;
  let again = false;

  async function runOnce(): Promise<void> {
    const report = await deps.getStatus();
    let changed = false;
    const known = deps.loadKnowledge();
    if (learnFromReport(report, known) !== known) {
      await deps.saveKnowledge((k) => learnFromReport(report, k));
      changed = true;
    }
    for (const row of sessionsToCheck(report.profiles)) {
      if (!running) break;
      const record = Object.hasOwn(known, row.loginSession!) ? known[row.loginSession!] : undefined;
      if (!introspectionDue(record, row.sessionStartedAt, deps.clock.now())) continue;
      await deps.check(row.name);
      changed = true;
    }
    if (changed && running) deps.onChanged();
  }

  function run(): Promise<void> {
    if (busy) {
      again = true;
      return busy;
    }
    busy = (async () => {
      do {
        again = false;
        try {
          await runOnce();
        } catch (err) {
          onError(err);
        }
      } while (again && running);
    })().finally(() => {
      busy = null;
    });
    return busy;
  }

  function arm(): void {
    if (!running) return;
    tick = setTimer(() => {
      tick = null;
      void run().finally(arm);
    }, CHECK_TICK_MS);
  }

  return {
    start() {
      if (running) return;
      running = true;
      void run();
      arm();
    },
    poke() {
      if (!running || poked !== null) return;
      poked = setTimer(() => {
        poked = null;
        void run();
      }, POKE_DELAY_MS);
    },
    runNow: () => run(),
    stop() {
      running = false;
      if (tick !== null) clearTimer(tick);
      if (poked !== null) clearTimer(poked);
      tick = poked = null;
    },
  };
}
