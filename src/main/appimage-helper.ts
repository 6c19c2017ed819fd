import { createHash } from 'node:crypto';
import { copyFileSync, existsSync, mkdirSync, readdirSync, readFileSync, renameSync, rmSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { parseLauncherRuntime } from '../core/launcher-script';
import { APPIMAGE_NO_SANDBOX_ARG } from '../core/args';
import { launcherPath, type LauncherRuntime } from '../node/launcher';

export interface AppImageHelperOptions {
  /** $APPIMAGE: the AppImage file itself, the one path of the app that stays put between runs. */
  appImage: string;
  /** The unpacked helper bundles (…/app.asar.unpacked/dist) inside this run's temporary mount. */
  helperDir: string;
  /** The app home; the copies go to <appHome>/bin/helper-<hash>/. */
  appHome: string;
}

const HELPER_FILE = /^helper.*\.cjs$/;
const COPY_DIR = /^helper-[0-9a-f]{12}$/;

function readOrNull(path: string): string | null {
  try {
    return readFileSync(path, 'utf8');
  } catch {
    return null;
  }
}

/** Copy folders no launcher can be running: all but `keep` (this version, and the one the launcher names now). */
function prune(bin: string, keep: readonly string[]): void {
  for (const name of readdirSync(bin)) {
    const dir = join(bin, name);
    if ((COPY_DIR.test(name) || /^helper-[0-9a-f]{12}\.tmp-\d+$/.test(name)) && !keep.includes(dir)) rmSync(dir, { recursive: true, force: true });
  }
}

/**
 * An AppImage mounts itself at a new /tmp/.mount_XXXX on every run and unmounts on quit, so a
 * launcher naming paths inside it breaks once the app closes. This copies the helper bundles to a
 * folder named by their content hash under <appHome>/bin (a running call keeps its own copy) and
 * returns the runtime that starts them with the AppImage file itself as Node.
 */
export function installAppImageHelper(o: AppImageHelperOptions): LauncherRuntime {
  const files = readdirSync(o.helperDir).filter((n) => HELPER_FILE.test(n)).sort();
  if (!files.includes('helper.cjs')) throw new Error(`helper.cjs is missing from ${o.helperDir}`);
  const hash = createHash('sha256');
  for (const name of files) hash.update(`${name}\0`).update(readFileSync(join(o.helperDir, name))).update('\0');
  const bin = join(o.appHome, 'bin');
  const target = join(bin, `helper-${hash.digest('hex').slice(0, 12)}`);
  if (!files.every((n) => existsSync(join(target, n)))) {
    mkdirSync(bin, { recursive: true, mode: 0o700 });
    const tmp = `${target}.tmp-${process.pid}`;
    rmSync(tmp, { recursive: true, force: true });
    mkdirSync(tmp, { mode: 0o700 });
    for (const name of files) copyFileSync(join(o.helperDir, name), join(tmp, name));
    rmSync(target, { recursive: true, force: true });
    renameSync(tmp, target);
  }
  const current = parseLauncherRuntime(readOrNull(launcherPath(o.appHome, 'linux')) ?? '');
  prune(bin, [target, ...(current?.args[0] ? [dirname(current.args[0])] : [])]);
  // `--no-sandbox` after the script: the AppImage's AppRun adds that flag BEFORE all arguments when
  // `unshare -Ur true` fails (Ubuntu 24.04's default), and Electron running as Node rejects it as a
  // Node option (balena-io/etcher#3007). AppRun adds none when the arguments already hold one, and
  // after the script Node hands it to the helper, which ignores it (APPIMAGE_NO_SANDBOX_ARG).
  return { execPath: o.appImage, args: [join(target, 'helper.cjs'), APPIMAGE_NO_SANDBOX_ARG], env: { ELECTRON_RUN_AS_NODE: '1' } };
}
