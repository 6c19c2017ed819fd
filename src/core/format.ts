import type { SessionState } from './session/types';

/** "mm:ss" for short countdowns (the next refresh); negative values read as 00:00. */
export function formatMmSs(ms: number): string {
  const total = Math.max(0, Math.floor(ms / 1000));
  const m = Math.floor(total / 60);
  const s = total % 60;
  return `${String(m).padStart(2, '0')}:${String(s).padStart(2, '0')}`;
}

/** "h:mm" for session time left; negative values read as 0:00. */
export function formatHMm(ms: number): string {
  const totalMinutes = Math.max(0, Math.floor(ms / 60_000));
  const h = Math.floor(totalMinutes / 60);
  const m = totalMinutes % 60;
  return `${h}:${String(m).padStart(2, '0')}`;
}

/** A wall-clock time in the local time zone, "18:42" (24-hour, as ISO and most locales read it). */
export function formatClockTime(ms: number): string {
  const d = new Date(ms);
  return `${String(d.getHours()).padStart(2, '0')}:${String(d.getMinutes()).padStart(2, '0')}`;
}

const LABELS: Record<SessionState, string> = {
  active: 'Active',
  expiring: 'Expiring',
  expired: 'Expired',
  'logged-out': 'Logged out',
  error: 'Error',
};

/** The words people see for a session state, the same in the tray, the window and the CLI. */
export function stateLabel(state: SessionState): string {
  return LABELS[state];
}

/** What the tray and the window say while a credential helper waits on a browser sign-in. */
export const WAITING_FOR_SIGN_IN = 'Waiting for browser sign-in…';
