import type { Platform } from '../core/ports';
import type { AppPort, PowerMonitorPort } from './electron-ports';

/** The Windows AppUserModelID: must equal electron-builder's appId so notifications show. */
export const APP_USER_MODEL_ID = 'io.github.awslogintray.app';

export interface LifecycleDeps {
  app: AppPort;
  platform: Platform;
  /** Another start of the app: show the window of this one. */
  onSecondInstance(): void;
  /** Stops timers and watchers and closes the service, synchronously: run once, then the quit goes on. */
  onQuit(): void;
  /** A problem during shutdown; the app still quits. */
  reportError(message: string): void;
}

export interface Lifecycle {
  /** False when another instance runs: this one has been told to quit and must do nothing else. */
  readonly isPrimary: boolean;
  isQuitting(): boolean;
  /**
   * Runs onQuit once, however the app ends: before-quit, or a Windows shutdown / log-off (which
   * emits no before-quit: call this from the window's session-end).
   */
  cleanUp(): void;
}

/**
 * One instance, no Dock icon, the Windows notification identity, and a clean quit: onQuit runs
 * synchronously inside before-quit (never twice), and the quit is never held up.
 */
export function setupLifecycle(deps: LifecycleDeps): Lifecycle {
  const { app } = deps;
  if (!app.requestSingleInstanceLock()) {
    app.quit();
    return { isPrimary: false, isQuitting: () => true, cleanUp: () => undefined };
  }
  let quitting = false;
  let cleanedUp = false;
  const cleanUp = (): void => {
    quitting = true;
    if (cleanedUp) return;
    cleanedUp = true;
    try {
      deps.onQuit();
    } catch (error) {
      deps.reportError(`Shutting down: ${(error as Error).message}`);
    }
  };
  app.on('second-instance', () => deps.onSecondInstance());
  // A tray app keeps running with its window closed (without a listener Electron would quit).
  app.on('window-all-closed', () => undefined);
  app.on('before-quit', () => cleanUp());
  if (deps.platform === 'win32') app.setAppUserModelId(APP_USER_MODEL_ID);
  // Menu-bar app: no Dock icon (LSUIElement in the packaged Info.plist does the same from launch).
  if (deps.platform === 'darwin') app.dock?.hide();
  return { isPrimary: true, isQuitting: () => quitting, cleanUp };
}

/** On a macOS / Linux shutdown or reboot, quit at once (cleaning up on the way) instead of being killed. */
export function quitOnShutdown(powerMonitor: PowerMonitorPort, app: Pick<AppPort, 'quit'>): void {
  powerMonitor.on('shutdown', () => app.quit());
}

/** Plans warnings and refreshes again after sleep and screen unlock (timers are unreliable across sleep). */
export function watchPower(powerMonitor: PowerMonitorPort, onWake: () => void): void {
  powerMonitor.on('resume', onWake);
  powerMonitor.on('unlock-screen', onWake);
}
