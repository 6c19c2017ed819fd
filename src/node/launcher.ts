import { chmodSync, readFileSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { launcherFileName, renderLauncher, type LauncherRuntime } from '../core/launcher-script';
import type { Platform } from '../core/ports';
import { writeFileAtomicSync } from './atomic-write';

export type { LauncherRuntime } from '../core/launcher-script';

export interface EnsureLauncherOptions {
  /** The app home (resolveAppHome); the launcher lives in <appHome>/bin/. */
  appHome: string;
  runtime: LauncherRuntime;
  platform?: Platform;
}

export interface EnsureLauncherResult {
  path: string;
  /** False when the file was already exactly right (nothing written). */
  changed: boolean;
}

function currentPlatform(): Platform {
  return process.platform === 'win32' || process.platform === 'darwin' ? process.platform : 'linux';
}

/** Where the stable launcher lives; credential_process lines name this path, never the app's. */
export function launcherPath(appHome: string, platform: Platform = currentPlatform()): string {
  return join(appHome, 'bin', launcherFileName(platform));
}

function readOrNull(path: string): string | null {
  try {
    return readFileSync(path, 'utf8');
  } catch {
    return null;
  }
}

/**
 * Writes (or repairs) the stable launcher so it starts `runtime`: called by enable-auto-login and
 * by the app at every start, so an updated or moved app keeps every credential_process line working.
 */
export function ensureLauncher(opts: EnsureLauncherOptions): EnsureLauncherResult {
  const platform = opts.platform ?? currentPlatform();
  const path = launcherPath(opts.appHome, platform);
  const text = renderLauncher(platform, opts.runtime);
  if (readOrNull(path) === text) {
    if (platform === 'win32' || (statSync(path).mode & 0o111) === 0o111) return { path, changed: false };
    chmodSync(path, 0o755);
    return { path, changed: true };
  }
  writeFileAtomicSync(path, text, { mode: 0o755 });
  return { path, changed: true };
}

/**
 * The runtime when the CLI (or a test) writes the launcher: this Node and dist/helper.cjs next to
 * the running bundle. AWS_LOGIN_TRAY_HELPER_SCRIPT overrides the script (tests, development).
 */
export function nodeHelperRuntime(env: NodeJS.ProcessEnv = process.env, bundleDir: string = __dirname): LauncherRuntime {
  const script = env.AWS_LOGIN_TRAY_HELPER_SCRIPT || join(bundleDir, 'helper.cjs');
  return { execPath: process.execPath, args: [script] };
}
