/**
 * Hand-written stand-ins for the Electron pieces the main process uses (the real `electron`
 * module cannot load under plain Node). Each records what was done to it so tests can assert.
 */
import type { BrowserWindowConstructorOptions, CustomScheme, DisplayBalloonOptions, Menu, MenuItemConstructorOptions, NotificationConstructorOptions, Rectangle } from 'electron';
import type {
  AppPort,
  BrowserWindowPort,
  IntervalPort,
  InvokeEventLike,
  IpcMainPort,
  LoginItemsPort,
  MenuPort,
  NotificationFactory,
  NotificationPort,
  PowerMonitorPort,
  Preventable,
  ProtocolPort,
  TrayPort,
  WebContentsPort,
  WebRequestPort,
} from '../../../src/main/electron-ports';

type Listener = (...args: never[]) => unknown;

/** A tiny event emitter with the same on/emit shape Electron objects have. */
export class Emitter {
  private readonly listeners = new Map<string, Listener[]>();
  on(event: string, listener: Listener): this {
    this.listeners.set(event, [...(this.listeners.get(event) ?? []), listener]);
    return this;
  }
  emit(event: string, ...args: unknown[]): void {
    for (const l of this.listeners.get(event) ?? []) (l as (...a: unknown[]) => unknown)(...args);
  }
  count(event: string): number {
    return this.listeners.get(event)?.length ?? 0;
  }
}

/** An event whose default can be prevented. */
export class StubEvent implements Preventable {
  defaultPrevented = false;
  preventDefault(): void {
    this.defaultPrevented = true;
  }
}

/** The menu Menu.buildFromTemplate returned: keeps its template. */
export interface StubMenu {
  template: MenuItemConstructorOptions[];
}

export class StubMenuFactory implements MenuPort {
  built: StubMenu[] = [];
  buildFromTemplate(template: MenuItemConstructorOptions[]): Menu {
    const menu = { template };
    this.built.push(menu);
    return menu as unknown as Menu;
  }
}

export class StubTray extends Emitter implements TrayPort {
  images: string[] = [];
  title = '';
  toolTip = '';
  menu: StubMenu | null = null;
  balloons: DisplayBalloonOptions[] = [];
  destroyed = false;
  constructor(image: string) {
    super();
    this.images.push(image);
  }
  setImage(image: string): void {
    this.images.push(image);
  }
  setToolTip(toolTip: string): void {
    this.toolTip = toolTip;
  }
  setTitle(title: string): void {
    this.title = title;
  }
  setContextMenu(menu: Menu | null): void {
    this.menu = menu as unknown as StubMenu | null;
  }
  displayBalloon(options: DisplayBalloonOptions): void {
    this.balloons.push(options);
  }
  getBounds(): Rectangle {
    return { x: 1500, y: 0, width: 24, height: 24 };
  }
  destroy(): void {
    this.destroyed = true;
  }
  isDestroyed(): boolean {
    return this.destroyed;
  }
}

export class StubWebRequest implements WebRequestPort {
  headersListener: Parameters<WebRequestPort['onHeadersReceived']>[0] | null = null;
  onHeadersReceived(listener: Parameters<WebRequestPort['onHeadersReceived']>[0]): void {
    this.headersListener = listener;
  }
}

export class StubWebContents extends Emitter implements WebContentsPort {
  openHandler: ((details: { url: string }) => { action: 'allow' | 'deny' }) | null = null;
  sent: { channel: string; args: unknown[] }[] = [];
  destroyed = false;
  session = { webRequest: new StubWebRequest() };
  setWindowOpenHandler(handler: (details: { url: string }) => { action: 'allow' | 'deny' }): void {
    this.openHandler = handler;
  }
  send(channel: string, ...args: unknown[]): void {
    this.sent.push({ channel, args });
  }
  isDestroyed(): boolean {
    return this.destroyed;
  }
}

type ProtocolHandler = (request: Request) => Response | Promise<Response>;

/**
 * Electron's protocol module, as strict as Electron: registerSchemesAsPrivileged only before app
 * ready (it throws after), handle only after (the default session exists only then) and once per
 * scheme; a handler must answer a Response. request() is what Chromium does for a URL of the scheme.
 */
export class StubProtocol implements ProtocolPort {
  privileged: CustomScheme[] = [];
  readonly handlers = new Map<string, ProtocolHandler>();
  constructor(private readonly app: { isReady(): boolean }) {}
  registerSchemesAsPrivileged(customSchemes: CustomScheme[]): void {
    if (this.app.isReady()) throw new Error('protocol.registerSchemesAsPrivileged should be called before app is ready');
    this.privileged.push(...customSchemes);
  }
  handle(scheme: string, handler: ProtocolHandler): void {
    if (!this.app.isReady()) throw new TypeError('Session can only be received when app is ready');
    if (this.handlers.has(scheme)) throw new Error(`Failed to register protocol: ${scheme}`);
    this.handlers.set(scheme, handler);
  }
  unhandle(scheme: string): void {
    this.handlers.delete(scheme);
  }
  /** A request from a page: the URL parsed as Chromium would (dot segments folded), given to the scheme's handler. */
  async request(url: string, init?: RequestInit): Promise<Response> {
    const scheme = new URL(url).protocol.slice(0, -1);
    const handler = this.handlers.get(scheme);
    if (!handler) throw new Error(`net::ERR_UNKNOWN_URL_SCHEME (${url})`);
    const response = await handler(new Request(url, init));
    if (!(response instanceof Response)) throw new TypeError(`The handler of ${scheme}: must return a Response`);
    return response;
  }
}

