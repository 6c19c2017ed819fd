import { describe, expect, it } from 'vitest';
import { pathToFileURL } from 'node:url';
import type { HeadersReceivedResponse, OnHeadersReceivedListenerDetails } from 'electron';
import { CONTENT_SECURITY_POLICY, MainWindow, isExternalLink } from '../../src/main/window';
import { positionNearTray } from '../../src/main/position';
import { StubBrowserWindow, StubEvent } from './stubs/electron';

const RENDERER = '/opt/AWS Login Tray/resources/app.asar/dist/renderer/index.html';

function setup() {
  const windows: StubBrowserWindow[] = [];
  const opened: string[] = [];
  const sessionEnds: number[] = [];
  const mw = new MainWindow({
    createWindow: (options) => {
      const w = new StubBrowserWindow(options);
      windows.push(w);
      return w;
    },
    rendererFile: RENDERER,
    preloadPath: '/opt/app/dist/preload.cjs',
    openExternal: (url) => void opened.push(url),
    screen: { getDisplayNearestPoint: () => ({ workArea: { x: 0, y: 25, width: 1600, height: 875 } }) },
    onSessionEnd: () => void sessionEnds.push(1),
  });
  mw.show();
  return { mw, win: windows[0]!, windows, opened, sessionEnds };
}

const frameEvent = (sender: unknown, url: string, parent: unknown = null) => ({ sender, senderFrame: { url, parent } });

describe('MainWindow', () => {
  it('creates the window sandboxed, isolated, without Node, with the preload, and loads the renderer file', () => {
    const { win } = setup();
    expect(win.options.webPreferences).toMatchObject({
      contextIsolation: true,
      sandbox: true,
      nodeIntegration: false,
      nodeIntegrationInWorker: false,
      nodeIntegrationInSubFrames: false,
      webSecurity: true,
      allowRunningInsecureContent: false,
      webviewTag: false,
      preload: '/opt/app/dist/preload.cjs',
    });
    expect(win.options.show).toBe(false);
    expect(win.loaded).toEqual([RENDERER]);
    expect(win.visible).toBe(true);
  });

  it('blocks every navigation and opens only https links in the browser', () => {
    const { win, opened } = setup();
    for (const url of ['https://docs.aws.amazon.com/cli/', 'file:///etc/passwd', 'http://example.com/', 'javascript:alert(1)']) {
      const event = new StubEvent();
      win.webContents.emit('will-navigate', event, url);
      expect(event.defaultPrevented).toBe(true);
      const redirect = new StubEvent();
      win.webContents.emit('will-redirect', redirect, url);
      expect(redirect.defaultPrevented).toBe(true);
    }
    expect(opened).toEqual(['https://docs.aws.amazon.com/cli/', 'https://docs.aws.amazon.com/cli/']);
  });

  it('denies every window.open', () => {
    const { win, opened } = setup();
    expect(win.webContents.openHandler!({ url: 'https://console.aws.amazon.com/' })).toEqual({ action: 'deny' });
    expect(win.webContents.openHandler!({ url: 'file:///tmp/x.html' })).toEqual({ action: 'deny' });
    expect(opened).toEqual(['https://console.aws.amazon.com/']);
  });

  it('adds the Content-Security-Policy header to responses', () => {
    const { win } = setup();
    let response: HeadersReceivedResponse | null = null;
    const details = { responseHeaders: { 'Content-Type': ['text/html'] } } as unknown as OnHeadersReceivedListenerDetails;
    win.webContents.session.webRequest.headersListener!(details, (r) => void (response = r));
    expect(response).toEqual({ responseHeaders: { 'Content-Type': ['text/html'], 'Content-Security-Policy': [CONTENT_SECURITY_POLICY] } });
    expect(CONTENT_SECURITY_POLICY).toContain("default-src 'none'");
    expect(CONTENT_SECURITY_POLICY).not.toContain('unsafe');
  });

  it('hides instead of closing, until the app quits', () => {
    const { mw, win } = setup();
    const close = new StubEvent();
    win.emit('close', close);
    expect(close.defaultPrevented).toBe(true);
    expect(win.visible).toBe(false);
    mw.allowClose();
    const last = new StubEvent();
    win.emit('close', last);
    expect(last.defaultPrevented).toBe(false);
  });

  it('lets Windows shut down or log off: on session-end it cleans up and no longer refuses to close', () => {
    const { win, sessionEnds } = setup();
    win.emit('session-end', {});
    expect(sessionEnds).toEqual([1]);
    const close = new StubEvent();
    win.emit('close', close);
    expect(close.defaultPrevented).toBe(false);
  });

  it('creates one window and reuses it', () => {
    const { mw, windows } = setup();
    mw.hide();
    mw.show();
    expect(windows.length).toBe(1);
  });

  it('trusts only its own page in the main frame of its own window', () => {
    const { mw, win } = setup();
    const ours = pathToFileURL(RENDERER).href;
    expect(mw.isTrustedSender(frameEvent(win.webContents, ours))).toBe(true);
    expect(mw.isTrustedSender(frameEvent(win.webContents, `${ours}#settings`))).toBe(true);
    expect(mw.isTrustedSender(frameEvent({}, ours))).toBe(false);
    expect(mw.isTrustedSender(frameEvent(win.webContents, 'https://evil.example/index.html'))).toBe(false);
    expect(mw.isTrustedSender(frameEvent(win.webContents, 'file:///tmp/index.html'))).toBe(false);
    expect(mw.isTrustedSender(frameEvent(win.webContents, ours, { url: ours }))).toBe(false);
    expect(mw.isTrustedSender({ sender: win.webContents, senderFrame: null })).toBe(false);
  });

  it('places the window next to the tray icon', () => {
    const { mw, win } = setup();
    mw.show({ x: 1500, y: 0, width: 24, height: 24 });
    expect(win.position).toEqual([1600 - 440 - 8, 25 + 8]);
  });
});

describe('positionNearTray', () => {
  const work = { x: 0, y: 0, width: 1920, height: 1040 };
  const size = { width: 400, height: 500 };
  it('centres under a top-bar icon and above a bottom-taskbar icon, inside the work area', () => {
    expect(positionNearTray({ x: 800, y: 0, width: 20, height: 22 }, size, { ...work, y: 22 })).toEqual({ x: 610, y: 30 });
    expect(positionNearTray({ x: 1800, y: 1040, width: 40, height: 40 }, size, work)).toEqual({ x: 1512, y: 532 });
  });
  it('uses the top-right corner when the tray reports no bounds', () => {
    expect(positionNearTray({ x: 0, y: 0, width: 0, height: 0 }, size, work)).toEqual({ x: 1512, y: 8 });
  });
});

describe('isExternalLink', () => {
  it('accepts https only', () => {
    expect(isExternalLink('https://aws.amazon.com')).toBe(true);
    expect(isExternalLink('http://aws.amazon.com')).toBe(false);
    expect(isExternalLink('not a url')).toBe(false);
  });
});
