import type { Platform } from '../core/ports';
import type { AppPort, PowerMonitorPort } from './electron-ports';

/** The Windows AppUserModelID: must equal electron-builder's appId so notifications show. */
export const APP_USER_MODEL_ID = 'io.github.awslogintray.app';

export interface LifecycleDeps {
  app: AppPort;
  platform: Platform;
  /** Another start of the app: show the window of this one. */
  onSecondInstance(): void;
  /** Stops timers and watchers and closes the service; quit waits for it. */
  onQuit(): Promise<void> | void;
  /** A problem during shutdown; the app still quits. */
  reportError(message: string): void;
  /** Resolves after `ms`: bounds how long quit waits for onQuit (default: a real timer). */
  wait?(ms: number): Promise<void>;
}

/** Quit goes ahead after this even if cleaning up hangs. */
export const QUIT_TIMEOUT_MS = 5_000;

const realWait = (ms: number): Promise<void> => new Promise((resolve) => setTimeout(resolve, ms).unref());

export interface Lifecycle {
  /** False when another instance runs: this one has been told to quit and must do nothing else. */
  readonly isPrimary: boolean;
  isQuitting(): boolean;
}

/**
 * One instance, no Dock icon, the Windows notification identity, and a clean quit: the first
 * before-quit is held until onQuit has finished, then the quit goes ahead.
 */
export function setupLifecycle(deps: LifecycleDeps): Lifecycle {
  const { app } = deps;
  if (!app.requestSingleInstanceLock()) {
    app.quit();
    return { isPrimary: false, isQuitting: () => true };
  }
  let quitting = false;
  let cleanedUp = false;
  app.on('second-instance', () => deps.onSecondInstance());
  // A tray app keeps running with its window closed (without a listener Electron would quit).
  app.on('window-all-closed', () => undefined);
  app.on('before-quit', (event) => {
    quitting = true;
    if (cleanedUp) return;
    event.preventDefault();
    void (async () => {
      const wait = deps.wait ?? realWait;
      try {
        const timedOut = wait(QUIT_TIMEOUT_MS).then(() => {
          throw new Error(`cleaning up took longer than ${QUIT_TIMEOUT_MS / 1000} s; quitting anyway.`);
        });
        await Promise.race([Promise.resolve().then(() => deps.onQuit()), timedOut]);
      } catch (error) {
        deps.reportError(`Shutting down: ${(error as Error).message}`);
      }
      cleanedUp = true;
      app.quit();
    })();
  });
  if (deps.platform === 'win32') app.setAppUserModelId(APP_USER_MODEL_ID);
  // Menu-bar app: no Dock icon (LSUIElement in the packaged Info.plist does the same from launch).
  if (deps.platform === 'darwin') app.dock?.hide();
  return { isPrimary: true, isQuitting: () => quitting };
}

/** Plans warnings and refreshes again after sleep and screen unlock (timers are unreliable across sleep). */
export function watchPower(powerMonitor: PowerMonitorPort, onWake: () => void): void {
  powerMonitor.on('resume', onWake);
  powerMonitor.on('unlock-screen', onWake);
}
