import { copyFileSync, mkdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { splitCommandLine } from '../../src/core/command-line';
import { loginCacheFileName } from '../../src/core/session/login-cache';
import { FAST_PATH_ENV } from '../../src/node/fast-path-record';
import { buildHelper, run } from '../support/built-helper';
import { makeAwsSandbox, type AwsSandbox } from '../support/fake-aws';
import { locationCases, parserCases } from '../core/config/conformance';
import { writeLoginCache } from '../support/login-cache';
import { differential, nativeBinary, nodeAnswer } from './support';

// The native fast path against the Node helper on the same inputs: byte-identical stdout and exit
// 0, or a silent decline (the launcher then runs Node). See also fuzz.test.ts.
const S = 'arn:aws:sts::123456789012:assumed-role/Admin/alice';
const S2 = 'arn:aws:sts::123456789012:assumed-role/Admin/bobby'; // same length as S
const ARGS = ['--profile', 'dev-signin'];
const SIGNIN = `[profile dev-signin]\nregion = eu-west-1\nlogin_session = ${S}\n`;
let bin: string;

beforeAll(() => {
  bin = nativeBinary();
}, 120_000);

const minutes = (n: number) => Date.now() + n * 60_000;

/** A sandbox whose sign-in profile has a cache with `left` minutes, primed by one Node helper run (which writes the record). */
async function primed(config = SIGNIN, left = 10, extraEnv: Record<string, string> = {}): Promise<AwsSandbox> {
  const sb = makeAwsSandbox(config, extraEnv);
  writeLoginCache(sb.loginCacheDir, S, { expiresAt: minutes(left) });
  await nodeAnswer(ARGS, sb.env);
  return sb;
}

describe('native fast path vs the Node helper: the helper\'s own cases', () => {
  it('a token with more than 5 minutes left: native answers, byte for byte what node dist/helper.cjs prints, and so does the launcher', async () => {
    const { cli, helper } = buildHelper();
    const sb = makeAwsSandbox('[profile dev]\nregion = eu-west-1\n' + '\n' + SIGNIN, { AWS_LOGIN_TRAY_HELPER_SCRIPT: helper });
    writeLoginCache(sb.loginCacheDir, S, { expiresAt: minutes(10) });
    expect((await run(process.execPath, [cli, 'enable-auto-login', 'dev'], sb.env)).code).toBe(0);
    // No record yet (enable-auto-login changed the config): native declines; the Node run writes it.
    expect(await differential(bin, sb.appHome, ARGS, sb.env)).toBe('declined');
    const node = await run(process.execPath, [helper, ...ARGS], sb.env);
    expect(await differential(bin, sb.appHome, ARGS, sb.env)).toBe('answered');
    const line = /credential_process = (.*)/.exec(readFileSync(sb.configFile, 'utf8'))![1]!;
    const [launcher, ...largs] = splitCommandLine(line);
    const viaLauncher = await run(launcher!, largs, sb.env);
    const direct = await run(bin, ['--app-home', sb.appHome, '--', ...ARGS], sb.env);
    expect({ code: node.code, stderr: node.stderr }).toEqual({ code: 0, stderr: '' });
    expect(direct.stdout === node.stdout && viaLauncher.stdout === node.stdout).toBe(true);
    expect({ code: viaLauncher.code, stderr: viaLauncher.stderr }).toEqual({ code: 0, stderr: '' });
    expect(JSON.parse(node.stdout)).toMatchObject({ Version: 1, AccountId: '123456789012' });
  });

  it.each([
    ['a token due for refresh (4 minutes left)', 4],
    ['an expired token', -1],
  ])('declines %s', async (_what, left) => {
    const sb = await primed(SIGNIN, left);
    expect(await differential(bin, sb.appHome, ARGS, sb.env)).toBe('declined');
  });

  it('declines a logged-out sign-in profile (no login_session, or no cache file)', async () => {
    const sb = makeAwsSandbox(`[profile a]\nregion = r\n\n[profile b]\nlogin_session = ${S}\n`);
    for (const p of ['a', 'b']) {
      await nodeAnswer(['--profile', p], sb.env);
      expect(await differential(bin, sb.appHome, ['--profile', p], sb.env)).toBe('declined');
    }
  });

  it('declines bad usage, an unknown sign-in profile and a broken config (Node says why, exit 2), and the launcher passes Node\'s answer on', async () => {
    const { helper } = buildHelper();
    const sb = await primed();
    const broken = makeAwsSandbox('region = r\n[profile x]\n');
    const cases: [AwsSandbox, string[]][] = [
      [sb, ['--region', 'x']], [sb, ['--profile']], [sb, ['--profile', 'dev-signin', 'extra']],
      [sb, ['--profile', '-x']], [sb, ['--profile=']], [sb, ['--profile', 'nope']], [broken, ['--profile', 'x']],
    ];
    for (const [box, args] of cases) {
      expect(await differential(bin, box.appHome, args, box.env)).toBe('declined');
      const node = await run(process.execPath, [helper, ...args], box.env);
      expect(node.code).toBe(2);
    }
  });

  it('answers the forms the Node helper accepts: --profile=NAME and a leading credential-process', async () => {
    const sb = await primed();
    expect(await differential(bin, sb.appHome, ['--profile=dev-signin'], sb.env)).toBe('answered');
    expect(await differential(bin, sb.appHome, ['credential-process', '--profile', 'dev-signin'], sb.env)).toBe('answered');
    // Forms Node also accepts but native leaves to it: a repeated flag (the last one wins in Node).
    expect(await differential(bin, sb.appHome, ['--profile', 'x', '--profile', 'dev-signin'], sb.env)).toBe('declined');
    expect((await nodeAnswer(['--profile', 'x', '--profile', 'dev-signin'], sb.env)).code).toBe(0);
  });

  it('declines an empty (half-written) or broken cache file, and answers again once it is whole', async () => {
    const sb = await primed();
    const file = join(sb.loginCacheDir, loginCacheFileName(S));
    writeFileSync(file, '');
    expect(await differential(bin, sb.appHome, ARGS, sb.env)).toBe('declined');
    writeFileSync(file, '{"accessToken":');
    expect(await differential(bin, sb.appHome, ARGS, sb.env)).toBe('declined');
    writeLoginCache(sb.loginCacheDir, S, { expiresAt: minutes(10) });
    expect(await differential(bin, sb.appHome, ARGS, sb.env)).toBe('answered');
  });

  it('answers a fresh token even while a failed login cools down, as the Node fast path does', async () => {
    const sb = await primed();
    mkdirSync(join(sb.appHome, 'state'), { recursive: true });
    writeFileSync(join(sb.appHome, 'state', 'login-results.json'), JSON.stringify({ 'dev-signin': { ok: false, error: { code: 'login-failed', message: 'cancelled' }, finishedAt: Date.now(), loginSession: null } }));
    expect(await differential(bin, sb.appHome, ARGS, sb.env)).toBe('answered');
  });

  it('declines without a record, with a record of another app home, and with a record for another profile name', async () => {
    const sb = makeAwsSandbox(SIGNIN);
    writeLoginCache(sb.loginCacheDir, S, { expiresAt: minutes(10) });
    expect(await differential(bin, sb.appHome, ARGS, sb.env)).toBe('declined');
    await nodeAnswer(ARGS, sb.env);
    expect(await differential(bin, join(sb.root, 'elsewhere'), ARGS, sb.env)).toBe('declined');
    expect(await differential(bin, sb.appHome, ['--profile', 'dev-signin2'], sb.env)).toBe('declined');
    expect(await differential(bin, sb.appHome, ARGS, sb.env)).toBe('answered');
  });
});

describe('native fast path vs the Node helper: a changed config or environment', () => {
  it('still answers when the same bytes are written again (a touch, a rewrite)', async () => {
    const sb = await primed();
    writeFileSync(sb.configFile, SIGNIN);
    expect(await differential(bin, sb.appHome, ARGS, sb.env)).toBe('answered');
  });

  it('declines once the sign-in profile names another session of the same length (the record is stale), and the next Node run renews it', async () => {
    const sb = await primed();
    writeLoginCache(sb.loginCacheDir, S2, { expiresAt: minutes(10) });
    writeFileSync(sb.configFile, SIGNIN.replace(S, S2));
    expect(await differential(bin, sb.appHome, ARGS, sb.env)).toBe('declined');
    await nodeAnswer(ARGS, sb.env);
    expect(await differential(bin, sb.appHome, ARGS, sb.env)).toBe('answered');
  });

  it('declines when a credentials file appears, changes or goes, or the config goes', async () => {
    const sb = await primed();
    writeFileSync(sb.credentialsFile, `[dev-signin]\nlogin_session = ${S2}\n`);
    expect(await differential(bin, sb.appHome, ARGS, sb.env)).toBe('declined');
    await nodeAnswer(ARGS, sb.env);
    writeFileSync(sb.credentialsFile, `[dev-signin]\nlogin_session = ${S}\n`);
    expect(await differential(bin, sb.appHome, ARGS, sb.env)).toBe('declined');
    await nodeAnswer(ARGS, sb.env);
    rmSync(sb.credentialsFile);
    expect(await differential(bin, sb.appHome, ARGS, sb.env)).toBe('declined');
    await nodeAnswer(ARGS, sb.env);
    expect(await differential(bin, sb.appHome, ARGS, sb.env)).toBe('answered');
    rmSync(sb.configFile);
    expect(await differential(bin, sb.appHome, ARGS, sb.env)).toBe('declined');
  });

  it('declines when any variable the paths depend on changes, is set or is unset', async () => {
    const sb = await primed();
    const copy = join(sb.root, 'config-copy');
    copyFileSync(sb.configFile, copy);
    const variants: Record<string, string | undefined>[] = [
      { AWS_CONFIG_FILE: copy }, { AWS_CONFIG_FILE: undefined }, { AWS_SHARED_CREDENTIALS_FILE: join(sb.root, 'c2') },
      { AWS_LOGIN_CACHE_DIRECTORY: sb.loginCacheDir + '/' }, { HOME: sb.root }, { HOME: undefined }, { USERPROFILE: undefined },
      { HOMEDRIVE: 'C:' }, { HOMEPATH: '\\x' },
    ];
    for (const v of variants) {
      const env: Record<string, string> = { ...sb.env };
      for (const [k, val] of Object.entries(v)) if (val === undefined) delete env[k]; else env[k] = val;
      expect(await differential(bin, sb.appHome, ARGS, env)).toBe('declined');
    }
    // Unrelated variables do not matter.
    expect(await differential(bin, sb.appHome, ARGS, { ...sb.env, AWS_PROFILE: 'x', AWS_REGION: 'us-east-1' })).toBe('answered');
  });
});

describe('native fast path vs the Node helper: the SDK conformance configs', () => {
  it('every parser case, with a sign-in profile added to its config (or its credentials file): native answers exactly when Node does, the same bytes', async () => {
    let answered = 0;
    const cases = parserCases();
    for (const [i, c] of cases.entries()) {
      for (const where of ['config', 'credentials'] as const) {
        const section = where === 'config' ? `\n[profile fp-signin]\nlogin_session = ${S}\n` : `\n[fp-signin]\nlogin_session = ${S}\n`;
        const config = (c.input.configFile ?? '') + (where === 'config' ? section : '');
        const sb = makeAwsSandbox(config);
        if (c.input.credentialsFile !== undefined || where === 'credentials') writeFileSync(sb.credentialsFile, (c.input.credentialsFile ?? '') + (where === 'credentials' ? section : ''));
        if (c.input.configFile === undefined && where === 'credentials') rmSync(sb.configFile);
        writeLoginCache(sb.loginCacheDir, S, { expiresAt: minutes(10) });
        const args = ['--profile', 'fp-signin'];
        const prime = await nodeAnswer(args, sb.env);
        const verdict = await differential(bin, sb.appHome, args, sb.env).catch((e: Error) => {
          throw new Error(`parser case ${i} (${c.name}), sign-in profile in the ${where} file: ${e.message}`);
        });
        // Whenever Node answered, its record made native answer too (no needless fallback).
        expect(verdict, `parser case ${i} (${c.name}), ${where}`).toBe(prime.code === 0 ? 'answered' : 'declined');
        if (verdict === 'answered') answered++;
      }
    }
    expect(answered).toBeGreaterThan(cases.length);
  }, 120_000);

  it('every Linux file-location case (its paths moved into a sandbox): answers in that environment, declines in any other', async () => {
    const linux = locationCases().filter((c) => c.platform === 'linux');
    expect(linux.length).toBeGreaterThan(0);
    for (const c of linux) {
      const sb = makeAwsSandbox('');
      const move = (p: string) => p.replace(/^\/home\/user/, sb.home).replace(/^~/, sb.home);
      const env: Record<string, string> = { PATH: sb.env.PATH!, AWS_LOGIN_TRAY_HOME: sb.appHome, AWS_LOGIN_CACHE_DIRECTORY: sb.loginCacheDir };
      for (const [k, v] of Object.entries(c.environment)) env[k] = k === 'HOME' ? move(v) : v.startsWith('/') ? move(v) : v;
      const configFile = move(c.configLocation);
      mkdirSync(dirname(configFile), { recursive: true });
      writeFileSync(configFile, SIGNIN);
      writeLoginCache(sb.loginCacheDir, S, { expiresAt: minutes(10) });
      expect((await nodeAnswer(ARGS, env)).code, c.name).toBe(0);
      expect(await differential(bin, sb.appHome, ARGS, env), c.name).toBe('answered');
      for (const k of Object.keys(c.environment)) {
        const changed = { ...env };
        delete changed[k];
        const verdict = await differential(bin, sb.appHome, ARGS, changed);
        // A variable the paths depend on must match the record; others (AWS_PROFILE) do not matter here.
        if ((FAST_PATH_ENV as readonly string[]).includes(k)) expect(verdict, `${c.name} without ${k}`).toBe('declined');
      }
    }
  });
});
