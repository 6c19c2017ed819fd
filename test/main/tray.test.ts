import { describe, expect, it } from 'vitest';
import type { MenuItemConstructorOptions } from 'electron';
import { ManualClock } from '../../src/core/clock';
import type { Platform } from '../../src/core/ports';
import { createProblemReporter } from '../../src/main/problems';
import { TrayController } from '../../src/main/tray';
import { FakeBackend, MIN, NOW, profile, report } from './stubs/fake-backend';
import { ManualIntervals, StubMenuFactory, StubTray } from './stubs/electron';

function setup(platform: Platform = 'darwin') {
  const backend = new FakeBackend();
  const clock = new ManualClock(NOW);
  const timers = new ManualIntervals();
  const Menu = new StubMenuFactory();
  const trays: StubTray[] = [];
  const errors: string[] = [];
  const notified: string[] = [];
  const problems = createProblemReporter((m) => void notified.push(m));
  const snoozes: [string, number][] = [];
  const opened: number[] = [];
  let quits = 0;
  let autostart = false;
  const controller = new TrayController({
    createTray: (image) => {
      const t = new StubTray(image);
      trays.push(t);
      return t;
    },
    Menu,
    platform,
    assetsDir: '/app/assets',
    backend,
    clock,
    timers,
    startAtLogin: { isEnabled: () => autostart, setEnabled: (on) => void (autostart = on) },
    openWindow: () => void opened.push(1),
    quit: () => void quits++,
    warnings: { snooze: (p, until) => void snoozes.push([p, until]) },
    reportError: (m) => void errors.push(m),
    reportProblem: (source, message) => problems.set(source, message),
  });
  const tray = () => trays[0]!;
  const items = () => tray().menu!.template;
  const item = (label: string): MenuItemConstructorOptions => {
    const found = items().find((i) => i.label === label);
    if (!found) throw new Error(`no menu item "${label}" in ${items().map((i) => i.label).join(' | ')}`);
    return found;
  };
  const click = async (i: MenuItemConstructorOptions) => {
    (i.click as unknown as () => void)();
    await new Promise((r) => setImmediate(r));
  };
  const sub = (label: string, subLabel: string): MenuItemConstructorOptions => {
    const found = (item(label).submenu as MenuItemConstructorOptions[]).find((i) => i.label === subLabel);
    if (!found) throw new Error(`no "${subLabel}" under "${label}"`);
    return found;
  };
  return { backend, clock, timers, Menu, tray, items, item, sub, click, controller, errors, notified, snoozes, opened, quits: () => quits, autostart: () => autostart };
}

