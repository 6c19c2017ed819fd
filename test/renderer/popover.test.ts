import { execFileSync } from 'node:child_process';
import type { Page } from 'playwright-core';
import { describe, expect, it } from 'vitest';
import { FAKE_AWS_PATH, makeAwsSandbox, type AwsSandbox } from '../support/fake-aws';
import { lowContrastText } from '../support/contrast';
import { openWindow, useBrowserSuite } from '../support/preview-browser';

const suite = useBrowserSuite();
const NAMES = ['dev', 'prod', 'staging', 'qa', 'data', 'ml', 'billing', 'audit', 'sandbox', 'tools', 'edge'];
const arn = (i: number) => `arn:aws:sts::${String(100000000000 + i)}:assumed-role/Dev/alice`;
const row = (page: Page, name: string) => page.getByRole('listitem').filter({ has: page.locator(`.profile-name:text-is("${name}")`) });

/** Eleven login profiles, all but the last two signed in, an SSO profile and a static-keys one. */
function bigSandbox(extraEnv: Record<string, string> = {}): AwsSandbox {
  const config = NAMES.map((n, i) => `[profile ${n}]\nregion = eu-west-1\nlogin_session = ${arn(i)}\n`).join('')
    + '[profile corp]\nsso_session = corp\nsso_account_id = 111122223333\nsso_role_name = ReadOnly\nregion = us-east-1\n[sso-session corp]\nsso_start_url = https://example.awsapps.com/start\nsso_region = us-east-1\n';
  const sandbox = makeAwsSandbox(config, extraEnv);
  NAMES.slice(0, -2).forEach((n, i) => execFileSync(FAKE_AWS_PATH, ['login', '--profile', n], { env: { ...sandbox.env, FAKE_AWS_MODE: 'ok', FAKE_AWS_SESSION: arn(i) }, stdio: 'ignore' }));
  return sandbox;
}

/** How many rows are fully visible in the list's scroll area without scrolling. */
function visibleRows(page: Page): Promise<number> {
  return page.evaluate(() => {
    const box = document.getElementById('content')!.getBoundingClientRect();
    return [...document.querySelectorAll('#content li')].filter((li) => {
      const r = li.getBoundingClientRect();
      return r.top >= box.top && r.bottom <= box.bottom;
    }).length;
  });
}

describe('the window as a tray popover', () => {
  it('shows 8 or more profiles in 400×600, and a filter from 10 profiles on', async () => {
    const sandbox = bigSandbox();
    const { preview } = await suite.open(sandbox);
    const page = suite.track(await suite.browser().newPage({ viewport: { width: 400, height: 600 } }));
    suite.watch(page);
    await page.goto(preview.url);
    await page.locator('.list').waitFor();
    await expect.poll(() => row(page, 'dev').locator('.badge').textContent()).toBe('Active');
    expect(await visibleRows(page)).toBeGreaterThanOrEqual(8);

    const filter = page.getByRole('searchbox', { name: 'Filter profiles' });
    expect(await filter.isVisible()).toBe(true);
    await filter.fill('ed');
    await expect.poll(() => page.locator('#content .profile-name').allTextContents()).toEqual(['edge']);
    await filter.fill('zzz');
    await expect.poll(() => page.locator('#content').textContent()).toContain('No profile matches “zzz”.');
    await filter.press('Escape');
    await expect.poll(() => page.locator('#content li').count()).toBe(NAMES.length + 1);
    // The filter keeps its caret and text across a status push (a re-render).
    await filter.pressSequentially('sta');
    await page.evaluate(() => window.dispatchEvent(new Event('focus')));
    await expect.poll(() => page.locator('#content .profile-name').allTextContents()).toEqual(['staging']);
    expect(await filter.inputValue()).toBe('sta');
    expect(await page.evaluate(() => document.activeElement?.getAttribute('aria-label'))).toBe('Filter profiles');
  });

  it('has no filter for a few profiles; Esc closes Settings and puts focus back on the gear', async () => {
    const sandbox = makeAwsSandbox('[profile dev]\nregion = eu-west-1\n');
    const { page } = await suite.open(sandbox);
    suite.watch(page);
    expect(await page.getByRole('searchbox', { name: 'Filter profiles' }).isVisible()).toBe(false);
    await page.getByRole('button', { name: 'Settings' }).click();
    await page.locator('form.settings').waitFor();
    await page.getByLabel('AWS CLI path').focus();
    await page.keyboard.press('Escape');
    await page.locator('.list').waitFor();
    expect(await page.evaluate(() => document.activeElement?.getAttribute('aria-label'))).toBe('Settings');
  });

  it('names every button with its profile', async () => {
    const sandbox = bigSandbox();
    const { page } = await suite.open(sandbox);
    suite.watch(page);
    await expect.poll(() => row(page, 'dev').locator('.badge').textContent()).toBe('Active');
    const names = await page.locator('#content button').evaluateAll((bs) => bs.map((b) => b.getAttribute('aria-label') ?? b.textContent));
    expect(names).toContain('Log out of dev');
    expect(names).toContain('Log in to edge');
    expect(names.filter((n) => n === 'Log in' || n === 'Log out')).toEqual([]);
  });

  for (const scheme of ['light', 'dark'] as const) {
    it(`keeps every text at 4.5:1 contrast or more (${scheme}), in the list, a login in progress and Settings`, async () => {
      const sandbox = bigSandbox({ FAKE_AWS_MODE: 'hang' });
      const { preview } = await suite.open(sandbox);
      const page = suite.track(await openWindow(suite.browser(), preview.url, scheme));
      suite.watch(page);
      await expect.poll(() => row(page, 'dev').locator('.badge').textContent()).toBe('Active');
      expect(await lowContrastText(page)).toEqual([]);
      await row(page, 'edge').getByRole('button', { name: 'Log in to edge' }).click();
      await row(page, 'edge').getByRole('link').waitFor({ timeout: 15_000 });
      await page.getByRole('button', { name: 'Log out all' }).click();
      expect(await lowContrastText(page)).toEqual([]);
      await row(page, 'edge').getByRole('button', { name: 'Cancel the login to edge' }).click();
      await page.locator('.bottombar').getByRole('button', { name: 'Cancel' }).click();
      await page.getByRole('button', { name: 'Settings' }).click();
      await page.locator('form.settings').waitFor();
      expect(await lowContrastText(page)).toEqual([]);
    });
  }
});
