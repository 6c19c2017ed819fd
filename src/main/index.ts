// The Electron main process: wiring only. Every piece takes the Electron objects it needs as
// parameters (see electron-ports.ts) and is unit-tested against stubs in test/main.
import { app, BrowserWindow, ipcMain, Menu, Notification, powerMonitor, screen, shell, Tray } from 'electron';
import * as fs from 'node:fs';
import { homedir } from 'node:os';
import { join } from 'node:path';
import { resolveAppHome } from '../core/app-home';
import { resolveHome } from '../core/config/locations';
import { APP_NAME } from '../core/tray-model';
import { systemClock } from '../node/system-clock';
import { createAutostart, syncAutostart, unavailableAutostart, type Autostart } from './autostart';
import { appHelperRuntime, createBackend, refreshLauncher, toPlatform } from './backend';
import { forwardStatusChanges, registerIpcHandlers } from './ipc';
import { quitOnShutdown, setupLifecycle, watchPower } from './lifecycle';
import { createNotifier, notificationFactory } from './notifications';
import { createProblemReporter } from './problems';
import { systemIntervals, TrayController } from './tray';
import { MainWindow } from './window';

const platform = toPlatform(process.platform);
const env = process.env;
// The same home the CLI and the helper resolve (HOME / USERPROFILE first), so all three share it.
const home = resolveHome(env, platform, homedir());
const appHome = resolveAppHome(env, platform, home);
// One folder for the tray, the CLI and the credential helper; Chromium's caches go below it.
app.setPath('userData', appHome);
app.setPath('sessionData', join(appHome, 'electron'));

const reportError = (message: string): void => {
  process.stderr.write(`${APP_NAME}: ${message}\n`);
  if (app.isReady() && Notification.isSupported()) new Notification({ title: APP_NAME, body: message }).show();
};
const mainWindow = new MainWindow({
  createWindow: (options) => new BrowserWindow(options),
  rendererFile: join(__dirname, 'renderer', 'index.html'),
  preloadPath: join(__dirname, 'preload.cjs'),
  openExternal: (url) => void shell.openExternal(url),
  screen: { getDisplayNearestPoint: (point) => screen.getDisplayNearestPoint(point) },
  onSessionEnd: () => lifecycle.cleanUp(),
});
let shutdown = (): void => undefined;
const lifecycle = setupLifecycle({ app, platform, onSecondInstance: () => mainWindow.show(), onQuit: () => (mainWindow.allowClose(), shutdown()), reportError });
if (lifecycle.isPrimary) {
  app.whenReady().then(start).catch((error: Error) => {
    reportError(`Could not start: ${error.message}`);
    app.exit(1);
  });
}

async function start(): Promise<void> {
  const autostart: Autostart = app.isPackaged
    ? createAutostart({ platform, loginItems: app, fs, env, homeDir: home, execPath: process.execPath })
    : unavailableAutostart('Start at Login works only in the installed app, not in a development run.');
  const notifier = createNotifier({
    Notification: notificationFactory(Notification),
    login: (profile) => void tray.run({ kind: 'login', profile }),
    fallback: (w) => tray.showNotice(w.profile, w.title, w.body),
  });
  const helperRuntime = appHelperRuntime({ isPackaged: app.isPackaged, execPath: process.execPath, distDir: __dirname, env, appHome, reportError });
  const problems = createProblemReporter(reportError);
  const { service, scheduler } = createBackend({
    env, platform, homeDir: home, appHome, helperRuntime, reportProblem: (source, message) => problems.set(source, message),
    notify: (w) => notifier.notify(w),
    onSettingsSaved: (settings) => {
      try {
        if (app.isPackaged && settings.startAtLogin !== autostart.isEnabled()) autostart.setEnabled(settings.startAtLogin);
      } catch (error) {
        reportError((error as Error).message);
      }
      tray.applySettings(settings);
      void scheduler.replan();
    },
  });
  const tray: TrayController = new TrayController({
    createTray: (image) => new Tray(image), Menu, platform, assetsDir: app.isPackaged ? join(process.resourcesPath, 'assets') : join(app.getAppPath(), 'assets'),
    backend: service, clock: systemClock, timers: systemIntervals,
    startAtLogin: { isEnabled: () => autostart.isEnabled(), setEnabled: async (on) => {
      autostart.setEnabled(on); // throws with the reason in development runs
      await service['settings:save']({ startAtLogin: on });
    } },
    warnings: scheduler, openWindow: () => mainWindow.show(tray.bounds()), quit: () => app.quit(), reportError,
    reportProblem: (source, message) => problems.set(source, message),
  });
  const unregister = registerIpcHandlers({
    ipcMain, backend: service, isTrustedSender: (event) => mainWindow.isTrustedSender(event),
  });
  const unforward = forwardStatusChanges(service, mainWindow);
  watchPower(powerMonitor, () => void Promise.all([scheduler.replan(), tray.refresh()]));
  quitOnShutdown(powerMonitor, app);
  if (app.isPackaged) {
    refreshLauncher(appHome, helperRuntime, platform, reportError);
    try {
      syncAutostart(autostart, (await service['settings:get']()).startAtLogin);
    } catch (error) {
      reportError((error as Error).message);
    }
  }
  shutdown = () => {
    mainWindow.allowClose();
    scheduler.stop();
    tray.stop();
    notifier.closeAll();
    unforward();
    unregister();
    service.close();
  };
  await tray.start();
  await scheduler.start();
}
