import { existsSync } from 'node:fs';
import { createHash } from 'node:crypto';
import { join } from 'node:path';
import { execFileSync } from 'node:child_process';
import type { Page } from 'playwright-core';
import { describe, expect, it } from 'vitest';
import { FAKE_AWS_PATH, fakeAwsCalls, FAKE_SESSION, makeAwsSandbox } from '../support/fake-aws';
import { useBrowserSuite } from '../support/preview-browser';

const OTHER = 'arn:aws:iam::210987654321:user/bob';
const CONFIG = [
  `[profile work]\nregion = eu-west-1\nlogin_session = ${FAKE_SESSION}\n`,
  `[profile work-copy]\nregion = eu-west-1\nlogin_session = ${FAKE_SESSION}\n`,
  '[profile sandbox]\ncredential_process = aws-login-tray credential-process --profile work\nregion = eu-west-1\n',
  `[profile solo]\nregion = us-east-1\nlogin_session = ${OTHER}\n`,
  '[profile dev]\ncredential_process = aws-login-tray credential-process --profile dev-signin\nregion = eu-west-1\n',
  '[profile dev-signin]\nregion = eu-west-1\n',
].join('');

const suite = useBrowserSuite();
const row = (page: Page, name: string) => page.getByRole('listitem').filter({ has: page.locator(`.profile-name:text-is("${name}")`) });
const cacheFile = (dir: string, session: string) => join(dir, `${createHash('sha256').update(session).digest('hex')}.json`);

async function setUp(): Promise<{ page: Page; sandbox: ReturnType<typeof makeAwsSandbox> }> {
  const sandbox = makeAwsSandbox(CONFIG);
  execFileSync(FAKE_AWS_PATH, ['login', '--profile', 'work'], { env: sandbox.env, stdio: 'ignore' });
  execFileSync(FAKE_AWS_PATH, ['login', '--profile', 'solo'], { env: { ...sandbox.env, FAKE_AWS_SESSION: OTHER }, stdio: 'ignore' });
  const { page } = await suite.open(sandbox);
  suite.watch(page);
  page.on('dialog', (d) => {
    void d.dismiss();
    throw new Error(`Unexpected dialog: ${d.message()}`);
  });
  return { page, sandbox };
}

describe('sessions, not rows', () => {
  it('shows profiles on one session as one entry, an auto-login profile with its sign-in profile, and counts sessions', async () => {
    const { page } = await setUp();
    // work, work-copy and sandbox are one session (shown as sandbox); dev and dev-signin one; solo one.
    await expect.poll(() => page.locator('section[aria-labelledby="group-sessions"] .profile-name').allTextContents()).toEqual(['sandbox', 'solo', 'dev']);
    expect(await row(page, 'sandbox').locator('.profile-meta').textContent()).toContain('One session with work-copy');
    expect(await row(page, 'sandbox').locator('.profile-meta').textContent()).toContain('via work');
    expect(await row(page, 'dev').locator('.profile-meta').textContent()).toContain('via dev-signin');
    expect(await page.locator('.titlebar .subtitle').textContent()).toBe('2 of 3 sessions signed in');
  });

  it('asks before a logout that ends more than the profile clicked, naming them; Cancel keeps them', async () => {
    const { page, sandbox } = await setUp();
    await row(page, 'sandbox').getByRole('button', { name: 'Log out of sandbox', exact: true }).click();
    const ask = row(page, 'sandbox').getByRole('group', { name: 'Log out of sandbox, work and work-copy?' });
    expect(await ask.textContent({ timeout: 3000 })).toContain('This also logs out work and work-copy: they share one session.');
    // Focus moves to the question's button; Cancel puts it back on Log out, and nothing ran.
    expect(await page.evaluate(() => document.activeElement?.getAttribute('aria-label'))).toBe('Log out of sandbox, work and work-copy');
    await row(page, 'sandbox').getByRole('button', { name: 'Keep sandbox logged in' }).click();
    expect(await ask.count()).toBe(0);
    expect(await page.evaluate(() => document.activeElement?.getAttribute('aria-label'))).toBe('Log out of sandbox');
    expect(fakeAwsCalls(sandbox.logFile, 'logout')).toHaveLength(0);

    await row(page, 'sandbox').getByRole('button', { name: 'Log out of sandbox', exact: true }).click();
    await row(page, 'sandbox').getByRole('button', { name: 'Log out of sandbox, work and work-copy' }).click();
    await expect.poll(() => row(page, 'sandbox').locator('.badge').textContent(), { timeout: 15_000 }).toBe('Logged out');
    expect(existsSync(cacheFile(sandbox.loginCacheDir, FAKE_SESSION))).toBe(false);
    expect(existsSync(cacheFile(sandbox.loginCacheDir, OTHER))).toBe(true);
    // A single-profile session logs out at once, no question.
    await row(page, 'solo').getByRole('button', { name: 'Log out of solo' }).click();
    await expect.poll(() => row(page, 'solo').locator('.badge').textContent(), { timeout: 15_000 }).toBe('Logged out');
  });

  it('Log out all asks, naming the signed-in sessions, and Cancel keeps them', async () => {
    const { page, sandbox } = await setUp();
    await page.getByRole('button', { name: 'Log out all' }).click();
    expect(await page.locator('.bottombar').getByRole('status').textContent()).toBe('Log out of all 2 signed-in sessions (sandbox and solo)?');
    await page.locator('.bottombar').getByRole('button', { name: 'Cancel' }).click();
    expect(fakeAwsCalls(sandbox.logFile, 'logout')).toHaveLength(0);
    await page.getByRole('button', { name: 'Log out all' }).click();
    await page.locator('[data-key="confirm-logout-all"]').click();
    await expect.poll(() => fakeAwsCalls(sandbox.logFile, 'logout').length, { timeout: 15_000 }).toBe(1);
    await expect.poll(() => row(page, 'solo').locator('.badge').textContent(), { timeout: 15_000 }).toBe('Logged out');
  });
});
