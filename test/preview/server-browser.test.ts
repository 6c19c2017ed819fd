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

/** Opens /api/events from the page, as the window does: 'open' when the server accepts it. */
const tryEvents = (page: Page): Promise<string> =>
  page.evaluate(() => new Promise<string>((resolve) => {
    const source = new EventSource('/api/events');
    source.onopen = () => (source.close(), resolve('open'));
    source.onerror = () => (source.close(), resolve('refused'));
  }));

describe('the preview in a browser, with its access token', () => {
  it('opens from the printed link: the token moves into an HttpOnly cookie and out of the address bar', async () => {
    const page = suite.track(await openWindow(suite.browser(), preview.url));
    await expect.poll(() => page.locator('.list').textContent()).toContain('dev');
    expect(page.url()).toBe(`http://127.0.0.1:${preview.port}/`);
    expect(await page.evaluate(() => document.cookie)).toBe('');
    const cookies = await page.context().cookies();
    expect(cookies.map((c) => [c.name, c.httpOnly, c.sameSite, c.path])).toEqual([[`alt-preview-${preview.port}`, true, 'Strict', '/']]);
    expect(await tryEvents(page)).toBe('open');
  });

  it('without the token the page loads but its API answers 401, and the window says which link to open', async () => {
    const page = suite.track(await openWindow(suite.browser(), `http://127.0.0.1:${preview.port}/`));
    const error = page.locator('.load-error');
    await expect.poll(() => error.textContent()).toContain("did not carry the preview's access token");
    expect(await error.textContent()).toContain('npm run preview');
    expect(await tryEvents(page)).toBe('refused');
  });

  it('a link with a wrong token sets no cookie', async () => {
    const page = suite.track(await suite.browser().newPage());
    const response = await page.goto(`http://127.0.0.1:${preview.port}/?token=${'x'.repeat(43)}`);
    expect(response!.status()).toBe(401);
    expect(await page.context().cookies()).toEqual([]);
  });
});
