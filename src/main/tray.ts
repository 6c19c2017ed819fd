import type { MenuItemConstructorOptions, Rectangle } from 'electron';
import type { Clock } from '../core/clock';
import type { Platform } from '../core/ports';
import { buildTrayModel, SNOOZE_MS, type TrayAction, type TrayMenuItem, type TrayModel } from '../core/tray-model';
import type { Settings, StatusReport, TrayApi } from '../shared/ipc-contract';
import type { IntervalPort, MenuPort, TrayFactory, TrayPort } from './electron-ports';
import { trayIconPath } from './tray-icons';

/** The part of the backend the tray calls. */
export type TrayBackend = Pick<
  TrayApi,
  'status:get' | 'profile:login' | 'profile:logout' | 'profile:logout-all' | 'settings:get' | 'settings:save' | 'onStatusChanged'
>;

export interface TrayDeps {
  createTray: TrayFactory;
  Menu: MenuPort;
  platform: Platform;
  assetsDir: string;
  backend: TrayBackend;
  clock: Clock;
  timers: IntervalPort;
  startAtLogin: { isEnabled(): boolean; setEnabled(enabled: boolean): Promise<void> | void };
  openWindow(): void;
  quit(): void;
  /** The warning scheduler's snooze (WarningScheduler.snooze). */
  warnings: { snooze(profile: string, untilMs: number): Promise<void> | void };
  /** Tells the person something they did went wrong (a failed login). */
  reportError(message: string): void;
  /** A problem seen on every refresh (an unreadable config), or null once it is gone: ProblemReporter.set. */
  reportProblem(source: 'status', message: string | null): void;
}

const MINUTE = 60_000;

/** The real timers, for index.ts. */
export const systemIntervals: IntervalPort = {
  setInterval: (fn, ms) => setInterval(fn, ms),
  clearInterval: (handle) => clearInterval(handle as ReturnType<typeof setInterval>),
};

/** Owns the tray icon: renders the pure tray model, refreshes on status changes and every minute. */
export class TrayController {
  private tray: TrayPort | null = null;
  private report: StatusReport | null = null;
  private readonly loggingIn = new Set<string>();
  private notice: { profile: string; text: string } | null = null;
  private problem: string | null = null;
  private muted: readonly string[] = [];
  private readonly snoozedUntil: Record<string, number> = {};
  private interval: unknown = null;
  private unsubscribe: (() => void) | null = null;
  /** The model last rendered, for tests and for the notification fallback. */
  lastModel: TrayModel | null = null;

  constructor(private readonly deps: TrayDeps) {}

  /** Creates the icon, shows the current status and starts the refreshes. */
  async start(): Promise<void> {
    const { deps } = this;
    this.tray = deps.createTray(trayIconPath(deps.assetsDir, deps.platform, 'none'));
    // Windows convention: left click opens the window, right click the menu.
    if (deps.platform === 'win32') this.tray.on('click', () => deps.openWindow());
    this.render();
    this.unsubscribe = deps.backend.onStatusChanged((report) => {
      this.report = report;
      this.render();
    });
    this.interval = deps.timers.setInterval(() => void this.refresh(), MINUTE);
    await this.refresh();
  }

  /**
   * Re-reads the status and the muted profiles and re-renders. On failure it keeps the last report
   * (counting down from it) and shows the problem in the menu and tooltip; it notifies once.
   */
  async refresh(): Promise<void> {
    try {
      this.report = await this.deps.backend['status:get']();
      this.problem = null;
    } catch (error) {
      this.problem = `Could not read the profile status: ${(error as Error).message}`;
    }
    this.deps.reportProblem('status', this.problem);
    try {
      this.muted = (await this.deps.backend['settings:get']()).mutedProfiles;
    } catch {
      // Keep the last known list: the window reports settings problems where they can be fixed.
    }
    this.render();
  }

  /** Settings were saved (here or in the window): follow the muted profiles. */
  applySettings(settings: Settings): void {
    this.muted = settings.mutedProfiles;
    this.render();
  }

  /** A warning the OS would not show: put it at the top of the menu and, on Windows, in a balloon. */
  showNotice(profile: string, title: string, body: string): void {
    this.notice = { profile, text: `${title} — ${body}` };
    if (this.deps.platform === 'win32') this.tray?.displayBalloon({ title, content: body, iconType: 'warning' });
    this.render();
  }

