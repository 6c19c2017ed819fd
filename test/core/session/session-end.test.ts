import { describe, expect, it } from 'vitest';
import {
  introspectionDue, parseKnowledge, recordCheck, recordCheckFailed, recordEnded, recordProvenLength, serialiseKnowledge,
  INTROSPECT_EVERY_MS, INTROSPECT_PAUSE_MS, type SessionKnowledge,
} from '../../../src/core/session/knowledge';
import { principalKind } from '../../../src/core/session/principal';
import { resolveSessionEnd, type SessionEndInput } from '../../../src/core/session/session-end';

const MIN = 60_000;
const HOUR = 60 * MIN;
const START = Date.UTC(2026, 11, 1, 8, 0, 0);
const ROLE = 'arn:aws:sts::123456789012:assumed-role/Admin/alice';
const USER = 'arn:aws:iam::123456789012:user/alice';

const input = (over: Partial<SessionEndInput>): SessionEndInput => ({
  now: START + 10 * MIN, loginSession: ROLE, startedAt: START, accessTokenExpiresAt: START + 15 * MIN,
  settingHours: null, otherPrincipalHours: 12, record: undefined, ...over,
});

describe('principalKind', () => {
  it('tells IAM users, role sessions and others apart in every partition', () => {
    expect(principalKind(USER)).toBe('user');
    expect(principalKind(ROLE)).toBe('role');
    expect(principalKind('arn:aws-cn:sts::123456789012:assumed-role/R/s')).toBe('role');
    expect(principalKind('arn:aws-us-gov:iam::123456789012:user/path/bob')).toBe('user');
    expect(principalKind('arn:aws:sts::123456789012:federated-user/bob')).toBe('other');
    expect(principalKind('arn:aws:iam::123456789012:root')).toBe('other');
    expect(principalKind(null)).toBe('other');
  });
});

describe('resolveSessionEnd', () => {
  it('defaults to 1 h for a role session and 12 h for an IAM user', () => {
    expect(resolveSessionEnd(input({}))).toEqual({ at: START + HOUR, source: 'default', ended: false });
    expect(resolveSessionEnd(input({ loginSession: USER }))).toEqual({ at: START + 12 * HOUR, source: 'default', ended: false });
    expect(resolveSessionEnd(input({ loginSession: 'arn:aws:iam::123456789012:root', otherPrincipalHours: 3 })).at).toBe(START + 3 * HOUR);
  });

  it('lets the per-profile setting win over a learned length and the default', () => {
    const record = { learnedLengthMs: 4 * HOUR };
    expect(resolveSessionEnd(input({ record }))).toMatchObject({ at: START + 4 * HOUR, source: 'learned' });
    expect(resolveSessionEnd(input({ record, settingHours: 2 }))).toMatchObject({ at: START + 2 * HOUR, source: 'setting' });
  });

  it('extends the estimate when a refresh worked after it, and is not expired then', () => {
    // Refreshed at 1 h 20 m into a 1 h default: the session is longer than the default says.
    const now = START + HOUR + 25 * MIN;
    const end = resolveSessionEnd(input({ now, accessTokenExpiresAt: START + HOUR + 35 * MIN }));
    expect(end).toEqual({ at: START + HOUR + 35 * MIN, source: 'observed', ended: false });
  });

  it('is expired once the estimate passed with no refresh since, and never on a refresh dated in the future', () => {
    expect(resolveSessionEnd(input({ now: START + HOUR }))).toMatchObject({ ended: true, source: 'default' });
    expect(resolveSessionEnd(input({ now: START + HOUR - 1 }))).toMatchObject({ ended: false });
    // A clock stepped back: credentials "refreshed" later than now prove nothing.
    expect(resolveSessionEnd(input({ now: START + 2 * HOUR, accessTokenExpiresAt: START + 5 * HOUR }))).toMatchObject({ at: START + HOUR, ended: true });
  });

  it("takes Sign-In's exp as exact, and active:false as the end", () => {
    const check = { startedAt: START, checkedAt: START + 5 * MIN, active: true, exp: START + 8 * HOUR };
    expect(resolveSessionEnd(input({ record: { check }, settingHours: 1 }))).toEqual({ at: START + 8 * HOUR, source: 'introspected', ended: false });
    expect(resolveSessionEnd(input({ record: { check }, now: START + 8 * HOUR }))).toMatchObject({ ended: true, source: 'introspected' });
    const dead = { startedAt: START, checkedAt: START + 20 * MIN, active: false, exp: null };
    expect(resolveSessionEnd(input({ now: START + 30 * MIN, record: { check: dead } }))).toEqual({ at: START + 20 * MIN, source: 'introspected', ended: true });
  });

  it('ignores what was learned about an earlier session of the same principal, except its length', () => {
    const old = { startedAt: START - 24 * HOUR, checkedAt: START - 23 * HOUR, active: true, exp: START - 16 * HOUR };
    expect(resolveSessionEnd(input({ record: { check: old, learnedLengthMs: 8 * HOUR } }))).toMatchObject({ at: START + 8 * HOUR, source: 'learned' });
    const ended = { startedAt: START - 24 * HOUR, at: START - 20 * HOUR, reason: 'token-expired' as const };
    expect(resolveSessionEnd(input({ record: { ended } }))).toMatchObject({ ended: false, source: 'default' });
  });

  it('is expired, observed, after a refresh failed with TOKEN_EXPIRED in this session', () => {
    const ended = { startedAt: START, at: START + 50 * MIN, reason: 'token-expired' as const };
    expect(resolveSessionEnd(input({ now: START + 55 * MIN, record: { ended }, settingHours: 12 }))).toEqual({ at: START + 50 * MIN, source: 'observed', ended: true });
  });
});

