import { spawnSync } from 'node:child_process';
import { createHash, createPrivateKey } from 'node:crypto';
import { existsSync, readFileSync, readdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { fromLoginCredentials } from '@aws-sdk/credential-provider-login';
import { FAKE_AWS_PATH, FAKE_SESSION, fakeAwsCalls, makeAwsSandbox, readFakeAwsLog, type AwsSandbox } from './fake-aws';

function run(sb: AwsSandbox, args: string[], env: Record<string, string> = {}, input?: string) {
  const r = spawnSync(FAKE_AWS_PATH, args, { env: { ...sb.env, ...env }, encoding: 'utf8', input, stdio: [input === undefined ? 'ignore' : 'pipe', 'pipe', 'pipe'] });
  return { code: r.status, stdout: r.stdout, stderr: r.stderr };
}
const cachePath = (sb: AwsSandbox, session = FAKE_SESSION) =>
  join(sb.loginCacheDir, createHash('sha256').update(session, 'utf8').digest('hex') + '.json');

describe('fake aws', () => {
  it('prints the recorded version line (newest recorded version by default, FAKE_AWS_VERSION picks one), or 2.9.19 in old mode', () => {
    const sb = makeAwsSandbox();
    expect(run(sb, ['--version']).stdout).toBe('aws-cli/2.36.7 Python/3.11.2 Linux/6.18.44-fc-v1045 source/x86_64.debian.12\n');
    expect(run(sb, ['--version'], { FAKE_AWS_VERSION: '2.32.0' }).stdout).toMatch(/^aws-cli\/2\.32\.0 /);
    expect(run(sb, ['--version'], { FAKE_AWS_MODE: 'old' }).stdout).toMatch(/^aws-cli\/2\.9\.19 /);
  });

  it('logs every call as one JSON line', () => {
    const sb = makeAwsSandbox();
    run(sb, ['--version']);
    run(sb, ['logout', '--all']);
    const calls = readFakeAwsLog(sb.logFile);
    expect(calls.map((c) => c.argv)).toEqual([['--version'], ['logout', '--all']]);
    expect(calls[0]!.pid).toBeGreaterThan(0);
    expect(fakeAwsCalls(sb.logFile, 'logout')).toHaveLength(1);
  });

  it('login writes a cache file the official SDK reader accepts and sets login_session', async () => {
    const sb = makeAwsSandbox('# mine\n[profile dev]\nregion = eu-west-1\n\n[profile other]\nregion = us-east-1\n');
    const r = run(sb, ['login', '--profile', 'dev']);
    expect(r.code).toBe(0);
    expect(r.stdout).toContain(`Updated profile dev to use ${FAKE_SESSION} credentials.`);
    expect(readFileSync(sb.configFile, 'utf8')).toBe(
      `# mine\n[profile dev]\nregion = eu-west-1\nlogin_session = ${FAKE_SESSION}\n\n[profile other]\nregion = us-east-1\n`);

    const token = JSON.parse(readFileSync(cachePath(sb), 'utf8'));
    expect(token.tokenType).toBe('urn:aws:params:oauth:token-type:access_token_sigv4');
    expect(token.clientId).toBe('arn:aws:signin:::devtools/same-device');
    expect(token.accessToken.accountId).toBe('123456789012');
    expect(token.accessToken.expiresAt).toMatch(/^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\dZ$/);
    expect(createPrivateKey({ key: token.dpopKey, format: 'pem', type: 'sec1' }).asymmetricKeyDetails?.namedCurve).toBe('prime256v1');
    const claims = JSON.parse(Buffer.from(token.idToken.split('.')[1], 'base64url').toString('utf8'));
    expect(claims.sub).toBe(FAKE_SESSION);
    // Recorded: the idToken carries sub, iat and exp; no auth_time.
    expect(Object.keys(claims)).toEqual(['sub', 'iat', 'exp']);
    expect(claims.iat).toBeTypeOf('number');

    const saved = { ...process.env };
    Object.assign(process.env, { AWS_LOGIN_CACHE_DIRECTORY: sb.loginCacheDir });
    try {
      const creds = await fromLoginCredentials({ profile: 'dev', filepath: sb.credentialsFile, configFilepath: sb.configFile })();
      expect(creds.accessKeyId).toBe(token.accessToken.accessKeyId);
      expect(creds.accountId).toBe('123456789012');
      expect(creds.expiration?.getTime()).toBe(Date.parse(token.accessToken.expiresAt));
    } finally {
      process.env = saved;
    }
  });

  it('creates a missing profile section, like the real CLI', () => {
    const sb = makeAwsSandbox('[default]\nregion = eu-west-1\n');
    expect(run(sb, ['login', '--profile', 'new', '--region', 'ap-northeast-1']).code).toBe(0);
    // Recorded (login-new-profile-region-flag): appended with no blank line, and --region is not saved.
    expect(readFileSync(sb.configFile, 'utf8')).toBe(`[default]\nregion = eu-west-1\n[profile new]\nlogin_session = ${FAKE_SESSION}\n`);
  });

  it('prompts for a region: fails with stdin closed, saves the answer when given one', () => {
    const sb = makeAwsSandbox('[profile dev]\n');
    const closed = run(sb, ['login', '--profile', 'dev']);
    expect(closed.code).not.toBe(0);
    expect(closed.stdout).toContain('No AWS region has been configured');
    expect(existsSync(cachePath(sb))).toBe(false);
    const answered = run(sb, ['login', '--profile', 'dev'], {}, 'eu-central-1\n');
    expect(answered.code).toBe(0);
    expect(readFileSync(sb.configFile, 'utf8')).toContain('region = eu-central-1');
  });

  it('refuses profiles that hold other credentials', () => {
    const sb = makeAwsSandbox('[profile cp]\nregion = x\ncredential_process = /bin/true\n[profile sso]\nregion = x\nsso_account_id = 1\n');
    writeFileSync(sb.credentialsFile, '[keys]\naws_access_key_id = AKIAFAKEFAKEFAKE\naws_secret_access_key = fakefake\n');
    const cp = run(sb, ['login', '--profile', 'cp']);
    expect(cp.code).toBe(253);
    expect(cp.stderr).toContain("Profile 'cp' is already configured with Credential Process credentials.");
    expect(run(sb, ['login', '--profile', 'sso']).stderr).toContain('with SSO credentials');
    expect(run(sb, ['login', '--profile', 'keys', '--region', 'x']).stderr).toContain('with Access Key credentials');
    expect(run(sb, ['login', '--profile', 'any', '--region', 'x'], { FAKE_AWS_MODE: 'other-credentials' }).code).toBe(253);
  });

  it('old mode rejects login as an invalid choice (exit 252)', () => {
    const sb = makeAwsSandbox('[profile dev]\nregion = x\n');
    const r = run(sb, ['login', '--profile', 'dev'], { FAKE_AWS_MODE: 'old' });
    expect(r.code).toBe(252);
    expect(r.stderr).toContain('aws: error: argument command: Invalid choice, valid choices are:');
  });

  it('cancel mode fails without writing anything; slow mode still logs in', () => {
    const sb = makeAwsSandbox('[profile dev]\nregion = x\n');
    const c = run(sb, ['login', '--profile', 'dev'], { FAKE_AWS_MODE: 'cancel' });
    expect(c.code).not.toBe(0);
    expect(c.stderr).toContain('Failed to retrieve an authorization code.');
    expect(existsSync(cachePath(sb))).toBe(false);
    expect(run(sb, ['login', '--profile', 'dev'], { FAKE_AWS_MODE: 'slow', FAKE_AWS_SLOW_MS: '50' }).code).toBe(0);
    expect(existsSync(cachePath(sb))).toBe(true);
  });

  it('logout deletes the cache file and leaves login_session; export-credentials then fails like the real CLI', () => {
    const sb = makeAwsSandbox('[profile dev]\nregion = x\n');
    run(sb, ['login', '--profile', 'dev']);
    const ok = run(sb, ['configure', 'export-credentials', '--profile', 'dev', '--format', 'process']);
    expect(ok.code).toBe(0);
    const json = JSON.parse(ok.stdout);
    expect(json.Version).toBe(1);
    expect(json.AccessKeyId).toMatch(/^ASIA/);
    expect(Date.parse(json.Expiration)).toBeGreaterThan(0);

    expect(run(sb, ['logout', '--profile', 'dev']).code).toBe(0);
    expect(existsSync(cachePath(sb))).toBe(false);
    expect(readFileSync(sb.configFile, 'utf8')).toContain(`login_session = ${FAKE_SESSION}`);
    const stale = run(sb, ['configure', 'export-credentials', '--profile', 'dev', '--format', 'process']);
    expect(stale.code).not.toBe(0);
    expect(stale.stdout).toBe('');
    expect(stale.stderr).toContain(`Error loading login session token: Unable to load a existing login session for session ${FAKE_SESSION}, Please reauthenticate with 'aws login'.`);
  });

  it('logout --all deletes every login cache file and nothing else', () => {
    const sb = makeAwsSandbox('[profile a]\nregion = x\n[profile b]\nregion = x\n');
    run(sb, ['login', '--profile', 'a']);
    run(sb, ['login', '--profile', 'b'], { FAKE_AWS_SESSION: 'arn:aws:iam::210987654321:user/bob' });
    writeFileSync(join(sb.loginCacheDir, 'unrelated.json'), '{"x":1}');
    const r = run(sb, ['logout', '--all']);
    expect(r.stdout).toContain('Removed 2 cached login credentials.');
    expect(readdirSync(sb.loginCacheDir)).toEqual(['unrelated.json']);
  });
});
