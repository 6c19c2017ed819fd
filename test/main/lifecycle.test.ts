import { describe, expect, it } from 'vitest';
import { APP_USER_MODEL_ID, setupLifecycle, watchPower } from '../../src/main/lifecycle';
import type { Platform } from '../../src/core/ports';
import { StubApp, StubPowerMonitor } from './stubs/electron';

const flush = () => new Promise((r) => setImmediate(r));

function setup(opts: { primary?: boolean; platform?: Platform; onQuit?: () => Promise<void>; wait?: (ms: number) => Promise<void> } = {}) {
  const app = new StubApp(opts.primary ?? true);
  const events: string[] = [];
  const errors: string[] = [];
  app.on('will-quit', () => void events.push('will-quit'));
  const lifecycle = setupLifecycle({
    app,
    platform: opts.platform ?? 'darwin',
    onSecondInstance: () => void events.push('show-window'),
    onQuit: opts.onQuit ?? (async () => void events.push('cleanup')),
    reportError: (m) => void errors.push(m),
    wait: opts.wait ?? (() => new Promise<void>(() => undefined)),
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

  it('finishes cleaning up before it really quits', async () => {
    let release!: () => void;
    const { app, lifecycle, events } = setup({
      onQuit: () =>
        new Promise<void>((resolve) => {
          events.push('cleanup-started');
          release = () => {
            events.push('cleanup-done');
            resolve();
          };
        }),
    });
    app.quit();
    expect(lifecycle.isQuitting()).toBe(true);
    await flush();
    expect(events).toEqual(['cleanup-started']);
    release();
    await flush();
    expect(events).toEqual(['cleanup-started', 'cleanup-done', 'will-quit']);
    expect(app.quitCalls).toBe(2);
  });

  it('still quits when cleaning up fails, and says why', async () => {
    const { app, events, errors } = setup({ onQuit: async () => Promise.reject(new Error('watcher already closed')) });
    app.quit();
    await flush();
    expect(events).toEqual(['will-quit']);
    expect(errors).toEqual(['Shutting down: watcher already closed']);
  });
});

it('quits anyway when cleaning up hangs past the time limit', async () => {
  let expire!: () => void;
  const { app, events, errors } = setup({
    onQuit: () => new Promise<void>(() => undefined),
    wait: () => new Promise<void>((resolve) => (expire = resolve)),
  });
  app.quit();
  await flush();
  expect(events).toEqual([]);
  expire();
  await flush();
  expect(events).toEqual(['will-quit']);
  expect(errors).toEqual(['Shutting down: cleaning up took longer than 5 s; quitting anyway.']);
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
