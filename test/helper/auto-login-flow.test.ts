import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import type { ProcessCredentials } from '../../src/core/credential-json';
import { loginCacheFileName } from '../../src/core/session/login-cache';
import { runAutoLoginFlow, type FlowDeps } from '../../src/helper/auto-login-flow';
import type { FilePort } from '../../src/core/ports';
import { openAppStore } from '../../src/node/app-store';
import { nodeFilePort } from '../../src/node/fs-port';
import { readLastLoginResult, recordLoginResult } from '../../src/node/login-runner';
import { withSessionLock } from '../../src/node/session-lock';
import type { ActionResult } from '../../src/shared/errors';
import { makeAwsSandbox, type AwsSandbox } from '../support/fake-aws';
import { writeLoginCache } from '../support/login-cache';

const SESSION = 'arn:aws:sts::123456789012:assumed-role/Admin/alice';
const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

interface Harness { deps: FlowDeps; refreshes: number; logins: number; maxConcurrentRefreshes: number }

/** Real files and the real session lock; refresh and login are stand-ins that write the cache like the SDK / aws login do. */
function harness(
  sb: AwsSandbox,
  opts: { refresh?: () => Promise<void>; login?: () => ActionResult; env?: Record<string, string>; writeCacheOnLogin?: boolean } = {},
): Harness {
  let running = 0;
  const store = openAppStore(sb.appHome);
  const h: Harness = {
    refreshes: 0, logins: 0, maxConcurrentRefreshes: 0,
    deps: {
      env: { ...sb.env, DISPLAY: ':0', ...opts.env }, platform: 'linux', homeDir: sb.home, files: nodeFilePort, now: () => Date.now(),
      cooldownSeconds: 60,
      // Failures go through the real login-results state, as in slow-path.ts.
      lastLoginFailure: (profile) => {
        const last = readLastLoginResult(store, profile);
        return last && !last.ok ? { at: last.finishedAt, message: last.error?.message ?? 'the login failed' } : null;
      },
      recordLoginFailure: (profile, message) =>
        recordLoginResult(store, profile, { ok: false, error: { code: 'login-failed', message, hint: null }, finishedAt: Date.now(), loginSession: null }),
      withSessionLock: (session, fn) => withSessionLock(sb.appHome, session, fn),
      refresh: async (): Promise<ProcessCredentials> => {
        h.refreshes++;
        running++;
        h.maxConcurrentRefreshes = Math.max(h.maxConcurrentRefreshes, running);
        try {
          await sleep(200);
          if (opts.refresh) await opts.refresh();
          const c = writeLoginCache(sb.loginCacheDir, SESSION, { expiresAt: Date.now() + 15 * 60_000 });
          return { accessKeyId: c.accessKeyId, secretAccessKey: c.secretAccessKey, sessionToken: c.sessionToken, expiration: c.expiresAt };
        } finally {
          running--;
        }
      },
      login: async () => {
        h.logins++;
        const result = opts.login?.() ?? { ok: true };
        if (result.ok) {
          writeFileSync(sb.configFile, `[profile dev-signin]\nregion = eu-west-1\nlogin_session = ${SESSION}\n`);
          if (opts.writeCacheOnLogin !== false) writeLoginCache(sb.loginCacheDir, SESSION);
        }
        return result;
      },
    },
  };
  return h;
}

const signinConfig = `[profile dev-signin]\nregion = eu-west-1\nlogin_session = ${SESSION}\n`;

