/**
 * The helper's slow path end to end against the Sign-In stand-in (real SDK refresh with DPoP, real
 * files, real child processes): a refresh, two at once, an ended session, a silent endpoint.
 */
import { mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterEach, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { fakeAwsCalls, makeAwsSandbox, type AwsSandbox } from '../support/fake-aws';
import { buildHelper, run, type BuiltHelper } from '../support/built-helper';
import { loginThroughStandIn } from '../support/signin-session';
import { startSigninStandIn, type SigninStandIn } from '../support/signin-stand-in';

const ROLE = 'arn:aws:sts::123456789012:assumed-role/Admin/alice';
let built: BuiltHelper;
let standIn: SigninStandIn;
beforeAll(() => {
  built = buildHelper();
});
beforeEach(async () => {
  standIn = await startSigninStandIn({ region: 'eu-west-1' });
});
afterEach(async () => {
  await standIn.close();
});

function sandbox(): AwsSandbox {
  const sb = makeAwsSandbox(`[profile dev-signin]\nregion = eu-west-1\nlogin_session = ${ROLE}\n`, { AWS_ENDPOINT_URL_SIGNIN: standIn.url, DISPLAY: ':0' });
  return sb;
}
const helper = (sb: AwsSandbox, timeoutMs?: number) => run(process.execPath, [built.helper, '--profile', 'dev-signin'], sb.env, timeoutMs);

describe('credential helper against Sign-In', () => {
  it('refreshes a due token with one token call and prints the rotated credentials', async () => {
    const sb = sandbox();
    const seeded = loginThroughStandIn(standIn, sb.loginCacheDir, { sub: ROLE, expiresAt: Date.now() + 2 * 60_000 });
    const r = await helper(sb);
    expect(r.stderr).toBe('');
    expect(r.code).toBe(0);
    const out = JSON.parse(r.stdout) as { AccessKeyId: string };
    expect(out.AccessKeyId).toMatch(/^ASIASTANDIN/);
    expect((out as { AccountId?: string }).AccountId).toBe('123456789012'); // kept through the refresh
    expect(out.AccessKeyId).not.toBe(seeded.accessKeyId);
    expect(standIn.calls('/v1/token').map((c) => [c.grantType, c.status])).toEqual([['refresh_token', 200]]);
    expect(fakeAwsCalls(sb.logFile, 'login')).toHaveLength(0);
  });

  it('two helpers refreshing at once make one token call, and both get the rotated token', async () => {
    const sb = sandbox();
    loginThroughStandIn(standIn, sb.loginCacheDir, { sub: ROLE, expiresAt: Date.now() + 60_000 });
    const [a, b] = await Promise.all([helper(sb), helper(sb)]);
    expect([a.code, b.code]).toEqual([0, 0]);
    expect(standIn.calls('/v1/token')).toHaveLength(1);
    expect((JSON.parse(a.stdout) as { AccessKeyId: string }).AccessKeyId).toBe((JSON.parse(b.stdout) as { AccessKeyId: string }).AccessKeyId);
  });

  it('a session that ended (TOKEN_EXPIRED) leads to one new login, and its length is learned for the estimate', async () => {
    const sb = sandbox();
    loginThroughStandIn(standIn, sb.loginCacheDir, { sub: ROLE, expiresAt: Date.now() + 60_000, startedAt: Date.now() - 62 * 60_000 });
    standIn.refreshError = 'TOKEN_EXPIRED';
    const r = await helper(sb);
    expect(standIn.calls('/v1/token').map((c) => c.status)).toEqual([400]);
    expect(fakeAwsCalls(sb.logFile, 'login')).toHaveLength(1);
    expect(r.code).toBe(0);
    const state = JSON.parse(readFileSync(join(sb.appHome, 'state', 'sessions.json'), 'utf8')) as { sessions: Record<string, { ended?: { reason: string }; learnedLengthMs?: number }> };
    expect(state.sessions[ROLE]!.ended!.reason).toBe('token-expired');
    // In use until the end (its credentials had just run out): the length is the time to the failure, about 62 min.
    expect(Math.round(state.sessions[ROLE]!.learnedLengthMs! / 60_000)).toBe(62);
  });

  it('ends within its bound when Sign-In accepts and never answers, holding no lock afterwards', async () => {
    const sb = sandbox();
    mkdirSync(sb.appHome, { recursive: true });
    writeFileSync(join(sb.appHome, 'settings.json'), JSON.stringify({ signinTimeoutSeconds: 1 }));
    loginThroughStandIn(standIn, sb.loginCacheDir, { sub: ROLE, expiresAt: Date.now() + 60_000 });
    standIn.faults.set('/v1/token', 'hang');
    const t0 = Date.now();
    const r = await helper(sb, 25_000);
    const took = Date.now() - t0;
    expect(r.code).toBe(1);
    expect(took).toBeLessThan(20_000);
    expect(r.stderr).toContain('could not refresh its credentials: AWS Sign-In did not answer within 1 s. Check your network connection');
    expect(r.stderr).not.toContain('Please report it');
    expect(fakeAwsCalls(sb.logFile, 'login')).toHaveLength(0);
    // The next call is not blocked by a lock left behind.
    standIn.faults.delete('/v1/token');
    expect((await helper(sb)).code).toBe(0);
  });
});
