import { execFileSync, spawnSync } from 'node:child_process';
import { chmodSync, cpSync, existsSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { splitCommandLine } from '../../src/core/command-line';
import { buildHelper, run, type Run } from '../support/built-helper';
import { FAKE_SESSION, makeAwsSandbox, type AwsSandbox } from '../support/fake-aws';
import { writeLoginCache } from '../support/login-cache';
import { nativeBinary } from './support';

const ROOT = join(__dirname, '..', '..');
let dist: string;
let native: string;

beforeAll(() => {
  nativeBinary();
  // A copy of the build of our own, so breaking its native program touches no other test.
  dist = join(mkdtempSync(join(tmpdir(), 'alt-native-fallback-')), 'dist');
  cpSync(buildHelper().dist, dist, { recursive: true });
  native = join(dist, 'native', 'credential-process');
}, 120_000);

/** A sandbox with auto-login on for dev and a cache with 10 minutes left; returns the credential_process words. */
async function enabled(): Promise<{ sb: AwsSandbox; launcher: string; args: string[] }> {
  const sb = makeAwsSandbox(`[profile dev]\nregion = eu-west-1\n\n[profile dev-signin]\nregion = eu-west-1\nlogin_session = ${FAKE_SESSION}\n`, {
    AWS_LOGIN_TRAY_HELPER_SCRIPT: join(dist, 'helper.cjs'),
  });
  writeLoginCache(sb.loginCacheDir, FAKE_SESSION, { expiresAt: Date.now() + 10 * 60_000 });
  expect((await run(process.execPath, [join(dist, 'cli.cjs'), 'enable-auto-login', 'dev'], sb.env)).code).toBe(0);
  const [launcher, ...args] = splitCommandLine(/credential_process = (.*)/.exec(readFileSync(sb.configFile, 'utf8'))![1]!);
  expect(readFileSync(launcher!, 'utf8')).toContain(native);
  return { sb, launcher: launcher!, args };
}

const same = (a: Run, b: Run) => a.code === b.code && a.stdout === b.stdout && a.stderr === b.stderr;

describe('the launcher with a missing or broken native program', () => {
  const breakages: [string, () => void][] = [
    ['missing', () => rmSync(native, { force: true })],
    ['not executable', () => { writeFileSync(native, readFileSync(join(ROOT, 'native', 'credential-process.c'))); chmodSync(native, 0o644); }],
    ['not a program (garbage bytes)', () => { writeFileSync(native, Buffer.from([0x7f, 0x45, 0x4c, 0x46, 2, 1, 1, 0, 0xde, 0xad, 0xbe, 0xef])); chmodSync(native, 0o755); }],
    ['printing junk and failing', () => { writeFileSync(native, '#!/bin/sh\necho junk; echo noise >&2; exit 1\n'); chmodSync(native, 0o755); }],
    ['crashing after printing', () => { writeFileSync(native, '#!/bin/sh\nprintf "{partial"; kill -SEGV $$\n'); chmodSync(native, 0o755); }],
  ];

  it.each(breakages)('%s: the call still works, on Node, with exactly Node\'s output and nothing on stderr', async (_what, breakIt) => {
    const { sb, launcher, args } = await enabled();
    const helper = join(dist, 'helper.cjs');
    const good = await run(launcher, args, sb.env);
    expect({ code: good.code, stderr: good.stderr }).toEqual({ code: 0, stderr: '' });
    const saved = readFileSync(native);
    try {
      breakIt();
      const viaLauncher = await run(launcher, args, sb.env);
      const node = await run(process.execPath, [helper, ...args], sb.env);
      expect({ code: viaLauncher.code, stderr: viaLauncher.stderr }).toEqual({ code: 0, stderr: '' });
      expect(same(viaLauncher, node) && viaLauncher.stdout === good.stdout).toBe(true);
      // A failure Node reports (exit 2 and its message) passes through unchanged too.
      const usage = await run(launcher, ['--region', 'x'], sb.env);
      expect(same(usage, await run(process.execPath, [helper, '--region', 'x'], sb.env))).toBe(true);
      expect(usage.code).toBe(2);
    } finally {
      writeFileSync(native, saved);
      chmodSync(native, 0o755);
    }
  });
});

describe('scripts/build-native.mjs', () => {
  it('without a C compiler prints one line, builds nothing, and the helper runs on Node', async () => {
    const out = mkdtempSync(join(tmpdir(), 'alt-native-nocc-'));
    const text = execFileSync(process.execPath, [join(ROOT, 'scripts', 'build-native.mjs'), '--outdir', out], { env: { ...process.env, CC: 'false' }, encoding: 'utf8' });
    expect(text.trim().split('\n')).toEqual(['native fast path: skipped, no C compiler (CC=false) found; the credential helper runs on Node']);
    expect(existsSync(join(out, 'native'))).toBe(false);
  });

  it('fails loudly when a compiler is there but cannot build it', () => {
    const dir = mkdtempSync(join(tmpdir(), 'alt-native-badcc-'));
    const cc = join(dir, 'cc');
    writeFileSync(cc, '#!/bin/sh\n[ "$1" = --version ] && exit 0\necho "cc: broken on purpose" >&2\nexit 1\n');
    chmodSync(cc, 0o755);
    expect(() => execFileSync(process.execPath, [join(ROOT, 'scripts', 'build-native.mjs'), '--outdir', dir], { env: { ...process.env, CC: cc }, stdio: 'pipe' })).toThrow(/failed to compile/);
    expect(existsSync(join(dir, 'native', 'credential-process'))).toBe(false);
  });

  it('builds with -Wall -Wextra and no warnings', () => {
    const out = mkdtempSync(join(tmpdir(), 'alt-native-cc-'));
    const r = spawnSync(process.execPath, [join(ROOT, 'scripts', 'build-native.mjs'), '--outdir', out], { encoding: 'utf8' });
    expect({ status: r.status, stdout: r.stdout, stderr: r.stderr }).toEqual({ status: 0, stdout: '', stderr: '' });
    expect(existsSync(join(out, 'native', 'credential-process'))).toBe(true);
  });
});
