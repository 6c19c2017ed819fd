import { chmodSync, statSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { launcherFileName, nativeFileName, parseLauncherRuntime, renderLauncher, type LauncherRuntime } from '../core/launcher-script';
import type { Platform } from '../core/ports';
import { writeFileAtomicSync } from './atomic-write';
import { currentPlatform, isExecutableFile, readTextOrNull } from './file-facts';

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

/** Where the stable launcher lives; credential_process lines name this path, never the app's. */
export function launcherPath(appHome: string, platform: Platform = currentPlatform()): string {
  return join(appHome, 'bin', launcherFileName(platform));
}

/** The runtime the launcher in `appHome` starts now (from its `runtime:` line), or null when there is none. */
export function currentLauncherRuntime(appHome: string, platform: Platform = currentPlatform()): LauncherRuntime | null {
  return parseLauncherRuntime(readTextOrNull(launcherPath(appHome, platform)) ?? '');
}

/**
 * The native fast path that ships with this helper bundle, or null: `native/` beside the helper
 * (npm install, dist/native/), or the packaged app's resources/native/ (electron-builder.yml
 * extraResources) when the helper runs from resources/app.asar.unpacked/dist/.
 */
export function findNativeFastPath(helperScript: string | undefined, platform: Platform = currentPlatform()): string | null {
  if (!helperScript) return null;
  const dir = dirname(helperScript);
  const candidates = [join(dir, 'native', nativeFileName(platform))];
  if (/[\\/]app\.asar\.unpacked[\\/]dist$/.test(dir)) candidates.push(join(dir, '..', '..', 'native', nativeFileName(platform)));
  return candidates.find((c) => isExecutableFile(c, platform)) ?? null;
}

/**
 * Writes (or repairs) the stable launcher so it starts `runtime`: called by enable-auto-login and
 * by the app at every start, so an updated or moved app keeps every credential_process line working.
 */
export function ensureLauncher(opts: EnsureLauncherOptions): EnsureLauncherResult {
  const platform = opts.platform ?? currentPlatform();
  const path = launcherPath(opts.appHome, platform);
  // A runtime that names its native fast path keeps it; otherwise use the one built beside the helper.
  const found = opts.runtime.native ? null : findNativeFastPath(opts.runtime.args[0], platform);
  const runtime = found ? { ...opts.runtime, native: { path: found, appHome: opts.appHome } } : opts.runtime;
  const text = renderLauncher(platform, runtime);
  if (readTextOrNull(path) === text) {
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
