import { join } from 'node:path';
import type { Env, Platform } from '../core/ports';
import type { Settings } from '../core/settings';
import type { Warning } from '../core/warnings/plan';
import type { TrayApi } from '../shared/ipc-contract';
import { appStoreFiredWarnings } from '../node/fired-warnings-store';
import { ensureLauncher, type LauncherRuntime } from '../node/launcher';
import { systemClock } from '../node/system-clock';
import { createTrayBackend } from '../node/tray-backend';
import { TrayServiceError } from '../node/tray-service';
import { createWarningScheduler, type WarningScheduler } from '../node/warning-scheduler';
import { installAppImageHelper, provisionalAppImageRuntime } from './appimage-helper';
import { MOVE_APP_HINT, unstableAppLocation } from '../core/app-location';

export interface BackendOptions {
  env: Env;
  platform: Platform;
  homeDir: string;
  appHome: string;
  /** What the auto-login launcher starts (appHelperRuntime): enabling auto-login writes it. */
  helperRuntime: LauncherRuntime | (() => LauncherRuntime);
  notify(warning: Warning): void;
  onSettingsSaved(settings: Settings): void;
  /** ProblemReporter.set: the scheduler's problems, notified once until they change. */
  reportProblem(source: 'warnings', message: string | null): void;
}

export interface Backend {
  service: TrayApi & { close(): void };
  scheduler: WarningScheduler;
}

export { toPlatform } from '../core/ports';

const unpackedDir = (distDir: string): string => distDir.replace(/([\\/])app\.asar([\\/]|$)/, '$1app.asar.unpacked$2');

/**
 * How the packaged app runs the credential helper: its own Electron binary as Node, on the helper
 * bundle unpacked from the asar (electron-builder.yml asarUnpack), so the launcher stays valid.
 */
export function packagedHelperRuntime(execPath: string, distDir: string): LauncherRuntime {
  return { execPath, args: [join(unpackedDir(distDir), 'helper.cjs')], env: { ELECTRON_RUN_AS_NODE: '1' } };
}

export interface AppHelperRuntimeOptions {
  isPackaged: boolean;
  execPath: string;
  distDir: string;
  env: Env;
  /** Needed in a Linux AppImage: the helper (and maybe a runtime) is copied to <appHome>/bin (installAppImageHelper). */
  appHome?: string;
  reportError?: (message: string) => void;
}

/** The helper runtime to use now, and (in an AppImage) the better one being set up in the background. */
export interface HelperRuntimePlan {
  now: LauncherRuntime;
  /** Resolves to the runtime to switch to (never rejects; failures are reported and keep `now`). */
  settled?: Promise<LauncherRuntime>;
}

/**
 * The helper runtime for this run of the app: the packaged app's own Electron as Node (in an
 * AppImage, a copy of the helper outside its temporary mount, run by a system Node or a copy of
 * Electron: see installAppImageHelper, which runs in the background so the main thread never waits
 * on its copies and child processes); in a development run (`npm start`) the Node that npm ran on
 * (else `node` on PATH) with dist/helper.cjs, as the CLI does. AWS_LOGIN_TRAY_HELPER_SCRIPT
 * overrides the script in development.
 */
export function appHelperRuntime(o: AppHelperRuntimeOptions): HelperRuntimePlan {
  if (o.isPackaged && o.env.APPIMAGE && o.appHome) {
    const appImage = o.env.APPIMAGE;
    const appHome = o.appHome;
    const helperDir = unpackedDir(o.distDir);
    // The launcher's runtime when it is still there; on a first start the helper inside this run's mount
    // (valid while the app runs) until the copies are made.
    const now = provisionalAppImageRuntime({ appHome }) ?? packagedHelperRuntime(o.execPath, o.distDir);
    const settled = installAppImageHelper({ appImage, helperDir, execPath: o.execPath, appHome, env: o.env, reportError: o.reportError ?? (() => undefined) })
      .catch((error: unknown) => {
        // `now` stays: what the launcher named (outside the mount), or the helper inside this run's mount.
        o.reportError?.(
          `Could not copy the credential helper out of the AppImage into ${join(appHome, 'bin')}: ${(error as Error).message}. ` +
            (now.execPath === o.execPath
              ? 'Auto-login on CLI use works only while the app runs; check that folder\'s permissions and restart the app.'
              : 'Auto-login keeps using the helper it had; check that folder\'s permissions and restart the app.'),
        );
        return now;
      });
    return { now, settled };
  }
  if (o.isPackaged) return { now: packagedHelperRuntime(o.execPath, o.distDir) };
  return { now: { execPath: o.env.npm_node_execpath || 'node', args: [o.env.AWS_LOGIN_TRAY_HELPER_SCRIPT || join(o.distDir, 'helper.cjs')] } };
}

/** Calls `use` with the settled runtime once it is known and differs from `now` (an AppImage's background setup). */
export async function whenRuntimeSettles(plan: HelperRuntimePlan, use: (runtime: LauncherRuntime) => void): Promise<void> {
  if (!plan.settled) return;
  const runtime = await plan.settled;
  if (JSON.stringify(runtime) !== JSON.stringify(plan.now)) use(runtime);
}

/**
 * Rewrites the stable credential_process launcher so it points at this (possibly moved) app; refuses
 * (and says to move the app) when the app runs from a path that will disappear.
 */
export function refreshLauncher(appHome: string, runtime: LauncherRuntime, platform: Platform, reportError: (m: string) => void): boolean {
  const unstable = unstableAppLocation(runtime.execPath, platform);
  if (unstable) {
    reportError(`${unstable} ${MOVE_APP_HINT}`);
    return false;
  }
  try {
    ensureLauncher({ appHome, runtime, platform });
    return true;
  } catch (error) {
    reportError(`Could not update the auto-login launcher in ${join(appHome, 'bin')}: ${(error as Error).message}`);
    return false;
  }
}

/**
 * What to tell the person about a failed warning replan, or null: an unreadable config is already
 * shown by the tray (its own refresh fails the same way), so it is not reported twice.
 */
export function warningProblem(err: unknown): string | null {
  if (err instanceof TrayServiceError && err.userError.code === 'config-error') return null;
  return `Session warnings: ${err instanceof Error ? err.message : String(err)}`;
}

/** The shared tray backend (src/node/tray-backend.ts, as the preview runs it) plus the app's warning scheduler. */
export function createBackend(o: BackendOptions): Backend {
  const { service, store } = createTrayBackend({
    env: o.env, platform: o.platform, homeDir: o.homeDir, appHome: o.appHome, helperRuntime: o.helperRuntime, onSettingsSaved: o.onSettingsSaved,
  });
  const scheduler = createWarningScheduler({
    clock: systemClock,
    getStatus: () => service['status:get'](),
    getSettings: () => service['settings:get'](),
    store: appStoreFiredWarnings(store),
    notify: o.notify,
    onError: (err) => {
      const problem = warningProblem(err);
      if (problem !== null) o.reportProblem('warnings', problem);
    },
  });
  service.onStatusChanged(() => void scheduler.replan());
  return { service, scheduler };
}