export class StubBrowserWindow extends Emitter implements BrowserWindowPort {
  webContents = new StubWebContents();
  loaded: string[] = [];
  /** What each load got back, when a StubProtocol serves the URL's scheme. */
  responses: Response[] = [];
  visible = false;
  destroyed = false;
  position: [number, number] | null = null;
  constructor(readonly options: BrowserWindowConstructorOptions, private readonly protocol: StubProtocol | null = null) {
    super();
  }
  /** Like Electron: a URL that does not parse rejects; an app-served scheme is fetched through its handler. */
  async loadURL(url: string): Promise<void> {
    const scheme = new URL(url).protocol;
    this.loaded.push(url);
    if (this.protocol && !['http:', 'https:', 'file:', 'data:'].includes(scheme)) this.responses.push(await this.protocol.request(url));
  }
  show(): void {
    this.visible = true;
  }
  hide(): void {
    this.visible = false;
  }
  focus(): void {}
  isVisible(): boolean {
    return this.visible;
  }
  isDestroyed(): boolean {
    return this.destroyed;
  }
  destroy(): void {
    this.destroyed = true;
    this.webContents.destroyed = true;
  }
  getSize(): number[] {
    return [this.options.width ?? 800, this.options.height ?? 600];
  }
  setPosition(x: number, y: number): void {
    this.position = [x, y];
  }
}

export class StubNotification extends Emitter implements NotificationPort {
  shown = 0;
  closed = false;
  constructor(
    readonly options: NotificationConstructorOptions,
    private readonly failWith: string | null,
  ) {
    super();
  }
  show(): void {
    this.shown++;
    if (this.failWith) this.emit('failed', new StubEvent(), this.failWith);
  }
  close(): void {
    this.closed = true;
  }
}

export class StubNotificationFactory implements NotificationFactory {
  created: StubNotification[] = [];
  /** When set, show() emits 'failed' with this error (like an unsigned macOS build). */
  failWith: string | null = null;
  constructor(private readonly supported = true) {}
  isSupported(): boolean {
    return this.supported;
  }
  create(options: NotificationConstructorOptions): NotificationPort {
    const n = new StubNotification(options, this.failWith);
    this.created.push(n);
    return n;
  }
}

export class StubIpcMain implements IpcMainPort {
  handlers = new Map<string, (event: InvokeEventLike, ...args: unknown[]) => unknown>();
  handle(channel: string, listener: (event: InvokeEventLike, ...args: unknown[]) => unknown): void {
    if (this.handlers.has(channel)) throw new Error(`Attempted to register a second handler for '${channel}'`);
    this.handlers.set(channel, listener);
  }
  removeHandler(channel: string): void {
    this.handlers.delete(channel);
  }
  /**
   * What ipcRenderer.invoke does, as strictly as Electron: arguments and the result are structured
   * clones (functions, class identity and extra Error fields do not survive), and a handler that
   * throws rejects with a new Error carrying only the message (electron/electron#24427).
   */
  async invoke(event: InvokeEventLike, channel: string, ...args: unknown[]): Promise<unknown> {
    const handler = this.handlers.get(channel);
    if (!handler) throw new Error(`Error invoking remote method '${channel}': Error: No handler registered for '${channel}'`);
    let result: unknown;
    try {
      result = await handler(event, ...structuredClone(args));
    } catch (err) {
      throw new Error(`Error invoking remote method '${channel}': ${String(err)}`);
    }
    return structuredClone(result);
  }
}

export class StubLoginItems implements LoginItemsPort {
  calls: Parameters<LoginItemsPort['setLoginItemSettings']>[0][] = [];
  openAtLogin = false;
  setLoginItemSettings(settings: Parameters<LoginItemsPort['setLoginItemSettings']>[0]): void {
    this.calls.push(settings);
    if (settings.openAtLogin !== undefined) this.openAtLogin = settings.openAtLogin;
  }
  getLoginItemSettings(): { openAtLogin: boolean } {
    return { openAtLogin: this.openAtLogin };
  }
}

export class StubApp extends Emitter implements AppPort {
  quitCalls = 0;
  exitCodes: (number | undefined)[] = [];
  appUserModelId: string | null = null;
  dockHidden = false;
  readonly dock: { hide(): void } | undefined;
  constructor(
    private readonly primary = true,
    withDock = true,
  ) {
    super();
    this.dock = withDock ? { hide: () => void (this.dockHidden = true) } : undefined;
  }
  requestSingleInstanceLock(): boolean {
    return this.primary;
  }
  /** Like Electron: quit() emits before-quit, and quits unless a listener prevented it. */
  quit(): void {
    this.quitCalls++;
    const event = new StubEvent();
    this.emit('before-quit', event);
    if (!event.defaultPrevented) this.emit('will-quit');
  }
  exit(exitCode?: number): void {
    this.exitCodes.push(exitCode);
  }
  setAppUserModelId(id: string): void {
    this.appUserModelId = id;
  }
}

export class StubPowerMonitor extends Emitter implements PowerMonitorPort {}

/** Intervals fired by hand, so "once a minute" is tested without waiting. */
export class ManualIntervals implements IntervalPort {
  private next = 1;
  readonly active = new Map<number, { fn: () => void; ms: number }>();
  setInterval(fn: () => void, ms: number): unknown {
    const id = this.next++;
    this.active.set(id, { fn, ms });
    return id;
  }
  clearInterval(handle: unknown): void {
    this.active.delete(handle as number);
  }
  /** Runs every interval of the given period once, as if that much time had passed. */
  fire(ms: number): void {
    for (const t of [...this.active.values()]) if (t.ms === ms) t.fn();
  }
}
