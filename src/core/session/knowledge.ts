/**
 * What the app has learned about each login_session (keyed by its ARN, i.e. the principal):
 * Sign-In's answer for the current session, how the last session ended, the session length it
 * learned, and whether Sign-In refused to answer. Persisted as state/sessions.json; no secrets.
 */

/** An introspection of one session's refresh token. */
export interface SessionCheck {
  /** Start of the session it was about (idToken iat/auth_time, epoch ms), so a new login is told apart. */
  startedAt: number | null;
  checkedAt: number;
  active: boolean;
  /** The refresh-token chain's end (epoch ms) when active. */
  exp: number | null;
}

/** Evidence that a session ended: a refresh that failed with TOKEN_EXPIRED, or a revoke. */
export interface SessionEnded {
  startedAt: number | null;
  at: number;
  reason: 'token-expired' | 'revoked' | 'inactive';
}

export interface PrincipalRecord {
  check?: SessionCheck;
  ended?: SessionEnded;
  /** A session length learned from earlier sessions or refreshes (ms). */
  learnedLengthMs?: number;
  /** Sign-In refused to introspect (AccessDenied) or failed: don't ask again before this (epoch ms). */
  introspectPausedUntil?: number;
  /** Why the last introspection gave no answer (short, secret-free), for doctor and the window. */
  introspectProblem?: string;
}

export type SessionKnowledge = Record<string, PrincipalRecord>;

const MINUTE = 60_000;
const HOUR = 60 * MINUTE;
/** Access credentials from a refresh last this long (Sign-In's expiresIn). */
export const ACCESS_TOKEN_LIFETIME_MS = 15 * MINUTE;
/** Longest session AWS allows. */
export const MAX_SESSION_MS = 12 * HOUR;
/** After AccessDenied or an error, how long before Sign-In is asked again about that principal. */
export const INTROSPECT_PAUSE_MS = 24 * HOUR;
/** How often an active session is introspected while the app runs. */
export const INTROSPECT_EVERY_MS = 30 * MINUTE;

const num = (v: unknown): number | null => (typeof v === 'number' && Number.isFinite(v) && Math.abs(v) < 8.64e15 ? v : null);
const isObj = (v: unknown): v is Record<string, unknown> => typeof v === 'object' && v !== null && !Array.isArray(v);

function parseCheck(v: unknown): SessionCheck | undefined {
  if (!isObj(v) || typeof v.active !== 'boolean') return undefined;
  const checkedAt = num(v.checkedAt);
  if (checkedAt === null) return undefined;
  return { startedAt: num(v.startedAt), checkedAt, active: v.active, exp: num(v.exp) };
}

function parseEnded(v: unknown): SessionEnded | undefined {
  if (!isObj(v)) return undefined;
  const at = num(v.at);
  const reason = v.reason === 'token-expired' || v.reason === 'revoked' || v.reason === 'inactive' ? v.reason : null;
  return at === null || reason === null ? undefined : { startedAt: num(v.startedAt), at, reason };
}

/** Reads state/sessions.json leniently: a bad entry is dropped, never a throw. */
export function parseKnowledge(json: unknown): SessionKnowledge {
  const out: SessionKnowledge = {};
  const records = isObj(json) && isObj(json.sessions) ? json.sessions : {};
  for (const [arn, v] of Object.entries(records)) {
    if (arn === '__proto__' || !isObj(v)) continue;
    const r: PrincipalRecord = {};
    const check = parseCheck(v.check);
    if (check) r.check = check;
    const ended = parseEnded(v.ended);
    if (ended) r.ended = ended;
    const learned = num(v.learnedLengthMs);
    if (learned !== null && learned > 0 && learned <= MAX_SESSION_MS) r.learnedLengthMs = learned;
    const paused = num(v.introspectPausedUntil);
    if (paused !== null) r.introspectPausedUntil = paused;
    if (typeof v.introspectProblem === 'string') r.introspectProblem = v.introspectProblem.slice(0, 300);
    out[arn] = r;
  }
  return out;
}

