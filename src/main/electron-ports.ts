/**
 * The small slices of Electron the main-process modules use. Modules take these as parameters so
 * tests can pass hand-written stubs (test/main/stubs); src/main/index.ts passes the real objects,
 * which the compiler checks against these interfaces.
 */
import type {
  BrowserWindowConstructorOptions,
  CustomScheme,
  DisplayBalloonOptions,
  HeadersReceivedResponse,
  Menu,
  MenuItemConstructorOptions,
  NotificationConstructorOptions,
  OnHeadersReceivedListenerDetails,
  Point,
  Rectangle,
  Settings as LoginItemSettingsInput,
  WindowOpenHandlerResponse,
} from 'electron';

/** Something that can cancel a default action (Electron's Event). */
export interface Preventable {
  preventDefault(): void;
}

export interface TrayPort {
  setImage(image: string): void;
  setToolTip(toolTip: string): void;
  setTitle(title: string): void;
  setContextMenu(menu: Menu | null): void;
  displayBalloon(options: DisplayBalloonOptions): void;
  getBounds(): Rectangle;
  on(event: 'click', listener: () => void): unknown;
  destroy(): void;
  isDestroyed(): boolean;
}

/** `(image) => new Tray(image)`. */
export type TrayFactory = (image: string) => TrayPort;

export interface MenuPort {
  buildFromTemplate(template: MenuItemConstructorOptions[]): Menu;
}

export interface WebRequestPort {
  onHeadersReceived(
    listener: (details: OnHeadersReceivedListenerDetails, callback: (response: HeadersReceivedResponse) => void) => void,
  ): void;
}

export interface WebContentsPort {
  on(event: 'will-navigate', listener: (event: Preventable, url: string) => void): unknown;
  on(event: 'will-redirect', listener: (event: Preventable, url: string) => void): unknown;
  setWindowOpenHandler(handler: (details: { url: string }) => WindowOpenHandlerResponse): void;
  send(channel: string, ...args: unknown[]): void;
  isDestroyed(): boolean;
  session: { webRequest: WebRequestPort };
}

export interface BrowserWindowPort {
  webContents: WebContentsPort;
  loadURL(url: string): Promise<void>;
  show(): void;
  hide(): void;
  focus(): void;
  isVisible(): boolean;
  isDestroyed(): boolean;
  destroy(): void;
  getSize(): number[];
  setPosition(x: number, y: number): void;
  on(event: 'close', listener: (event: Preventable) => void): unknown;
  /** Windows only: shutdown, restart or log-off (no before-quit is emitted then). */
  on(event: 'session-end', listener: () => void): unknown;
}

/** `(options) => new BrowserWindow(options)`. */
export type BrowserWindowFactory = (options: BrowserWindowConstructorOptions) => BrowserWindowPort;

export interface ScreenPort {
  getDisplayNearestPoint(point: Point): { workArea: Rectangle };
}

/** What the main process needs from an IPC invoke event to check who sent it. */
export interface InvokeEventLike {
  sender: unknown;
  senderFrame: { url: string; parent: unknown } | null;
}

export interface IpcMainPort {
  handle(channel: string, listener: (event: InvokeEventLike, ...args: unknown[]) => unknown): void;
  removeHandler(channel: string): void;
}

export interface NotificationPort {
  show(): void;
  close(): void;
  on(event: 'click', listener: () => void): unknown;
  on(event: 'failed', listener: (event: unknown, error: string) => void): unknown;
  on(event: 'close', listener: () => void): unknown;
}

/** `Notification.isSupported()` and `new Notification(options)`. */
export interface NotificationFactory {
  isSupported(): boolean;
  create(options: NotificationConstructorOptions): NotificationPort;
}

export interface LoginItemsPort {
  setLoginItemSettings(settings: LoginItemSettingsInput): void;
  getLoginItemSettings(): { openAtLogin: boolean };
}

export interface AppPort {
  requestSingleInstanceLock(): boolean;
  quit(): void;
  exit(exitCode?: number): void;
  setAppUserModelId(id: string): void;
  readonly dock: { hide(): void } | undefined;
  on(event: 'second-instance', listener: () => void): unknown;
  on(event: 'before-quit', listener: (event: Preventable) => void): unknown;
  on(event: 'window-all-closed', listener: () => void): unknown;
}

export interface PowerMonitorPort {
  on(event: 'resume', listener: () => void): unknown;
  on(event: 'unlock-screen', listener: () => void): unknown;
  /** macOS and Linux: the system is about to shut down or reboot. */
  on(event: 'shutdown', listener: () => void): unknown;
}

/** Electron's `protocol`: schemes made privileged before ready, handlers (answering a Response) after. */
export interface ProtocolPort {
  registerSchemesAsPrivileged(customSchemes: CustomScheme[]): void;
  handle(scheme: string, handler: (request: Request) => Response | Promise<Response>): void;
  unhandle(scheme: string): void;
}

/** Timers, injectable so tests drive the once-a-minute refresh by hand. */
export interface IntervalPort {
  setInterval(fn: () => void, ms: number): unknown;
  clearInterval(handle: unknown): void;
}
