import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { FAKE_SESSION, makeAwsSandbox } from '../support/fake-aws';
import { openWindow, startSandboxPreview, useBrowserSuite, type RunningPreview } from '../support/preview-browser';

const suite = useBrowserSuite();
let preview: RunningPreview;

beforeAll(async () => {
  preview = await startSandboxPreview(makeAwsSandbox(`[profile dev]\nregion = eu-west-1\nlogin_session = ${FAKE_SESSION}\n`), suite.rendererDir());
});
afterAll(async () => {
  await preview?.close();
});

/** Opens /api/events from the page with the given token header: its HTTP status. */
const tryEvents = (page: Page, token: string | null): Promise<number> =>
  page.evaluate(async (t) => {
    const controller = new AbortController();
    const r = await fetch('/api/events', { headers: t === null ? {} : { 'x-preview-token': t }, signal: controller.signal });
    controller.abort();
    return r.status;
  }, token);

const tokenOf = (url: string): string => new URLSearchParams(new URL(url).hash.slice(1)).get('token')!;

describe('the preview in a browser, with its access token', () => {
  it('opens from the printed link: the token leaves the address bar, no cookie is set, and a reload keeps working', async () => {
    const page = suite.track(await openWindow(suite.browser(), preview.url));
    await expect.poll(() => page.locator('.list').textContent()).toContain('dev');
    expect(page.url()).toBe(`http://127.0.0.1:${preview.port}/`);
    expect(await page.context().cookies()).toEqual([]);
    expect(await tryEvents(page, tokenOf(preview.url))).toBe(200);
    await page.reload();
    await expect.poll(() => page.locator('.list').textContent()).toContain('dev');
    expect(await page.locator('.load-error').count()).toBe(0);
  });

  it('opens the event stream with the token in its header', async () => {
    const page = suite.track(await openWindow(suite.browser(), preview.url));
    await expect.poll(() => page.locator('.list').textContent()).toContain('dev');
    const requests: string[] = [];
    page.on('request', (r) => void (r.url().endsWith('/api/events') && requests.push(r.headers()['x-preview-token'] ?? 'none')));
    await page.reload();
    await expect.poll(() => requests.length).toBeGreaterThan(0);
    expect(requests.every((t) => t === tokenOf(preview.url))).toBe(true);
  });

  it('without the token the page loads but its API answers 401, and the window says which link to open', async () => {
    const page = suite.track(await openWindow(suite.browser(), `http://127.0.0.1:${preview.port}/`));
    const error = page.locator('.load-error');
    await expect.poll(() => error.textContent()).toContain("did not carry the preview's access token");
    expect(await error.textContent()).toContain('npm run preview');
    expect(await tryEvents(page, null)).toBe(401);
  });

  it('a link with a wrong token gets a 401 from the API and sets no cookie', async () => {
    const page = suite.track(await openWindow(suite.browser(), `http://127.0.0.1:${preview.port}/#token=${'x'.repeat(43)}`));
    await expect.poll(() => page.locator('.load-error').textContent()).toContain('access token');
    expect(await page.context().cookies()).toEqual([]);
  });
});
