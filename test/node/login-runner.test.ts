import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { resolveAwsPaths } from '../../src/core/config/locations';
import { loginCacheFileName } from '../../src/core/session/login-cache';
import { readProfiles } from '../../src/node/actions';
import { openAppStore } from '../../src/node/app-store';
import { runSharedLogin, type SharedLoginOptions } from '../../src/node/login-runner';
import { systemClock } from '../../src/node/system-clock';
import { FAKE_AWS_PATH, fakeAwsCalls, makeAwsSandbox, type AwsSandbox } from '../support/fake-aws';

/** runSharedLogin against the fake `aws` (real processes, real lock and state files). */
function options(sb: AwsSandbox, extra: Partial<SharedLoginOptions> = {}): SharedLoginOptions {
  return {
    awsPath: FAKE_AWS_PATH, version: { major: 2, minor: 32, patch: 3 }, profile: 'dev-signin',
    store: openAppStore(sb.appHome), clock: systemClock, timeoutSeconds: 30, env: sb.env,
    readLoginSession: () => readProfiles(resolveAwsPaths(sb.env, 'linux', sb.home)).find((p) => p.name === 'dev-signin')?.properties.login_session ?? null,
    cacheFileFor: (session) => join(sb.loginCacheDir, loginCacheFileName(session)),
    ...extra,
  };
}

describe('runSharedLogin', () => {
  it('shares a login that finished after the request but before the lock was taken (no wait, no second login)', async () => {
    const sb = makeAwsSandbox('[profile dev-signin]\nregion = eu-west-1\n');
    const requestedAt = Date.now(); // this caller read the cache and found no session...
    const first = await runSharedLogin(options(sb)); // ...while another caller logged in and let go of the lock.
    expect(first).toMatchObject({ ok: true, message: expect.stringContaining('Logged in to dev-signin') });
    const second = await runSharedLogin(options(sb, { requestedAt }));
    expect(second).toMatchObject({ ok: true, message: expect.stringContaining('Another login just signed in to dev-signin') });
    expect(fakeAwsCalls(sb.logFile, 'login')).toHaveLength(1);
  });

  it('a request made after the last login still logs in', async () => {
    const sb = makeAwsSandbox('[profile dev-signin]\nregion = eu-west-1\n');
    await runSharedLogin(options(sb));
    const again = await runSharedLogin(options(sb, { requestedAt: Date.now() + 1 }));
    expect(again).toMatchObject({ ok: true, message: expect.stringContaining('Logged in to dev-signin') });
    expect(fakeAwsCalls(sb.logFile, 'login')).toHaveLength(2);
  });
});
