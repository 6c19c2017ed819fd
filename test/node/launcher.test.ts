import { execFileSync } from 'node:child_process';
import { chmodSync, mkdirSync, mkdtempSync, readFileSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { ensureLauncher, findNativeFastPath, launcherPath, nodeHelperRuntime } from '../../src/node/launcher';

function tempDir(): string {
  return mkdtempSync(join(tmpdir(), 'alt-launcher-'));
}

/** A stand-in helper that prints its arguments and one env var as JSON. */
function echoScript(dir: string): string {
  const file = join(dir, 'echo helper.cjs');
  writeFileSync(file, 'process.stdout.write(JSON.stringify({ args: process.argv.slice(2), env: process.env.ELECTRON_RUN_AS_NODE ?? null }))');
  return file;
}

describe('ensureLauncher', () => {
  it('writes an executable launcher that runs the runtime with the caller\'s arguments and env, without a shell of ours', () => {
    const dir = tempDir();
    const appHome = join(dir, 'app home');
    const runtime = { execPath: process.execPath, args: [echoScript(dir)], env: { ELECTRON_RUN_AS_NODE: '1' } };
    const r = ensureLauncher({ appHome, runtime, platform: 'linux' });
    expect(r).toEqual({ path: launcherPath(appHome, 'linux'), changed: true });
    expect(statSync(r.path).mode & 0o755).toBe(0o755);
    const out = JSON.parse(execFileSync(r.path, ['--profile', "it's $HOME"], { encoding: 'utf8' })) as { args: string[]; env: string };
    expect(out).toEqual({ args: ['--profile', "it's $HOME"], env: '1' });
  });

  it('leaves a correct launcher alone and repairs a changed or non-executable one', () => {
    const appHome = tempDir();
    const runtime = { execPath: process.execPath, args: ['/opt/app/dist/helper.cjs'] };
    const { path } = ensureLauncher({ appHome, runtime, platform: 'linux' });
    expect(ensureLauncher({ appHome, runtime, platform: 'linux' }).changed).toBe(false);
    chmodSync(path, 0o644);
    expect(ensureLauncher({ appHome, runtime, platform: 'linux' }).changed).toBe(true);
    expect(statSync(path).mode & 0o111).toBe(0o111);
    // The app moved: the same launcher path now points at the new place.
    const moved = ensureLauncher({ appHome, runtime: { ...runtime, args: ['/new/place/dist/helper.cjs'] }, platform: 'linux' });
    expect(moved).toEqual({ path, changed: true });
    expect(readFileSync(path, 'utf8')).toContain("'/new/place/dist/helper.cjs'");
  });

  it('defaults to this Node and dist/helper.cjs beside the CLI bundle, overridable for tests', () => {
    expect(nodeHelperRuntime({}, '/opt/alt/dist')).toEqual({ execPath: process.execPath, args: ['/opt/alt/dist/helper.cjs'] });
    expect(nodeHelperRuntime({ AWS_LOGIN_TRAY_HELPER_SCRIPT: '/x/h.cjs' }, '/opt/alt/dist').args).toEqual(['/x/h.cjs']);
  });
});

describe('findNativeFastPath', () => {
  it('finds an executable native/credential-process beside the helper (npm install) or in the packaged resources/native/', () => {
    const dir = tempDir();
    const dist = join(dir, 'dist');
    mkdirSync(join(dist, 'native'), { recursive: true });
    expect(findNativeFastPath(join(dist, 'helper.cjs'), 'linux')).toBeNull();
    writeFileSync(join(dist, 'native', 'credential-process'), '', { mode: 0o644 });
    expect(findNativeFastPath(join(dist, 'helper.cjs'), 'linux')).toBeNull(); // not executable
    chmodSync(join(dist, 'native', 'credential-process'), 0o755);
    expect(findNativeFastPath(join(dist, 'helper.cjs'), 'linux')).toBe(join(dist, 'native', 'credential-process'));

    const resources = join(dir, 'resources');
    mkdirSync(join(resources, 'app.asar.unpacked', 'dist'), { recursive: true });
    mkdirSync(join(resources, 'native'));
    writeFileSync(join(resources, 'native', 'credential-process'), '', { mode: 0o755 });
    expect(findNativeFastPath(join(resources, 'app.asar.unpacked', 'dist', 'helper.cjs'), 'linux')).toBe(join(resources, 'native', 'credential-process'));
    expect(findNativeFastPath(undefined, 'linux')).toBeNull();
  });

  it('ensureLauncher writes the native line when the helper has one beside it, and drops it when it goes', () => {
    const dir = tempDir();
    const appHome = join(dir, 'home');
    mkdirSync(join(dir, 'native'));
    const native = join(dir, 'native', 'credential-process');
    writeFileSync(native, '#!/bin/sh\nexit 100\n', { mode: 0o755 });
    const runtime = { execPath: process.execPath, args: [echoScript(dir)] };
    const { path } = ensureLauncher({ appHome, runtime, platform: 'linux' });
    expect(readFileSync(path, 'utf8')).toContain(`'${native}' '--app-home' '${appHome}' '--' "$@"`);
    // It declines (exit 100): the runtime runs with the caller's arguments.
    expect(JSON.parse(execFileSync(path, ['--profile', 'x'], { encoding: 'utf8' }))).toEqual({ args: ['--profile', 'x'], env: null });
    chmodSync(native, 0o644);
    expect(ensureLauncher({ appHome, runtime, platform: 'linux' }).changed).toBe(true);
    expect(readFileSync(path, 'utf8')).not.toContain('--app-home');
  });
});
