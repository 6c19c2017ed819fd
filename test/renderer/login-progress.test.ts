import { readFileSync } from 'node:fs';
import type { Page } from 'playwright-core';
import { describe, expect, it } from 'vitest';
import { fakeAwsCalls, FAKE_SESSION, makeAwsSandbox } from '../support/fake-aws';
import { useBrowserSuite } from '../support/preview-browser';
import { processAlive } from '../support/process-alive';

const CONFIG = '[profile dev]\nregion = eu-west-1\n\n[profile ops]\nregion = us-east-1\n';
const suite = useBrowserSuite();
const row = (page: Page, name: string) => page.getByRole('listitem').filter({ has: page.locator(`.profile-name:text-is("${name}")`) });

/** The code the fake's "browser" would show for a --remote URL: base64 of code=…&state=<the URL's state>. */
function codeFor(url: string): string {
  const state = new URL(url).searchParams.get('state');
  return Buffer.from(`code=authcode-remote&state=${state}`).toString('base64');
}

describe('a login in progress, in the window', () => {
  it('shows the URL aws login printed (a link and Copy), and Cancel ends the whole aws process', async () => {
    const sandbox = makeAwsSandbox(CONFIG, { FAKE_AWS_MODE: 'hang' });
    const { page, preview } = await suite.open(sandbox);
    await page.context().grantPermissions(['clipboard-read', 'clipboard-write'], { origin: `http://127.0.0.1:${preview.port}` });
    suite.watch(page);
    await row(page, 'dev').getByRole('button', { name: 'Log in to dev' }).click();

    const link = row(page, 'dev').getByRole('link');
    await expect.poll(() => link.getAttribute('href'), { timeout: 15_000 }).toMatch(/^http:\/\/127\.0\.0\.1:\d+\/v1\/authorize\?response_type=code&client_id=arn%3Aaws%3Asignin%3A%3A%3Adevtools%2Fsame-device&/);
    const url = (await link.getAttribute('href'))!;
    expect(await link.textContent()).toBe(url);
    expect(await link.getAttribute('target')).toBe('_blank');
    expect(await link.getAttribute('rel')).toContain('noopener');
    expect(await row(page, 'dev').getByRole('status').first().textContent()).toContain('Finish signing in in your browser');

    await row(page, 'dev').getByRole('button', { name: 'Copy the sign-in link for dev' }).click();
    await expect.poll(() => row(page, 'dev').getByRole('button', { name: 'Copy the sign-in link for dev' }).textContent()).toBe('Copied');
    expect(await page.evaluate(() => navigator.clipboard.readText())).toBe(url);

    const [call] = fakeAwsCalls(sandbox.logFile, 'login');
    expect(processAlive(call!.pid)).toBe(true);
    await row(page, 'dev').getByRole('button', { name: 'Cancel the login to dev' }).click();
    await expect.poll(() => row(page, 'dev').getByRole('link').count(), { timeout: 15_000 }).toBe(0);
    await expect.poll(() => processAlive(call!.pid), { timeout: 10_000 }).toBe(false);
    expect(await row(page, 'dev').getByRole('button', { name: 'Log in to dev' }).isEnabled()).toBe(true);
    // Cancelled on purpose: no error box, and focus stays on the row (its Log in button).
    expect(await row(page, 'dev').getByRole('alert').count()).toBe(0);
    expect(await page.evaluate(() => document.activeElement?.getAttribute('aria-label'))).toBe('Log in to dev');
    // A new login starts a new aws (the cancelled one left no lock behind).
    await row(page, 'dev').getByRole('button', { name: 'Log in to dev' }).click();
    await expect.poll(() => fakeAwsCalls(sandbox.logFile, 'login').length, { timeout: 10_000 }).toBe(2);
    await row(page, 'dev').getByRole('button', { name: 'Cancel the login to dev' }).click();
    await expect.poll(() => processAlive(fakeAwsCalls(sandbox.logFile, 'login')[1]!.pid), { timeout: 10_000 }).toBe(false);
  });

  it('signs in from another device: the --remote URL, then the code typed into the field reaches aws login', async () => {
    const sandbox = makeAwsSandbox(CONFIG, { FAKE_AWS_MODE: 'hang' });
    const { page } = await suite.open(sandbox);
    suite.watch(page);
    await row(page, 'dev').getByRole('button', { name: 'Log in to dev' }).click();
    await row(page, 'dev').getByRole('button', { name: 'Sign in to dev on another device' }).click();
    const codeField = row(page, 'dev').getByRole('textbox', { name: 'Code from the browser for dev' });
    await codeField.waitFor({ timeout: 15_000 });
    const url = (await row(page, 'dev').getByRole('link').getAttribute('href'))!;
    expect(url).toContain('cross-device');
    expect(fakeAwsCalls(sandbox.logFile, 'login').map((c) => c.argv)).toEqual([
      ['login', '--profile', 'dev'],
      ['login', '--profile', 'dev', '--remote'],
    ]);
    expect(processAlive(fakeAwsCalls(sandbox.logFile, 'login')[0]!.pid)).toBe(false);
    await codeField.fill(codeFor(url));
    await row(page, 'dev').getByRole('button', { name: 'Send the code for dev' }).click();
    await expect.poll(() => row(page, 'dev').textContent(), { timeout: 15_000 }).toContain('Active');
    expect(readFileSync(sandbox.configFile, 'utf8')).toContain(`login_session = ${FAKE_SESSION}`);
  });

  it('a wrong code ends that login with the CLI\'s reason, shown in the row', async () => {
    const sandbox = makeAwsSandbox(CONFIG, { FAKE_AWS_MODE: 'hang' });
    const { page } = await suite.open(sandbox);
    suite.watch(page, (text) => text.includes('status of 400'));
    await row(page, 'dev').getByRole('button', { name: 'Log in to dev' }).click();
    await row(page, 'dev').getByRole('button', { name: 'Sign in to dev on another device' }).click();
    const codeField = row(page, 'dev').getByRole('textbox', { name: 'Code from the browser for dev' });
    await codeField.waitFor({ timeout: 15_000 });
    await codeField.fill('bm90LXRoZS1yaWdodC1zdGF0ZQ==');
    await codeField.press('Enter');
    await expect.poll(() => row(page, 'dev').getByRole('alert').textContent(), { timeout: 15_000 }).toContain('Failed to decode the verification code.');
    expect(await row(page, 'dev').getByRole('button', { name: 'Log in to dev' }).isEnabled()).toBe(true);
  });
});
