import { chmodSync, mkdirSync, mkdtempSync, renameSync, statSync, unlinkSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { ManualClock } from '../../src/core/clock';
import { AwsConfigError } from '../../src/core/config/types';
import type { FilePort } from '../../src/core/ports';
import { DEFAULT_SETTINGS, type Settings } from '../../src/core/settings';
import { emptyFactsIndex, SETTLE_MS, type FactsIndex } from '../../src/core/session/facts-index';
import { accountFromArn, buildStatusReport } from '../../src/core/status';
import { loginCacheFileName } from '../../src/core/session/login-cache';
import { nodeFilePort } from '../../src/node/fs-port';
import { writeAwsConfig, writeAwsCredentials, writeLoginCache } from '../support/login-cache';

const NOW = Date.UTC(2025, 11, 5, 10, 0, 0);
const MIN = 60_000;
const HOUR = 60 * MIN;
const DEV = 'arn:aws:sts::111122223333:assumed-role/Admin/alice';
const PROD = 'arn:aws:iam::444455556666:user/alice';
const RECIPE = `sh -c 'aws configure export-credentials --profile dev-signin 2>/dev/null || (aws login --profile dev-signin >/dev/null 2>&1 && aws configure export-credentials --profile dev-signin)'`;

function sandbox() {
  const root = mkdtempSync(join(tmpdir(), 'alt-status-'));
  const env = {
    HOME: join(root, 'home'),
    AWS_CONFIG_FILE: join(root, 'aws', 'config'),
    AWS_SHARED_CREDENTIALS_FILE: join(root, 'aws', 'credentials'),
    AWS_LOGIN_CACHE_DIRECTORY: join(root, 'aws', 'cache'),
  };
  const report = (settings: Settings = DEFAULT_SETTINGS, recordedLogins: Record<string, number> = {}) =>
    buildStatusReport({ files: nodeFilePort, env, platform: 'linux', clock: new ManualClock(NOW), settings, recordedLogins });
  return { root, env, cacheDir: env.AWS_LOGIN_CACHE_DIRECTORY, report };
}

describe('buildStatusReport', () => {
  it('is an empty, not-found report without any config', () => {
    const s = sandbox();
    const r = s.report();
    expect(r).toMatchObject({ configFound: false, profiles: [], configFile: s.env.AWS_CONFIG_FILE, loginCacheDir: s.cacheDir, generatedAt: NOW });
  });

  it('describes login, auto-login, logged-out and other kinds', () => {
    const s = sandbox();
    writeAwsConfig(s.env.AWS_CONFIG_FILE, {
      'dev-signin': { login_session: DEV, region: 'eu-west-1' },
      dev: { credential_process: RECIPE },
      prod: { login_session: PROD },
      sso: { sso_session: 'corp', sso_account_id: '123456789012', sso_role_name: 'R', region: 'us-east-1' },
    });
    writeAwsCredentials(s.env.AWS_SHARED_CREDENTIALS_FILE, { legacy: { aws_access_key_id: 'AKIAFAKEFAKEFAKEFAKE', aws_secret_access_key: 'FAKE' } });
    writeLoginCache(s.cacheDir, DEV, { authTime: NOW - 2 * HOUR, expiresAt: NOW + 7 * MIN });

    const r = s.report();
    expect(r.configFound).toBe(true);
    // A role session (1 h by default) refreshed 8 minutes ago, 2 h in: it lasts at least until those credentials expire.
    expect(r.profiles.map((p) => [p.name, p.kind, p.state])).toEqual([
      ['dev-signin', 'login', 'expiring'],
      ['dev', 'auto-login', 'expiring'],
      ['prod', 'login', 'logged-out'],
      ['sso', 'sso', null],
      ['legacy', 'static-keys', null],
    ]);
    const [signin, dev, prod, sso] = r.profiles;
    expect(signin).toMatchObject({
      loginSession: DEV,
      accountId: '111122223333',
      region: 'eu-west-1',
      accessTokenExpiresAt: NOW + 7 * MIN,
      sessionStartedAt: NOW - 2 * HOUR,
      sessionStartSource: 'id-token',
      sessionExpiresAt: NOW + 7 * MIN,
      sessionEndSource: 'observed',
      signinProfile: null,
      error: null,
    });
    // A recipe's auto-login is told apart from our helper's (the window offers no switch for it).
    expect(dev!.autoLoginVia).toBe('recipe');
    // The auto-login profile carries its sign-in profile's session and region.
    expect(dev).toMatchObject({ signinProfile: 'dev-signin', loginSession: DEV, region: 'eu-west-1', sessionExpiresAt: NOW + 7 * MIN });
    expect(prod).toMatchObject({ accountId: '444455556666', sessionExpiresAt: null, region: null });
    expect(sso).toMatchObject({ region: 'us-east-1', loginSession: null, accountId: null });
  });

  it('uses per-profile session lengths, recorded logins and the expiring lead from settings', () => {
    const s = sandbox();
    writeAwsConfig(s.env.AWS_CONFIG_FILE, { 'dev-signin': { login_session: DEV }, dev: { credential_process: RECIPE, region: 'us-west-2' } });
    writeLoginCache(s.cacheDir, DEV, { idToken: false });
    const settings = { ...DEFAULT_SETTINGS, maxSessionHours: { dev: 1 }, warningLeadMinutes: [30] };
    const r = s.report(settings, { [DEV]: NOW - 40 * MIN });
    // One session, one end: dev's setting (1 h) also dates its sign-in profile's row.
    expect(r.profiles[0]).toMatchObject({ state: 'expiring', sessionStartSource: 'recorded-login', sessionExpiresAt: NOW + 20 * MIN, sessionEndSource: 'setting' });
    expect(r.profiles[1]).toMatchObject({ state: 'expiring', region: 'us-west-2', sessionExpiresAt: NOW + 20 * MIN, sessionEndSource: 'setting' });
  });

  it("gives a sign-in profile the session length set on the auto-login profile that uses it", () => {
    const s = sandbox();
    const USER_ARN = 'arn:aws:iam::111122223333:user/alice';
    writeAwsConfig(s.env.AWS_CONFIG_FILE, { 'dev-signin': { login_session: USER_ARN }, dev: { credential_process: RECIPE } });
    writeLoginCache(s.cacheDir, USER_ARN, { authTime: NOW - HOUR, expiresAt: NOW + 10 * MIN });
    const r = s.report({ ...DEFAULT_SETTINGS, maxSessionHours: { dev: 3 } });
    expect(r.profiles.map((p) => [p.name, p.sessionExpiresAt, p.sessionEndSource])).toEqual([
      ['dev-signin', NOW + 2 * HOUR, 'setting'],
      ['dev', NOW + 2 * HOUR, 'setting'],
    ]);
  });

  it('marks a waiting browser sign-in on the sign-in profile and every auto-login profile using it, nothing else', () => {
    const s = sandbox();
    writeAwsConfig(s.env.AWS_CONFIG_FILE, {
      dev: { credential_process: RECIPE }, 'dev-signin': { region: 'eu-west-1' },
      ops: { credential_process: RECIPE.replaceAll('dev-signin', 'ops-signin') }, 'ops-signin': {}, corp: { sso_session: 'corp' },
    });
    const r = buildStatusReport({ files: nodeFilePort, env: s.env, platform: 'linux', clock: new ManualClock(NOW), settings: DEFAULT_SETTINGS, recordedLogins: {}, waitingSignIns: new Map([['dev-signin', 1000]]) });
    expect(r.profiles.map((p) => [p.name, p.waitingForSignInSince])).toEqual([['dev', 1000], ['dev-signin', 1000], ['ops', undefined], ['ops-signin', undefined], ['corp', undefined]]);
  });

  it('marks an auto-login profile whose sign-in profile is missing as an error', () => {
    const s = sandbox();
    writeAwsConfig(s.env.AWS_CONFIG_FILE, { dev: { credential_process: RECIPE } });
    const [dev] = s.report().profiles;
    expect(dev).toMatchObject({ state: 'error', signinProfile: 'dev-signin' });
    expect(dev?.error).toContain('sign-in profile "dev-signin"');
    expect(dev?.error).toContain('is missing');
  });

  it('reports a sign-in profile without login_session as logged out', () => {
    const s = sandbox();
    writeAwsConfig(s.env.AWS_CONFIG_FILE, { 'dev-signin': { region: 'eu-west-1' }, dev: { credential_process: RECIPE }, plain: { region: 'eu-west-1' } });
    const [signin, dev, plain] = s.report().profiles;
    expect(dev).toMatchObject({ kind: 'auto-login', state: 'logged-out', loginSession: null, region: 'eu-west-1' });
    // Before its first login the sign-in profile holds nothing, yet it is an aws login profile.
    expect(signin).toMatchObject({ name: 'dev-signin', kind: 'login', state: 'logged-out', loginSession: null });
    expect(plain).toMatchObject({ name: 'plain', kind: 'other', state: null });
  });

  it('keeps every other profile when one cache file is broken or unreadable', () => {
    const s = sandbox();
    writeAwsConfig(s.env.AWS_CONFIG_FILE, { a: { login_session: DEV }, b: { login_session: PROD }, c: { login_session: 'arn:aws:iam::777788889999:user/x' } });
    writeLoginCache(s.cacheDir, DEV);
    writeFileSync(join(s.cacheDir, loginCacheFileName(PROD)), '{"accessToken":');
    mkdirSync(join(s.cacheDir, loginCacheFileName('arn:aws:iam::777788889999:user/x')));
    const [a, b, c] = s.report().profiles;
    expect(a?.state).toBe('active');
    expect(b).toMatchObject({ state: 'error', accountId: '444455556666' });
    expect(b?.error).toContain(join(s.cacheDir, loginCacheFileName(PROD)));
    expect(c?.state).toBe('error');
    expect(c?.error).toContain('is a folder');
  });

  it('propagates a config the SDKs reject as AwsConfigError with the file and line', () => {
    const s = sandbox();
    mkdirSync(join(s.root, 'aws'), { recursive: true });
    writeFileSync(s.env.AWS_CONFIG_FILE, '[profile ok]\nregion = eu-west-1\n[profile broken\n');
    let err: unknown;
    try {
      s.report();
    } catch (e) {
      err = e;
    }
    expect(err).toBeInstanceOf(AwsConfigError);
    expect((err as AwsConfigError).message.startsWith(`${s.env.AWS_CONFIG_FILE}:3: `)).toBe(true);
  });

  it('propagates an unreadable config file as an error naming it', () => {
    const s = sandbox();
    mkdirSync(s.env.AWS_CONFIG_FILE, { recursive: true });
    chmodSync(s.env.AWS_CONFIG_FILE, 0o700);
    expect(() => s.report()).toThrow(`${s.env.AWS_CONFIG_FILE}: is a folder`);
  });
});

describe('accountFromArn', () => {
  it('reads the account of sts and iam ARNs in any partition', () => {
    expect(accountFromArn(DEV)).toBe('111122223333');
    expect(accountFromArn('arn:aws-cn:iam::123456789012:user/x')).toBe('123456789012');
    expect(accountFromArn('not-an-arn')).toBeNull();
    expect(accountFromArn(null)).toBeNull();
  });
});

/** Sleeps long enough for the next write to get a new ctime (the kernel stamps files per clock tick, <= 10 ms on Linux). */
const nextTick = (): void => void Atomics.wait(new Int32Array(new SharedArrayBuffer(4)), 0, 0, 25);

describe('buildStatusReport with a facts index', () => {
  /** A sandbox with one login profile; `aged` runs the report's clock SETTLE_MS ahead, so fresh test files count as settled. */
  function indexed(aged = true) {
    const s = sandbox();
    writeAwsConfig(s.env.AWS_CONFIG_FILE, { dev: { login_session: DEV }, prod: { login_session: PROD } });
    let reads = 0;
    const files: FilePort = {
      readText: (p) => {
        if (p.startsWith(s.cacheDir)) reads++;
        return nodeFilePort.readText(p);
      },
      stat: nodeFilePort.stat,
      signature: nodeFilePort.signature,
    };
    const factsIndex: FactsIndex = emptyFactsIndex();
    const clock = new ManualClock(Date.now() + (aged ? SETTLE_MS + 1_000 : 0));
    const report = (f: FilePort = files) => buildStatusReport({ files: f, env: s.env, platform: 'linux', clock, settings: DEFAULT_SETTINGS, recordedLogins: {}, factsIndex });
    const dev = () => report().profiles.find((p) => p.name === 'dev')!;
    return { ...s, factsIndex, report, dev, reads: () => reads, devFile: join(s.cacheDir, loginCacheFileName(DEV)) };
  }

  it('skips reading cache files whose signature did not change, and reports the same', () => {
    const s = indexed();
    writeLoginCache(s.cacheDir, DEV, { authTime: Date.now() - HOUR });
    writeLoginCache(s.cacheDir, PROD, { authTime: Date.now() - 2 * HOUR });
    const first = s.report();
    expect(s.reads()).toBe(2);
    expect(Object.keys(s.factsIndex.entries)).toHaveLength(2);
    s.factsIndex.changed = false;
    expect(s.report()).toEqual(first);
    expect(s.reads()).toBe(2);
    expect(s.factsIndex.changed).toBe(false);
  });

  it('re-reads a file rewritten in place (truncate + write, same inode)', () => {
    const s = indexed();
    writeLoginCache(s.cacheDir, DEV, { authTime: Date.now() - 10 * MIN });
    const before = statSync(s.devFile);
    expect(s.dev().state).toBe('active');
    nextTick();
    const later = Math.floor((Date.now() - 30 * MIN) / 1000) * 1000;
    writeLoginCache(s.cacheDir, DEV, { authTime: later });
    expect(statSync(s.devFile).ino).toBe(before.ino);
    expect(s.dev().sessionStartedAt).toBe(later);
  });

  it('re-reads a file replaced by a rename', () => {
    const s = indexed();
    writeLoginCache(s.cacheDir, DEV, { authTime: Date.now() - 10 * MIN });
    expect(s.dev().state).toBe('active');
    nextTick();
    const later = Math.floor((Date.now() - 20 * MIN) / 1000) * 1000;
    const tmp = join(s.root, 'new');
    const written = writeLoginCache(tmp, DEV, { authTime: later });
    renameSync(written.file, s.devFile);
    expect(s.dev().sessionStartedAt).toBe(later);
  });

  it('sees a deleted file as logged out and drops it from the index', () => {
    const s = indexed();
    writeLoginCache(s.cacheDir, DEV);
    expect(s.dev().state).toBe('active');
    expect(Object.keys(s.factsIndex.entries)).toEqual([loginCacheFileName(DEV)]);
    unlinkSync(s.devFile);
    expect(s.dev().state).toBe('logged-out');
    expect(Object.keys(s.factsIndex.entries)).toEqual([]);
  });

  it('remembers a broken file as an error, then sees it fixed', () => {
    const s = indexed();
    mkdirSync(s.cacheDir, { recursive: true });
    writeFileSync(s.devFile, '{"accessToken": ');
    expect(s.dev()).toMatchObject({ state: 'error', error: `${s.devFile}: is not valid JSON. Log in again to rewrite it: \`aws-login-tray login dev\`.` });
    expect(s.dev().state).toBe('error');
    expect(s.reads()).toBe(1);
    nextTick();
    writeLoginCache(s.cacheDir, DEV);
    expect(s.dev()).toMatchObject({ state: 'active', error: null });
  });

  it('names each row\'s own sign-in profile in the next step for a broken file, also when the message comes from the index', () => {
    const s = indexed();
    writeAwsConfig(s.env.AWS_CONFIG_FILE, { dev: { login_session: DEV }, 'dev-signin': { login_session: DEV }, auto: { credential_process: RECIPE } });
    mkdirSync(s.cacheDir, { recursive: true });
    writeFileSync(s.devFile, '{"accessToken": ');
    const errors = () => Object.fromEntries(s.report().profiles.map((p) => [p.name, p.error]));
    const expected = {
      dev: `${s.devFile}: is not valid JSON. Log in again to rewrite it: \`aws-login-tray login dev\`.`,
      'dev-signin': `${s.devFile}: is not valid JSON. Log in again to rewrite it: \`aws-login-tray login dev-signin\`.`,
      auto: `${s.devFile}: is not valid JSON. Log in again to rewrite it: \`aws-login-tray login dev-signin\`.`,
    };
    expect(errors()).toEqual(expected);
    expect(errors()).toEqual(expected);
    expect(s.reads()).toBe(1);
  });

  it('gives no rewrite step for a cache file that cannot be read (an I/O problem, not its content)', () => {
    const s = indexed();
    mkdirSync(s.devFile, { recursive: true });
    expect(s.dev().error).toBe(`${s.devFile}: is a folder, not a file.`);
  });

  it('sees a same-size rewrite made at once (same millisecond): a file that has not settled is never indexed', () => {
    const s = indexed(false);
    mkdirSync(s.cacheDir, { recursive: true });
    const body = (accountId: string, authTimeSec: number) =>
      JSON.stringify({
        accessToken: { accessKeyId: 'ASIAFAKEFAKEFAKEFAKE', secretAccessKey: 'FAKEsecret', sessionToken: 'FAKEsession', accountId, expiresAt: '2099-01-01T00:00:00Z' },
        clientId: 'arn:aws:signin:::devtools/same-device',
        refreshToken: 'FAKErefresh',
        dpopKey: 'FAKEdpop',
        idToken: `e30.${Buffer.from(JSON.stringify({ auth_time: authTimeSec })).toString('base64url')}.c2ln`,
      });
    const a = body('111122223333', 1_700_000_000);
    const b = body('999988887777', 1_700_000_600);
    expect(b.length).toBe(a.length);
    writeFileSync(s.devFile, a);
    expect(s.dev()).toMatchObject({ accountId: '111122223333', sessionStartedAt: 1_700_000_000_000 });
    writeFileSync(s.devFile, b);
    expect(s.dev()).toMatchObject({ accountId: '999988887777', sessionStartedAt: 1_700_000_600_000 });
    expect(Object.keys(s.factsIndex.entries)).toEqual([]);
  });

  it('is not used with a FilePort that cannot give signatures', () => {
    const s = indexed();
    writeLoginCache(s.cacheDir, DEV);
    const plain: FilePort = { readText: nodeFilePort.readText, stat: nodeFilePort.stat };
    expect(s.report(plain).profiles[0]!.state).toBe('active');
    expect(Object.keys(s.factsIndex.entries)).toEqual([]);
  });
});
