import type { ProfileStatus } from './session/types';
import { REFRESH_WINDOW_MS } from './credential-json';
import { formatClockTime, formatCountdown, formatDuration } from './format';

/** The CLI and SDKs refresh access credentials when fewer than 5 minutes remain (defined once: credential-json.ts). */
export const REFRESH_LEAD_MS = REFRESH_WINDOW_MS;

/** When the next refresh of the 15-minute credentials is due, or null when none is known. */
export function refreshDueAt(status: Pick<ProfileStatus, 'accessTokenExpiresAt'>): number | null {
  return status.accessTokenExpiresAt === null ? null : status.accessTokenExpiresAt - REFRESH_LEAD_MS;
}

/** Countdown texts for one profile at `now`: session left as "9 h 12 m", next refresh as "3 m 10 s". */
export interface Countdowns {
  /** Time left until the (exact or estimated) session end, "9 h 12 m" / "42 m", or null when unknown. */
  sessionLeft: string | null;
  /** Time until the next credentials refresh, "3 m 10 s", or null when unknown. */
  refreshIn: string | null;
  /** True when the estimated session end has passed. */
  sessionOver: boolean;
}

/** The live countdowns the window and the tray show, computed the same way everywhere. */
export function countdowns(status: ProfileStatus, now: number): Countdowns {
  const due = refreshDueAt(status);
  const end = status.sessionExpiresAt;
  return {
    sessionLeft: end === null ? null : formatDuration(end - now),
    refreshIn: due === null ? null : formatCountdown(due - now),
    sessionOver: end !== null && end <= now,
  };
}

/** True when the session end is an estimate (anything AWS Sign-In did not tell us). */
export function endIsEstimate(status: Pick<ProfileStatus, 'sessionEndSource'>): boolean {
  return status.sessionEndSource !== 'introspected';
}

/**
 * The wall-clock end in words: "ends 18:42" (exact), "ends about 18:42" (estimated), "ended (about) …"
 * once past; null when unknown. The one wording the tray menu and the window share.
 */
export function sessionEndLabel(status: Pick<ProfileStatus, 'sessionExpiresAt' | 'sessionEndSource'>, now: number): string | null {
  const end = status.sessionExpiresAt;
  if (end === null) return null;
  return `${end <= now ? 'ended' : 'ends'} ${endIsEstimate(status) ? 'about ' : ''}${formatClockTime(end)}`;
}

/** Where an estimated end comes from, in words for a tooltip or footnote; null when exact. */
export function endSourceText(source: ProfileStatus['sessionEndSource']): string | null {
  switch (source) {
    case 'introspected':
      return null;
    case 'observed':
      return 'estimated from this session’s own refreshes';
    case 'learned':
      return 'estimated from earlier sessions of this principal';
    case 'setting':
      return 'estimated from your session length setting';
    case 'default':
      return 'estimated: AWS’s default session length (IAM user 12 h, role 1 h)';
    default:
      return 'estimated';
  }
}
