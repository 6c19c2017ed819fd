import { cpSync, mkdirSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { build } from 'esbuild';
import { chromium, type Browser, type Page } from 'playwright-core';
import { afterAll, afterEach, beforeAll, expect } from 'vitest';
import type { Platform } from '../../src/core/ports';
import { createTrayService, type TrayServiceDeps } from '../../src/node/tray-service';
import { startPreviewServer } from '../../src/preview/server';
import type { AwsSandbox } from './fake-aws';

const ROOT = join(__dirname, '..', '..');

/** Flags that keep Debian's Chromium quiet and offline in CI. */
export const CHROMIUM_ARGS = ['--headless', '--no-sandbox', '--disable-gpu', '--disable-background-networking', '--disable-component-update', '--no-first-run'];

/** Launches /usr/bin/chromium headless. */
export function launchChromium(): Promise<Browser> {
  return chromium.launch({ executablePath: '/usr/bin/chromium', args: CHROMIUM_ARGS });
}

/**
 * Builds the window into a fresh temp folder (like scripts/build.mjs does for dist/renderer), so
 * tests never race another `npm run build` that wipes dist/.
 */
export async function buildRenderer(out = mkdtempSync(join(tmpdir(), 'alt-renderer-'))): Promise<string> {
  mkdirSync(out, { recursive: true });
  await build({ bundle: true, platform: 'browser', target: 'es2022', format: 'iife', entryPoints: [join(ROOT, 'src/renderer/app.ts')], outfile: join(out, 'app.js'), logLevel: 'silent' });
  for (const f of ['index.html', 'styles.css']) cpSync(join(ROOT, 'src/renderer', f), join(out, f));
  return out;
}

/** A running preview (the real server and tray service, in this process) on a free port. */
export interface RunningPreview {
  /** The link `npm run preview` prints (`http://127.0.0.1:PORT/#token=...`): opening it gives the page its access token. */
  url: string;
  port: number;
  close(): Promise<void>;
}

/** The tray service as the preview serves it; `wrap` may decorate it. */
type Service = ReturnType<typeof createTrayService>;

/** Starts the preview server against a fake-aws sandbox; `deps` overrides tray-service dependencies. */
export async function startSandboxPreview(sandbox: AwsSandbox, rendererDir: string, deps: Partial<TrayServiceDeps> = {}, wrap: (s: Service) => Service = (s) => s): Promise<RunningPreview> {
  const service = wrap(createTrayService({ env: sandbox.env, platform: process.platform as Platform, homeDir: sandbox.home, ...deps }));
  const server = await startPreviewServer({ port: 0, rendererDir, api: service });
  return {
    url: server.url,
    port: server.port,
    close: async () => {
      service.close();
      await server.close();
    },
  };
}

/** Opens `url` (normally the printed token link) in a new page and waits until the profile list, the empty state or a load error is shown. */
export async function openWindow(browser: Browser, url: string, colorScheme: 'light' | 'dark' = 'light'): Promise<Page> {
  const page = await browser.newPage({ viewport: { width: 420, height: 640 }, colorScheme });
  await page.goto(url);
  await page.locator('.list, .empty, .load-error').first().waitFor();
  return page;
}

/** The browser, the built window and what a test opened, shared by every test of one file. */
export interface BrowserSuite {
  browser(): Browser;
  rendererDir(): string;
  /** Closes `thing` (a page, a preview) after the current test, the last tracked first. */
  track<T extends { close(): Promise<void> }>(thing: T): T;
  /** Records the page's script errors and console errors (CSP violations land there) that `ignore` does not accept; any fails the test. */
  watch(page: Page, ignore?: (consoleText: string) => boolean): Page;
  /** Starts a sandbox preview (see startSandboxPreview) and opens its window; both are closed after the test. */
  open(sandbox: AwsSandbox, deps?: Partial<TrayServiceDeps>, wrap?: (s: Service) => Service): Promise<{ preview: RunningPreview; page: Page }>;
}

/**
 * Registers the file's hooks: launch Chromium and build the window once; after each test, close
 * what it tracked and fail it on any problem a watched page had.
 */
export function useBrowserSuite(): BrowserSuite {
  let browser: Browser | undefined;
  let rendererDir: string | undefined;
  const tracked: { close(): Promise<void> }[] = [];
  const problems: string[] = [];
  beforeAll(async () => {
    [browser, rendererDir] = await Promise.all([launchChromium(), buildRenderer()]);
  });
  afterAll(async () => {
    await browser?.close();
    if (rendererDir) rmSync(rendererDir, { recursive: true, force: true });
  });
  afterEach(async () => {
    const seen = problems.splice(0);
    for (const thing of tracked.splice(0).reverse()) await thing.close();
    expect(seen).toEqual([]);
  });
  const suite: BrowserSuite = {
    browser: () => browser!,
    rendererDir: () => rendererDir!,
    track: (thing) => (tracked.push(thing), thing),
    watch(page, ignore = () => false) {
      page.on('pageerror', (e) => problems.push(e.message));
      page.on('console', (m) => void (m.type() === 'error' && !ignore(m.text()) && problems.push(m.text())));
      return page;
    },
    async open(sandbox, deps = {}, wrap) {
      const preview = suite.track(await startSandboxPreview(sandbox, suite.rendererDir(), deps, wrap));
      const page = suite.track(await openWindow(suite.browser(), preview.url));
      return { preview, page };
    },
  };
  return suite;
}
