import { execFileSync } from 'node:child_process';
import { copyFileSync, existsSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, statSync, symlinkSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { parseLauncherRuntime } from '../../src/core/launcher-script';
import { installAppImageHelper, type AppImageHelperOptions } from '../../src/main/appimage-helper';
import { appHelperRuntime, refreshLauncher } from '../../src/main/backend';
import { launcherPath } from '../../src/node/launcher';
import { buildHelper, type BuiltHelper } from '../support/built-helper';
import { FAKE_SESSION, makeAwsSandbox } from '../support/fake-aws';
import { writeLoginCache } from '../support/login-cache';

let built: BuiltHelper;
beforeAll(() => {
  built = buildHelper();
}, 120_000);

const ECHO_HELPER = 'process.stdout.write(JSON.stringify({ args: process.argv.slice(2), slow: require("./helper-slow.cjs") }))';

/**
 * A stand-in for an AppImage run: a temporary "mount" ($APPDIR) laid out as electron-builder's
 * AppImage is — the app's Electron at the top with its files, AppRun and desktop files beside it,
 * resources/ with the asar, the unpacked helper bundles and the native fast path — and the AppImage
 * file. The "Electron" here is a script that acts as Electron does run as Node: it refuses to start
 * without ELECTRON_RUN_AS_NODE=1 (it would start the GUI) or without icudtl.dat beside it, refuses a
 * leading --no-sandbox (a Node option error, balena-io/etcher#3007), logs its arguments, and runs Node.
 */
function fakeAppImage(o: { helperSource?: string; helperFrom?: string; native?: string } = {}) {
  const root = mkdtempSync(join(tmpdir(), 'alt-appimage-'));
  const mount = join(root, '.mount_AWSLoXXXX');
  const distDir = join(mount, 'resources', 'app.asar', 'dist');
  const unpacked = join(mount, 'resources', 'app.asar.unpacked', 'dist');
  mkdirSync(unpacked, { recursive: true });
  mkdirSync(join(mount, 'locales'));
  if (o.helperFrom) {
    for (const name of readdirSync(o.helperFrom).filter((n) => /^helper.*\.cjs$/.test(n))) copyFileSync(join(o.helperFrom, name), join(unpacked, name));
  } else {
    writeFileSync(join(unpacked, 'helper.cjs'), o.helperSource ?? ECHO_HELPER);
    writeFileSync(join(unpacked, 'helper-slow.cjs'), 'module.exports = "slow path loaded";');
  }
  writeFileSync(join(unpacked, 'cli.cjs'), '// not the helper');
  if (o.native !== undefined) {
    mkdirSync(join(mount, 'resources', 'native'));
    writeFileSync(join(mount, 'resources', 'native', 'credential-process'), o.native, { mode: 0o755 });
  }
  const log = join(root, 'electron.log');
  const electron = join(mount, 'aws-login-tray');
  writeFileSync(electron, [
    '#!/bin/sh',
    `printf '%s\\n' "$*" >> '${log}'`,
    '[ "$ELECTRON_RUN_AS_NODE" = 1 ] || { echo "would start the GUI" >&2; exit 9; }',
    '[ -f "${0%/*}/icudtl.dat" ] || { echo "Invalid file descriptor to ICU data received." >&2; exit 5; }',
    '[ "$1" = --no-sandbox ] && { echo "$0: bad option: --no-sandbox" >&2; exit 9; }',
    `exec '${process.execPath}' "$@"`,
    '',
  ].join('\n'), { mode: 0o755 });
  for (const name of ['icudtl.dat', 'v8_context_snapshot.bin', 'snapshot_blob.bin', 'libffmpeg.so', 'libvulkan.so.1', 'resources.pak', 'version',
    'chrome-sandbox', 'LICENSES.chromium.html', 'aws-login-tray.desktop', 'locales/en-US.pak']) writeFileSync(join(mount, name), `${name} data`);
  writeFileSync(join(mount, 'AppRun'), '#!/bin/sh\necho "AppRun must not run" >&2\nexit 7\n', { mode: 0o755 });
  const appImage = join(root, 'Apps', 'AWS Login Tray.AppImage');
  mkdirSync(dirname(appImage));
  writeFileSync(appImage, `#!/bin/sh\n[ "$ELECTRON_RUN_AS_NODE" = 1 ] || { echo "would start the GUI" >&2; exit 9; }\nexec '${process.execPath}' "$@"\n`, { mode: 0o755 });
  const noNode = join(root, 'no-node');
  mkdirSync(noNode);
  const options = (extra: Partial<AppImageHelperOptions> = {}): AppImageHelperOptions => ({
    appImage, helperDir: unpacked, execPath: electron, appHome: join(root, 'app-home'), env: { PATH: noNode }, reportError: (m) => { throw new Error(`unexpected report: ${m}`); }, ...extra,
  });
  const probes = (): number => (existsSync(log) ? readFileSync(log, 'utf8').split('\n').filter((l) => l.startsWith('-e ')).length : 0);
  return { root, mount, distDir, unpacked, electron, appImage, appHome: join(root, 'app-home'), log, noNode, options, probes };
}

/** A folder holding a `node` that answers --version with `version`, or (no version) is this test's own Node. */
function nodeOnPath(root: string, version?: string): string {
  const dir = mkdtempSync(join(root, 'path-'));
  if (version) writeFileSync(join(dir, 'node'), `#!/bin/sh\necho ${version}\n`, { mode: 0o755 });
  else symlinkSync(process.execPath, join(dir, 'node'));
  return dir;
}

const mode = (path: string): number => statSync(path).mode & 0o777;

describe('the helper runtime in a Linux AppImage: a system Node first', () => {
  it('runs the copied helper with the Node on PATH, with no AppImage or Electron flags, and answers after the mount is gone', async () => {
    const f = fakeAppImage({ helperFrom: built.dist });
    const sb = makeAwsSandbox(`[profile dev-signin]\nregion = eu-west-1\nlogin_session = ${FAKE_SESSION}\n`);
    const cache = writeLoginCache(sb.loginCacheDir, FAKE_SESSION);
    const path = nodeOnPath(f.root);
    const runtime = await installAppImageHelper(f.options({ appHome: sb.appHome, env: { PATH: [f.mount, path].join(':') } }));
    const helper = join(runtime.args[0]!);
    expect(runtime).toEqual({ execPath: join(path, 'node'), args: [helper] });
    expect(dirname(dirname(helper))).toBe(join(sb.appHome, 'bin'));
    expect(readdirSync(join(sb.appHome, 'bin')).filter((n) => n.startsWith('runtime-'))).toEqual([]);

    expect(refreshLauncher(sb.appHome, runtime, 'linux', (m) => { throw new Error(m); })).toBe(true);
    rmSync(f.mount, { recursive: true });
    const out = JSON.parse(execFileSync(launcherPath(sb.appHome, 'linux'), ['--profile', 'dev-signin'], { env: sb.env, encoding: 'utf8' })) as { AccessKeyId: string };
    expect(out.AccessKeyId).toBe(cache.accessKeyId);
  });

  it('passes over a Node older than v20 (and one inside the mount) for a copy of the Electron runtime; takes v20', async () => {
    const f = fakeAppImage();
    writeFileSync(join(f.mount, 'node'), '#!/bin/sh\necho v22.0.0\n', { mode: 0o755 });
    const old = await installAppImageHelper(f.options({ env: { PATH: [f.mount, nodeOnPath(f.root, 'v18.19.1'), nodeOnPath(f.root, 'v19.9.0')].join(':') } }));
    expect(old.execPath).toMatch(/\/bin\/runtime-[0-9a-f]{12}\/aws-login-tray$/);
    const v20 = nodeOnPath(f.root, 'v20.0.0');
    expect((await installAppImageHelper(f.options({ env: { PATH: v20 } }))).execPath).toBe(join(v20, 'node'));
  });
});

describe('the helper runtime in a Linux AppImage: a copy of the Electron runtime when no Node fits', () => {
  it('copies what Electron needs into bin/runtime-<hash>/ (0700) and runs it as Node directly: no AppRun, no --no-sandbox', async () => {
    const f = fakeAppImage();
    const runtime = await installAppImageHelper(f.options());
    const dir = dirname(runtime.execPath);
    expect(runtime).toEqual({ execPath: join(dir, 'aws-login-tray'), args: [runtime.args[0]], env: { ELECTRON_RUN_AS_NODE: '1' } });
    expect(dirname(dir)).toBe(join(f.appHome, 'bin'));
    expect(readdirSync(dir).sort()).toEqual(['aws-login-tray', 'icudtl.dat', 'libffmpeg.so', 'libvulkan.so.1', 'resources.pak', 'snapshot_blob.bin', 'v8_context_snapshot.bin', 'version']);
    expect(mode(dir)).toBe(0o700);
    expect(mode(runtime.execPath)).toBe(0o700);
    expect(mode(join(dir, 'icudtl.dat'))).toBe(0o600);
    expect(readFileSync(join(dir, 'icudtl.dat'), 'utf8')).toBe('icudtl.dat data');
    expect(mode(dirname(runtime.args[0]!))).toBe(0o700);
    expect(mode(runtime.args[0]!)).toBe(0o600);
    // The copy was tried once as Node before it was put in place, outside AppRun's environment.
    expect(f.probes()).toBe(1);

    refreshLauncher(f.appHome, runtime, 'linux', (m) => { throw new Error(m); });
    const text = readFileSync(launcherPath(f.appHome, 'linux'), 'utf8');
    expect(text).not.toContain('.mount_');
    expect(text).not.toContain('--no-sandbox');
    expect(parseLauncherRuntime(text)).toEqual(runtime);
    rmSync(f.mount, { recursive: true });
    writeFileSync(f.log, '');
    const out = JSON.parse(execFileSync(launcherPath(f.appHome, 'linux'), ['--profile', 'dev-signin'], { encoding: 'utf8' })) as unknown;
    expect(out).toEqual({ args: ['--profile', 'dev-signin'], slow: 'slow path loaded' });
    expect(readFileSync(f.log, 'utf8')).toBe(`${runtime.args[0]} --profile dev-signin\n`);
  });

  it('runs the real helper on the copy', async () => {
    const f = fakeAppImage({ helperFrom: built.dist });
    const sb = makeAwsSandbox(`[profile dev-signin]\nregion = eu-west-1\nlogin_session = ${FAKE_SESSION}\n`);
    const cache = writeLoginCache(sb.loginCacheDir, FAKE_SESSION);
    const runtime = await installAppImageHelper(f.options({ appHome: sb.appHome }));
    refreshLauncher(sb.appHome, runtime, 'linux', (m) => { throw new Error(m); });
    rmSync(f.mount, { recursive: true });
    const out = JSON.parse(execFileSync(launcherPath(sb.appHome, 'linux'), ['--profile', 'dev-signin'], { env: sb.env, encoding: 'utf8' })) as { AccessKeyId: string };
    expect(out.AccessKeyId).toBe(cache.accessKeyId);
  });

  it('reuses an unchanged copy without copying or trying it again, and keeps only the copies a launcher can be running', async () => {
    const f = fakeAppImage();
    const first = await installAppImageHelper(f.options());
    const ino = statSync(first.execPath).ino;
    expect(await installAppImageHelper(f.options())).toEqual(first);
    expect(statSync(first.execPath).ino).toBe(ino);
    expect(f.probes()).toBe(1);
    refreshLauncher(f.appHome, first, 'linux', () => undefined);
    const bin = join(f.appHome, 'bin');
    for (const left of ['runtime-000000000000', 'runtime-000000000000.tmp-123', 'helper-000000000000', 'other']) mkdirSync(join(bin, left));

    // A new version: a new Electron (another size) and a new helper.
    writeFileSync(f.electron, `${readFileSync(f.electron, 'utf8')}# version 2\n`);
    writeFileSync(join(f.unpacked, 'helper.cjs'), `${ECHO_HELPER}// version 2`);
    const second = await installAppImageHelper(f.options());
    expect(dirname(second.execPath)).not.toBe(dirname(first.execPath));
    expect(dirname(second.args[0]!)).not.toBe(dirname(first.args[0]!));
    expect(f.probes()).toBe(2);
    // The launcher still names the first copies until it is rewritten: a call running now keeps working.
    const names = (...paths: string[]) => paths.map((p) => dirname(p).slice(bin.length + 1));
    expect(readdirSync(bin).filter((n) => /^(helper|runtime)-/.test(n)).sort()).toEqual(names(first.execPath, first.args[0]!, second.execPath, second.args[0]!).sort());
    expect(existsSync(join(bin, 'other'))).toBe(true);

    // Once the launcher names the new ones (and a system Node appears), the old copies go.
    refreshLauncher(f.appHome, second, 'linux', () => undefined);
    const third = await installAppImageHelper(f.options({ env: { PATH: nodeOnPath(f.root) } }));
    expect(third.args).toEqual(second.args);
    expect(readdirSync(bin).filter((n) => /^(helper|runtime)-/.test(n)).sort()).toEqual(names(second.execPath, second.args[0]!).sort());
    refreshLauncher(f.appHome, third, 'linux', () => undefined);
    await installAppImageHelper(f.options({ env: { PATH: nodeOnPath(f.root) } }));
    expect(readdirSync(bin).filter((n) => /^(helper|runtime)-/.test(n))).toEqual(names(second.args[0]!));
  });

  it('replaces a copy someone truncated or emptied', async () => {
    const f = fakeAppImage();
    const first = await installAppImageHelper(f.options());
    writeFileSync(join(dirname(first.execPath), 'icudtl.dat'), '');
    expect(await installAppImageHelper(f.options())).toEqual(first);
    expect(readFileSync(join(dirname(first.execPath), 'icudtl.dat'), 'utf8')).toBe('icudtl.dat data');
    expect(f.probes()).toBe(2);
  });
});

describe('the helper runtime in a Linux AppImage: the AppImage file when the copy fails', () => {
  it('falls back to the AppImage file as Node (--no-sandbox after the script), says why, and leaves no half copy', async () => {
    const f = fakeAppImage();
    const errors: string[] = [];
    const full = Object.assign(new Error('ENOSPC: no space left on device, copyfile'), { code: 'ENOSPC' });
    let copies = 0;
    const runtime = await installAppImageHelper(f.options({
      reportError: (m) => errors.push(m),
      copyFile: async (from, to) => {
        if (++copies === 3) throw full;
        copyFileSync(from, to);
      },
    }));
    expect(runtime).toEqual({ execPath: f.appImage, args: [runtime.args[0], '--no-sandbox'], env: { ELECTRON_RUN_AS_NODE: '1' } });
    expect(errors).toEqual([
      `Could not copy the app's runtime out of the AppImage into ${join(f.appHome, 'bin')}: ENOSPC: no space left on device, copyfile. ` +
        'Auto-login on CLI use runs through the AppImage file instead, which mounts it again on every call (slower); install Node.js 20 or newer, or free some disk space, and restart the app.',
    ]);
    expect(readdirSync(join(f.appHome, 'bin')).filter((n) => n.startsWith('runtime-'))).toEqual([]);

    refreshLauncher(f.appHome, runtime, 'linux', (m) => { throw new Error(m); });
    rmSync(f.mount, { recursive: true });
    const out = JSON.parse(execFileSync(launcherPath(f.appHome, 'linux'), ['--profile', 'dev-signin'], { encoding: 'utf8' })) as unknown;
    // (This stand-in helper echoes its arguments; the real one drops the leading --no-sandbox: test/main/apprun.test.ts.)
    expect(out).toEqual({ args: ['--no-sandbox', '--profile', 'dev-signin'], slow: 'slow path loaded' });
  });

  it('falls back when the copy does not start as Node, with what it printed', async () => {
    const f = fakeAppImage();
    rmSync(join(f.mount, 'icudtl.dat')); // the copy then lacks it too, as a copy missing a file Electron needs would
    const errors: string[] = [];
    const runtime = await installAppImageHelper(f.options({ reportError: (m) => errors.push(m) }));
    expect(runtime.execPath).toBe(f.appImage);
    expect(errors).toEqual([expect.stringContaining(': the copy does not start as Node: Invalid file descriptor to ICU data received. Auto-login on CLI use runs through the AppImage file')]);
    expect(readdirSync(join(f.appHome, 'bin')).filter((n) => n.startsWith('runtime-'))).toEqual([]);
  });

  it('falls back to the mounted helper and says why when even the helper cannot be copied', async () => {
    const f = fakeAppImage();
    writeFileSync(f.appHome, 'a file where the app folder should be');
    const errors: string[] = [];
    const plan = appHelperRuntime({ isPackaged: true, execPath: '/m/aws-login-tray', distDir: f.distDir, env: { APPIMAGE: f.appImage }, appHome: f.appHome, reportError: (m) => errors.push(m) });
    expect(plan.now.execPath).toBe('/m/aws-login-tray');
    expect(await plan.settled).toEqual(plan.now);
    expect(errors).toHaveLength(1);
    expect(errors[0]).toMatch(new RegExp(`^Could not copy the credential helper out of the AppImage into ${join(f.appHome, 'bin')}: .*Auto-login on CLI use works only while the app runs;`));
  });
});

describe('the helper runtime in a Linux AppImage: the native fast path', () => {
  it('copies <resources>/native/credential-process beside the helper and the launcher runs it first, after the mount is gone', async () => {
    const f = fakeAppImage({ native: '#!/bin/sh\n[ "$1" = --app-home ] || exit 3\nprintf \'{"native":"%s"}\\n\' "$*"\n' });
    const runtime = await installAppImageHelper(f.options());
    const native = join(dirname(runtime.args[0]!), 'native', 'credential-process');
    expect(runtime.native).toEqual({ path: native, appHome: f.appHome });
    expect(mode(native)).toBe(0o700);
    expect(mode(dirname(native))).toBe(0o700);
    // Each runtime gets it, the system Node's too.
    expect((await installAppImageHelper(f.options({ env: { PATH: nodeOnPath(f.root) } }))).native).toEqual(runtime.native);
    refreshLauncher(f.appHome, runtime, 'linux', (m) => { throw new Error(m); });
    rmSync(f.mount, { recursive: true });
    const out = execFileSync(launcherPath(f.appHome, 'linux'), ['--profile', 'dev-signin'], { encoding: 'utf8' });
    expect(JSON.parse(out)).toEqual({ native: `--app-home ${f.appHome} -- --profile dev-signin` });
  });

  it('has none when the AppImage ships none', async () => {
    const f = fakeAppImage();
    const runtime = await installAppImageHelper(f.options());
    expect(runtime.native).toBeUndefined();
    expect(readdirSync(dirname(runtime.args[0]!)).sort()).toEqual(['helper-slow.cjs', 'helper.cjs']);
  });
});

describe('the helper runtime outside an AppImage', () => {
  it('is the app itself, with no copies', async () => {
    const f = fakeAppImage();
    const runtime = appHelperRuntime({ isPackaged: true, execPath: '/opt/ALT/alt', distDir: f.distDir, env: {}, appHome: f.appHome }).now;
    expect(runtime.args).toEqual([join(f.unpacked, 'helper.cjs')]);
    expect(existsSync(join(f.appHome, 'bin'))).toBe(false);
  });

  it('in an AppImage, appHelperRuntime passes the app\'s Electron and PATH on', async () => {
    const f = fakeAppImage();
    const plan = appHelperRuntime({ isPackaged: true, execPath: f.electron, distDir: f.distDir, env: { APPIMAGE: f.appImage, PATH: f.noNode }, appHome: f.appHome });
    // At once, on a first start: the helper inside this run's mount (nothing copied yet); the copied runtime follows.
    expect(plan.now).toEqual({ execPath: f.electron, args: [join(f.unpacked, 'helper.cjs')], env: { ELECTRON_RUN_AS_NODE: '1' } });
    const runtime = await plan.settled!;
    expect(runtime.execPath).toMatch(/\/bin\/runtime-[0-9a-f]{12}\/aws-login-tray$/);
    expect((await appHelperRuntime({ isPackaged: true, execPath: f.electron, distDir: f.distDir, env: { APPIMAGE: f.appImage, PATH: nodeOnPath(f.root) }, appHome: f.appHome }).settled!).env).toBeUndefined();
  });
});

describe('the helper runtime in a Linux AppImage: set up without blocking the main thread', () => {
  it('answers at once with what the launcher names, and settles the runtime while timers keep running', async () => {
    const f = fakeAppImage();
    // A system Node that takes 600 ms to say its version: a synchronous wait would stop every timer.
    const slow = mkdtempSync(join(f.root, 'slow-node-'));
    writeFileSync(join(slow, 'node'), '#!/bin/sh\n/bin/sleep 0.6\necho v22.1.0\n', { mode: 0o755 });
    const first = appHelperRuntime({ isPackaged: true, execPath: f.electron, distDir: f.distDir, env: { APPIMAGE: f.appImage, PATH: slow }, appHome: f.appHome });
    let ticks = 0;
    const timer = setInterval(() => ticks++, 10);
    try {
      const settled = await first.settled!;
      expect(settled.execPath).toBe(join(slow, 'node'));
      expect(ticks).toBeGreaterThan(20);
      refreshLauncher(f.appHome, settled, 'linux', (m) => { throw new Error(m); });
      // The next start: the launcher's runtime (still there) is used at once, with no copy and no child process.
      const next = appHelperRuntime({ isPackaged: true, execPath: f.electron, distDir: f.distDir, env: { APPIMAGE: f.appImage, PATH: slow }, appHome: f.appHome });
      expect(next.now).toEqual(settled);
      expect(await next.settled!).toEqual(settled);
    } finally {
      clearInterval(timer);
    }
  });
});
