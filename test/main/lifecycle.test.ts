import { describe, expect, it } from 'vitest';
import { APP_USER_MODEL_ID, quitOnShutdown, setupLifecycle, watchPower } from '../../src/main/lifecycle';
import type { Platform } from '../../src/core/ports';
import { StubApp, StubPowerMonitor } from './stubs/electron';

function setup(opts: { primary?: boolean; platform?: Platform; onQuit?: () => void } = {}) {
  const app = new StubApp(opts.primary ?? true);
  const events: string[] = [];
  const errors: string[] = [];
  app.on('will-quit', () => void events.push('will-quit'));
  const lifecycle = setupLifecycle({
    app,
    platform: opts.platform ?? 'darwin',
    onSecondInstance: () => void events.push('show-window'),
    onQuit: opts.onQuit ?? (() => void events.push('cleanup')),
    reportError: (m) => void errors.push(m),
  });
  return { app, lifecycle, events, errors };
}

describe('setupLifecycle', () => {
  it('quits at once when another instance holds the lock, registering nothing', () => {
    const { app, lifecycle, events } = setup({ primary: false });
    expect(lifecycle.isPrimary).toBe(false);
    expect(app.quitCalls).toBe(1);
    expect(app.count('second-instance')).toBe(0);
    expect(app.dockHidden).toBe(false);
    expect(events).toEqual(['will-quit']);
  });

  it('shows the window when a second instance starts', () => {
    const { app, events } = setup();
    app.emit('second-instance', {}, ['aws-login-tray'], '/');
    expect(events).toEqual(['show-window']);
  });

  it('hides the Dock icon on macOS and sets the AppUserModelID on Windows only', () => {
    const mac = setup({ platform: 'darwin' });
    expect(mac.app.dockHidden).toBe(true);
    expect(mac.app.appUserModelId).toBeNull();
    const win = setup({ platform: 'win32' });
    expect(win.app.appUserModelId).toBe(APP_USER_MODEL_ID);
    expect(win.app.dockHidden).toBe(false);
    const linux = setup({ platform: 'linux' });
    expect(linux.app.dockHidden || linux.app.appUserModelId !== null).toBe(false);
  });

  it('keeps running when the window closes', () => {
    const { app, events } = setup();
    expect(app.count('window-all-closed')).toBe(1);
    app.emit('window-all-closed');
    expect(events).toEqual([]);
  });

  it('cleans up synchronously inside before-quit and lets the quit go ahead at once', () => {
    const { app, lifecycle, events } = setup({ onQuit: () => void events.push('cleanup') });
    app.quit();
    expect(lifecycle.isQuitting()).toBe(true);
    expect(events).toEqual(['cleanup', 'will-quit']);
    expect(app.quitCalls).toBe(1);
  });

  it('cleans up only once, however many times the app is told to end', () => {
    const { app, lifecycle, events } = setup({ onQuit: () => void events.push('cleanup') });
    lifecycle.cleanUp(); // Windows session-end: no before-quit follows
    app.quit();
    app.quit();
    expect(events).toEqual(['cleanup', 'will-quit', 'will-quit']);
  });

  it('still quits when cleaning up fails, and says why', () => {
    const { app, events, errors } = setup({
      onQuit: () => {
        throw new Error('watcher already closed');
      },
    });
    app.quit();
    expect(events).toEqual(['will-quit']);
    expect(errors).toEqual(['Shutting down: watcher already closed']);
  });
});

describe('quitOnShutdown', () => {
  it('quits (and so cleans up) when macOS or Linux shuts down', () => {
    const { app, events } = setup({ onQuit: () => void events.push('cleanup') });
    const pm = new StubPowerMonitor();
    quitOnShutdown(pm, app);
    pm.emit('shutdown');
    expect(events).toEqual(['cleanup', 'will-quit']);
  });
});

describe('watchPower', () => {
  it('plans again on resume and on unlock', () => {
    const pm = new StubPowerMonitor();
    let wakes = 0;
    watchPower(pm, () => void wakes++);
    pm.emit('resume');
    pm.emit('unlock-screen');
    pm.emit('suspend');
    expect(wakes).toBe(2);
  });
});
