import type { FileInfo } from '../ports';
import type { Settings } from '../settings';
import { decodeIdToken, type IdTokenClaims } from './id-token';
import type { LoginCache } from './login-cache';
import type { PrincipalRecord } from './knowledge';
import { resolveSessionEnd } from './session-end';
import type { SessionEndSource, SessionStartSource, SessionState } from './types';
import { sessionStartOf } from './id-token';

const MINUTE = 60_000;
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
  /** The login_session ARN (its principal decides the default length). */
  loginSession: string;
  /** The per-profile session length setting in hours (see maxSessionHoursFor), or null. */
  settingHours: number | null;
  /** Hours for principals that are neither IAM users nor roles. */
  otherPrincipalHours: number;
  /** What the app learned about this login_session (introspection, failures, lengths). */
  knowledge?: PrincipalRecord;
  /** The first (largest) warning lead: 'expiring' starts there. */
  expiringLeadMinutes: number;
}

export interface SessionDescription {
  state: SessionState;
  accessTokenExpiresAt: number | null;
  sessionStartedAt: number | null;
  sessionStartSource: SessionStartSource | null;
  sessionExpiresAt: number | null;
  sessionEndSource: SessionEndSource | null;
  error: string | null;
}

/** The per-profile session length setting: the first name with one wins; null when none is set. */
export function maxSessionHoursFor(settings: Settings, profileNames: readonly string[]): number | null {
  for (const name of profileNames) {
    const h = Object.hasOwn(settings.maxSessionHours, name) ? settings.maxSessionHours[name] : undefined;
    if (typeof h === 'number' && h > 0) return h;
  }
  return null;
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
  const fromToken = sessionStartOf(claims);
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
  const empty = { accessTokenExpiresAt: null, sessionStartedAt: null, sessionStartSource: null, sessionExpiresAt: null, sessionEndSource: null };
  if (input.cache.kind === 'missing') return { state: 'logged-out', ...empty, error: null };
  if (input.cache.kind === 'error') return { state: 'error', ...empty, error: input.cache.message };
  const { facts, stat } = input.cache;
  const start = sessionStart(facts, stat, input.recordedLoginAt);
  const end = resolveSessionEnd({
    now: input.now,
    loginSession: input.loginSession,
    startedAt: start?.at ?? null,
    accessTokenExpiresAt: Number.isFinite(facts.accessTokenExpiresAt) ? facts.accessTokenExpiresAt : null,
    settingHours: input.settingHours,
    otherPrincipalHours: input.otherPrincipalHours,
    record: input.knowledge,
  });
  let state: SessionState = 'active';
  if (end.at !== null) {
    if (end.ended) state = 'expired';
    else if (end.at - input.now <= input.expiringLeadMinutes * MINUTE) state = 'expiring';
  }
  return {
    state,
    accessTokenExpiresAt: facts.accessTokenExpiresAt,
    sessionStartedAt: start?.at ?? null,
    sessionStartSource: start?.source ?? null,
    sessionExpiresAt: end.at,
    sessionEndSource: end.source,
    error: null,
  };
}
