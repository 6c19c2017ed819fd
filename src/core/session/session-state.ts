import type { FileInfo } from '../ports';
import type { Settings } from '../settings';
import { decodeIdToken, type IdTokenClaims } from './id-token';
import type { LoginCache } from './login-cache';
import type { SessionStartSource, SessionState } from './types';

const MINUTE = 60_000;
const HOUR = 60 * MINUTE;
/** Lead time used when the settings list no positive warning lead. */
export const DEFAULT_EXPIRING_LEAD_MINUTES = 15;

/** What the session model needs from a cache file, without its secrets. */
export interface LoginCacheFacts {
  accountId: string;
  accessTokenExpiresAt: number;
  idTokenClaims: IdTokenClaims | null;
}

/** Keeps only the facts: nothing secret outlives the read (and status holds 1,000 of these). */
export function loginCacheFacts(cache: LoginCache): LoginCacheFacts {
  return {
    accountId: cache.accessToken.accountId,
    accessTokenExpiresAt: cache.accessToken.expiresAtMs,
    idTokenClaims: decodeIdToken(cache.idToken),
  };
}

/** What is known about one login_session's cache file. */
export type CacheRead =
  | { kind: 'missing' }
  | { kind: 'error'; message: string; /** The file's content is broken (a login rewrites it), not an I/O error. */ broken?: boolean }
  | { kind: 'ok'; facts: LoginCacheFacts; stat: () => FileInfo | null };

export interface SessionInput {
  now: number;
  cache: CacheRead;
  /** When this app recorded a successful login for the login_session (epoch ms), if ever. */
  recordedLoginAt: number | null;
  /** The principal's maximum session length (see maxSessionHoursFor). */
  maxSessionHours: number;
  /** The first (largest) warning lead: 'expiring' starts there. */
  expiringLeadMinutes: number;
}

export interface SessionDescription {
  state: SessionState;
  accessTokenExpiresAt: number | null;
  sessionStartedAt: number | null;
  sessionStartSource: SessionStartSource | null;
  sessionExpiresAt: number | null;
  error: string | null;
}

/** The max session length for a profile: the first name with a setting wins, else the default. */
export function maxSessionHoursFor(settings: Settings, profileNames: readonly string[]): number {
  for (const name of profileNames) {
    const h = Object.hasOwn(settings.maxSessionHours, name) ? settings.maxSessionHours[name] : undefined;
    if (typeof h === 'number' && h > 0) return h;
  }
  return settings.defaultMaxSessionHours;
}

/** 'expiring' begins at the largest warning lead, so the first warning and the state agree. */
export function expiringLeadMinutes(settings: Settings): number {
  const leads = settings.warningLeadMinutes.filter((m) => Number.isFinite(m) && m > 0);
  return leads.length > 0 ? Math.max(...leads) : DEFAULT_EXPIRING_LEAD_MINUTES;
}

/** Best evidence of when the session began: idToken claims, then our own record, then the file. */
export function sessionStart(
  facts: LoginCacheFacts,
  stat: () => FileInfo | null,
  recordedLoginAt: number | null,
): { at: number; source: SessionStartSource } | null {
  const claims = facts.idTokenClaims;
  const fromToken = claims?.authTime ?? claims?.iat ?? null;
  if (fromToken !== null) return { at: fromToken, source: 'id-token' };
  if (recordedLoginAt !== null && Number.isFinite(recordedLoginAt)) return { at: recordedLoginAt, source: 'recorded-login' };
  // Stat only when needed: status reads 1,000 cache files at start-up.
  const file = stat();
  if (file !== null && Number.isFinite(file.birthtimeMs) && file.birthtimeMs > 0) {
    return { at: file.birthtimeMs, source: 'cache-file' };
  }
  return null;
}

/**
 * The state of one login session. The 15-minute access token expiring is not the end: the SDKs
 * refresh it on use. The session ends at start + max session length, which is an estimate.
 */
export function describeSession(input: SessionInput): SessionDescription {
  const empty = { accessTokenExpiresAt: null, sessionStartedAt: null, sessionStartSource: null, sessionExpiresAt: null };
  if (input.cache.kind === 'missing') return { state: 'logged-out', ...empty, error: null };
  if (input.cache.kind === 'error') return { state: 'error', ...empty, error: input.cache.message };
  const { facts, stat } = input.cache;
  const start = sessionStart(facts, stat, input.recordedLoginAt);
  const sessionExpiresAt = start === null ? null : start.at + input.maxSessionHours * HOUR;
  let state: SessionState = 'active';
  if (sessionExpiresAt !== null) {
    if (input.now >= sessionExpiresAt) state = 'expired';
    else if (sessionExpiresAt - input.now <= input.expiringLeadMinutes * MINUTE) state = 'expiring';
  }
  return {
    state,
    accessTokenExpiresAt: facts.accessTokenExpiresAt,
    sessionStartedAt: start?.at ?? null,
    sessionStartSource: start?.source ?? null,
    sessionExpiresAt,
    error: null,
  };
}
