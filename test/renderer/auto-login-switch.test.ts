import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import type { Page } from 'playwright-core';
import { describe, expect, it } from 'vitest';
import type { Platform } from '../../src/core/ports';
import { openAppStore } from '../../src/node/app-store';
import { createAutoLoginSwitch } from '../../src/node/auto-login-switch';
import { watchStatusFiles } from '../../src/node/tray-service';
import { FAKE_SESSION, makeAwsSandbox, type AwsSandbox } from '../support/fake-aws';
import { useBrowserSuite } from '../support/preview-browser';

const CONFIG = [
  `[profile dev]\nregion = eu-west-1\nlogin_session = ${FAKE_SESSION}\n`,
  `[profile corp]\nsso_session = corp\nsso_account_id = 111122223333\nsso_role_name = ReadOnly\nregion = us-east-1\n`,
  `[sso-session corp]\nsso_start_url = https://example.awsapps.com/start\nsso_region = us-east-1\n`,
  `[profile nowhere]\nlogin_session = arn:aws:sts::123456789012:assumed-role/Admin/carol\n`,
].join('\n');

const suite = useBrowserSuite();

/** The preview with the same switch the app wires (the Node helper runtime, on a helper file that exists). */
async function setUp(config = CONFIG): Promise<{ sandbox: AwsSandbox; page: Page }> {
  const sandbox = makeAwsSandbox(config);
  const helper = join(sandbox.root, 'helper.cjs');
  writeFileSync(helper, '');
  const platform = process.platform as Platform;
  const setAutoLogin = createAutoLoginSwitch({ env: sandbox.env, platform, homeDir: sandbox.home, launcherRuntime: { execPath: process.execPath, args: [helper] } });
  const store = openAppStore(sandbox.appHome);
  const platformWatch = watchStatusFiles(sandbox.env, platform, sandbox.home, store);
  const { page } = await suite.open(sandbox, { setAutoLogin, store, watch: platformWatch });
  suite.watch(page);
  return { sandbox, page };
}

const row = (page: Page, name: string) => page.getByRole('listitem').filter({ has: page.locator(`.profile-name:text-is("${name}")`) });

describe('the auto-login switch in the window', () => {
  it('turns a logged-out login profile into auto-login and back; the config file follows', async () => {
    const { sandbox, page } = await setUp();
    await expect.poll(() => row(page, 'dev').textContent()).toContain('Logged out');
    const devSwitch = row(page, 'dev').getByRole('switch', { name: 'Auto-login for dev' });
    expect(await devSwitch.isChecked()).toBe(false);

    await devSwitch.click();
    await expect.poll(() => row(page, 'dev').locator('.profile-meta').textContent()).toContain('Auto-login via dev-signin');
    expect(await row(page, 'dev').getByRole('switch').isChecked()).toBe(true);
    expect(await row(page, 'dev').getByRole('alert').count()).toBe(0);
    const enabled = readFileSync(sandbox.configFile, 'utf8');
    expect(enabled).toMatch(/\[profile dev\]\nregion = eu-west-1\ncredential_process = .*aws-login-tray-credential-process.* --profile dev-signin\n/);
    expect(enabled).toContain(`[profile dev-signin]\nlogin_session = ${FAKE_SESSION}\nregion = eu-west-1\n`);
    // The new sign-in profile is part of dev's entry (one session), not a row of its own.
    expect(await row(page, 'dev-signin').count()).toBe(0);

    await row(page, 'dev').getByRole('switch').click();
    await expect.poll(() => row(page, 'dev').getByRole('switch').isChecked()).toBe(false);
    expect(await row(page, 'dev').locator('.profile-meta').textContent()).not.toContain('Auto-login');
    expect(readFileSync(sandbox.configFile, 'utf8')).toBe(CONFIG);
  });

  it("offers no switch on a shell-recipe profile (it logs in by itself, but not through our helper: off would be refused), and says what it is", async () => {
    const recipe = `sh -c 'aws configure export-credentials --profile old-signin 2>/dev/null || (aws login --profile old-signin >/dev/null 2>&1 && aws configure export-credentials --profile old-signin)'`;
    const { page } = await setUp(`${CONFIG}\n[profile old]\nregion = eu-west-1\ncredential_process = ${recipe}\n\n[profile old-signin]\nregion = eu-west-1\n`);
    await expect.poll(() => row(page, 'old').textContent()).toContain('(shell recipe)');
    expect(await row(page, 'old').getByRole('switch').count()).toBe(0);
  });

  it('offers no switch on SSO profiles, and shows a refusal with its next step inline', async () => {
    const { sandbox, page } = await setUp();
    await expect.poll(() => row(page, 'corp').textContent()).toContain('IAM Identity Center (SSO)');
    expect(await row(page, 'corp').getByRole('switch').count()).toBe(0);

    await row(page, 'nowhere').getByRole('switch').click();
    const alert = row(page, 'nowhere').getByRole('alert');
    await expect.poll(() => alert.textContent()).toContain('has a region');
    expect(await alert.textContent()).toContain('aws configure set region <region> --profile nowhere');
    expect(await row(page, 'nowhere').getByRole('switch').isChecked()).toBe(false);
    expect(readFileSync(sandbox.configFile, 'utf8')).toBe(CONFIG);
  });

  it('says "Waiting for browser sign-in…" on the auto-login entry (which holds its sign-in profile) while a helper waits', async () => {
    const { sandbox, page } = await setUp();
    await row(page, 'dev').getByRole('switch').click();
    await expect.poll(() => row(page, 'dev').locator('.profile-meta').textContent()).toContain('Auto-login via dev-signin');
    expect(await page.getByText('Waiting for browser sign-in…').count()).toBe(0);

    // What a credential helper writes while `aws login` waits on the browser (this test process stands in for it).
    await openAppStore(sandbox.appHome).updateJson('auto-login-waiting', () => ({ 'dev-signin': { since: Date.now(), pid: process.pid } }));
    await page.evaluate(() => window.dispatchEvent(new Event('focus')));
    await expect.poll(() => row(page, 'dev').getByRole('status').textContent()).toBe('Waiting for browser sign-in…');
    expect(await row(page, 'nowhere').getByText('Waiting for browser sign-in…').count()).toBe(0);

    await openAppStore(sandbox.appHome).updateJson('auto-login-waiting', () => ({}));
    await page.evaluate(() => window.dispatchEvent(new Event('focus')));
    await expect.poll(() => page.getByText('Waiting for browser sign-in…').count()).toBe(0);
  });
});
