import { mkdtempSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { systemClock } from '../../../src/node/system-clock';
import { openAppStore } from '../../../src/node/app-store';
import { nodeFilePort } from '../../../src/node/fs-port';
import { loadKnowledge } from '../../../src/node/session-knowledge-store';
import { callSigninWithIam } from '../../../src/node/signin/iam-call';
import { checkSession, revokeSession, type SessionCallDeps } from '../../../src/node/signin/session-check';
import { buildStatusReport } from '../../../src/core/status';
import { DEFAULT_SETTINGS } from '../../../src/core/settings';
import { writeAwsConfig } from '../../support/login-cache';
import { loginThroughStandIn } from '../../support/signin-session';
import { startSigninStandIn, type SigninStandIn } from '../../support/signin-stand-in';

const ROLE = 'arn:aws:sts::123456789012:assumed-role/Admin/alice';
const MIN = 60_000;
const HOUR = 60 * MIN;

let standIn: SigninStandIn;

function sandbox(props: Record<string, string> = {}) {
  const root = mkdtempSync(join(tmpdir(), 'alt-check-'));
  const env = {
    HOME: join(root, 'home'),
    AWS_CONFIG_FILE: join(root, 'aws', 'config'),
    AWS_SHARED_CREDENTIALS_FILE: join(root, 'aws', 'credentials'),
    AWS_LOGIN_CACHE_DIRECTORY: join(root, 'aws', 'cache'),
    AWS_ENDPOINT_URL_SIGNIN: standIn.url,
  };
  // The SDK refresh reads the process environment, as it does in the helper and the tray.
  for (const [k, v] of Object.entries(env)) vi.stubEnv(k, v);
  writeAwsConfig(env.AWS_CONFIG_FILE, { dev: { login_session: ROLE, region: 'eu-west-1', ...props } });
  const store = openAppStore(join(root, 'app'));
  const deps: SessionCallDeps = { env, platform: 'linux', homeDir: env.HOME, files: nodeFilePort, store, clock: systemClock, timeoutMs: 2_000 };
  const status = () => buildStatusReport({ files: nodeFilePort, env, platform: 'linux', clock: systemClock, settings: DEFAULT_SETTINGS, recordedLogins: {}, knowledge: loadKnowledge(store) });
  return { root, env, store, deps, cacheDir: env.AWS_LOGIN_CACHE_DIRECTORY, status };
}

beforeEach(async () => {
  standIn = await startSigninStandIn({ region: 'eu-west-1' });
});
afterEach(async () => {
  vi.unstubAllEnvs();
  await standIn.close();
});

describe('checkSession (IntrospectOAuth2TokenWithIAM)', () => {
  it("makes Sign-In's exp the session end, marked introspected, with one signed call", async () => {
    const s = sandbox();
    const start = Math.floor((Date.now() - 10 * MIN) / 1000) * 1000;
    const login = loginThroughStandIn(standIn, s.cacheDir, { sub: ROLE, sessionSeconds: 8 * 3600, startedAt: start });
    expect(s.status().profiles[0]).toMatchObject({ sessionEndSource: 'default', sessionExpiresAt: start + HOUR });

    const r = await checkSession('dev', s.deps);
    expect(r).toMatchObject({ kind: 'checked', outcome: { kind: 'active', exp: start + 8 * HOUR } });
    expect(standIn.calls('/v1/introspect')).toHaveLength(1);
    expect(standIn.calls('/v1/introspect')[0]).toMatchObject({ status: 200, query: 'x-amz-client-auth-method=iam' });
    expect(standIn.calls('/v1/introspect')[0]!.token === login.refreshToken).toBe(true);
    expect(s.status().profiles[0]).toMatchObject({ state: 'active', sessionEndSource: 'introspected', sessionExpiresAt: start + 8 * HOUR });
    // The length is learned for this principal's next session.
    expect(loadKnowledge(s.store)[ROLE]!.learnedLengthMs).toBe(8 * HOUR);
  });

  it('refreshes stale credentials first, under the session lock, through the real SDK against the stand-in', async () => {
    const s = sandbox();
    const login = loginThroughStandIn(standIn, s.cacheDir, { sub: ROLE, expiresAt: Date.now() + 2 * MIN });
    const r = await checkSession('dev', { ...s.deps, refresh: undefined });
    expect(r).toMatchObject({ kind: 'checked', outcome: { kind: 'active' } });
    expect(standIn.calls('/v1/token').map((c) => [c.grantType, c.status])).toEqual([['refresh_token', 200]]);
    const cache = JSON.parse(readFileSync(login.file, 'utf8')) as { refreshToken: string; accessToken: { accessKeyId: string } };
    expect(cache.refreshToken === login.refreshToken).toBe(false); // rotated and saved by the SDK
    // The introspection was signed with the refreshed keys and asked about the rotated token.
    expect(standIn.calls('/v1/introspect')[0]!.token === cache.refreshToken).toBe(true);
    expect(standIn.calls('/v1/introspect')[0]!.status).toBe(200);
  });

  it('keeps the estimate and pauses asking for a day when the principal may not introspect', async () => {
    const s = sandbox();
    standIn.introspectDenied.add(ROLE);
    loginThroughStandIn(standIn, s.cacheDir, { sub: ROLE });
    const r = await checkSession('dev', s.deps);
    expect(r).toMatchObject({ kind: 'checked', outcome: { kind: 'failed', denied: true } });
    expect(standIn.calls('/v1/introspect')[0]!.status).toBe(403);
    const rec = loadKnowledge(s.store)[ROLE]!;
    expect(rec.introspectPausedUntil! - Date.now()).toBeGreaterThan(23 * HOUR);
    expect(rec.introspectProblem).toContain('AccessDeniedException');
    expect(s.status().profiles[0]).toMatchObject({ sessionEndSource: 'default', state: 'active' });
  });

  it('marks the session ended when Sign-In says active:false, and a failed refresh with TOKEN_EXPIRED as ended too', async () => {
    const s = sandbox();
    const login = loginThroughStandIn(standIn, s.cacheDir, { sub: ROLE });
    // Revoked elsewhere (another machine's logout): the chain is dead.
    await callSigninWithIam({
      endpoint: standIn.url, region: 'eu-west-1', operation: '/v1/revoke', body: { token: login.refreshToken },
      credentials: { accessKeyId: login.accessKeyId, secretAccessKey: login.secretAccessKey, sessionToken: login.sessionToken }, timeoutMs: 2_000,
    });
    expect(await checkSession('dev', s.deps)).toMatchObject({ kind: 'checked', outcome: { kind: 'inactive' } });
    expect(s.status().profiles[0]).toMatchObject({ state: 'expired', sessionEndSource: 'introspected' });
  });

  it('records TOKEN_EXPIRED from the refresh it needed as the end, observed', async () => {
    const s = sandbox();
    loginThroughStandIn(standIn, s.cacheDir, { sub: ROLE, expiresAt: Date.now() + MIN, startedAt: Date.now() - 50 * MIN });
    standIn.refreshError = 'TOKEN_EXPIRED';
    const r = await checkSession('dev', { ...s.deps, refresh: undefined });
    expect(r).toMatchObject({ kind: 'ended' });
    expect(standIn.calls('/v1/introspect')).toHaveLength(0);
    expect(s.status().profiles[0]).toMatchObject({ state: 'expired', sessionEndSource: 'observed' });
  });

  it('ends within its timeout against a Sign-In that accepts and never answers', async () => {
    const s = sandbox();
    loginThroughStandIn(standIn, s.cacheDir, { sub: ROLE });
    standIn.faults.set('/v1/introspect', 'hang');
    const t0 = Date.now();
    const r = await checkSession('dev', { ...s.deps, timeoutMs: 300 });
    expect(Date.now() - t0).toBeLessThan(5_000);
    expect(r).toMatchObject({ kind: 'checked', outcome: { kind: 'failed', denied: false, problem: 'Sign-In did not answer in time' } });
  });

  it('follows the profile region for the SigV4 scope: a wrong region is refused by the stand-in', async () => {
    const s = sandbox({ region: 'us-west-2' });
    loginThroughStandIn(standIn, s.cacheDir, { sub: ROLE });
    const r = await checkSession('dev', s.deps);
    expect(r).toMatchObject({ kind: 'checked', outcome: { kind: 'failed', problem: expect.stringContaining('InvalidSignatureException') } });
  });
});

describe('the stand-in verifies SigV4 as Sign-In would', () => {
  it('refuses a bad secret, foreign keys and an unsigned request', async () => {
    const root = mkdtempSync(join(tmpdir(), 'alt-sig-'));
    const login = loginThroughStandIn(standIn, join(root, 'cache'), { sub: ROLE });
    const base = { endpoint: standIn.url, region: 'eu-west-1', operation: '/v1/introspect' as const, body: { token: login.refreshToken }, timeoutMs: 2_000 };
    const good = { accessKeyId: login.accessKeyId, secretAccessKey: login.secretAccessKey, sessionToken: login.sessionToken };
    expect(await callSigninWithIam({ ...base, credentials: good })).toMatchObject({ kind: 'answer', status: 200 });
    expect(await callSigninWithIam({ ...base, credentials: { ...good, secretAccessKey: 'wrong' } })).toMatchObject({ status: 403, errorType: 'InvalidSignatureException' });
    expect(await callSigninWithIam({ ...base, credentials: { ...good, accessKeyId: 'ASIAUNKNOWN' } })).toMatchObject({ status: 403, errorType: 'UnrecognizedClientException' });
    expect(await callSigninWithIam({ ...base, credentials: { ...good, sessionToken: 'other' } })).toMatchObject({ status: 403 });
    const unsigned = await fetch(`${standIn.url}/v1/introspect?x-amz-client-auth-method=iam`, { method: 'POST', body: '{"token":"x"}' });
    expect(unsigned.status).toBe(403);
  });
});

describe('revokeSession (RevokeOAuth2TokenWithIAM)', () => {
  it('ends the chain server-side with one call carrying the refresh token; the next introspect says inactive', async () => {
    const s = sandbox();
    const login = loginThroughStandIn(standIn, s.cacheDir, { sub: ROLE });
    expect(await revokeSession('dev', s.deps)).toEqual({ kind: 'revoked' });
    const calls = standIn.calls('/v1/revoke');
    expect(calls).toHaveLength(1);
    expect(calls[0]!.token === login.refreshToken).toBe(true);
    expect(standIn.chainOf(login.refreshToken)).toMatchObject({ revoked: true });
    const again = await callSigninWithIam({
      endpoint: standIn.url, region: 'eu-west-1', operation: '/v1/introspect', body: { token: login.refreshToken },
      credentials: { accessKeyId: login.accessKeyId, secretAccessKey: login.secretAccessKey, sessionToken: login.sessionToken }, timeoutMs: 2_000,
    });
    expect(again).toMatchObject({ kind: 'answer', status: 200, body: '{"active":false}' });
  });

  it('says why when it cannot revoke (Sign-In unreachable), within its timeout', async () => {
    const s = sandbox();
    loginThroughStandIn(standIn, s.cacheDir, { sub: ROLE });
    standIn.faults.set('/v1/revoke', 'http500');
    expect(await revokeSession('dev', s.deps)).toEqual({ kind: 'failed', problem: 'InternalServerException: fake server_error' });
    expect(await revokeSession('nobody', s.deps)).toEqual({ kind: 'not-logged-in' });
  });
});
