import { createHash } from 'node:crypto';
import { existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { buildCliBin, runCliBin } from '../../support/cli-process';
import { FAKE_SESSION, makeAwsSandbox } from '../../support/fake-aws';
import { callSigninWithIam } from '../../../src/node/signin/iam-call';
import { loginThroughStandIn } from '../../support/signin-session';
import { startSigninStandIn } from '../../support/signin-stand-in';

let bin: string;
beforeAll(() => {
  bin = buildCliBin();
});
const state = (json: string, name: string) =>
  (JSON.parse(json) as { profiles: { name: string; state: string | null }[] }).profiles.find((p) => p.name === name)?.state;

describe('aws-login-tray logout', () => {
  it('turns the row logged-out and leaves login_session in the config', async () => {
    const sb = makeAwsSandbox('[profile dev]\nregion = eu-west-1\n');
    expect((await runCliBin(bin, ['login', 'dev'], sb.env)).code).toBe(0);
    const r = await runCliBin(bin, ['logout', 'dev', '--local-only'], sb.env);
    expect(r.code).toBe(0);
    expect(r.stdout).toContain('Logged out of dev on this machine only (--local-only: the session was not revoked at AWS).');
    expect(state((await runCliBin(bin, ['status', '--json'], sb.env)).stdout, 'dev')).toBe('logged-out');
    expect(readFileSync(sb.configFile, 'utf8')).toContain(`login_session = ${FAKE_SESSION}`);
    const again = await runCliBin(bin, ['logout', 'dev'], sb.env);
    expect(again).toEqual({ code: 0, stdout: 'dev was not logged in.\n', stderr: '' });
  });

  it('--all logs out every session', async () => {
    const sb = makeAwsSandbox('[profile a]\nregion = x\n[profile b]\nregion = x\n');
    const bob = 'arn:aws:iam::210987654321:user/bob';
    await runCliBin(bin, ['login', 'a'], sb.env);
    await runCliBin(bin, ['login', 'b'], { ...sb.env, FAKE_AWS_SESSION: bob });
    const r = await runCliBin(bin, ['logout', '--all'], sb.env);
    expect(r).toMatchObject({ code: 0 });
    expect(r.stdout).toContain('Removed 2 cached login credentials.');
    for (const s of [FAKE_SESSION, bob]) {
      expect(existsSync(join(sb.loginCacheDir, createHash('sha256').update(s).digest('hex') + '.json'))).toBe(false);
    }
  });

  it('revokes at AWS with exactly one call carrying the refresh token; the next introspect says active:false', async () => {
    const standIn = await startSigninStandIn({ region: 'eu-west-1' });
    try {
      const session = 'arn:aws:sts::123456789012:assumed-role/Admin/alice';
      const sb = makeAwsSandbox(`[profile dev]\nregion = eu-west-1\nlogin_session = ${session}\n`, { AWS_ENDPOINT_URL_SIGNIN: standIn.url });
      const seeded = loginThroughStandIn(standIn, sb.loginCacheDir, { sub: session });
      const r = await runCliBin(bin, ['logout', 'dev'], sb.env);
      expect(r).toEqual({ code: 0, stdout: 'Logged out of dev and ended its session at AWS (revoked). Tools that already loaded its keys may use them for up to 15 minutes.\n', stderr: '' });
      expect(standIn.calls('/v1/revoke')).toHaveLength(1);
      expect(standIn.calls('/v1/revoke')[0]!.token === seeded.refreshToken).toBe(true);
      const check = await callSigninWithIam({
        endpoint: standIn.url, region: 'eu-west-1', operation: '/v1/introspect', body: { token: seeded.refreshToken, token_type_hint: 'refresh_token' },
        credentials: { accessKeyId: seeded.accessKeyId, secretAccessKey: seeded.secretAccessKey, sessionToken: seeded.sessionToken }, timeoutMs: 2_000,
      });
      expect(check).toMatchObject({ kind: 'answer', status: 200, body: '{"active":false}' });
      for (const secret of [seeded.refreshToken, seeded.secretAccessKey, seeded.sessionToken]) expect(r.stdout + r.stderr).not.toContain(secret);
    } finally {
      await standIn.close();
    }
  });

  it('still removes the local files when the revoke fails, and says the session was not revoked and why', async () => {
    const standIn = await startSigninStandIn({ region: 'eu-west-1' });
    try {
      const session = 'arn:aws:sts::123456789012:assumed-role/Admin/alice';
      const sb = makeAwsSandbox(`[profile dev]\nregion = eu-west-1\nlogin_session = ${session}\n`, { AWS_ENDPOINT_URL_SIGNIN: standIn.url });
      standIn.introspectDenied.add(session);
      standIn.faults.set('/v1/revoke', 'http500');
      const seeded = loginThroughStandIn(standIn, sb.loginCacheDir, { sub: session });
      const r = await runCliBin(bin, ['logout', 'dev'], sb.env);
      expect(r.code).toBe(0);
      expect(r.stdout).toBe('Logged out of dev on this machine (its credentials here are deleted), but its session was NOT revoked at AWS: InternalServerException: fake server_error. Only a copy of those files could use it until it ends. If they may have been copied, end it in the IAM console: Roles → Admin → Revoke active sessions.\n');
      // Not the old "log out again when online": with the files gone there is nothing left to revoke from here.
      expect((await runCliBin(bin, ['logout', 'dev'], sb.env)).stdout).toBe('dev was not logged in.\n');
      expect(existsSync(seeded.file)).toBe(false);
    } finally {
      await standIn.close();
    }
  });

  it('needs exactly one of a profile or --all; an old CLI fails with exit 1 and a next step', async () => {
    const sb = makeAwsSandbox('[profile dev]\nregion = x\nlogin_session = arn:aws:iam::123456789012:user/x\n');
    mkdirSync(sb.loginCacheDir, { recursive: true });
    writeFileSync(join(sb.loginCacheDir, createHash('sha256').update('arn:aws:iam::123456789012:user/x').digest('hex') + '.json'), '{}');
    expect((await runCliBin(bin, ['logout'], sb.env)).code).toBe(2);
    expect((await runCliBin(bin, ['logout', 'dev', '--all'], sb.env)).code).toBe(2);
    const old = await runCliBin(bin, ['logout', 'dev'], { ...sb.env, FAKE_AWS_MODE: 'old' });
    expect(old.code).toBe(1);
    expect(old.stderr).toMatch(/2\.9\.19[\s\S]*Next step: Update the AWS CLI/);
  });
});
