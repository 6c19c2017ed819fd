import { ACCESS_TOKEN_LIFETIME_MS, sameSession, type PrincipalRecord } from './knowledge';
import { defaultSessionHours, principalKind } from './principal';
import type { SessionEndSource } from './types';

const HOUR = 3_600_000;

export interface SessionEndInput {
  now: number;
  loginSession: string;
  /** Session start (epoch ms), null when unknown. */
  startedAt: number | null;
  /** When the cached 15-minute credentials expire: a refresh happened 15 minutes before. */
  accessTokenExpiresAt: number | null;
  /** The per-profile setting (hours), or null when none is set. */
  settingHours: number | null;
  /** Hours for principals that are neither IAM users nor roles (settings.defaultMaxSessionHours). */
  otherPrincipalHours: number;
  record: PrincipalRecord | undefined;
}

export interface SessionEnd {
  /** When the session ends (or ended), epoch ms; null when nothing dates it. */
  at: number | null;
  source: SessionEndSource | null;
  /** True only on evidence: a failed refresh, Sign-In saying inactive, or the end passed with no refresh since. */
  ended: boolean;
}

/**
 * The session's end, best evidence first: Sign-In's own answer (introspected); this session's
 * refreshes or failure (observed); the per-profile setting; a length learned from earlier sessions;
 * the default for the principal (IAM user 12 h, role 1 h).
 */
export function resolveSessionEnd(input: SessionEndInput): SessionEnd {
  const { now, startedAt, record } = input;
  const check = record?.check && sameSession(record.check.startedAt, startedAt) ? record.check : null;
  const endedEvidence = record?.ended && sameSession(record.ended.startedAt, startedAt) ? record.ended : null;
  if (check && !check.active) return { at: Math.min(check.checkedAt, check.exp ?? Infinity), source: 'introspected', ended: true };
  if (endedEvidence) return { at: endedEvidence.at, source: endedEvidence.reason === 'inactive' ? 'introspected' : 'observed', ended: true };
  if (check && check.exp !== null) return { at: check.exp, source: 'introspected', ended: now >= check.exp };
  if (startedAt === null) return { at: null, source: null, ended: false };

  let length: number;
  let source: SessionEndSource;
  if (input.settingHours !== null) {
    length = input.settingHours * HOUR;
    source = 'setting';
  } else if (record?.learnedLengthMs !== undefined) {
    length = record.learnedLengthMs;
    source = 'learned';
  } else {
    length = defaultSessionHours(principalKind(input.loginSession), input.otherPrincipalHours) * HOUR;
    source = 'default';
  }
  let at = startedAt + length;
  // A refresh after the estimate proves the session lasted longer: its credentials work for 15 minutes.
  const lastRefresh = input.accessTokenExpiresAt === null ? null : input.accessTokenExpiresAt - ACCESS_TOKEN_LIFETIME_MS;
  if (lastRefresh !== null && lastRefresh > at && lastRefresh <= now) {
    at = lastRefresh + ACCESS_TOKEN_LIFETIME_MS;
    source = 'observed';
  }
  return { at, source, ended: now >= at };
}
