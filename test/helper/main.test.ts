import { writeFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import type { FilePort } from '../../src/core/ports';
import { runHelper, type HelperDeps } from '../../src/helper/main';
import { nodeFilePort } from '../../src/node/fs-port';
import { makeAwsSandbox } from '../support/fake-aws';
import { secretsOf, writeLoginCache } from '../support/login-cache';

const SESSION = 'arn:aws:sts::123456789012:assumed-role/Admin/alice';

function deps(env: Record<string, string>, slowCalls: string[]): HelperDeps {
  return {
    env, platform: 'linux', homeDir: env.HOME!, files: nodeFilePort, now: () => Date.now(),
    loadSlowPath: () => ({
      runSlowPath: async (input) => {
        slowCalls.push(input.signinProfile);
        return { code: 1, message: 'slow path' };
      },
    }),
  };
}

describe('runHelper (fast path)', () => {
  it('prints the credentials from the cache when more than 5 minutes are left, without loading the slow path', async () => {
    const sb = makeAwsSandbox(`[profile dev-signin]\nregion = eu-west-1\nlogin_session = ${SESSION}\n`);
    const cache = writeLoginCache(sb.loginCacheDir, SESSION, { expiresAt: Date.now() + 10 * 60_000 });
    const slow: string[] = [];
    const out = await runHelper(['--profile', 'dev-signin'], deps(sb.env, slow));
    expect(out.code).toBe(0);
    const json = JSON.parse(out.code === 0 ? out.stdout : '{}') as Record<string, unknown>;
    expect(json).toEqual({ Version: 1, AccessKeyId: cache.accessKeyId, SecretAccessKey: cache.secretAccessKey, SessionToken: cache.sessionToken, Expiration: cache.expiresAt, AccountId: '123456789012' });
    expect(slow).toEqual([]);
  });

  it.each([
    ['a token due for refresh', 4 * 60_000],
    ['an expired token', -60_000],
  ])('hands %s to the slow path', async (_what, left) => {
    const sb = makeAwsSandbox(`[profile dev-signin]\nregion = eu-west-1\nlogin_session = ${SESSION}\n`);
    writeLoginCache(sb.loginCacheDir, SESSION, { expiresAt: Date.now() + left });
    const slow: string[] = [];
    expect((await runHelper(['--profile=dev-signin'], deps(sb.env, slow))).code).toBe(1);
    expect(slow).toEqual(['dev-signin']);
  });

  it('hands a logged-out sign-in profile (no login_session, or no cache file) to the slow path', async () => {
    const sb = makeAwsSandbox(`[profile a]\nregion = r\n\n[profile b]\nlogin_session = ${SESSION}\n`);
    const slow: string[] = [];
    await runHelper(['--profile', 'a'], deps(sb.env, slow));
    await runHelper(['--profile', 'b'], deps(sb.env, slow));
    expect(slow).toEqual(['a', 'b']);
  });

  it('fails with exit 2 on bad usage, an unknown sign-in profile, or a broken config file', async () => {
    const sb = makeAwsSandbox('[profile dev-signin]\nregion = r\n');
    const slow: string[] = [];
    const usage = await runHelper(['--region', 'x'], deps(sb.env, slow));
    expect(usage).toMatchObject({ code: 2, message: expect.stringContaining('Usage: credential-process --profile <signin-profile>') });
    const unknown = await runHelper(['--profile', 'nope'], deps(sb.env, slow));
    expect(unknown).toMatchObject({ code: 2, message: expect.stringContaining(`"nope" is not in ${sb.configFile}`) });
    const broken = makeAwsSandbox('region = r\n[profile x]\n');
    const bad = await runHelper(['--profile', 'x'], deps(broken.env, slow));
    expect(bad).toMatchObject({ code: 2, message: expect.stringContaining(`${broken.configFile}:1:`) });
    // A config we may not read is the user's to fix too (exit 2, naming the file)...
    const denied: FilePort = { ...nodeFilePort, readText: (p) => { throw Object.assign(new Error(`${p}: permission denied.`), { code: 'EACCES', path: p }); } };
    expect(await runHelper(['--profile', 'dev-signin'], { ...deps(sb.env, slow), files: denied })).toMatchObject({ code: 2, message: expect.stringContaining(`${sb.configFile}: permission denied`) });
    // ...but a bug while reading is not reported as a config problem.
    const buggy: FilePort = { ...nodeFilePort, readText: () => { throw new TypeError('x is not a function'); } };
    expect(await runHelper(['--profile', 'dev-signin'], { ...deps(sb.env, slow), files: buggy })).toMatchObject({ code: 3, message: expect.stringContaining('unexpected error: x is not a function. Please report it.') });
    expect(slow).toEqual([]);
  });

  it('never puts a secret in a failure message', async () => {
    const sb = makeAwsSandbox(`[profile dev-signin]\nlogin_session = ${SESSION}\n`);
    const cache = writeLoginCache(sb.loginCacheDir, SESSION, { expiresAt: Date.now() - 1 });
    const out = await runHelper(['--profile', 'dev-signin'], deps(sb.env, []));
    for (const s of secretsOf(cache)) expect(out.code !== 0 && out.message.includes(s)).toBe(false);
  });

  it('reads a half-written cache file again and answers from it once whole, without the slow path', async () => {
    const sb = makeAwsSandbox(`[profile dev-signin]\nlogin_session = ${SESSION}\n`);
    const cache = writeLoginCache(sb.loginCacheDir, SESSION);
    let truncatedReads = 2;
    const files: FilePort = {
      ...nodeFilePort,
      readText: (path) => (path === cache.file && truncatedReads-- > 0 ? '' : nodeFilePort.readText(path)),
    };
    const slow: string[] = [];
    const out = await runHelper(['--profile', 'dev-signin'], { ...deps(sb.env, slow), files });
    expect(out.code).toBe(0);
    expect(slow).toEqual([]);
  });

  it('hands a cache file that stays broken to the slow path (which refuses to log in over it)', async () => {
    const sb = makeAwsSandbox(`[profile dev-signin]\nlogin_session = ${SESSION}\n`);
    writeFileSync(writeLoginCache(sb.loginCacheDir, SESSION).file, '');
    const slow: string[] = [];
    expect((await runHelper(['--profile', 'dev-signin'], deps(sb.env, slow))).code).toBe(1);
    expect(slow).toEqual(['dev-signin']);
  });
});

describe('the helper reads its command line with the CLI parser', () => {
  it('takes --profile X, --profile=X and the credential-process command name, and refuses anything else with a usage line', async () => {
    const { parseHelperArgs } = await import('../../src/helper/args');
    expect(parseHelperArgs(['--profile', 'dev-signin'])).toEqual({ profile: 'dev-signin' });
    expect(parseHelperArgs(['--profile=dev-signin'])).toEqual({ profile: 'dev-signin' });
    expect(parseHelperArgs(['credential-process', '--profile', 'x'])).toEqual({ profile: 'x' });
    expect(parseHelperArgs([])).toEqual({ error: 'missing --profile <signin-profile>. Usage: credential-process --profile <signin-profile>' });
    expect(parseHelperArgs(['--profile', 'a', 'extra'])).toEqual({ error: 'unexpected argument: extra. Usage: credential-process --profile <signin-profile>' });
    expect(parseHelperArgs(['--verbose'])).toEqual({ error: 'unknown option --verbose. Usage: credential-process --profile <signin-profile>' });
    expect(parseHelperArgs(['--profile', '-x'])).toMatchObject({ error: expect.stringMatching(/^option --profile needs a value/) });
  });
});

describe('the AppImage marker argument', () => {
  it('drops a leading --no-sandbox (the AppImage launcher puts it there for AppRun) and nothing else', async () => {
    const { parseHelperArgs } = await import('../../src/helper/args');
    expect(parseHelperArgs(['--no-sandbox', '--profile', 'dev-signin'])).toEqual({ profile: 'dev-signin' });
    expect(parseHelperArgs(['--profile', 'dev-signin', '--no-sandbox'])).toMatchObject({ error: expect.stringContaining('unknown option --no-sandbox') });
  });
});
