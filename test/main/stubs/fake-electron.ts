/**
 * A stand-in for the whole `electron` module, bundled by test/main/index.test.ts as
 * node_modules/electron so the real src/main/index.ts runs under plain Node. Once the tray shows
 * a profile it prints one JSON line describing what the wiring did, then quits the app.
 */
import type { NotificationConstructorOptions, Point } from 'electron';
import type { BrowserWindowConstructorOptions } from 'electron';
import { Emitter, StubApp, StubBrowserWindow, StubIpcMain, StubMenuFactory, StubPowerMonitor, StubProtocol, StubTray, StubWebContents } from './electron';

class FakeApp extends StubApp {
  readonly isPackaged = false;
  readonly paths: Record<string, string> = {};
  private ready = false;
  setPath(name: string, path: string): void {
    this.paths[name] = path;
  }
  getAppPath(): string {
    return process.cwd();
  }
  isReady(): boolean {
    return this.ready;
  }
  async whenReady(): Promise<void> {
    this.ready = true;
  }
}

export const app = new FakeApp();
export const Menu = new StubMenuFactory();
export const ipcMain = new StubIpcMain();
export const powerMonitor = new StubPowerMonitor();
export const protocol = new StubProtocol(app);
export const screen = { getDisplayNearestPoint: (_p: Point) => ({ workArea: { x: 0, y: 0, width: 1600, height: 900 } }) };
export const shell = { openExternal: async (_url: string) => undefined };
export const contextBridge = { exposeInMainWorld: () => undefined };
export const ipcRenderer = new Emitter();

const trays: StubTray[] = [];
export class Tray extends StubTray {
  constructor(image: string) {
    super(image);
    trays.push(this);
  }
}
export class BrowserWindow extends StubBrowserWindow {
  constructor(options: BrowserWindowConstructorOptions) {
    super(options, protocol);
  }
}
export class Notification extends Emitter {
  static isSupported(): boolean {
    return false;
  }
  constructor(readonly options: NotificationConstructorOptions) {
    super();
  }
  show(): void {}
  close(): void {}
}

async function drive(): Promise<void> {
  const menu = trays[0]?.menu?.template ?? [];
  if (!menu.some((item) => item.label?.startsWith('prod'))) {
    setTimeout(() => void drive(), 20);
    return;
  }
  const stranger = { sender: new StubWebContents(), senderFrame: { url: 'https://evil.example/', parent: null } };
  const refused = await ipcMain.invoke(stranger, 'status:get').then(
    (r) => ((r as { ok: boolean; error?: { message: string } }).ok ? 'answered' : r && (r as { error: { message: string } }).error.message),
    (e: Error) => `threw: ${e.message}`,
  );
  const page = await protocol.request('app://tray/index.html');
  const report = {
    paths: app.paths,
    image: trays[0]!.images.at(-1),
    menu: menu.map((i) => (i.type === 'separator' ? '---' : i.label)),
    channels: [...ipcMain.handlers.keys()].sort(),
    powerEvents: ['resume', 'unlock-screen'].map((e) => powerMonitor.count(e)),
    singleInstanceListeners: app.count('second-instance'),
    refused,
    privileged: protocol.privileged,
    page: { status: page.status, type: page.headers.get('content-type'), csp: page.headers.get('content-security-policy'), text: await page.text() },
    outside: (await protocol.request('app://tray/..%2fmain.cjs')).status,
  };
  process.stdout.write(`${JSON.stringify(report)}\n`);
  app.on('will-quit', () => process.stdout.write('QUIT\n'));
  app.quit();
}
setTimeout(() => void drive(), 0);
