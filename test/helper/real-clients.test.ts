import { existsSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { splitCommandLine } from '../../src/core/command-line';
import { loginCacheFileName } from '../../src/core/session/login-cache';
import { fakeAwsCalls, FAKE_SESSION, makeAwsSandbox, type AwsSandbox } from '../support/fake-aws';
import { buildHelper, run, type BuiltHelper } from '../support/built-helper';

// The real AWS CLI v2.9 from Debian (it runs credential_process; it does not know `aws login`).
const REAL_AWS = '/usr/bin/aws';
let built: BuiltHelper;

beforeAll(() => {
  built = buildHelper();
}, 120_000);

interface Creds { Version: number; AccessKeyId: string; SecretAccessKey: string; SessionToken: string; Expiration: string }

/** The secrets in the sandbox's login cache (never printed; only searched for in output). */
function cachedSecrets(sb: AwsSandbox): string[] {
  const file = join(sb.loginCacheDir, loginCacheFileName(FAKE_SESSION));
  if (!existsSync(file)) return [];
  const c = JSON.parse(readFileSync(file, 'utf8')) as { accessToken: Record<string, string>; refreshToken: string };
  return [c.accessToken.secretAccessKey!, c.accessToken.sessionToken!, c.refreshToken];
}

function expectNoSecrets(text: string, sb: AwsSandbox): void {
  const secrets = cachedSecrets(sb);
  // A check over no secrets would pass whatever the output: there must be a cache to compare with.
  expect(secrets.length, 'no login cache file to compare the output with').toBe(3);
  for (const s of secrets) expect(text.includes(s), 'a secret reached stderr').toBe(false);
}

/** A sandbox with [profile dev] set up for auto-login by the real CLI command. */
async function enabledSandbox(extraEnv: Record<string, string> = {}): Promise<AwsSandbox> {
  const sb = makeAwsSandbox('[profile dev]\nregion = eu-west-1\n', { DISPLAY: ':0', AWS_LOGIN_TRAY_HELPER_SCRIPT: built.helper, ...extraEnv });
  const r = await run(process.execPath, [built.cli, 'enable-auto-login', 'dev'], sb.env);
  expect(r.stderr).toBe('');
  expect(r.code).toBe(0);
  return sb;
}

function exportCredentials(sb: AwsSandbox, env: Record<string, string> = {}) {
  return run(REAL_AWS, ['configure', 'export-credentials', '--profile', 'dev', '--format', 'process'], { ...sb.env, ...env });
}

describe('auto-login through real clients', () => {
  it('the AWS CLI gets credentials from a logged-out profile in one call, with exactly one login', async () => {
    const sb = await enabledSandbox();
    expect(readFileSync(sb.configFile, 'utf8')).toMatch(/credential_process = \S*aws-login-tray-credential-process --profile dev-signin/);
    const r = await exportCredentials(sb);
    expect(r.code).toBe(0);
    const creds = JSON.parse(r.stdout) as Creds;
    expect(creds.Version).toBe(1);
    expect(creds.AccessKeyId).toMatch(/^ASIA/);
    expect(creds.SecretAccessKey).toBe(cachedSecrets(sb)[0]);
    expect(Date.parse(creds.Expiration)).toBeGreaterThan(Date.now());
    expect(fakeAwsCalls(sb.logFile, 'login')).toHaveLength(1);
    expect(fakeAwsCalls(sb.logFile, 'login')[0]!.argv).toEqual(['login', '--profile', 'dev-signin']);
    expectNoSecrets(r.stderr, sb);

    // The next call is answered from the cache: no second login.
    const again = await exportCredentials(sb);
    expect(again.code).toBe(0);
    expect((JSON.parse(again.stdout) as Creds).AccessKeyId).toBe(creds.AccessKeyId);
    expect(fakeAwsCalls(sb.logFile, 'login')).toHaveLength(1);

    // The line as written, run without a shell: only the JSON on stdout, nothing on stderr, exit 0.
    const line = /credential_process = (.*)/.exec(readFileSync(sb.configFile, 'utf8'))![1]!;
    const [launcher, ...args] = splitCommandLine(line);
    const direct = await run(launcher!, args, sb.env);
    expect({ code: direct.code, stderr: direct.stderr }).toEqual({ code: 0, stderr: '' });
    expect(direct.stdout.trim().split('\n')).toHaveLength(1);
    expect((JSON.parse(direct.stdout) as Creds).AccessKeyId).toBe(creds.AccessKeyId);
  });

  it('twelve parallel AWS CLI calls on a logged-out profile cause exactly one login', async () => {
    const sb = await enabledSandbox({ FAKE_AWS_MODE: 'slow', FAKE_AWS_SLOW_MS: '2000' });
    const runs = await Promise.all(Array.from({ length: 12 }, () => exportCredentials(sb)));
    const keys = new Set(runs.map((r) => (JSON.parse(r.stdout) as Creds).AccessKeyId));
    expect(runs.map((r) => r.code)).toEqual(Array(12).fill(0));
    expect(keys.size).toBe(1);
    expect(fakeAwsCalls(sb.logFile, 'login')).toHaveLength(1);
    for (const r of runs) expectNoSecrets(r.stderr, sb);
  }, 120_000);

  it('after a cancelled login, the next calls fail at once with a clear message and open no browser', async () => {
    const sb = await enabledSandbox({ FAKE_AWS_MODE: 'cancel' });
    const first = await exportCredentials(sb);
    expect(first.code).not.toBe(0);
    expect(first.stdout).toBe('');
    expect(first.stderr).toContain('Sign-in profile dev-signin (used by auto-login): could not log in');
    expect(first.stderr).toContain('aws-login-tray login dev-signin');
    expect(fakeAwsCalls(sb.logFile, 'login')).toHaveLength(1);

    // Even with a CLI that would now succeed, calls during the cooldown start no login.
    for (let i = 0; i < 3; i++) {
      const next = await exportCredentials(sb, { FAKE_AWS_MODE: 'ok' });
      expect(next.code).not.toBe(0);
      expect(next.stderr).toContain('not opening another browser tab');
      expect(next.stderr).toContain('aws-login-tray login dev-signin');
    }
    expect(fakeAwsCalls(sb.logFile, 'login')).toHaveLength(1);

    // With the cooldown off (a setting), the next call logs in.
    writeFileSync(join(sb.appHome, 'settings.json'), JSON.stringify({ loginRetryCooldownSeconds: 0 }));
    const after = await exportCredentials(sb, { FAKE_AWS_MODE: 'ok' });
    expect(after.code).toBe(0);
    expect(fakeAwsCalls(sb.logFile, 'login')).toHaveLength(2);
  }, 60_000);

  it('without a display it fails at once and says to run aws login --remote by hand', async () => {
    const sb = await enabledSandbox();
    const env = { ...sb.env, SSH_CONNECTION: '10.0.0.1 5555 10.0.0.2 22' };
    delete (env as Record<string, string | undefined>).DISPLAY;
    const r = await run(REAL_AWS, ['configure', 'export-credentials', '--profile', 'dev'], env);
    expect(r.code).not.toBe(0);
    expect(r.stderr).toContain('aws login --remote --profile dev-signin');
    expect(fakeAwsCalls(sb.logFile, 'login')).toHaveLength(0);
  });

  it('the JS SDK (fromIni) gets credentials through the helper in one call', async () => {
    const sb = await enabledSandbox();
    const script = join(sb.root, 'sdk.cjs');
    const providers = require.resolve('@aws-sdk/credential-providers');
    writeFileSync(script, `
      const { fromIni } = require(${JSON.stringify(providers)});
      fromIni({ profile: 'dev' })().then(
        (c) => process.stdout.write(JSON.stringify({ accessKeyId: c.accessKeyId, hasSecret: !!c.secretAccessKey, hasToken: !!c.sessionToken, expiration: c.expiration })),
        (e) => { process.stderr.write(String(e && e.message)); process.exitCode = 1; });
    `);
    const r = await run(process.execPath, [script], sb.env);
    expect(r.stderr).toBe('');
    expect(r.code).toBe(0);
    const out = JSON.parse(r.stdout) as { accessKeyId: string; hasSecret: boolean; hasToken: boolean; expiration: string };
    expect(out.accessKeyId).toMatch(/^ASIA/);
    expect(out.hasSecret && out.hasToken).toBe(true);
    expect(Date.parse(out.expiration)).toBeGreaterThan(Date.now());
    expect(fakeAwsCalls(sb.logFile, 'login')).toHaveLength(1);
  });
});
