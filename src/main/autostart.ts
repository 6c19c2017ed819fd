import { join } from 'node:path';
import type { Env, Platform } from '../core/ports';
import { APP_NAME } from '../core/tray-model';
import type { LoginItemsPort } from './electron-ports';

/** The file name of the XDG autostart entry. */
export const DESKTOP_FILE_NAME = 'aws-login-tray.desktop';

/** The few file operations the Linux autostart entry needs (node:fs in production). */
export interface AutostartFs {
  readFileSync(path: string, encoding: 'utf8'): string;
  writeFileSync(path: string, data: string, options: { mode: number }): void;
  mkdirSync(path: string, options: { recursive: true }): unknown;
  rmSync(path: string, options: { force: true }): void;
  existsSync(path: string): boolean;
}

export interface AutostartDeps {
  platform: Platform;
  loginItems: LoginItemsPort;
  fs: AutostartFs;
  env: Env;
  homeDir: string;
  /** process.execPath: the app's executable (the AppImage sets $APPIMAGE to its own file instead). */
  execPath: string;
}

export interface Autostart {
  /** The real state, read back from the OS (login items) or the autostart folder. */
  isEnabled(): boolean;
  setEnabled(enabled: boolean): void;
}

/** Where XDG desktops look for autostart entries ($XDG_CONFIG_HOME/autostart, else ~/.config/autostart). */
export function autostartDir(env: Env, homeDir: string): string {
  const xdg = env.XDG_CONFIG_HOME;
  return join(xdg && xdg.startsWith('/') ? xdg : join(homeDir, '.config'), 'autostart');
}

/**
 * Quotes one Exec argument per the Desktop Entry spec: reserved characters force double quotes,
 * inside which " ` $ \ are backslash-escaped; then the string-level escape doubles every
 * backslash again, and % becomes %% (field codes).
 */
export function quoteExecArg(arg: string): string {
  const needsQuotes = arg === '' || /[\s"'\\><~|&;$*?#()`]/.test(arg);
  const quoted = needsQuotes ? `"${arg.replace(/["`$\\]/g, (c) => `\\${c}`)}"` : arg;
  return quoted.replace(/\\/g, '\\\\').replace(/%/g, '%%');
}

/** The text of the autostart entry that starts the app from `exec`. */
export function desktopEntry(exec: string): string {
  return [
    '[Desktop Entry]',
    'Type=Application',
    `Name=${APP_NAME}`,
    'Comment=Keeps your aws login sessions alive and warns before they end',
    `Exec=${quoteExecArg(exec)}`,
    'Terminal=false',
    'X-GNOME-Autostart-enabled=true',
    '',
  ].join('\n');
}

/** True when an entry exists and is not switched off (Hidden=true or X-GNOME-Autostart-enabled=false). */
export function isDesktopEntryEnabled(text: string): boolean {
  const lines = text.split(/\r?\n/).map((l) => l.trim());
  if (!lines.includes('[Desktop Entry]')) return false;
  return !lines.some((l) => /^Hidden\s*=\s*true$/i.test(l) || /^X-GNOME-Autostart-enabled\s*=\s*false$/i.test(l));
}

/** Start at login: login items on macOS and Windows, an XDG autostart entry on Linux. */
export function createAutostart(deps: AutostartDeps): Autostart {
  if (deps.platform !== 'linux') {
    return {
      isEnabled: () => deps.loginItems.getLoginItemSettings().openAtLogin,
      setEnabled: (enabled) => deps.loginItems.setLoginItemSettings({ openAtLogin: enabled }),
    };
  }
  const dir = autostartDir(deps.env, deps.homeDir);
  const file = join(dir, DESKTOP_FILE_NAME);
  // Inside an AppImage, execPath points into a temporary mount; $APPIMAGE is the real file.
  const exec = deps.env.APPIMAGE || deps.execPath;
  return {
    isEnabled() {
      if (!deps.fs.existsSync(file)) return false;
      try {
        return isDesktopEntryEnabled(deps.fs.readFileSync(file, 'utf8'));
      } catch {
        return false;
      }
    },
    setEnabled(enabled) {
      try {
        if (!enabled) return deps.fs.rmSync(file, { force: true });
        deps.fs.mkdirSync(dir, { recursive: true });
        deps.fs.writeFileSync(file, desktopEntry(exec), { mode: 0o644 });
      } catch (error) {
        throw new Error(`Could not ${enabled ? 'write' : 'remove'} ${file}: ${(error as Error).message}. Check that the folder is writable.`);
      }
    },
  };
}

/** For development runs: registering the bare Electron binary at login would start nothing useful. */
export function unavailableAutostart(reason: string): Autostart {
  return {
    isEnabled: () => false,
    setEnabled: () => {
      throw new Error(reason);
    },
  };
}

/**
 * Makes the OS match the saved setting at start-up (packaged builds only, so a dev run never
 * registers the Electron binary), and rewrites a Linux entry whose AppImage moved.
 */
export function syncAutostart(autostart: Autostart, wanted: boolean): void {
  if (wanted || autostart.isEnabled()) autostart.setEnabled(wanted);
}
