import type { BrowserWindowConstructorOptions, Rectangle } from 'electron';
import { APP_NAME } from '../core/tray-model';
import type { BrowserWindowFactory, BrowserWindowPort, InvokeEventLike, ScreenPort } from './electron-ports';
import { positionNearTray } from './position';

/**
 * Sent as a response header (by the app: protocol, see app-protocol.ts) on top of the renderer's own
 * meta tag: 'self' is app://tray only; no remote code, no plug-ins, no network (the window talks to
 * the app only through the preload's IPC methods).
 */
export const CONTENT_SECURITY_POLICY =
  "default-src 'none'; script-src 'self'; style-src 'self'; img-src 'self' data:; font-src 'self'; " +
  "connect-src 'none'; object-src 'none'; base-uri 'none'; form-action 'none'; frame-ancestors 'none'";

/** The hardened options every window of the app is created with. */
export function secureWindowOptions(preloadPath: string): BrowserWindowConstructorOptions {
  return {
    width: 440,
    height: 600,
    minWidth: 360,
    minHeight: 400,
    show: false,
    title: APP_NAME,
    autoHideMenuBar: true,
    webPreferences: {
      preload: preloadPath,
      contextIsolation: true,
      sandbox: true,
      nodeIntegration: false,
      nodeIntegrationInWorker: false,
      nodeIntegrationInSubFrames: false,
      webSecurity: true,
      allowRunningInsecureContent: false,
      webviewTag: false,
      spellcheck: false,
    },
  };
}

export interface WindowDeps {
  createWindow: BrowserWindowFactory;
  /** The page, served by the app: protocol (RENDERER_URL, app://tray/index.html). */
  rendererUrl: string;
  /** dist/preload.cjs */
  preloadPath: string;
  /** shell.openExternal: only ever given https URLs. */
  openExternal(url: string): void;
  screen: ScreenPort | null;
  /** Windows is ending the session (shutdown, restart, log-off): clean up now, no before-quit follows. */
  onSessionEnd?(): void;
}

/** Only https links leave the app, and only to the person's browser. */
export function isExternalLink(url: string): boolean {
  try {
    return new URL(url).protocol === 'https:';
  } catch {
    return false;
  }
}

/** The app's one window: created on first use, hidden instead of closed, locked to its own page. */
export class MainWindow {
  private win: BrowserWindowPort | null = null;
  private quitting = false;
  private readonly rendererUrl: string;

  constructor(private readonly deps: WindowDeps) {
    this.rendererUrl = new URL(deps.rendererUrl).href;
  }

  /** Shows (creating if needed) the window, next to the tray icon when its bounds are known. */
  show(trayBounds?: Rectangle): void {
    const win = this.ensure();
    if (trayBounds && this.deps.screen) {
      const [width = 440, height = 600] = win.getSize();
      const { workArea } = this.deps.screen.getDisplayNearestPoint({ x: trayBounds.x, y: trayBounds.y });
      const { x, y } = positionNearTray(trayBounds, { width, height }, workArea);
      win.setPosition(x, y);
    }
    win.show();
    win.focus();
  }

  hide(): void {
    if (this.win && !this.win.isDestroyed()) this.win.hide();
  }

  /** True only for a request from our own page in the main frame of our own window. */
  isTrustedSender(event: InvokeEventLike): boolean {
    const win = this.win;
    if (!win || win.isDestroyed() || event.sender !== win.webContents) return false;
    const frame = event.senderFrame;
    if (!frame || frame.parent !== null) return false;
    try {
      const url = new URL(frame.url);
      url.hash = '';
      url.search = '';
      return url.href === this.rendererUrl;
    } catch {
      return false;
    }
  }

  /** Pushes an event to the page, if the window exists. */
  send(channel: string, payload: unknown): void {
    const wc = this.win?.webContents;
    if (wc && !wc.isDestroyed()) wc.send(channel, payload);
  }

  /** Called on quit: from now on, closing the window really closes it. */
  allowClose(): void {
    this.quitting = true;
  }

  private ensure(): BrowserWindowPort {
    if (this.win && !this.win.isDestroyed()) return this.win;
    const win = this.deps.createWindow(secureWindowOptions(this.deps.preloadPath));
    const wc = win.webContents;
    wc.session.webRequest.onHeadersReceived((details, callback) => {
      callback({ responseHeaders: { ...details.responseHeaders, 'Content-Security-Policy': [CONTENT_SECURITY_POLICY] } });
    });
    const blockNavigation = (event: { preventDefault(): void }, url: string) => {
      event.preventDefault();
      if (isExternalLink(url)) this.deps.openExternal(url);
    };
    wc.on('will-navigate', blockNavigation);
    wc.on('will-redirect', blockNavigation);
    wc.setWindowOpenHandler(({ url }) => {
      if (isExternalLink(url)) this.deps.openExternal(url);
      return { action: 'deny' };
    });
    win.on('close', (event) => {
      if (this.quitting) return;
      event.preventDefault();
      win.hide();
    });
    win.on('session-end', () => {
      this.quitting = true; // a hidden window that refuses to close would hold up the shutdown
      this.deps.onSessionEnd?.();
    });
    void win.loadURL(this.rendererUrl);
    this.win = win;
    return win;
  }
}
