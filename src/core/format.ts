import type { SessionState } from './session/types';

/**
 * A duration a person reads at once: "9 h 12 m", "42 m", "<1 m" (floored; negative reads as "0 m").
 * Used for session time left and the time a snooze has left.
 */
export function formatDuration(ms: number): string {
  if (ms <= 0) return '0 m';
  const totalMinutes = Math.floor(ms / 60_000);
  if (totalMinutes === 0) return '<1 m';
  const h = Math.floor(totalMinutes / 60);
  const m = totalMinutes % 60;
  return h === 0 ? `${m} m` : `${h} h ${m} m`;
}

/** A countdown that ticks each second: "3 m 10 s", "45 s", "1 h 02 m" past an hour; negative reads as "0 s". */
export function formatCountdown(ms: number): string {
  const total = Math.max(0, Math.floor(ms / 1000));
  const h = Math.floor(total / 3600);
  const m = Math.floor((total % 3600) / 60);
  const s = total % 60;
  if (h > 0) return `${h} h ${String(m).padStart(2, '0')} m`;
  return m === 0 ? `${s} s` : `${m} m ${String(s).padStart(2, '0')} s`;
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

/** Names as a person lists them: "a", "a and b", "a, b and c". */
export function listNames(names: readonly string[]): string {
  return names.length <= 1 ? (names[0] ?? '') : `${names.slice(0, -1).join(', ')} and ${names[names.length - 1]}`;
}
