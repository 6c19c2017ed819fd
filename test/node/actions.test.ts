import { createHash } from 'node:crypto';
import { existsSync, readFileSync, statSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { login, logout, logoutAll, type ActionDeps } from '../../src/node/actions';
import { openAppStore } from '../../src/node/app-store';
import { runAws } from '../../src/node/aws-cli/run';
import { readLastLoginResult } from '../../src/node/login-runner';
import { FAKE_AWS_PATH, fakeAwsCalls, FAKE_SESSION, makeAwsSandbox, type AwsSandbox } from '../support/fake-aws';
import { loginThroughStandIn } from '../support/signin-session';
import { startSigninStandIn } from '../support/signin-stand-in';

const cacheFile = (sb: AwsSandbox, session = FAKE_SESSION) =>
  join(sb.loginCacheDir, createHash('sha256').update(session, 'utf8').digest('hex') + '.json');

function deps(sb: AwsSandbox, env: Record<string, string> = {}, over: Partial<ActionDeps> = {}): ActionDeps {
  return { env: { ...sb.env, ...env }, platform: 'linux', homeDir: sb.home, store: openAppStore(sb.appHome), ...over };
}

describe('login', () => {
  it('runs aws login, reports progress, and records the login time for sessionStartedAt', async () => {
    const sb = makeAwsSandbox('[profile dev]\nregion = eu-west-1\n');
    const progress: string[] = [];
    const d = deps(sb, {}, { onProgress: (m) => progress.push(m) });
    const before = Date.now();
    const r = await login('dev', d);
    expect(r).toEqual({ ok: true, message: `Logged in to dev as ${FAKE_SESSION}.` });
    expect(progress).toEqual(['Opening your browser to sign in to dev...']);
    expect(existsSync(cacheFile(sb))).toBe(true);
    expect(d.store.loadRecordedLogins()[FAKE_SESSION]).toBeGreaterThanOrEqual(before);
    expect(fakeAwsCalls(sb.logFile, 'login').map((c) => c.argv)).toEqual([['login', '--profile', 'dev']]);
  });

  it('runs one aws login for two concurrent requests, and both succeed', async () => {
    const sb = makeAwsSandbox('[profile dev]\nregion = eu-west-1\n');
    const env = { FAKE_AWS_MODE: 'slow', FAKE_AWS_SLOW_MS: '800' };
    const [a, b] = await Promise.all([login('dev', deps(sb, env)), login('dev', deps(sb, env))]);
    expect(a.ok && b.ok).toBe(true);
    expect(fakeAwsCalls(sb.logFile, 'login')).toHaveLength(1);
  });

  it('shares a cancelled login with the request that waited for it', async () => {
    const sb = makeAwsSandbox('[profile dev]\nregion = eu-west-1\n');
    const env = { FAKE_AWS_MODE: 'cancel', FAKE_AWS_SLOW_MS: '800' };
    const results = await Promise.all([login('dev', deps(sb, env)), login('dev', deps(sb, env))]);
    expect(results.map((r) => !r.ok && r.error.code)).toEqual(['login-cancelled', 'login-cancelled']);
    expect(fakeAwsCalls(sb.logFile, 'login')).toHaveLength(1);
    expect(readLastLoginResult(openAppStore(sb.appHome), 'dev')).toMatchObject({ ok: false, error: { code: 'login-cancelled' } });
  });

  it('logs an auto-login profile in through its sign-in profile, lending it a region it writes into that profile first', async () => {
    const sb = makeAwsSandbox('[profile foo]\nregion = ap-northeast-1\ncredential_process = aws-login-tray credential-process --profile foo-signin\n');
    const progress: string[] = [];
    const r = await login('foo', deps(sb, {}, { onProgress: (m) => progress.push(m) }));
    expect(r).toEqual({ ok: true, message: `Logged in to foo (through sign-in profile foo-signin) as ${FAKE_SESSION}.` });
    expect(progress).toEqual(['Opening your browser to sign in to foo (through sign-in profile foo-signin)...']);
    // Recorded: aws login never saves --region, so the app saves it and passes none.
    expect(fakeAwsCalls(sb.logFile, 'login').map((c) => c.argv)).toEqual([['login', '--profile', 'foo-signin']]);
    expect(readFileSync(sb.configFile, 'utf8')).toContain(`[profile foo-signin]\nregion = ap-northeast-1\nlogin_session = ${FAKE_SESSION}\n`);
  });

  it('a sign-in profile it lent a region to can refresh afterwards (the recorded NoRegion failure of export-credentials-refresh-no-region)', async () => {
    const standIn = await startSigninStandIn({ region: 'ap-northeast-1', expiresIn: 200 });
    try {
      const sb = makeAwsSandbox('[profile foo]\nregion = ap-northeast-1\ncredential_process = aws-login-tray credential-process --profile foo-signin\n',
        { AWS_ENDPOINT_URL_SIGNIN: standIn.url, FAKE_AWS_SIGNIN: '' });
      expect((await login('foo', deps(sb))).ok).toBe(true);
      // 200 s left: the CLI refreshes (<= 300 s), which needs the profile's region.
      // Async: the stand-in answers from this process.
      const r = await runAws(FAKE_AWS_PATH, ['configure', 'export-credentials', '--profile', 'foo-signin'], { env: sb.env, timeoutMs: 20_000 });
      expect({ code: r.exitCode, stderr: r.stderr }).toEqual({ code: 0, stderr: '' });
      expect(standIn.calls('/v1/token').map((c) => c.grantType)).toEqual(['authorization_code', 'refresh_token']);
    } finally {
      await standIn.close();
    }
  });

  it('refuses unknown and option-like names without running aws', async () => {
    const sb = makeAwsSandbox('[profile dev]\nregion = x\n');
    const unknown = await login('nope', deps(sb));
    expect(!unknown.ok && unknown.error).toMatchObject({ code: 'unknown-profile' });
    expect(!unknown.ok && unknown.error.message).toContain(sb.configFile);
    expect(!unknown.ok && unknown.error.hint).toContain('`aws configure set region <region> --profile nope`, then `aws-login-tray login nope`');
    const dash = await login('--all', deps(sb));
    expect(!dash.ok && dash.error.code).toBe('invalid-argument');
    expect(existsSync(sb.logFile)).toBe(false);
  });

  it('says the CLI is too old, and asks again next time (an upgrade may have happened); a good version is asked once', async () => {
    const sb = makeAwsSandbox('[profile dev]\nregion = x\n');
    const d = deps(sb, { FAKE_AWS_MODE: 'old' });
    const first = await login('dev', d);
    expect(!first.ok && first.error).toMatchObject({ code: 'aws-cli-too-old' });
    expect(!first.ok && first.error.message).toContain('2.9.19');
    await login('dev', d);
    expect(fakeAwsCalls(sb.logFile, 'login')).toHaveLength(0);
    expect(readFileSync(sb.logFile, 'utf8').match(/--version/g)).toHaveLength(2);
    // The same aws file now answers 2.32.3: logins work at once, and the version is remembered.
    expect((await login('dev', deps(sb))).ok).toBe(true);
    await logout('dev', deps(sb));
    expect(readFileSync(sb.logFile, 'utf8').match(/--version/g)).toHaveLength(3);
  });

  it('says when the CLI is missing', async () => {
    const sb = makeAwsSandbox('[profile dev]\nregion = x\n');
    const missing = await login('dev', deps(sb, { AWS_LOGIN_TRAY_AWS_CLI: join(sb.root, 'no-aws') }));
    expect(!missing.ok && missing.error.code).toBe('aws-cli-not-found');
  });

  it('refuses profiles with other credentials before running aws, naming the kind and a next step', async () => {
    const sb = makeAwsSandbox([
      '[profile cp]', 'region = x', 'credential_process = /bin/op read x',
      '[profile keys]', 'region = eu-west-1',
      '[profile sso]', 'sso_session = corp', 'sso_account_id = 123456789012', 'sso_role_name = Admin',
      '[profile role]', 'role_arn = arn:aws:iam::123456789012:role/Admin', 'source_profile = base',
      '[profile auto]', 'region = x', 'credential_process = aws-login-tray credential-process --profile sso', '',
    ].join('\n'));
    writeFileSync(sb.credentialsFile, '[keys]\naws_access_key_id = AKIAFAKEFAKEFAKEFAKE\naws_secret_access_key = fakefakefake\n');
    const cases: [string, RegExp, RegExp][] = [
      ['cp', /^Profile cp gets credentials from its own credential_process/, /`aws configure set region x --profile cp-login`, then `aws-login-tray login cp-login`/],
      ['keys', /long-term access keys \(aws_access_key_id\)/, /--profile keys-login`, then `aws-login-tray login keys-login`/],
      ['sso', /IAM Identity Center \(SSO\)/, /`aws sso login --profile sso`/],
      ['role', /an assumed role \(role_arn\)/, /`aws-login-tray login base`/],
      ['auto', /^Sign-in profile sso \(used by auto\)/, /enable-auto-login auto --signin-profile <new-name>/],
    ];
    for (const [name, message, hint] of cases) {
      const r = await login(name, deps(sb));
      expect(!r.ok && r.error.code).toBe('profile-has-other-credentials');
      expect(!r.ok && r.error.message).toMatch(message);
      expect(!r.ok && r.error.hint).toMatch(hint);
    }
    expect(existsSync(sb.logFile)).toBe(false);
  });

  it('reports a hidden region prompt as no-region, and a bad config line with file and line', async () => {
    const sb = makeAwsSandbox('[profile dev]\n');
    const r = await login('dev', deps(sb));
    expect(!r.ok && r.error.code).toBe('no-region');
    const bad = makeAwsSandbox('[profile dev\nregion = x\n');
    const b = await login('dev', deps(bad));
    expect(!b.ok && b.error.code).toBe('config-error');
    expect(!b.ok && b.error.message).toContain(`${bad.configFile}:1`);
  });
});

describe('logout', () => {
  it('removes the cache file, leaves login_session, and logs out an auto-login profile through its sign-in profile', async () => {
    const sb = makeAwsSandbox('[profile foo]\ncredential_process = aws-login-tray credential-process --profile foo-signin\n[profile foo-signin]\nregion = x\n');
    await login('foo', deps(sb));
    expect(statSync(cacheFile(sb)).isFile()).toBe(true);
    const r = await logout('foo', deps(sb, {}, { localOnly: true }));
    expect(r).toEqual({ ok: true, message: 'Logged out of foo (through sign-in profile foo-signin) on this machine only (--local-only: the session was not revoked at AWS). Tools that already loaded its keys may use them for up to 15 minutes.' });
    expect(existsSync(cacheFile(sb))).toBe(false);
    expect(readFileSync(sb.configFile, 'utf8')).toContain(`login_session = ${FAKE_SESSION}`);
    expect(fakeAwsCalls(sb.logFile, 'logout').map((c) => c.argv)).toEqual([['logout', '--profile', 'foo-signin']]);
  });

  it('says a profile that is not logged in was not, without running aws logout', async () => {
    const sb = makeAwsSandbox('[profile dev]\nregion = x\n[profile fresh]\nregion = x\n');
    await login('dev', deps(sb));
    // Sign-In unreachable (a closed port): the local files still go, and the message says the session was not revoked.
    expect(await logout('dev', deps(sb))).toEqual({
      ok: true,
      message: 'Logged out of dev on this machine (its credentials here are deleted), but its session was NOT revoked at AWS: "x" is not a region name. Only a copy of those files could use it until it ends. If they may have been copied, end it in the IAM console: Roles → Admin → Revoke active sessions.',
    });
    expect(await logout('dev', deps(sb))).toEqual({ ok: true, message: 'dev was not logged in.' });
    expect(await logout('fresh', deps(sb))).toEqual({ ok: true, message: 'fresh was not logged in (it has no login_session).' });
    expect(fakeAwsCalls(sb.logFile, 'logout')).toHaveLength(1);
  });

  it('revokes the session at AWS first (one RevokeOAuth2TokenWithIAM with its refresh token), then runs aws logout', async () => {
    const standIn = await startSigninStandIn({ region: 'eu-west-1' });
    try {
      const session = 'arn:aws:sts::123456789012:assumed-role/Admin/alice';
      const sb = makeAwsSandbox(`[profile dev]\nregion = eu-west-1\nlogin_session = ${session}\n`, { AWS_ENDPOINT_URL_SIGNIN: standIn.url });
      const seeded = loginThroughStandIn(standIn, sb.loginCacheDir, { sub: session });
      const r = await logout('dev', deps(sb));
      expect(r).toEqual({ ok: true, message: 'Logged out of dev and ended its session at AWS (revoked). Tools that already loaded its keys may use them for up to 15 minutes.' });
      expect(standIn.calls('/v1/revoke')).toHaveLength(1);
      expect(standIn.calls('/v1/revoke')[0]!.token === seeded.refreshToken).toBe(true);
      expect(standIn.chainOf(seeded.refreshToken)).toMatchObject({ revoked: true });
      expect(existsSync(seeded.file)).toBe(false);
      expect(fakeAwsCalls(sb.logFile, 'logout').map((c) => c.argv)).toEqual([['logout', '--profile', 'dev']]);
      // --local-only makes no call at all.
      const again = loginThroughStandIn(standIn, sb.loginCacheDir, { sub: session });
      await logout('dev', deps(sb, {}, { localOnly: true }));
      expect(standIn.calls('/v1/revoke')).toHaveLength(1);
      expect(standIn.chainOf(again.refreshToken)).toMatchObject({ revoked: false });
    } finally {
      await standIn.close();
    }
  });

  it('names every profile a logout ends: the same login_session, and auto-login profiles on that sign-in profile', async () => {
    const sb = makeAwsSandbox([
      `[profile work]\nregion = eu-west-1\nlogin_session = ${FAKE_SESSION}\n`,
      `[profile work-copy]\nregion = eu-west-1\nlogin_session = ${FAKE_SESSION}\n`,
      '[profile sandbox]\ncredential_process = aws-login-tray credential-process --profile work\n',
      '[profile other]\nregion = eu-west-1\nlogin_session = arn:aws:iam::210987654321:user/bob\n',
    ].join(''));
    await login('work', deps(sb));
    const r = await logout('work-copy', deps(sb, {}, { localOnly: true }));
    expect(r).toMatchObject({ ok: true, message: expect.stringContaining('This also logged out work and sandbox: they share that session.') });
    expect(existsSync(cacheFile(sb))).toBe(false);
    // Through the auto-login profile: its own sign-in profile is part of what was asked for, the copy is not.
    await login('work', deps(sb));
    const viaAuto = await logout('sandbox', deps(sb, {}, { localOnly: true }));
    expect(viaAuto).toMatchObject({ ok: true, message: expect.stringMatching(/^Logged out of sandbox \(through sign-in profile work\) .* This also logged out work-copy: it shares that session\./) });
  });

  it('logoutAll removes every session', async () => {
    const sb = makeAwsSandbox('[profile a]\nregion = x\n[profile b]\nregion = x\n');
    await login('a', deps(sb));
    await login('b', deps(sb, { FAKE_AWS_SESSION: 'arn:aws:iam::210987654321:user/bob' }));
    const r = await logoutAll(deps(sb));
    expect(r).toMatchObject({ ok: true });
    expect(existsSync(cacheFile(sb))).toBe(false);
    expect(existsSync(cacheFile(sb, 'arn:aws:iam::210987654321:user/bob'))).toBe(false);
  });
});
