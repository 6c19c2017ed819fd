import { createHash } from 'node:crypto';
import { existsSync } from 'node:fs';
import { chmod, copyFile, mkdir, readdir, readFile, rename, rm } from 'node:fs/promises';
import { dirname, join } from 'node:path';
import { APPIMAGE_NO_SANDBOX_ARG } from '../core/args';
import type { Env } from '../core/ports';
import { currentLauncherRuntime, findNativeFastPath, type LauncherRuntime } from '../node/launcher';
import { findSystemNode } from '../node/system-node';
import { installElectronRuntime, RUNTIME_DIR } from './appimage-runtime';

export interface AppImageHelperOptions {
  /** $APPIMAGE: the AppImage file itself, the one path of the app that stays put between runs. */
  appImage: string;
  /** The unpacked helper bundles (…/app.asar.unpacked/dist) inside this run's temporary mount. */
  helperDir: string;
  /** process.execPath: the app's Electron inside the mount, copied when no system Node fits. */
  execPath: string;
  /** The app home; the copies go to <appHome>/bin/helper-<hash>/ and runtime-<hash>/. */
  appHome: string;
  /** The app's environment: PATH is searched for a system Node. */
  env: Env;
  /** Says why the helper falls back to running through the AppImage file. */
  reportError(message: string): void;
  /** Copies one file of the runtime (tests fail it as a full disk would). */
  copyFile?: (from: string, to: string) => Promise<void>;
}

const HELPER_FILE = /^helper.*\.cjs$/;
const COPY_DIR = /^helper-[0-9a-f]{12}(\.tmp-\d+)?$/;
const NATIVE = 'credential-process';

/** Copy folders no launcher can be running: all but `keep` (this run's, and those the launcher names now). */
async function prune(bin: string, keep: readonly string[]): Promise<void> {
  for (const name of await readdir(bin)) {
    const dir = join(bin, name);
    if ((COPY_DIR.test(name) || RUNTIME_DIR.test(name)) && !keep.includes(dir)) await rm(dir, { recursive: true, force: true });
  }
}

/** Copies helper*.cjs (and the native fast path from <resources>/native/) to <appHome>/bin/helper-<content hash>/. */
async function copyHelper(helperDir: string, appHome: string): Promise<{ helper: string; native: string | null }> {
  const files = (await readdir(helperDir)).filter((n) => HELPER_FILE.test(n)).sort();
  if (!files.includes('helper.cjs')) throw new Error(`helper.cjs is missing from ${helperDir}`);
  const native = findNativeFastPath(join(helperDir, 'helper.cjs'), 'linux');
  const sources: [string, string][] = files.map((n) => [n, join(helperDir, n)]);
  if (native) sources.push([join('native', NATIVE), native]);
  const hash = createHash('sha256');
  for (const [name, from] of sources) hash.update(`${name}\0`).update(await readFile(from)).update('\0');
  const target = join(appHome, 'bin', `helper-${hash.digest('hex').slice(0, 12)}`);
  if (!sources.every(([n]) => existsSync(join(target, n)))) {
    await mkdir(dirname(target), { recursive: true, mode: 0o700 });
    const tmp = `${target}.tmp-${process.pid}`;
    await rm(tmp, { recursive: true, force: true });
    await mkdir(native ? join(tmp, 'native') : tmp, { recursive: true, mode: 0o700 });
    for (const [name, from] of sources) {
      await copyFile(from, join(tmp, name));
      await chmod(join(tmp, name), name === join('native', NATIVE) ? 0o700 : 0o600);
    }
    await rm(target, { recursive: true, force: true });
    await rename(tmp, target);
  }
  return { helper: join(target, 'helper.cjs'), native: native ? join(target, 'native', NATIVE) : null };
}

/**
 * The AppImage file itself as Node, on a copy of the helper: what runs when nothing better could be set up.
 * `--no-sandbox` after the script: AppRun adds that flag BEFORE all arguments when `unshare -Ur true`
 * fails (Ubuntu 24.04's default), and Electron running as Node rejects it as a Node option
 * (balena-io/etcher#3007). AppRun adds none when the arguments already hold one, and after the script
 * Node hands it to the helper, which ignores it (APPIMAGE_NO_SANDBOX_ARG).
 */
function appImageFileRuntime(appImage: string, helper: string, native: string | null, appHome: string): LauncherRuntime {
  return { execPath: appImage, args: [helper, APPIMAGE_NO_SANDBOX_ARG], env: { ELECTRON_RUN_AS_NODE: '1' }, ...(native ? { native: { path: native, appHome } } : {}) };
}

/**
 * What auto-login can run at once, while installAppImageHelper settles the better runtime in the
 * background (nothing here waits on a copy or a child process): the runtime the launcher names now
 * when its program and helper are still there (the usual start), else null (a first start: the
 * caller runs the helper inside this run's mount until the copy is made).
 */
export function provisionalAppImageRuntime(o: Pick<AppImageHelperOptions, 'appHome'>): LauncherRuntime | null {
  const current = currentLauncherRuntime(o.appHome, 'linux');
  return current && existsSync(current.execPath) && current.args[0] && existsSync(current.args[0]) ? current : null;
}

/**
 * An AppImage mounts itself at a new /tmp/.mount_XXXX on every run and unmounts on quit, so a
 * launcher naming paths inside it breaks once the app closes. This copies the helper (and its native
 * fast path) to <appHome>/bin/helper-<hash>/ and picks what runs it, never through AppRun (which adds
 * `--no-sandbox`, rejected by Node, and mounts the image over FUSE on every call):
 * 1. a Node.js v20+ on PATH;
 * 2. else a copy of the app's Electron outside the mount (installElectronRuntime), run as Node;
 * 3. else (the copy failed: said why) the AppImage file itself as Node, with `--no-sandbox` after the script.
 * Throws only when the helper itself cannot be copied.
 */
export async function installAppImageHelper(o: AppImageHelperOptions): Promise<LauncherRuntime> {
  const { helper, native } = await copyHelper(o.helperDir, o.appHome);
  const fast = native ? { native: { path: native, appHome: o.appHome } } : {};
  const bin = join(o.appHome, 'bin');
  let runtime: LauncherRuntime;
  const node = await findSystemNode({ env: o.env, excludeDir: dirname(o.execPath) });
  if (node) {
    runtime = { execPath: node.path, args: [helper], ...fast };
  } else {
    try {
      const electron = await installElectronRuntime({ execPath: o.execPath, appHome: o.appHome, env: o.env, copyFile: o.copyFile });
      runtime = { execPath: electron, args: [helper], env: { ELECTRON_RUN_AS_NODE: '1' }, ...fast };
    } catch (error) {
      o.reportError(
        `Could not copy the app's runtime out of the AppImage into ${bin}: ${(error as Error).message.replace(/\.$/, '')}. ` +
          'Auto-login on CLI use runs through the AppImage file instead, which mounts it again on every call (slower); ' +
          'install Node.js 20 or newer, or free some disk space, and restart the app.',
      );
      runtime = appImageFileRuntime(o.appImage, helper, native, o.appHome);
    }
  }
  const current = currentLauncherRuntime(o.appHome, 'linux');
  const named = current ? [current.execPath, ...current.args.slice(0, 1)].map(dirname) : [];
  await prune(bin, [dirname(helper), dirname(runtime.execPath), ...named]);
  return runtime;
}
