import { AUTO_LOGIN_WAITING_STATE, parseWaitingState } from '../core/auto-login-waiting';
import type { AppStore } from './app-store';
import { pidAlive } from './lock';

/**
 * Sign-in profile -> since when a live helper waits on its browser sign-in (entries of helpers that
 * died are ignored): an input of the status report, read by the tray, the preview and the CLI alike.
 */
export function readWaitingSignIns(store: AppStore, isAlive: (pid: number) => boolean = pidAlive): Map<string, number> {
  let json: unknown = null;
  try {
    json = store.readJson(AUTO_LOGIN_WAITING_STATE);
  } catch {
    // Unreadable state is only a missing courtesy: show no waiting.
  }
  const out = new Map<string, number>();
  for (const [signin, e] of parseWaitingState(json)) if (isAlive(e.pid)) out.set(signin, e.since);
  return out;
}

/**
 * Marks (or, with null, unmarks) a sign-in profile as waiting on its browser sign-in, for the tray and
 * `status`; never throws (it is only a courtesy: a login never fails over it).
 */
export async function markWaiting(store: AppStore, signinProfile: string, waiting: { since: number; pid: number } | null): Promise<void> {
  try {
    await store.updateJson(AUTO_LOGIN_WAITING_STATE, (current) => {
      const next = { ...((current && typeof current === 'object' ? current : {}) as Record<string, unknown>) };
      if (waiting) next[signinProfile] = waiting;
      else delete next[signinProfile];
      return next;
    });
  } catch {
    // Unwritable state: the tray just shows no "waiting".
  }
}
