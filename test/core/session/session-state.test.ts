import { mkdtempSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { parseLoginCache } from '../../../src/core/session/login-cache';
import {
  describeSession,
  expiringLeadMinutes,
  loginCacheFacts,
  type LoginCacheFacts,
  maxSessionHoursFor,
  type CacheRead,
  type SessionInput,
} from '../../../src/core/session/session-state';
import { DEFAULT_SETTINGS, type Settings } from '../../../src/core/settings';
import { writeLoginCache, type LoginCacheOptions } from '../../support/login-cache';

const SESSION = 'arn:aws:sts::123456789012:assumed-role/Admin/alice';
const T0 = Date.UTC(2025, 11, 5, 9, 0, 0);
const MIN = 60_000;
const HOUR = 60 * MIN;

function cache(opts: LoginCacheOptions): LoginCacheFacts {
  const dir = mkdtempSync(join(tmpdir(), 'alt-session-'));
  const w = writeLoginCache(dir, SESSION, opts);
  return loginCacheFacts(parseLoginCache(readFileSync(w.file, 'utf8'), w.file));
}

const fileInfo = (birthtimeMs: number) => () => ({ birthtimeMs, mtimeMs: birthtimeMs, mode: 0o600 });

function input(over: Partial<SessionInput> & { cache: CacheRead }): SessionInput {
  return { now: T0, recordedLoginAt: null, loginSession: SESSION, settingHours: 12, otherPrincipalHours: 12, expiringLeadMinutes: 15, ...over };
}

describe('describeSession', () => {
  it('is logged-out without a cache file and error for a broken one', () => {
    expect(describeSession(input({ cache: { kind: 'missing' } }))).toMatchObject({ state: 'logged-out', error: null, sessionExpiresAt: null });
    expect(describeSession(input({ cache: { kind: 'error', message: '/x.json: bad' } }))).toMatchObject({ state: 'error', error: '/x.json: bad' });
  });

  it('dates the session from the idToken auth_time first', () => {
    const c = cache({ authTime: T0 - 2 * HOUR, issuedAt: T0 - HOUR, expiresAt: T0 + 10 * MIN });
    const d = describeSession(input({ cache: { kind: 'ok', facts: c, stat: fileInfo(T0 - 30 * MIN) }, recordedLoginAt: T0 - 20 * MIN }));
    expect(d).toMatchObject({ state: 'active', sessionStartSource: 'id-token', sessionStartedAt: T0 - 2 * HOUR });
    expect(d.sessionExpiresAt).toBe(T0 + 10 * HOUR);
    expect(d.accessTokenExpiresAt).toBe(T0 + 10 * MIN);
  });

  it('falls back to the recorded login, then the cache file creation time', () => {
    const c = cache({ idToken: false });
    const recorded = describeSession(input({ cache: { kind: 'ok', facts: c, stat: fileInfo(T0 - 3 * HOUR) }, recordedLoginAt: T0 - HOUR }));
    expect(recorded).toMatchObject({ sessionStartSource: 'recorded-login', sessionStartedAt: T0 - HOUR });
    const fromFile = describeSession(input({ cache: { kind: 'ok', facts: c, stat: fileInfo(T0 - 3 * HOUR) } }));
    expect(fromFile).toMatchObject({ sessionStartSource: 'cache-file', sessionStartedAt: T0 - 3 * HOUR, sessionExpiresAt: T0 + 9 * HOUR });
    const none = describeSession(input({ cache: { kind: 'ok', facts: c, stat: () => null } }));
    expect(none).toMatchObject({ state: 'active', sessionStartSource: null, sessionExpiresAt: null });
  });

  it('treats an expired access token alone as active: the SDK refreshes it on use', () => {
    const c = cache({ authTime: T0 - HOUR, expiresAt: T0 - 30 * MIN });
    expect(describeSession(input({ cache: { kind: 'ok', facts: c, stat: () => null } })).state).toBe('active');
  });

  it('is expiring within the lead time and expired once the estimated end passed', () => {
    const c = cache({ authTime: T0 - 12 * HOUR + 15 * MIN });
    const ok: CacheRead = { kind: 'ok', facts: c, stat: () => null };
    expect(describeSession(input({ cache: ok, now: T0 - 1000 })).state).toBe('active');
    expect(describeSession(input({ cache: ok })).state).toBe('expiring');
    expect(describeSession(input({ cache: ok, now: T0 + 15 * MIN - 1 })).state).toBe('expiring');
    expect(describeSession(input({ cache: ok, now: T0 + 15 * MIN })).state).toBe('expired');
    expect(describeSession(input({ cache: ok, settingHours: 1 })).state).toBe('expired');
  });
});

describe('loginCacheFacts', () => {
  it('keeps the account, the expiry and the idToken times, and no secret', () => {
    const dir = mkdtempSync(join(tmpdir(), 'alt-session-'));
    const w = writeLoginCache(dir, SESSION, { authTime: T0 - HOUR, issuedAt: T0, expiresAt: T0 + 10 * MIN });
    const facts = loginCacheFacts(parseLoginCache(readFileSync(w.file, 'utf8'), w.file));
    expect(facts).toEqual({
      accountId: '123456789012',
      accessTokenExpiresAt: T0 + 10 * MIN,
      idTokenClaims: { sub: SESSION, authTime: T0 - HOUR, iat: T0 },
    });
  });
});

describe('settings helpers', () => {
  const settings: Settings = { ...DEFAULT_SETTINGS, maxSessionHours: { 'dev-signin': 1, dev: 4 } };
  it('picks the first profile with a max session length, else the default', () => {
    expect(maxSessionHoursFor(settings, ['dev', 'dev-signin'])).toBe(4);
    expect(maxSessionHoursFor(settings, ['auto', 'dev-signin'])).toBe(1);
    expect(maxSessionHoursFor(settings, ['other'])).toBeNull();
    expect(maxSessionHoursFor(settings, ['constructor'])).toBeNull();
  });
  it('starts expiring at the largest positive warning lead (15 when none)', () => {
    expect(expiringLeadMinutes({ ...DEFAULT_SETTINGS, warningLeadMinutes: [5, 30, 0] })).toBe(30);
    expect(expiringLeadMinutes({ ...DEFAULT_SETTINGS, warningLeadMinutes: [0] })).toBe(15);
    expect(expiringLeadMinutes({ ...DEFAULT_SETTINGS, warningLeadMinutes: [] })).toBe(15);
  });
});
