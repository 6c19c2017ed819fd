// The Electron main process: wiring only. Every piece takes the Electron objects it needs as
// parameters (see electron-ports.ts) and is unit-tested against stubs in test/main.
import { app, BrowserWindow, ipcMain, Menu, Notification, powerMonitor, protocol, screen, shell, Tray } from 'electron';
import { homedir } from 'node:os';
import { join } from 'node:path';
import { resolveAppHome } from '../core/app-home';
import { RENDERER_URL } from '../core/app-url';
import { resolveHome } from '../core/config/locations';
import { APP_NAME } from '../core/tray-model';
import { registerAppScheme } from './app-protocol';
import { toPlatform } from './backend';
import { setupLifecycle } from './lifecycle';
import { start } from './start';
import { MainWindow } from './window';

const platform = toPlatform(process.platform);
const env = process.env;
// The same home the CLI and the helper resolve (HOME / USERPROFILE first), so all three share it.
const home = resolveHome(env, platform, homedir());
const appHome = resolveAppHome(env, platform, home);
// One folder for the tray, the CLI and the credential helper; Chromium's caches go below it.
app.setPath('userData', appHome);
app.setPath('sessionData', join(appHome, 'electron'));
// The window is served from app://tray/ (start.ts serves it once ready), never from file:.
registerAppScheme(protocol);

const reportError = (message: string): void => {
  process.stderr.write(`${APP_NAME}: ${message}\n`);
  if (app.isReady() && Notification.isSupported()) new Notification({ title: APP_NAME, body: message }).show();
};
const mainWindow = new MainWindow({
  createWindow: (options) => new BrowserWindow(options),
  rendererUrl: RENDERER_URL,
  preloadPath: join(__dirname, 'preload.cjs'),
  openExternal: (url) => void shell.openExternal(url),
  screen: { getDisplayNearestPoint: (point) => screen.getDisplayNearestPoint(point) },
  onSessionEnd: () => lifecycle.cleanUp(),
});
let shutdown = (): void => undefined;
const lifecycle = setupLifecycle({ app, platform, onSecondInstance: () => mainWindow.show(), onQuit: () => (mainWindow.allowClose(), shutdown()), reportError });
if (lifecycle.isPrimary) {
  const electron = { app, ipcMain, Menu, Notification, powerMonitor, protocol, Tray };
  const ready = () => start({ electron, env, platform, home, appHome, distDir: __dirname, mainWindow, reportError, setShutdown: (fn: () => void) => (shutdown = fn) });
  app.whenReady().then(ready).catch((error: Error) => {
    reportError(`Could not start: ${error.message}`);
    app.exit(1);
  });
}

