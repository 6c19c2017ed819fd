import { writeFileSync } from 'node:fs';
import { beforeAll, describe, expect, it } from 'vitest';
import { fakeAwsCalls, FAKE_SESSION, makeAwsSandbox } from '../support/fake-aws';
import { buildHelper, run, type BuiltHelper } from '../support/built-helper';
import { secretsOf, writeLoginCache } from '../support/login-cache';
import { loginThroughStandIn } from '../support/signin-session';
import { startSigninStandIn } from '../support/signin-stand-in';

// The built helper (dist/helper.cjs + dist/helper-slow.cjs) as the AWS CLI runs it: real files, the
// fake `aws` (its FAKE_AWS_LOG records every login), the real SDK refresh.
let built: BuiltHelper;

beforeAll(() => {
  built = buildHelper();
}, 120_000);

const signinConfig = `[profile dev-signin]\nregion = eu-west-1\nlogin_session = ${FAKE_SESSION}\n`;

describe('the built helper, slow path', () => {
  it('a truncated login cache file starts no `aws login`: exit 1, a clear error naming the file and the next step', async () => {
    const sb = makeAwsSandbox(signinConfig, { DISPLAY: ':0' });
    const cache = writeLoginCache(sb.loginCacheDir, FAKE_SESSION);
    writeFileSync(cache.file, '{"accessToken":{"accessKeyId":"ASIAFAKE');
    const r = await run(process.execPath, [built.helper, '--profile', 'dev-signin'], sb.env);
    expect({ code: r.code, stdout: r.stdout }).toEqual({ code: 1, stdout: '' });
    expect(r.stderr).toContain(`Sign-in profile dev-signin (used by auto-login): its login cache file ${cache.file} is not valid JSON`);
    expect(r.stderr).toContain('Run `aws-login-tray login dev-signin` to replace it.');
    expect(r.stderr.trim().split('\n')).toHaveLength(1);
    for (const s of secretsOf(cache)) expect(r.stderr.includes(s), 'a secret reached stderr').toBe(false);
    expect(fakeAwsCalls(sb.logFile, 'login')).toHaveLength(0);
  });

  it('keeps stderr empty on success when the real SDK refresh module loads and builds its client (Node 20 warning)', async () => {
    // A due token (4 minutes left) takes the slow path; the SDK builds its client (where it warns) and refreshes at the stand-in.
    const standIn = await startSigninStandIn({ region: 'eu-west-1' });
    try {
      const sb = makeAwsSandbox(signinConfig, { DISPLAY: ':0', AWS_ENDPOINT_URL_SIGNIN: standIn.url });
      const seeded = loginThroughStandIn(standIn, sb.loginCacheDir, { sub: FAKE_SESSION, expiresAt: Date.now() + 4 * 60_000 });
      const r = await run(process.execPath, [built.helper, '--profile', 'dev-signin'], sb.env);
      expect({ code: r.code, stderr: r.stderr }).toEqual({ code: 0, stderr: '' });
      expect((JSON.parse(r.stdout) as { AccessKeyId: string }).AccessKeyId).not.toBe(seeded.accessKeyId);
      expect(fakeAwsCalls(sb.logFile, 'login')).toHaveLength(0);
    } finally {
      await standIn.close();
    }
  }, 60_000);

  it('treats keys the SDK hands back unrefreshed (Sign-In unreachable) as a failed refresh, not a success', async () => {
    const sb = makeAwsSandbox(signinConfig, { DISPLAY: ':0', AWS_ENDPOINT_URL_SIGNIN: 'http://127.0.0.1:9' });
    writeLoginCache(sb.loginCacheDir, FAKE_SESSION, { expiresAt: Date.now() + 4 * 60_000 });
    const r = await run(process.execPath, [built.helper, '--profile', 'dev-signin'], sb.env);
    expect({ code: r.code, stdout: r.stdout }).toEqual({ code: 1, stdout: '' });
    expect(r.stderr).toBe(
      'aws-login-tray: Sign-in profile dev-signin (used by auto-login): could not refresh its credentials: cannot reach AWS Sign-In (ECONNREFUSED). Check your network connection, or run `aws-login-tray login dev-signin`.\n',
    );
    expect(fakeAwsCalls(sb.logFile, 'login')).toHaveLength(0);
  }, 60_000);
});
