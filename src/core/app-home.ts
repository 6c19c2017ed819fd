import { joinFor } from './path';
import type { Env, Platform } from './ports';

const APP_DIR = 'aws-login-tray';

const joinPath = joinFor;

/**
 * Where the app keeps settings.json and its state files: AWS_LOGIN_TRAY_HOME (tests, portable
 * installs), else the platform's usual per-user config folder.
 */
export function resolveAppHome(env: Env, platform: Platform, homeDir: string): string {
  const override = env.AWS_LOGIN_TRAY_HOME;
  if (override) return override;
  if (platform === 'darwin') return joinPath(platform, homeDir, 'Library', 'Application Support', APP_DIR);
  if (platform === 'win32') {
    const appData = env.APPDATA;
    return appData ? joinPath(platform, appData, APP_DIR) : joinPath(platform, homeDir, 'AppData', 'Roaming', APP_DIR);
  }
  const xdg = env.XDG_CONFIG_HOME;
  // The XDG spec says to ignore a relative XDG_CONFIG_HOME.
  if (xdg && xdg.startsWith('/')) return joinPath(platform, xdg, APP_DIR);
  return joinPath(platform, homeDir, '.config', APP_DIR);
}
