// The tray app's start, once Electron is ready: wiring of the backend, tray, notifications, IPC and
// power events. index.ts passes the Electron modules, so this file never imports electron itself.
import * as fs from 'node:fs';
import { join } from 'node:path';
import type { Platform } from '../core/ports';
import { systemClock } from '../node/system-clock';
import { createAutostart, syncAutostart, unavailableAutostart, type Autostart } from './autostart';
import { serveRenderer } from './app-protocol';
import { appHelperRuntime, createBackend, refreshLauncher, whenRuntimeSettles } from './backend';
import { forwardStatusChanges, registerIpcHandlers } from './ipc';
import { quitOnShutdown, watchPower } from './lifecycle';
import { createNotifier, notificationFactory } from './notifications';
import { createProblemReporter } from './problems';
import { systemIntervals, TrayController } from './tray';
import { CONTENT_SECURITY_POLICY, type MainWindow } from './window';

/** What start() needs from index.ts: the Electron modules, the resolved folders, and the window. */
export interface StartContext {
  electron: Pick<typeof Electron, 'app' | 'ipcMain' | 'Menu' | 'Notification' | 'powerMonitor' | 'protocol' | 'Tray'>;
  env: NodeJS.ProcessEnv;
  platform: Platform;
  home: string;
  appHome: string;
  distDir: string;
  mainWindow: MainWindow;
  reportError: (message: string) => void;
  /** Receives the clean-up to run on quit. */
  setShutdown: (fn: () => void) => void;
}

/** Starts the tray app once Electron is ready: backend, tray, notifications, IPC, power events. */
export async function start(ctx: StartContext): Promise<void> {
  const { electron: { app, ipcMain, Menu, Notification, powerMonitor, protocol, Tray }, env, platform, home, appHome, mainWindow, reportError } = ctx;
  // Before anything can show the window: app://tray/ serves dist/renderer and nothing else.
  const unserve = serveRenderer(protocol, join(ctx.distDir, 'renderer'), { 'Content-Security-Policy': CONTENT_SECURITY_POLICY });
  const autostart: Autostart = app.isPackaged
    ? createAutostart({ platform, loginItems: app, fs, env, homeDir: home, execPath: process.execPath })
    : unavailableAutostart('Start at Login works only in the installed app, not in a development run.');
  const notifier = createNotifier({
    Notification: notificationFactory(Notification),
    login: (profile) => void tray.run({ kind: 'login', profile }),
    fallback: (w) => tray.showNotice(w.profile, w.title, w.body),
  });
  const plan = appHelperRuntime({ isPackaged: app.isPackaged, execPath: process.execPath, distDir: ctx.distDir, env, appHome, reportError });
  let helperRuntime = plan.now;
  const problems = createProblemReporter(reportError);
  const { service, scheduler } = createBackend({
    env, platform, homeDir: home, appHome, helperRuntime: () => helperRuntime, reportProblem: (source, message) => problems.set(source, message),
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
    // An AppImage settles its runtime in the background: switch to it, and point the launcher at it.
    void whenRuntimeSettles(plan, (runtime) => {
      helperRuntime = runtime;
      refreshLauncher(appHome, runtime, platform, reportError);
    });
    try {
      syncAutostart(autostart, (await service['settings:get']()).startAtLogin);
    } catch (error) {
      reportError((error as Error).message);
    }
  }
  ctx.setShutdown(() => {
    mainWindow.allowClose();
    scheduler.stop();
    tray.stop();
    notifier.closeAll();
    unforward();
    unregister();
    unserve();
    service.close();
  });
  await tray.start();
  await scheduler.start();
}