  /** Rebuilds icon, title, tooltip and menu from the last report and the current time. */
  render(): void {
    const tray = this.tray;
    if (!tray || tray.isDestroyed()) return;
    const model = buildTrayModel(this.report, this.deps.clock.now(), {
      startAtLogin: this.deps.startAtLogin.isEnabled(),
      loggingIn: this.loggingIn,
      notice: this.notice,
      problem: this.problem,
      muted: this.muted,
      snoozedUntil: this.snoozedUntil,
    });
    this.lastModel = model;
    tray.setImage(trayIconPath(this.deps.assetsDir, this.deps.platform, model.state));
    if (this.deps.platform === 'darwin') tray.setTitle(model.title);
    tray.setToolTip(model.tooltip);
    tray.setContextMenu(this.deps.Menu.buildFromTemplate(model.menu.map((item) => this.toTemplate(item))));
  }

  /** Where the icon is on screen (to open the window next to it); undefined before start. */
  bounds(): Rectangle | undefined {
    return this.tray && !this.tray.isDestroyed() ? this.tray.getBounds() : undefined;
  }

  /** Stops the timer and the subscription and removes the icon. */
  stop(): void {
    if (this.interval !== null) this.deps.timers.clearInterval(this.interval);
    this.interval = null;
    this.unsubscribe?.();
    this.unsubscribe = null;
    if (this.tray && !this.tray.isDestroyed()) this.tray.destroy();
    this.tray = null;
  }

  private toTemplate(item: TrayMenuItem): MenuItemConstructorOptions {
    if (item.type === 'separator') return { type: 'separator' };
    const action = item.action;
    const click = action ? () => void this.run(action) : undefined;
    if (item.type === 'checkbox') return { type: 'checkbox', label: item.label, checked: item.checked, click };
    const template: MenuItemConstructorOptions = { label: item.label, enabled: item.enabled, click };
    if (item.submenu) template.submenu = item.submenu.map((sub) => this.toTemplate(sub));
    return template;
  }

  /** Carries out a menu click. */
  async run(action: TrayAction): Promise<void> {
    const { deps } = this;
    switch (action.kind) {
      case 'login':
        return this.login(action.profile);
      case 'logout':
        return this.act(() => deps.backend['profile:logout'](action.profile));
      case 'logout-all':
        return this.act(() => deps.backend['profile:logout-all']());
      case 'open-window':
        return deps.openWindow();
      case 'toggle-start-at-login':
        try {
          await deps.startAtLogin.setEnabled(!deps.startAtLogin.isEnabled());
        } catch (error) {
          deps.reportError(`Could not change Start at Login: ${(error as Error).message}`);
        }
        return this.render();
      case 'snooze':
        return this.snooze(action.profile);
      case 'set-muted':
        return this.setMuted(action.profile, action.muted);
      case 'quit':
        return deps.quit();
    }
  }

  private async snooze(profile: string): Promise<void> {
    const until = this.deps.clock.now() + SNOOZE_MS;
    this.snoozedUntil[profile] = until;
    this.render();
    try {
      await this.deps.warnings.snooze(profile, until);
    } catch (error) {
      this.deps.reportError(`Could not snooze the warnings for ${profile}: ${(error as Error).message}`);
    }
  }

  /** Saves mutedProfiles from the settings as stored now, so a change made in the window is kept. */
  private async setMuted(profile: string, muted: boolean): Promise<void> {
    const { backend } = this.deps;
    try {
      const current = (await backend['settings:get']()).mutedProfiles.filter((p) => p !== profile);
      this.applySettings(await backend['settings:save']({ mutedProfiles: muted ? [...current, profile] : current }));
    } catch (error) {
      this.deps.reportError(`Could not ${muted ? 'mute' : 'unmute'} the warnings for ${profile}: ${(error as Error).message}`);
    }
  }

  private async login(profile: string): Promise<void> {
    if (this.loggingIn.has(profile)) return;
    if (this.notice?.profile === profile) this.notice = null;
    this.loggingIn.add(profile);
    this.render();
    try {
      await this.act(() => this.deps.backend['profile:login'](profile));
    } finally {
      this.loggingIn.delete(profile);
      this.render();
    }
  }

  private async act(call: () => ReturnType<TrayBackend['profile:logout-all']>): Promise<void> {
    try {
      const result = await call();
      if (!result.ok) this.deps.reportError(result.error.hint ? `${result.error.message} ${result.error.hint}` : result.error.message);
    } catch (error) {
      this.deps.reportError((error as Error).message);
    }
    await this.refresh();
  }
}
