import { execFile } from 'node:child_process';
import { createHash } from 'node:crypto';
import { readdirSync, statSync } from 'node:fs';
import { chmod, copyFile, mkdir, rename, rm } from 'node:fs/promises';
import { basename, dirname, join } from 'node:path';
import { isElectronRuntimeFile } from '../core/appimage-runtime';
import type { Env } from '../core/ports';
import { outsideEnv } from '../node/system-node';

export interface ElectronRuntimeOptions {
  /** process.execPath: the app's Electron inside this run's AppImage mount ($APPDIR). */
  execPath: string;
  /** The app home; the copy goes to <appHome>/bin/runtime-<hash>/. */
  appHome: string;
  /** The app's environment (AppRun's additions are removed before the copy is tried). */
  env: Env;
  /** Copies one file; a seam so tests can fail it as a full disk would. */
  copyFile?: (from: string, to: string) => Promise<void>;
}

/** A copied runtime's folder (and a half-made one: `.tmp-<pid>`). */
export const RUNTIME_DIR = /^runtime-[0-9a-f]{12}(\.tmp-\d+)?$/;

/** What the copy proves it can do before it is used: start as Node and run a script. */
const PROBE = 'process.stdout.write("ok")';

function runtimeFiles(appDir: string, executable: string): { name: string; size: number; mtimeMs: number }[] {
  return readdirSync(appDir, { withFileTypes: true })
    .filter((e) => e.isFile() && isElectronRuntimeFile(e.name, executable))
    .map((e) => {
      const s = statSync(join(appDir, e.name));
      return { name: e.name, size: s.size, mtimeMs: s.mtimeMs };
    })
    .sort((a, b) => (a.name < b.name ? -1 : 1));
}

function sameSizes(dir: string, files: readonly { name: string; size: number }[]): boolean {
  try {
    return files.every((f) => statSync(join(dir, f.name)).size === f.size);
  } catch {
    return false;
  }
}

/**
 * Copies what the app's Electron needs to run as Node out of the AppImage's mount into
 * <appHome>/bin/runtime-<hash>/ (0700; named by each file's name, size and time, as the mount is
 * read-only and hashing ~200 MB at every start is not), checks that the copy answers as Node with
 * ELECTRON_RUN_AS_NODE=1 outside AppRun's environment, and only then renames it into place. Returns
 * the copied executable; an unchanged copy is reused. Throws when the copy cannot be made or does not run.
 */
export async function installElectronRuntime(o: ElectronRuntimeOptions): Promise<string> {
  const appDir = dirname(o.execPath);
  const executable = basename(o.execPath);
  const files = runtimeFiles(appDir, executable);
  if (!files.some((f) => f.name === executable)) throw new Error(`${o.execPath} is not a file`);
  const hash = createHash('sha256');
  for (const f of files) hash.update(`${f.name}\0${f.size}\0${f.mtimeMs}\0`);
  const bin = join(o.appHome, 'bin');
  const target = join(bin, `runtime-${hash.digest('hex').slice(0, 12)}`);
  if (sameSizes(target, files)) return join(target, executable);

  // All asynchronous: this runs in the Electron main process (~200 MB to copy on the first start).
  await mkdir(bin, { recursive: true, mode: 0o700 });
  const tmp = `${target}.tmp-${process.pid}`;
  await rm(tmp, { recursive: true, force: true });
  await mkdir(tmp, { mode: 0o700 });
  try {
    const copy = o.copyFile ?? copyFile;
    for (const f of files) {
      await copy(join(appDir, f.name), join(tmp, f.name));
      await chmod(join(tmp, f.name), f.name === executable || f.name === 'chrome_crashpad_handler' ? 0o700 : 0o600);
    }
    const answer = await new Promise<string>((resolve, reject) => {
      const child = execFile(join(tmp, executable), ['-e', PROBE], {
        env: { ...outsideEnv(o.env, appDir), ELECTRON_RUN_AS_NODE: '1' }, encoding: 'utf8', timeout: 20_000, killSignal: 'SIGKILL',
      }, (error, stdout, stderr) => {
        if (error) reject(new Error(`the copy does not start as Node: ${(stderr.trim().split('\n').pop() || error.message).slice(0, 300)}`));
        else resolve(stdout);
      });
      child.stdin?.end();
    });
    if (answer !== 'ok') throw new Error(`the copy does not run scripts as Node (it printed ${JSON.stringify(answer.slice(0, 80))})`);
    await rm(target, { recursive: true, force: true });
    await rename(tmp, target);
  } catch (error) {
    await rm(tmp, { recursive: true, force: true });
    throw error;
  }
  return join(target, executable);
}