describe('runAutoLoginFlow (slow path)', () => {
  it('refreshes a due token in-process, one refresher at a time: a second caller takes the fresh token', async () => {
    const sb = makeAwsSandbox(signinConfig);
    writeLoginCache(sb.loginCacheDir, SESSION, { expiresAt: Date.now() + 2 * 60_000 });
    const h = harness(sb);
    const [a, b] = await Promise.all([runAutoLoginFlow('dev-signin', h.deps), runAutoLoginFlow('dev-signin', h.deps)]);
    expect([a.code, b.code]).toEqual([0, 0]);
    expect(h.refreshes).toBe(1);
    expect(h.maxConcurrentRefreshes).toBe(1);
    expect(h.logins).toBe(0);
    const cached = JSON.parse(readFileSync(join(sb.loginCacheDir, loginCacheFileName(SESSION)), 'utf8')) as { accessToken: { accessKeyId: string } };
    for (const out of [a, b]) expect(JSON.parse(out.code === 0 ? out.stdout : '{}').AccessKeyId).toBe(cached.accessToken.accessKeyId);
  });

  it('takes the fresh credentials of a session another login switched to while it waited for the lock (no refresh, no login)', async () => {
    const sb = makeAwsSandbox(signinConfig);
    writeLoginCache(sb.loginCacheDir, SESSION, { expiresAt: Date.now() - 60_000 });
    const h = harness(sb);
    const NEW_SESSION = 'arn:aws:sts::123456789012:assumed-role/Admin/bob';
    let fresh: ReturnType<typeof writeLoginCache> | null = null;
    h.deps.withSessionLock = (session, fn) =>
      withSessionLock(sb.appHome, session, async () => {
        // Meanwhile the tray (or a terminal) logged the sign-in profile in to another principal.
        writeFileSync(sb.configFile, `[profile dev-signin]\nregion = eu-west-1\nlogin_session = ${NEW_SESSION}\n`);
        fresh = writeLoginCache(sb.loginCacheDir, NEW_SESSION, { expiresAt: Date.now() + 15 * 60_000 });
        return fn();
      });
    const out = await runAutoLoginFlow('dev-signin', h.deps);
    expect(out.code).toBe(0);
    expect(JSON.parse(out.code === 0 ? out.stdout : '{}').AccessKeyId).toBe(fresh!.accessKeyId);
    expect([h.refreshes, h.logins]).toEqual([0, 0]);
  });

  it('a refresh that says the session ended leads to exactly one login', async () => {
    const sb = makeAwsSandbox(signinConfig);
    writeLoginCache(sb.loginCacheDir, SESSION, { expiresAt: Date.now() - 60_000 });
    const h = harness(sb, { refresh: async () => { throw new Error('Your session has expired. Please reauthenticate.'); } });
    const out = await runAutoLoginFlow('dev-signin', h.deps);
    expect(out.code).toBe(0);
    expect(h.refreshes).toBe(1);
    expect(h.logins).toBe(1);
  });

  it('a refresh that fails for another reason stops with a clear message and no login', async () => {
    const sb = makeAwsSandbox(signinConfig);
    writeLoginCache(sb.loginCacheDir, SESSION, { expiresAt: Date.now() - 60_000 });
    const h = harness(sb, { refresh: async () => { throw new Error('Failed to refresh token: Error: getaddrinfo ENOTFOUND signin. Please re-authenticate using aws login'); } });
    const out = await runAutoLoginFlow('dev-signin', h.deps);
    expect(out).toMatchObject({ code: 1, message: expect.stringContaining('Sign-in profile dev-signin (used by auto-login): could not refresh its credentials') });
    expect(h.logins).toBe(0);
  });

  it('with no session logs in once and prints the new credentials', async () => {
    const sb = makeAwsSandbox('[profile dev-signin]\nregion = eu-west-1\n');
    const h = harness(sb);
    const out = await runAutoLoginFlow('dev-signin', h.deps);
    expect(out.code).toBe(0);
    expect([h.refreshes, h.logins]).toEqual([0, 1]);
  });

  it('a failed login reports the reason and the next step', async () => {
    const sb = makeAwsSandbox('[profile dev-signin]\nregion = eu-west-1\n');
    const h = harness(sb, { login: () => ({ ok: false, error: { code: 'login-cancelled', message: 'Login to dev-signin was cancelled.', hint: 'Run `aws-login-tray login dev-signin` to try again.' } }) });
    const out = await runAutoLoginFlow('dev-signin', h.deps);
    expect(out).toMatchObject({
      code: 1,
      message: 'aws-login-tray: Sign-in profile dev-signin (used by auto-login): could not log in: Login to dev-signin was cancelled. Run `aws-login-tray login dev-signin` to try again.',
    });
  });

  it('during the cooldown after a failed login, fails at once without a login', async () => {
    const sb = makeAwsSandbox('[profile dev-signin]\nregion = eu-west-1\n');
    const h = harness(sb);
    h.deps.lastLoginFailure = () => ({ at: Date.now() - 5_000, message: 'Login to dev-signin was cancelled.' });
    const out = await runAutoLoginFlow('dev-signin', h.deps);
    expect(out).toMatchObject({ code: 1, message: expect.stringContaining('not opening another browser tab') });
    expect(h.logins).toBe(0);
  });

  it('without a display fails at once and names aws login --remote', async () => {
    const sb = makeAwsSandbox('[profile dev-signin]\nregion = eu-west-1\n');
    const h = harness(sb, { env: { DISPLAY: '' } });
    const out = await runAutoLoginFlow('dev-signin', h.deps);
    expect(out).toMatchObject({ code: 1, message: expect.stringContaining('aws login --remote --profile dev-signin') });
    expect(h.logins).toBe(0);
  });

  it('a truncated cache file (someone else mid-rewrite, or broken) starts no login: a clear error naming the file', async () => {
    const sb = makeAwsSandbox(signinConfig);
    const { file } = writeLoginCache(sb.loginCacheDir, SESSION);
    writeFileSync(file, '{"accessToken": {"accessKeyId": "ASIAFAKE');
    const h = harness(sb);
    const out = await runAutoLoginFlow('dev-signin', h.deps);
    expect(out).toMatchObject({ code: 1, message: expect.stringContaining(`its login cache file ${file} is not valid JSON; not starting a browser sign-in`) });
    expect(out.code === 1 && out.message).toContain('Run `aws-login-tray login dev-signin` to replace it.');
    expect([h.refreshes, h.logins]).toEqual([0, 0]);
  });

  it('a cache file that reads half written and then whole (a refresh elsewhere) gives its credentials, no login', async () => {
    const sb = makeAwsSandbox(signinConfig);
    const cache = writeLoginCache(sb.loginCacheDir, SESSION);
    const h = harness(sb);
    h.deps.files = halfWrittenFirst(cache.file, 3);
    const out = await runAutoLoginFlow('dev-signin', h.deps);
    expect(out.code).toBe(0);
    expect(JSON.parse(out.code === 0 ? out.stdout : '{}').AccessKeyId).toBe(cache.accessKeyId);
    expect([h.refreshes, h.logins]).toEqual([0, 0]);
  });

  it('a login that leaves no cache file where we look fails, names the folder, and cools down (no second login)', async () => {
    const sb = makeAwsSandbox('[profile dev-signin]\nregion = eu-west-1\n');
    const h = harness(sb, { writeCacheOnLogin: false });
    const first = await runAutoLoginFlow('dev-signin', h.deps);
    expect(first).toMatchObject({ code: 1, message: expect.stringContaining(`the login wrote no cache file for its session in ${sb.loginCacheDir}`) });
    expect(first.code === 1 && first.message).toContain('No new login for 60 s; run `aws-login-tray login dev-signin` to try again.');
    const second = await runAutoLoginFlow('dev-signin', h.deps);
    expect(second).toMatchObject({ code: 1, message: expect.stringContaining('not opening another browser tab') });
    expect(h.logins).toBe(1);
  });

  it('passes the time of its last cache read to the login, so a login finished since then is shared', async () => {
    const sb = makeAwsSandbox('[profile dev-signin]\nregion = eu-west-1\n');
    const h = harness(sb);
    const asked: number[] = [];
    const realLogin = h.deps.login;
    h.deps.login = (profile, requestedAt) => { asked.push(requestedAt); return realLogin(profile, requestedAt); };
    const before = Date.now();
    await runAutoLoginFlow('dev-signin', h.deps);
    expect(asked).toHaveLength(1);
    expect(asked[0]).toBeGreaterThanOrEqual(before);
  });
});

/** The real file port, except that the first `times` reads of `file` see it truncated (as mid-rewrite). */
function halfWrittenFirst(file: string, times: number): FilePort {
  let left = times;
  return {
    ...nodeFilePort,
    readText: (path: string) => {
      if (path === file && left > 0) {
        left--;
        return '';
      }
      return nodeFilePort.readText(path);
    },
  };
}
