import { execFileSync } from 'node:child_process';
import { createHash } from 'node:crypto';
import { mkdirSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import type { Page } from 'playwright-core';
import { describe, expect, it } from 'vitest';
import type { Platform } from '../../src/core/ports';
import { watchStatusFiles } from '../../src/node/tray-service';
import { FAKE_AWS_PATH, fakeAwsCalls, FAKE_SESSION, makeAwsSandbox, type AwsSandbox } from '../support/fake-aws';
import { useBrowserSuite } from '../support/preview-browser';

const BROKEN_SESSION = 'arn:aws:sts::999999999999:assumed-role/Admin/bob';
const CONFIG = [
  `[profile dev]\nregion = eu-west-1\nlogin_session = ${FAKE_SESSION}\n`,
  `[profile corp]\nsso_session = corp\nsso_account_id = 111122223333\nsso_role_name = ReadOnly\nregion = us-east-1\n`,
  `[sso-session corp]\nsso_start_url = https://example.awsapps.com/start\nsso_region = us-east-1\n`,
  `[profile old-keys]\nregion = us-west-2\n`,
  `[profile broken]\nregion = us-west-2\nlogin_session = ${BROKEN_SESSION}\n`,
].join('\n');
const CREDENTIALS = '[old-keys]\naws_access_key_id = AKIAFAKEEXAMPLE0000\naws_secret_access_key = fakeLongTermSecretNotReal\n';

const suite = useBrowserSuite();

async function setUp(config = CONFIG, extraEnv: Record<string, string> = {}): Promise<{ sandbox: AwsSandbox; page: Page }> {
  const sandbox = makeAwsSandbox(config, extraEnv);
  writeFileSync(sandbox.credentialsFile, CREDENTIALS);
  mkdirSync(sandbox.loginCacheDir, { recursive: true });
  writeFileSync(join(sandbox.loginCacheDir, `${createHash('sha256').update(BROKEN_SESSION).digest('hex')}.json`), '{"accessToken": ');
  const { page } = await suite.open(sandbox);
  // A refused request (HTTP 400, e.g. a bad setting) is logged by Chromium itself; it is shown inline, not a fault.
  suite.watch(page, (text) => text.includes('status of 400'));
  // The window never uses alert/confirm: any dialog fails the test.
  page.on('dialog', (d) => {
    void d.dismiss();
    throw new Error(`Unexpected dialog: ${d.message()}`);
  });
  return { sandbox, page };
}

const row = (page: Page, name: string) => page.getByRole('listitem').filter({ has: page.locator(`.profile-name:text-is("${name}")`) });

/** Every secret string in the login cache files, to prove none reaches the page. */
function cacheSecrets(sandbox: AwsSandbox): string[] {
  return readdirSync(sandbox.loginCacheDir).flatMap((f) => {
    const text = readFileSync(join(sandbox.loginCacheDir, f), 'utf8');
    if (!text.includes('refreshToken')) return []; // The deliberately broken file.
    const c = JSON.parse(text);
    return [c.accessToken.secretAccessKey, c.accessToken.sessionToken, c.accessToken.accessKeyId, c.refreshToken, c.idToken, c.dpopKey];
  });
}

describe('the tray window in a browser', () => {
  it('lists every profile with its name and state, other profiles with their kind', async () => {
    const { sandbox, page } = await setUp();
    await expect.poll(() => page.getByRole('listitem').count()).toBe(4);
    await expect.poll(() => row(page, 'dev').textContent()).toMatch(/dev.*Logged out/s);
    expect(await row(page, 'corp').textContent()).toContain('IAM Identity Center (SSO)');
    expect(await row(page, 'old-keys').textContent()).toContain('Long-term access keys');
    expect(await page.getByRole('heading', { name: 'Other profiles' }).count()).toBe(1);
    // A broken cache file: the Error state, and the message naming the file, inside the row.
    expect(await row(page, 'broken').locator('.badge').textContent()).toBe('Error');
    expect(await row(page, 'broken').getByRole('alert').textContent()).toContain(sandbox.loginCacheDir);
    expect(await row(page, 'broken').getByRole('button', { name: 'Log in' }).isVisible()).toBe(true);
  });

  it('logs in with aws (the row turns Active, countdowns tick) and logs out (Logged out), leaking no secret', async () => {
    const { sandbox, page } = await setUp();
    await row(page, 'dev').getByRole('button', { name: 'Log in' }).click();
    await expect.poll(() => row(page, 'dev').textContent(), { timeout: 15_000 }).toContain('Active');
    expect(fakeAwsCalls(sandbox.logFile, 'login').map((c) => c.argv)).toEqual([expect.arrayContaining(['login', '--profile', 'dev'])]);

    const refresh = row(page, 'dev').locator('.time-refresh');
    await expect.poll(() => refresh.textContent()).toMatch(/^Refresh in \d+ m \d\d s$/);
    // A role session's default length: an estimate, said in words, with the wall-clock end first.
    expect(await row(page, 'dev').locator('.time-session').textContent()).toMatch(/^Ends about \d\d:\d\d · (59 m|1 h 0 m) left$/);
    const before = await refresh.textContent();
    await expect.poll(() => refresh.textContent(), { timeout: 5_000 }).not.toBe(before);

    const secrets = cacheSecrets(sandbox);
    expect(secrets.length).toBeGreaterThan(0);
    const html = await page.content();
    const text = (await page.locator('body').innerText()) + html;
    for (const secret of secrets) expect(text.includes(secret), 'a secret from the login cache is in the page').toBe(false);

    await row(page, 'dev').getByRole('button', { name: 'Log out' }).click();
    await expect.poll(() => row(page, 'dev').textContent(), { timeout: 15_000 }).toContain('Logged out');
    expect(fakeAwsCalls(sandbox.logFile, 'logout')).toHaveLength(1);
  });

  it('shows a failed login inline next to the profile, with the next step', async () => {
    const { sandbox, page } = await setUp(CONFIG, { FAKE_AWS_MODE: 'old' });
    await row(page, 'dev').getByRole('button', { name: 'Log in' }).click();
    const alert = row(page, 'dev').getByRole('alert');
    await expect.poll(() => alert.textContent(), { timeout: 15_000 }).toMatch(/2\.32/);
    expect(await row(page, 'dev').textContent()).toContain('Logged out');
    expect(fakeAwsCalls(sandbox.logFile, 'login')).toHaveLength(0); // The version check stops it first.
  });

  it('shows the command in a hint as code, without the backticks', async () => {
    const { page } = await setUp(CONFIG, { FAKE_AWS_MODE: 'cancel' });
    await row(page, 'dev').getByRole('button', { name: 'Log in' }).click();
    const alert = row(page, 'dev').getByRole('alert');
    await expect.poll(() => alert.textContent(), { timeout: 15_000 }).toMatch(/did not finish/);
    expect(await alert.locator('code').allTextContents()).toEqual(['aws-login-tray login dev']);
    expect(await alert.textContent()).not.toContain('`');
  });

  it('shows a busy button while aws runs, then the result', async () => {
    const { page } = await setUp(CONFIG, { FAKE_AWS_MODE: 'slow', FAKE_AWS_SLOW_MS: '1500' });
    await row(page, 'dev').getByRole('button', { name: 'Log in' }).click();
    const busy = row(page, 'dev').getByRole('button', { name: 'Logging in…' });
    await busy.waitFor();
    expect(await busy.isDisabled()).toBe(true);
    expect(await busy.getAttribute('aria-busy')).toBe('true');
    await expect.poll(() => row(page, 'dev').textContent(), { timeout: 15_000 }).toContain('Active');
    expect(await row(page, 'dev').getByRole('button', { name: 'Logging in…' }).count()).toBe(0);
  });

  it('shows an auto-login switch failure inline and leaves the switch off (backend without the switch)', async () => {
    const { page } = await setUp();
    await row(page, 'dev').getByRole('switch').click();
    await expect.poll(() => row(page, 'dev').getByRole('alert').textContent()).toContain('Auto-login is not available yet');
    expect(await row(page, 'dev').getByRole('switch').isChecked()).toBe(false);
  });

  it('saves settings to settings.json and reports bad input inline', async () => {
    const { sandbox, page } = await setUp();
    await page.getByRole('button', { name: 'Settings' }).click();
    await page.getByLabel('Warn before the session ends (minutes)').fill('30, 10, 0');
    await page.getByLabel('Maximum session length for dev (hours)').fill('2');
    await page.getByLabel('AWS CLI path').fill(FAKE_AWS_PATH);
    await page.getByRole('switch', { name: 'Start at login' }).uncheck();
    await page.getByRole('button', { name: 'Save' }).click();
    await expect.poll(() => page.getByRole('status').filter({ hasText: 'Saved.' }).count()).toBe(1);
    expect(JSON.parse(readFileSync(join(sandbox.appHome, 'settings.json'), 'utf8'))).toMatchObject({
      warningLeadMinutes: [30, 10, 0],
      maxSessionHours: { dev: 2 },
      awsCliPath: FAKE_AWS_PATH,
      startAtLogin: false,
    });

    await page.getByLabel('Default maximum session (hours)').fill('40');
    await page.getByRole('button', { name: 'Save' }).click();
    await expect.poll(() => page.locator('.save-status').textContent()).toContain('defaultMaxSessionHours');
    expect(JSON.parse(readFileSync(join(sandbox.appHome, 'settings.json'), 'utf8')).defaultMaxSessionHours).toBe(12);
  });

  it('mutes and unmutes a profile\'s warnings with its Warn checkbox, saved as settings.json mutedProfiles', async () => {
    const { sandbox, page } = await setUp();
    const settingsFile = join(sandbox.appHome, 'settings.json');
    mkdirSync(sandbox.appHome, { recursive: true });
    writeFileSync(settingsFile, JSON.stringify({ mutedProfiles: ['gone-from-config'] }));
    await page.getByRole('button', { name: 'Settings' }).click();
    const warnDev = page.getByRole('checkbox', { name: 'Warn before the session of dev ends' });
    expect(await warnDev.isChecked()).toBe(true);
    expect(await page.getByRole('checkbox', { name: 'Warn before the session of broken ends' }).isChecked()).toBe(true);
    await warnDev.uncheck();
    await page.getByRole('button', { name: 'Save' }).click();
    await expect.poll(() => page.getByRole('status').filter({ hasText: 'Saved.' }).count()).toBe(1);
    expect(JSON.parse(readFileSync(settingsFile, 'utf8')).mutedProfiles).toEqual(['gone-from-config', 'dev']);

    // Reopened, the panel shows what was saved; checking it again unmutes.
    await page.getByRole('button', { name: 'Back to profiles' }).click();
    await page.getByRole('button', { name: 'Settings' }).click();
    expect(await warnDev.isChecked()).toBe(false);
    await warnDev.check();
    await page.getByRole('button', { name: 'Save' }).click();
    await expect.poll(() => JSON.parse(readFileSync(settingsFile, 'utf8')).mutedProfiles).toEqual(['gone-from-config']);
  });

  it('shows the empty state with the hint when no AWS config exists', async () => {
    const sandbox = makeAwsSandbox('');
    rmSync(sandbox.configFile);
    const { page } = await suite.open(sandbox);
    expect(await page.locator('.empty').innerText()).toMatch(/No AWS config found[\s\S]*aws login --profile NAME/);
  });

  it('follows a login made elsewhere: pushed over the event stream when the files change, re-read on focus', async () => {
    const sandbox = makeAwsSandbox(CONFIG);
    const { page } = await suite.open(sandbox, { watch: watchStatusFiles(sandbox.env, process.platform as Platform, sandbox.home) });
    await expect.poll(() => row(page, 'dev').textContent()).toContain('Logged out');

    // The real file watcher sees the new cache file and the server pushes the new status.
    execFileSync(FAKE_AWS_PATH, ['login', '--profile', 'dev'], { env: sandbox.env, stdio: 'ignore' });
    await expect.poll(() => row(page, 'dev').textContent(), { timeout: 10_000 }).toContain('Active');

    // Without a push (no watcher here), focusing the window re-reads the status.
    const { page: other } = await suite.open(sandbox);
    await expect.poll(() => row(other, 'dev').textContent()).toContain('Active');
    execFileSync(FAKE_AWS_PATH, ['logout', '--profile', 'dev'], { env: sandbox.env, stdio: 'ignore' });
    await other.evaluate(() => window.dispatchEvent(new Event('focus')));
    await expect.poll(() => row(other, 'dev').textContent(), { timeout: 10_000 }).toContain('Logged out');
  });
});