describe('session knowledge', () => {
  it('learns the length from an introspection and drops a pause', () => {
    let k: SessionKnowledge = recordCheckFailed({}, ROLE, START, 'AccessDenied');
    expect(k[ROLE]!.introspectPausedUntil).toBe(START + INTROSPECT_PAUSE_MS);
    k = recordCheck(k, ROLE, { startedAt: START, checkedAt: START + MIN, active: true, exp: START + 6 * HOUR });
    expect(k[ROLE]).toEqual({ check: { startedAt: START, checkedAt: START + MIN, active: true, exp: START + 6 * HOUR }, learnedLengthMs: 6 * HOUR });
  });

  it('remembers a longer proven length, never a shorter one, and at most 12 h', () => {
    const k = recordProvenLength({}, ROLE, 2 * HOUR + 15 * MIN);
    expect(k[ROLE]!.learnedLengthMs).toBe(2 * HOUR + 15 * MIN);
    expect(recordProvenLength(k, ROLE, HOUR)).toBe(k);
    expect(recordProvenLength(k, ROLE, 20 * HOUR)[ROLE]!.learnedLengthMs).toBe(12 * HOUR);
  });

  it('learns from TOKEN_EXPIRED: the failure time when in use, the last good refresh when idle', () => {
    const busy = recordEnded({}, ROLE, { startedAt: START, at: START + 62 * MIN, reason: 'token-expired' }, START + 50 * MIN);
    expect(busy[ROLE]!.learnedLengthMs).toBe(62 * MIN);
    const idle = recordEnded({}, ROLE, { startedAt: START, at: START + 5 * HOUR, reason: 'token-expired' }, START + 50 * MIN);
    expect(idle[ROLE]!.learnedLengthMs).toBe(65 * MIN);
  });

  it('asks Sign-In for a new session at once, then every 30 minutes, never while paused or after active:false', () => {
    expect(introspectionDue(undefined, START, START)).toBe(true);
    const check = { startedAt: START, checkedAt: START, active: true, exp: START + HOUR };
    expect(introspectionDue({ check }, START, START + INTROSPECT_EVERY_MS - 1)).toBe(false);
    expect(introspectionDue({ check }, START, START + INTROSPECT_EVERY_MS)).toBe(true);
    expect(introspectionDue({ check }, START + HOUR, START + MIN)).toBe(true); // a new login
    expect(introspectionDue({ check: { ...check, active: false } }, START, START + HOUR)).toBe(false);
    expect(introspectionDue({ introspectPausedUntil: START + HOUR }, START, START + MIN)).toBe(false);
  });

  it('round-trips through JSON and drops bad entries', () => {
    const k = recordCheck({}, USER, { startedAt: START, checkedAt: START, active: true, exp: START + HOUR });
    expect(parseKnowledge(JSON.parse(JSON.stringify(serialiseKnowledge(k))))).toEqual(k);
    expect(parseKnowledge({ sessions: { a: { check: { active: 'yes' }, learnedLengthMs: 1e20 }, __proto__: {} } })).toEqual({ a: {} });
    expect(parseKnowledge(null)).toEqual({});
  });
});
