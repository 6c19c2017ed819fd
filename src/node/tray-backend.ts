import { resolveAppHome } from '../core/app-home';
import { resolveHome } from '../core/config/locations';
import type { Env, Platform } from '../core/ports';
import { signinTimeoutMs, type Settings } from '../core/settings';
import type { TrayApi } from '../shared/ipc-contract';
import { openAppStore, type AppStore } from './app-store';
import { createAutoLoginSwitch } from './auto-login-switch';
import type { LauncherRuntime } from './launcher';
import { nodeFilePort } from './fs-port';
import { createSessionChecker } from './session-checker';
import { loadKnowledge, updateKnowledge } from './session-knowledge-store';
import { checkSession } from './signin/session-check';
import { systemClock } from './system-clock';
import { createTrayService, watchStatusFiles } from './tray-service';

export interface TrayBackendOptions {
  /** The process environment (AWS_CONFIG_FILE, AWS_LOGIN_TRAY_HOME, HOME, ...). */
  env: Env;
  platform: Platform;
  /** os.homedir(), used only when HOME (USERPROFILE on Windows) is unset. */
  homeDir: string;
  /** The app's own folder; defaults to AWS_LOGIN_TRAY_HOME, else the platform's app-data folder. */
  appHome?: string;
  /** What the auto-login launcher starts; turning auto-login on writes it. */
  helperRuntime: LauncherRuntime | (() => LauncherRuntime);
  /** Called after settings are saved. */
  onSettingsSaved?: (settings: Settings) => void;
  /** Ask Sign-In when each session really ends, in the background (default true). */
  checkSessions?: boolean;
}

export interface TrayBackend {
  /** The TrayApi the window (IPC or HTTP) and the tray menu use; close() stops its file watchers. */
  service: TrayApi & { close(): void; refresh(): void };
  /** The app store the service reads settings and recorded logins from. */
  store: AppStore;
}

/**
 * The tray service as every front end runs it (the Electron app and the browser preview): app store,
 * auto-login switch, "waiting for browser sign-in" marks and file watching, wired once.
 */
export function createTrayBackend(o: TrayBackendOptions): TrayBackend {
  const { env, platform, homeDir } = o;
  const store = openAppStore(o.appHome ?? resolveAppHome(env, platform, resolveHome(env, platform, homeDir)));
  const service = createTrayService({
    env,
    platform,
    homeDir,
    store,
    setAutoLogin: createAutoLoginSwitch({ env, platform, homeDir, launcherRuntime: o.helperRuntime }),
    watch: watchStatusFiles(env, platform, homeDir, store),
    onSettingsSaved: o.onSettingsSaved,
  });
  if (o.checkSessions === false) return { service, store };
  const checker = createSessionChecker({
    clock: systemClock,
    getStatus: () => service['status:get'](),
    loadKnowledge: () => loadKnowledge(store),
    saveKnowledge: (fn) => updateKnowledge(store, fn),
    check: (profile) => checkSession(profile, { env, platform, homeDir, files: nodeFilePort, store, clock: systemClock, timeoutMs: signinTimeoutMs(store.loadSettings()) }),
    onChanged: () => service.refresh(),
  });
  const unsubscribe = service.onStatusChanged(() => checker.poke());
  checker.start();
  return {
    service: {
      ...service,
      close() {
        checker.stop();
        unsubscribe();
        service.close();
      },
    },
    store,
  };
}
