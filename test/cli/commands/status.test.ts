import { spawn } from 'node:child_process';
import { mkdirSync, mkdtempSync, readFileSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { FACTS_INDEX_VERSION, SETTLE_MS } from '../../../src/core/session/facts-index';
import { statusCommand } from '../../../src/cli/commands/status';
import { capturedContext } from '../../support/cli-context';
import { buildCliBinary, runCliProcess as runBin, type CliRun } from '../../support/built-cli';
import { secretsOf, writeAwsConfig, writeAwsCredentials, writeLoginCache, type WrittenLoginCache } from '../../support/login-cache';
import { OFFLINE_SIGNIN_URL } from '../../support/offline';

const MIN = 60_000;
const HOUR = 60 * MIN;
const DEV = 'arn:aws:sts::111122223333:assumed-role/Admin/alice';
const PROD = 'arn:aws:iam::444455556666:user/alice';
const BROKEN = 'arn:aws:iam::777788889999:user/bob';
const RECIPE = `sh -c 'aws configure export-credentials --profile dev-signin 2>/dev/null || (aws login --profile dev-signin >/dev/null 2>&1 && aws configure export-credentials --profile dev-signin)'`;
const JSON_KEYS = ['name', 'kind', 'state', 'loginSession', 'accountId', 'region', 'accessTokenExpiresAt', 'sessionStartedAt', 'sessionExpiresAt', 'sessionEndSource', 'signinProfile', 'error', 'waitingForSignInSince'];

function sandbox() {
  const root = mkdtempSync(join(tmpdir(), 'alt-cli-status-'));
  const env = {
    HOME: join(root, 'home'),
    AWS_CONFIG_FILE: join(root, 'home', '.aws', 'config'),
    AWS_SHARED_CREDENTIALS_FILE: join(root, 'home', '.aws', 'credentials'),
    AWS_LOGIN_CACHE_DIRECTORY: join(root, 'cache'),
    AWS_ENDPOINT_URL_SIGNIN: OFFLINE_SIGNIN_URL,
    AWS_LOGIN_TRAY_HOME: join(root, 'app'),
    TZ: 'UTC',
  };
  mkdirSync(env.HOME, { recursive: true });
  return { root, env };
}

function expectNoSecrets(run: CliRun, caches: WrittenLoginCache[]): void {
  const all = run.stdout + run.stderr;
  for (const secret of caches.flatMap(secretsOf)) {
    // Check a distinctive slice too, so a truncated print would still be caught; never print it.
    expect(all.includes(secret) || all.includes(secret.slice(0, 16))).toBe(false);
  }
}

/** A config with every interesting kind of profile, and its cache files. */
function fullSandbox() {
  const s = sandbox();
  writeAwsConfig(s.env.AWS_CONFIG_FILE, {
    'dev-signin': { login_session: DEV, region: 'eu-west-1' },
    dev: { credential_process: RECIPE },
    prod: { login_session: PROD, region: 'us-east-1' },
    bob: { login_session: BROKEN },
    lost: { credential_process: 'aws-login-tray credential-process --profile nowhere' },
  });
  writeAwsCredentials(s.env.AWS_SHARED_CREDENTIALS_FILE, { legacy: { aws_access_key_id: 'AKIAFAKEFAKEFAKEFAKE', aws_secret_access_key: 'FAKEsecretFAKEsecretFAKEsecret' } });
  // A role session 30 minutes in: AWS's default for roles is 1 h.
  const authTime = Math.floor((Date.now() - 30 * MIN) / 1000) * 1000;
  const dev = writeLoginCache(s.env.AWS_LOGIN_CACHE_DIRECTORY, DEV, { authTime, expiresAt: Date.now() + 12 * MIN });
  const broken = writeLoginCache(s.env.AWS_LOGIN_CACHE_DIRECTORY, BROKEN);
  // Cut the file in the middle of a secret: the error must not quote it.
  writeFileSync(broken.file, JSON.stringify({ accessToken: { accessKeyId: broken.accessKeyId, secretAccessKey: broken.secretAccessKey } }).slice(0, 90));
  return { ...s, authTime, caches: [dev, broken] };
}

let bin = '';
beforeAll(() => {
  bin = buildCliBinary();
});

/** The real launcher + bundle as a child process, stdin closed, with only the sandbox's variables. */
const runCliProcess = (args: string[], env: Record<string, string>): Promise<CliRun> => runBin(bin, args, env);

describe('aws-login-tray status (real binary)', () => {
  it('prints a readable table, exit 0, and no secret', async () => {
    const s = fullSandbox();
    const run = await runCliProcess(['status'], s.env);
    expect(run.code).toBe(0);
    expect(run.stderr).toBe('');
    const lines = run.stdout.split('\n');
    expect(lines[0]).toMatch(/^NAME\s+KIND\s+STATE\s+NEXT REFRESH\s+SESSION LEFT\s+ENDS\s+REGION\s+ACCOUNT$/);
    const rowOf = (name: string) => lines.find((l) => l.startsWith(`${name} `)) ?? '';
    const ends = new Date(s.authTime + HOUR).toISOString().slice(11, 16); // TZ=UTC in tests
    expect(rowOf('dev-signin')).toMatch(new RegExp(`^dev-signin\\s+login\\s+Active\\s+[67] m \\d\\d s\\s+~[23]\\d m\\s+~${ends}\\s+eu-west-1\\s+111122223333$`));
    expect(rowOf('dev')).toMatch(new RegExp(`^dev\\s+auto-login \\(via dev-signin\\)\\s+Active\\s+[67] m \\d\\d s\\s+~[23]\\d m\\s+~${ends}\\s+eu-west-1\\s+111122223333$`));
    expect(rowOf('prod')).toMatch(/^prod\s+login\s+Logged out\s+-\s+-\s+-\s+us-east-1\s+444455556666$/);
    expect(rowOf('bob')).toMatch(/^bob\s+login\s+Error\s+-\s+-\s+-\s+-\s+777788889999$/);
    expect(rowOf('lost')).toMatch(/^lost\s+auto-login \(via nowhere\)\s+Error\s/);
    expect(rowOf('legacy')).toMatch(/^legacy\s+static-keys !\s+-/);
    expect(run.stdout).toContain(`~ estimated: AWS Sign-In has not told the end (\`aws-login-tray status --refresh\` asks it). Set a profile's session length in the window's Settings or maxSessionHours in ${join(s.env.AWS_LOGIN_TRAY_HOME, 'settings.json')}.`);
    expect(run.stdout).toContain('! long-term keys on disk');
    expect(run.stdout).toContain(`bob: ${s.env.AWS_LOGIN_CACHE_DIRECTORY}/`);
    expect(run.stdout).toContain('lost: ');
    expectNoSecrets(run, s.caches);
  });

  it('prints exactly the documented JSON, exit 0, and no secret', async () => {
    const s = fullSandbox();
    const run = await runCliProcess(['status', '--json'], s.env);
    expect(run.code).toBe(0);
    expect(run.stderr).toBe('');
    const json = JSON.parse(run.stdout) as { profiles: Record<string, unknown>[] };
    expect(Object.keys(json)).toEqual(['profiles']);
    for (const p of json.profiles) expect(Object.keys(p)).toEqual(JSON_KEYS);
    const byName = Object.fromEntries(json.profiles.map((p) => [p.name, p]));
    expect(byName['dev-signin']).toEqual({
      name: 'dev-signin', kind: 'login', state: 'active', loginSession: DEV, accountId: '111122223333', region: 'eu-west-1',
      accessTokenExpiresAt: s.caches[0]!.expiresAt.replace('Z', '.000Z'),
      sessionStartedAt: new Date(s.authTime).toISOString(),
      sessionExpiresAt: new Date(s.authTime + HOUR).toISOString(),
      sessionEndSource: 'default',
      signinProfile: null, error: null, waitingForSignInSince: null,
    });
    expect(byName.dev).toMatchObject({ kind: 'auto-login', signinProfile: 'dev-signin', state: 'active', loginSession: DEV });
    expect(byName.prod).toMatchObject({ state: 'logged-out', accessTokenExpiresAt: null, sessionExpiresAt: null });
    expect(byName.bob).toMatchObject({ state: 'error', accountId: '777788889999' });
    expect(byName.bob!.error).toMatch(/is not valid JSON\. Log in again to rewrite it: `aws-login-tray login bob`\.$/);
    expect(byName.lost).toMatchObject({ state: 'error', signinProfile: 'nowhere' });
    expect(byName.legacy).toMatchObject({ kind: 'static-keys', state: null });
    expectNoSecrets(run, s.caches);
  });

  it('uses the settings and the recorded logins from the app home', async () => {
    const s = sandbox();
    writeAwsConfig(s.env.AWS_CONFIG_FILE, { dev: { login_session: DEV } });
    writeLoginCache(s.env.AWS_LOGIN_CACHE_DIRECTORY, DEV, { idToken: false });
    const recorded = Date.now() - 30 * MIN;
    mkdirSync(join(s.env.AWS_LOGIN_TRAY_HOME, 'state'), { recursive: true });
    writeFileSync(join(s.env.AWS_LOGIN_TRAY_HOME, 'state', 'recorded-logins.json'), JSON.stringify({ [DEV]: recorded }));
    writeFileSync(join(s.env.AWS_LOGIN_TRAY_HOME, 'settings.json'), JSON.stringify({ maxSessionHours: { dev: 1 }, warningLeadMinutes: [45] }));
    const run = await runCliProcess(['status', '--json'], s.env);
    expect(run.code).toBe(0);
    const [dev] = (JSON.parse(run.stdout) as { profiles: Record<string, unknown>[] }).profiles;
    expect(dev).toMatchObject({
      state: 'expiring',
      sessionStartedAt: new Date(recorded).toISOString(),
      sessionExpiresAt: new Date(recorded + HOUR).toISOString(),
    });
  });

  it('gives an empty list plus a hint when there is no config at all', async () => {
    const s = sandbox();
    const json = await runCliProcess(['status', '--json'], s.env);
    expect(json).toMatchObject({ code: 0, stdout: '{"profiles":[]}\n' });
    expect(json.stderr).toContain(s.env.AWS_CONFIG_FILE);
    expect(json.stderr).toContain('`aws configure set region <region> --profile <name>`, then `aws-login-tray login <name>`');
    const text = await runCliProcess(['status'], s.env);
    expect(text.code).toBe(0);
    expect(text.stderr).toBe('');
    expect(text.stdout).toContain(`looked for ${s.env.AWS_CONFIG_FILE}`);
    expect(text.stdout).toContain('`aws configure set region <region> --profile <name>`, then `aws-login-tray login <name>`');
  });

  it('exits 2 with FILE:LINE: reason for a config the SDKs reject', async () => {
    const s = sandbox();
    mkdirSync(join(s.env.HOME, '.aws'), { recursive: true });
    writeFileSync(s.env.AWS_CONFIG_FILE, '[profile ok]\nregion = eu-west-1\n\n[profile broken\nregion = x\n');
    for (const args of [['status'], ['status', '--json']]) {
      const run = await runCliProcess(args, s.env);
      expect(run.code).toBe(2);
      expect(run.stdout).toBe('');
      expect(run.stderr).toMatch(new RegExp(`^${s.env.AWS_CONFIG_FILE}:4: [^\\n]+\\n$`));
      expect(run.stderr).not.toMatch(/\n\s+at /);
    }
  });

  it('exits 2 with one line naming the file when it cannot be read', async () => {
    const s = sandbox();
    mkdirSync(s.env.AWS_CONFIG_FILE, { recursive: true });
    const run = await runCliProcess(['status', '--json'], s.env);
    expect(run).toEqual({ code: 2, stdout: '', stderr: `${s.env.AWS_CONFIG_FILE}: is a folder, not a file.\n` });
  });

  it('stops quietly (exit 0, nothing on stderr) when the reader closes the pipe early', async () => {
    const s = sandbox();
    const profiles = Object.fromEntries(Array.from({ length: 2000 }, (_, i) => [`p${i}`, { login_session: `arn:aws:iam::123456789012:user/u${i}` }]));
    writeAwsConfig(s.env.AWS_CONFIG_FILE, profiles);
    const result = await new Promise<{ code: number | null; stderr: string }>((done) => {
      const child = spawn(process.execPath, [bin, 'status', '--json'], { env: s.env, stdio: ['ignore', 'pipe', 'pipe'] });
      let stderr = '';
      child.stdout.once('data', () => child.stdout.destroy());
      child.stderr.on('data', (d: Buffer) => void (stderr += d.toString()));
      child.on('close', (code) => done({ code, stderr }));
    });
    expect(result).toEqual({ code: 0, stderr: '' });
  });

  it('answers --help, --version and an unknown command like a CLI should', async () => {
    const s = sandbox();
    const help = await runCliProcess(['status', '--help'], s.env);
    expect(help.code).toBe(0);
    expect(help.stdout).toContain('Usage: aws-login-tray status [--json]');
    const version = await runCliProcess(['--version'], s.env);
    expect(version.stdout).toMatch(/^\d+\.\d+\.\d+/);
    const unknown = await runCliProcess(['nope'], s.env);
    expect(unknown.code).toBe(2);
    expect(unknown.stderr).toContain('unknown command "nope"');
  });
});

describe('aws-login-tray status: the login-facts index (real binary)', () => {
  const indexFile = (env: { AWS_LOGIN_TRAY_HOME: string }) => join(env.AWS_LOGIN_TRAY_HOME, 'cache', 'login-facts.json');
  /**
   * `status --json` in this process, its clock SETTLE_MS ahead of the files' (only files last changed
   * more than SETTLE_MS ago are indexed): the same code as the binary, without waiting 3 s for real.
   */
  const settledRun = async (env: Record<string, string>) => {
    const ctx = capturedContext(env, Date.now() + SETTLE_MS + 1_000);
    const code = await statusCommand.run(['--json'], ctx);
    return { code, stdout: ctx.out(), stderr: ctx.err() };
  };

  it('keeps a private index without secrets, rewrites it only when a file changed, and sees the change', async () => {
    const s = fullSandbox();
    const first = await settledRun(s.env);
    expect(first).toMatchObject({ code: 0, stderr: '' });
    const saved = statSync(indexFile(s.env));
    expect(saved.mode & 0o777).toBe(0o600);
    const text = readFileSync(indexFile(s.env), 'utf8');
    const stored = JSON.parse(text) as { version: number; dir: string; entries: Record<string, unknown> };
    expect(stored).toMatchObject({ version: FACTS_INDEX_VERSION, dir: s.env.AWS_LOGIN_CACHE_DIRECTORY });
    // dev-signin's file and bob's broken one; prod has none.
    expect(Object.keys(stored.entries)).toHaveLength(2);
    for (const secret of s.caches.flatMap(secretsOf)) expect(text.includes(secret) || text.includes(secret.slice(0, 16))).toBe(false);

    const second = await settledRun(s.env);
    expect(second).toEqual(first);
    const again = statSync(indexFile(s.env));
    expect([again.ino, again.mtimeMs]).toEqual([saved.ino, saved.mtimeMs]);

    const authTime = Math.floor((Date.now() - HOUR) / 1000) * 1000;
    writeLoginCache(s.env.AWS_LOGIN_CACHE_DIRECTORY, DEV, { authTime });
    const third = await settledRun(s.env);
    const dev = (JSON.parse(third.stdout) as { profiles: Record<string, unknown>[] }).profiles.find((p) => p.name === 'dev-signin');
    expect(dev?.sessionStartedAt).toBe(new Date(authTime).toISOString());
  });

  it('ignores a corrupt index and replaces it', async () => {
    const s = fullSandbox();
    const good = await runCliProcess(['status', '--json'], s.env);
    mkdirSync(join(s.env.AWS_LOGIN_TRAY_HOME, 'cache'), { recursive: true });
    writeFileSync(indexFile(s.env), '{"version":1,"dir":');
    const run = await runCliProcess(['status', '--json'], s.env);
    expect(run).toEqual(good);
    expect(JSON.parse(readFileSync(indexFile(s.env), 'utf8'))).toMatchObject({ version: FACTS_INDEX_VERSION, dir: s.env.AWS_LOGIN_CACHE_DIRECTORY });
  });

  it('says nothing when the index cannot be written (it is only a cache)', async () => {
    const s = fullSandbox();
    mkdirSync(s.env.AWS_LOGIN_TRAY_HOME, { recursive: true });
    writeFileSync(join(s.env.AWS_LOGIN_TRAY_HOME, 'cache'), 'a file where the cache folder should be');
    const run = await runCliProcess(['status', '--json'], s.env);
    expect(run).toMatchObject({ code: 0, stderr: '' });
    expect((JSON.parse(run.stdout) as { profiles: unknown[] }).profiles).toHaveLength(6);
  });
});

describe('aws-login-tray status while a credential helper waits on a browser sign-in', () => {
  it('says so in the table and in the JSON, for the sign-in profile and its auto-login profile', async () => {
    const s = fullSandbox();
    const since = Date.now() - 20_000;
    mkdirSync(join(s.env.AWS_LOGIN_TRAY_HOME, 'state'), { recursive: true });
    // A live "helper": this test process.
    writeFileSync(join(s.env.AWS_LOGIN_TRAY_HOME, 'state', 'auto-login-waiting.json'), JSON.stringify({ 'dev-signin': { since, pid: process.pid } }));
    const table = await runCliProcess(['status'], s.env);
    const line = (name: string) => table.stdout.split('\n').find((l) => l.startsWith(`${name} `)) ?? '';
    expect(line('dev')).toContain('Waiting for sign-in');
    expect(line('dev-signin')).toContain('Waiting for sign-in');
    expect(line('prod')).not.toContain('Waiting');
    const json = JSON.parse((await runCliProcess(['status', '--json'], s.env)).stdout) as { profiles: { name: string; waitingForSignInSince: string | null }[] };
    const by = Object.fromEntries(json.profiles.map((p) => [p.name, p.waitingForSignInSince]));
    expect(by).toMatchObject({ dev: new Date(since).toISOString(), 'dev-signin': new Date(since).toISOString(), prod: null });
  });
});
