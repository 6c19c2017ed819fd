import { createHash } from 'node:crypto';
import { existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { buildCliBin, runCliBin } from '../../support/cli-process';
import { FAKE_SESSION, makeAwsSandbox } from '../../support/fake-aws';

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
    const r = await runCliBin(bin, ['logout', 'dev'], sb.env);
    expect(r.code).toBe(0);
    expect(r.stdout).toContain('Logged out of dev.');
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