describe('TrayController', () => {
  it('shows the worst state as a macOS template icon and the nearest session end as the title', async () => {
    const t = setup('darwin');
    await t.controller.start();
    expect(t.tray().images.at(-1)).toBe('/app/assets/tray/tray-logged-outTemplate.png');
    expect(t.tray().title).toBe('3 h 42 m');
    expect(t.items()[0]!.label).toBe('prod — Active · ends about 12:42 (3 h 42 m left)');
  });

  it('uses .ico on Windows and PNG on Linux, and sets no title there', async () => {
    const win = setup('win32');
    await win.controller.start();
    expect(win.tray().images.at(-1)).toBe('/app/assets/tray/tray-logged-out.ico');
    expect(win.tray().title).toBe('');
    const linux = setup('linux');
    await linux.controller.start();
    expect(linux.tray().images.at(-1)).toBe('/app/assets/tray/tray-logged-out.png');
  });

  it('rebuilds the menu when the status changes', async () => {
    const t = setup();
    await t.controller.start();
    const before = t.Menu.built.length;
    t.backend.push(report([profile('prod', 'expired'), profile('dev', 'active', NOW + 60 * MIN)]));
    expect(t.Menu.built.length).toBe(before + 1);
    expect(t.items().map((i) => i.label).slice(0, 2)).toEqual(['prod — Expired', 'dev — Active · ends about 10:00 (1 h 0 m left)']);
    expect(t.tray().images.at(-1)).toBe('/app/assets/tray/tray-expiredTemplate.png');
  });

  it('re-reads the status and counts down once a minute', async () => {
    const t = setup();
    await t.controller.start();
    expect([...t.timers.active.values()].map((x) => x.ms)).toEqual([MIN]);
    const reads = t.backend.calls.filter((c) => c.channel === 'status:get').length;
    t.clock.advance(MIN);
    t.timers.fire(MIN);
    await new Promise((r) => setImmediate(r));
    expect(t.backend.calls.filter((c) => c.channel === 'status:get').length).toBe(reads + 1);
    expect(t.tray().title).toBe('3 h 41 m');
    expect(t.items()[0]!.label).toBe('prod — Active · ends about 12:42 (3 h 41 m left)');
  });

  it('logs a profile in from its submenu, marking it while the login runs', async () => {
    const t = setup();
    await t.controller.start();
    const logIn = t.item('dev — Logged out').submenu as MenuItemConstructorOptions[];
    expect(logIn.slice(0, 2).map((s) => [s.label, s.enabled])).toEqual([
      ['Log In', true],
      ['Log Out', false],
    ]);
    (logIn[0]!.click as unknown as () => void)();
    expect(t.items()[1]!.label).toBe('dev — Logging in…');
    await new Promise((r) => setImmediate(r));
    expect(t.backend.calls).toContainEqual({ channel: 'profile:login', args: ['dev'] });
    expect(t.items()[1]!.label).toBe('dev — Logged out');
  });

  it('reports a failed login with its next step', async () => {
    const t = setup();
    t.backend.loginResult = { ok: false, error: { code: 'aws-cli-too-old', message: 'AWS CLI 2.9 cannot run aws login.', hint: 'Install 2.32 or newer.' } };
    await t.controller.start();
    await t.controller.run({ kind: 'login', profile: 'dev' });
    expect(t.errors).toEqual(['AWS CLI 2.9 cannot run aws login. Install 2.32 or newer.']);
  });

  it('logs out one, logs out all, opens the window, toggles start at login and quits', async () => {
    const t = setup();
    await t.controller.start();
    await t.click((t.item('prod — Active · ends about 12:42 (3 h 42 m left)').submenu as MenuItemConstructorOptions[])[1]!);
    await t.click(t.item('Log Out All'));
    expect(t.backend.calls.filter((c) => c.channel.startsWith('profile:'))).toEqual([
      { channel: 'profile:logout', args: ['prod'] },
      { channel: 'profile:logout-all', args: [] },
    ]);
    await t.click(t.item('Open Window…'));
    expect(t.opened.length).toBe(1);
    expect(t.item('Start at Login')).toMatchObject({ type: 'checkbox', checked: false });
    await t.click(t.item('Start at Login'));
    expect(t.autostart()).toBe(true);
    expect(t.item('Start at Login')).toMatchObject({ checked: true });
    await t.click(t.item('Quit AWS Login Tray'));
    expect(t.quits()).toBe(1);
  });

  it('shows an undeliverable warning at the top of the menu and a balloon on Windows', async () => {
    const t = setup('win32');
    await t.controller.start();
    t.controller.showNotice('prod', 'prod: session ends soon', 'About 5 minutes left.');
    expect(t.items()[0]!.label).toBe('⚠ prod: session ends soon — About 5 minutes left.');
    expect(t.tray().balloons).toEqual([{ title: 'prod: session ends soon', content: 'About 5 minutes left.', iconType: 'warning' }]);
    await t.click(t.items()[0]!);
    expect(t.backend.calls).toContainEqual({ channel: 'profile:login', args: ['prod'] });
    expect(t.items()[0]!.label).toBe('prod — Active · ends about 12:42 (3 h 42 m left)');
  });

  it('notifies a broken config once, not every minute, and shows it in the menu and tooltip until fixed', async () => {
    const t = setup();
    await t.controller.start();
    const broken = new Error('/home/u/.aws/config:3: expected "key = value"');
    t.backend.statusError = broken;
    for (let minute = 0; minute < 5; minute++) {
      t.clock.advance(MIN);
      t.timers.fire(MIN);
      await new Promise((r) => setImmediate(r));
    }
    const problem = 'Could not read the profile status: /home/u/.aws/config:3: expected "key = value"';
    expect(t.notified).toEqual([problem]);
    expect(t.items()[0]).toMatchObject({ label: `⚠ ${problem}` });
    expect(t.tray().toolTip).toBe(`AWS Login Tray — ${problem}`);
    await t.click(t.items()[0]!);
    expect(t.opened.length).toBe(1);
    // The last good report still counts down underneath.
    expect(t.item('prod — Active · ends about 12:42 (3 h 37 m left)')).toBeDefined();

    t.backend.statusError = null;
    await t.controller.refresh();
    expect(t.items()[0]!.label).toBe('prod — Active · ends about 12:42 (3 h 37 m left)');
    expect(t.tray().toolTip).toBe('AWS Login Tray — 1 logged out, 1 active');
    t.backend.statusError = broken;
    await t.controller.refresh();
    expect(t.notified).toEqual([problem, problem]); // broken again after a fix: a new problem
    expect(t.errors).toEqual([]);
  });

  it('snoozes a profile\'s warnings for an hour from its submenu', async () => {
    const t = setup();
    await t.controller.start();
    await t.click(t.sub('prod — Active · ends about 12:42 (3 h 42 m left)', 'Snooze warnings for 1 hour'));
    expect(t.snoozes).toEqual([['prod', NOW + 60 * MIN]]);
    expect(t.sub('prod — Active · ends about 12:42 (3 h 42 m left)', 'Warnings snoozed · 1 h 0 m left').enabled).toBe(false);
    t.clock.advance(61 * MIN);
    t.controller.render();
    expect(t.sub('prod — Active · ends about 12:42 (2 h 41 m left)', 'Snooze warnings for 1 hour').enabled).toBe(true);
  });

  it('mutes and unmutes a profile\'s warnings through settings:save, keeping other muted profiles', async () => {
    const t = setup();
    t.backend.settings.mutedProfiles = ['old'];
    await t.controller.start();
    await t.click(t.sub('dev — Logged out', 'Mute warnings'));
    expect(t.backend.settings.mutedProfiles).toEqual(['old', 'dev']);
    expect(t.sub('dev — Logged out', 'Snooze warnings for 1 hour').enabled).toBe(false);
    await t.click(t.sub('dev — Logged out', 'Unmute warnings'));
    expect(t.backend.settings.mutedProfiles).toEqual(['old']);
    expect(t.sub('dev — Logged out', 'Mute warnings')).toBeDefined();
    // Muted in the window: the tray follows once the settings are saved there.
    t.controller.applySettings({ ...t.backend.settings, mutedProfiles: ['prod'] });
    expect(t.sub('prod — Active · ends about 12:42 (3 h 42 m left)', 'Unmute warnings')).toBeDefined();
    expect(t.errors).toEqual([]);
  });

  it('opens the window on a left click on Windows', async () => {
    const t = setup('win32');
    await t.controller.start();
    t.tray().emit('click');
    expect(t.opened.length).toBe(1);
  });

  it('stops the timer and the subscription and removes the icon', async () => {
    const t = setup();
    await t.controller.start();
    t.controller.stop();
    expect(t.timers.active.size).toBe(0);
    expect(t.backend.subscriberCount).toBe(0);
    expect(t.tray().destroyed).toBe(true);
  });
});
