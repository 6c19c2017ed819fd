import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import type { HeadersReceivedResponse, OnHeadersReceivedListenerDetails } from 'electron';
import { RENDERER_URL } from '../../src/core/app-url';
import { APP_SCHEME_PRIVILEGES, registerAppScheme, serveRenderer } from '../../src/main/app-protocol';
import { CONTENT_SECURITY_POLICY, MainWindow, isExternalLink } from '../../src/main/window';
import { positionNearTray } from '../../src/main/position';
import { StubBrowserWindow, StubEvent, StubProtocol } from './stubs/electron';

function setup(protocol: StubProtocol | null = null) {
  const windows: StubBrowserWindow[] = [];
  const opened: string[] = [];
  const sessionEnds: number[] = [];
  const mw = new MainWindow({
    createWindow: (options) => {
      const w = new StubBrowserWindow(options, protocol);
      windows.push(w);
      return w;
    },
    rendererUrl: RENDERER_URL,
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
  it('creates the window sandboxed, isolated, without Node, with the preload, and loads the page from app://tray/', () => {
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
    expect(win.loaded).toEqual(['app://tray/index.html']);
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

  it('the page\'s own policy (its meta tag, also used by the preview) allows nothing from file: and nothing unsafe', () => {
    const html = readFileSync(join(__dirname, '../../src/renderer/index.html'), 'utf8');
    const meta = /<meta http-equiv="Content-Security-Policy" content="([^"]+)"/.exec(html)?.[1] ?? '';
    expect(meta).toMatch(/^default-src 'none';/);
    expect(meta).not.toMatch(/file:|unsafe|\*/);
    for (const policy of [meta, CONTENT_SECURITY_POLICY]) expect(policy).toContain("script-src 'self'");
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
    const ours = 'app://tray/index.html';
    expect(mw.isTrustedSender(frameEvent(win.webContents, ours))).toBe(true);
    expect(mw.isTrustedSender(frameEvent(win.webContents, `${ours}#settings`))).toBe(true);
    expect(mw.isTrustedSender(frameEvent({}, ours))).toBe(false);
    expect(mw.isTrustedSender(frameEvent(win.webContents, 'https://evil.example/index.html'))).toBe(false);
    expect(mw.isTrustedSender(frameEvent(win.webContents, 'file:///tmp/index.html'))).toBe(false);
    // The built page opened as a file (the old way) or another page of the scheme is not ours either.
    expect(mw.isTrustedSender(frameEvent(win.webContents, 'file:///opt/app/dist/renderer/index.html'))).toBe(false);
    expect(mw.isTrustedSender(frameEvent(win.webContents, 'app://tray/other.html'))).toBe(false);
    expect(mw.isTrustedSender(frameEvent(win.webContents, 'app://evil/index.html'))).toBe(false);
    expect(mw.isTrustedSender(frameEvent(win.webContents, ours, { url: ours }))).toBe(false);
    expect(mw.isTrustedSender({ sender: win.webContents, senderFrame: null })).toBe(false);
  });

  it('places the window next to the tray icon', () => {
    const { mw, win } = setup();
    mw.show({ x: 1500, y: 0, width: 24, height: 24 });
    expect(win.position).toEqual([1600 - 440 - 8, 25 + 8]);
  });
});

describe('the app: protocol, wired as src/main/index.ts and start.ts do', () => {
  const renderer = () => {
    const dir = mkdtempSync(join(tmpdir(), 'alt-window-'));
    writeFileSync(join(dir, 'index.html'), '<!doctype html><title>AWS Login Tray</title>');
    writeFileSync(join(dir, 'app.js'), 'void 0;');
    return dir;
  };

  it('makes app: standard and secure before ready, serves the page after, and the window loads it with the CSP header', async () => {
    const app = { ready: false, isReady() { return this.ready; } };
    const protocol = new StubProtocol(app);
    registerAppScheme(protocol);
    expect(protocol.privileged).toEqual([{ scheme: 'app', privileges: { standard: true, secure: true } }]);
    expect(APP_SCHEME_PRIVILEGES).not.toHaveProperty('bypassCSP');
    app.ready = true;
    const unserve = serveRenderer(protocol, renderer(), { 'Content-Security-Policy': CONTENT_SECURITY_POLICY });
    const { win } = setup(protocol);
    await expect.poll(() => win.responses.length).toBe(1);
    const page = win.responses[0]!;
    expect(page.status).toBe(200);
    expect(page.headers.get('content-type')).toBe('text/html; charset=utf-8');
    expect(page.headers.get('content-security-policy')).toBe(CONTENT_SECURITY_POLICY);
    expect(await page.text()).toContain('<title>AWS Login Tray</title>');
    expect((await protocol.request('app://tray/app.js')).headers.get('content-type')).toBe('text/javascript; charset=utf-8');
    expect((await protocol.request('app://tray/..%2f..%2fetc%2fpasswd')).status).toBe(400);
    unserve();
    await expect(protocol.request(RENDERER_URL)).rejects.toThrow(/ERR_UNKNOWN_URL_SCHEME/);
  });

  it('fails as Electron does when the order is wrong: privileges after ready, a handler before ready or twice', () => {
    const app = { ready: true, isReady() { return this.ready; } };
    expect(() => registerAppScheme(new StubProtocol(app))).toThrow('protocol.registerSchemesAsPrivileged should be called before app is ready');
    app.ready = false;
    expect(() => serveRenderer(new StubProtocol(app), renderer(), {})).toThrow('Session can only be received when app is ready');
    app.ready = true;
    const protocol = new StubProtocol(app);
    serveRenderer(protocol, renderer(), {});
    expect(() => serveRenderer(protocol, renderer(), {})).toThrow('Failed to register protocol: app');
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