/** The JSON written to disk. */
export function serialiseKnowledge(k: SessionKnowledge): { version: 1; sessions: SessionKnowledge } {
  return { version: 1, sessions: k };
}

/** Same session? Both starts unknown counts as the same (nothing tells them apart). */
export function sameSession(a: number | null, b: number | null): boolean {
  return a === b || (a !== null && b !== null && Math.abs(a - b) < 1000);
}

const clampLength = (ms: number): number => Math.min(MAX_SESSION_MS, Math.max(MINUTE, ms));

/** Sign-In answered an introspection: an exact end (or the session is over), and the length to expect next time. */
export function recordCheck(k: SessionKnowledge, arn: string, check: SessionCheck): SessionKnowledge {
  const prev = k[arn] ?? {};
  const next: PrincipalRecord = { ...prev, check };
  delete next.introspectPausedUntil;
  delete next.introspectProblem;
  if (check.active && check.exp !== null && check.startedAt !== null && check.exp > check.startedAt) {
    next.learnedLengthMs = clampLength(check.exp - check.startedAt);
  }
  if (!check.active && !(prev.ended && sameSession(prev.ended.startedAt, check.startedAt))) {
    next.ended = { startedAt: check.startedAt, at: check.checkedAt, reason: 'inactive' };
  }
  return { ...k, [arn]: next };
}

/** Sign-In refused (AccessDenied) or the call failed: use the estimate and don't ask again for a day. */
export function recordCheckFailed(k: SessionKnowledge, arn: string, now: number, problem: string): SessionKnowledge {
  return { ...k, [arn]: { ...(k[arn] ?? {}), introspectPausedUntil: now + INTROSPECT_PAUSE_MS, introspectProblem: problem } };
}

/**
 * A session was seen alive for `provenMs` after its start (a refresh after the estimate: its
 * credentials work 15 minutes on). Remembered as the length to expect when it is longer than known.
 */
export function recordProvenLength(k: SessionKnowledge, arn: string, provenMs: number): SessionKnowledge {
  const prev = k[arn] ?? {};
  if (!Number.isFinite(provenMs) || provenMs <= (prev.learnedLengthMs ?? 0)) return k;
  return { ...k, [arn]: { ...prev, learnedLengthMs: clampLength(provenMs) } };
}

/**
 * A refresh failed with TOKEN_EXPIRED at `at` (or the session was revoked): the session is over.
 * For TOKEN_EXPIRED the length is learned: the time from start to the failure when the credentials
 * had just run out (someone was using them), else up to the last good refresh (+15 min), the
 * shorter reading, so the next warning comes early rather than late.
 */
export function recordEnded(
  k: SessionKnowledge, arn: string, ended: SessionEnded, lastRefreshAt: number | null,
): SessionKnowledge {
  const prev = k[arn] ?? {};
  const next: PrincipalRecord = { ...prev, ended };
  if (ended.reason === 'token-expired' && ended.startedAt !== null) {
    const lastGood = lastRefreshAt !== null && lastRefreshAt >= ended.startedAt ? lastRefreshAt + ACCESS_TOKEN_LIFETIME_MS : null;
    const end = lastGood !== null && ended.at - lastGood > 5 * MINUTE ? lastGood : ended.at;
    if (end > ended.startedAt) next.learnedLengthMs = clampLength(end - ended.startedAt);
  }
  return { ...k, [arn]: next };
}

/** True when the session (by its start) should be introspected now. */
export function introspectionDue(record: PrincipalRecord | undefined, startedAt: number | null, now: number): boolean {
  if (record?.introspectPausedUntil !== undefined && record.introspectPausedUntil > now) return false;
  if (record?.ended && sameSession(record.ended.startedAt, startedAt)) return false;
  const c = record?.check;
  if (!c || !sameSession(c.startedAt, startedAt)) return true;
  if (!c.active) return false;
  return now - c.checkedAt >= INTROSPECT_EVERY_MS || now < c.checkedAt;
}
