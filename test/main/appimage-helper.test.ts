import { execFileSync } from 'node:child_process';
import { chmodSync, existsSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { parseLauncherRuntime } from '../../src/core/launcher-script';
import { installAppImageHelper } from '../../src/main/appimage-helper';
import { appHelperRuntime, refreshLauncher } from '../../src/main/backend';
import { launcherPath } from '../../src/node/launcher';

/**
 * A stand-in for an AppImage run: a temporary "mount" holding the packaged app (resources/app.asar/dist,
 * with the helper bundles unpacked beside it) and an AppImage file that, like the real one, runs the
 * app's Electron — here this Node, which refuses to start unless ELECTRON_RUN_AS_NODE=1.
 */
function fakeAppImage(helperSource = 'process.stdout.write(JSON.stringify({ args: process.argv.slice(2), slow: require("./helper-slow.cjs") }))') {
  const root = mkdtempSync(join(tmpdir(), 'alt-appimage-'));
  const mount = join(root, '.mount_AWSLoXXXX');
  const distDir = join(mount, 'resources', 'app.asar', 'dist');
  const unpacked = join(mount, 'resources', 'app.asar.unpacked', 'dist');
  mkdirSync(unpacked, { recursive: true });
  writeFileSync(join(unpacked, 'helper.cjs'), helperSource);
  writeFileSync(join(unpacked, 'helper-slow.cjs'), 'module.exports = "slow path loaded";');
  writeFileSync(join(unpacked, 'cli.cjs'), '// not the helper');
  const appImage = join(root, 'Apps', 'AWS Login Tray.AppImage');
  mkdirSync(dirname(appImage));
  writeFileSync(appImage, `#!/bin/sh\n[ "$ELECTRON_RUN_AS_NODE" = 1 ] || { echo "would start the GUI" >&2; exit 9; }\nexec '${process.execPath}' "$@"\n`);
  chmodSync(appImage, 0o755);
  return { root, mount, distDir, unpacked, appImage, appHome: join(root, 'app-home') };
}

describe('the helper runtime in a Linux AppImage', () => {
  it('copies helper*.cjs out of the mount into <appHome>/bin and runs them with the AppImage file as Node', () => {
    const f = fakeAppImage();
    const runtime = appHelperRuntime({ isPackaged: true, execPath: join(f.mount, 'aws-login-tray'), distDir: f.distDir, env: { APPIMAGE: f.appImage }, appHome: f.appHome });
    expect(runtime.execPath).toBe(f.appImage);
    expect(runtime.env).toEqual({ ELECTRON_RUN_AS_NODE: '1' });
    const helper = runtime.args[0]!;
    expect(dirname(dirname(helper))).toBe(join(f.appHome, 'bin'));
    expect(readdirSync(dirname(helper)).sort()).toEqual(['helper-slow.cjs', 'helper.cjs']);
    expect(readFileSync(helper, 'utf8')).toBe(readFileSync(join(f.unpacked, 'helper.cjs'), 'utf8'));

    const errors: string[] = [];
    refreshLauncher(f.appHome, runtime, 'linux', (m) => errors.push(m));
    expect(errors).toEqual([]);
    const launcher = launcherPath(f.appHome, 'linux');
    const text = readFileSync(launcher, 'utf8');
    // --no-sandbox after the script: AppRun then adds none before it (see test/main/apprun.test.ts).
    expect(text).toContain(`'${f.appImage}' '${helper}' '--no-sandbox' "$@"`);
    expect(text).not.toContain('.mount_');
    expect(parseLauncherRuntime(text)).toEqual(runtime);

    // The app quits: its mount vanishes, and credential_process still works.
    rmSync(f.mount, { recursive: true });
    const out = JSON.parse(execFileSync(launcher, ['--profile', 'dev-signin'], { encoding: 'utf8' })) as unknown;
    // (This stand-in helper echoes its arguments; the real one drops the leading --no-sandbox.)
    expect(out).toEqual({ args: ['--no-sandbox', '--profile', 'dev-signin'], slow: 'slow path loaded' });
  });

  it('keeps an unchanged copy, adds a new folder for a new version and removes folders no launcher uses', () => {
    const f = fakeAppImage();
    const first = installAppImageHelper({ appImage: f.appImage, helperDir: f.unpacked, appHome: f.appHome });
    expect(installAppImageHelper({ appImage: f.appImage, helperDir: f.unpacked, appHome: f.appHome })).toEqual(first);
    refreshLauncher(f.appHome, first, 'linux', () => undefined);
    const bin = join(f.appHome, 'bin');
    mkdirSync(join(bin, 'helper-000000000000')); // left by a version no launcher names any more

    writeFileSync(join(f.unpacked, 'helper.cjs'), '// version 2');
    const second = installAppImageHelper({ appImage: f.appImage, helperDir: f.unpacked, appHome: f.appHome });
    expect(second.args[0]).not.toBe(first.args[0]);
    expect(readFileSync(second.args[0]!, 'utf8')).toBe('// version 2');
    // The launcher still names the first copy until it is rewritten: a call running now keeps working.
    expect(existsSync(first.args[0]!)).toBe(true);
    expect(readdirSync(bin).filter((n) => n.startsWith('helper-')).sort()).toEqual([dirname(first.args[0]!), dirname(second.args[0]!)].map((d) => d.slice(bin.length + 1)).sort());
  });

  it('falls back to the mounted helper and says why when the copy cannot be made', () => {
    const f = fakeAppImage();
    writeFileSync(f.appHome, 'a file where the app folder should be');
    const errors: string[] = [];
    const runtime = appHelperRuntime({ isPackaged: true, execPath: '/m/aws-login-tray', distDir: f.distDir, env: { APPIMAGE: f.appImage }, appHome: f.appHome, reportError: (m) => errors.push(m) });
    expect(runtime.execPath).toBe('/m/aws-login-tray');
    expect(errors).toEqual([expect.stringContaining(`Could not copy the credential helper out of the AppImage into ${join(f.appHome, 'bin')}`)]);
  });

  it('is not used outside an AppImage', () => {
    const f = fakeAppImage();
    const runtime = appHelperRuntime({ isPackaged: true, execPath: '/opt/ALT/alt', distDir: f.distDir, env: {}, appHome: f.appHome });
    expect(runtime.args).toEqual([join(f.unpacked, 'helper.cjs')]);
    expect(existsSync(join(f.appHome, 'bin'))).toBe(false);
  });
});
