import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { fakeAwsCalls, FAKE_SESSION, makeAwsSandbox } from '../support/fake-aws';
import { useBrowserSuite } from '../support/preview-browser';

const suite = useBrowserSuite();
const row = (page: Awaited<ReturnType<typeof suite.open>>['page'], name: string) =>
  page.getByRole('listitem').filter({ has: page.locator(`.profile-name:text-is("${name}")`) });

describe('a profile without a region, in the window', () => {
  it('asks for the region (starting on the default profile’s), saves it in the profile, and logs in', async () => {
    const sandbox = makeAwsSandbox('[default]\nregion = ap-northeast-1\n\n[profile dev]\noutput = json\n');
    const { page } = await suite.open(sandbox);
    suite.watch(page);
    await row(page, 'dev').getByRole('button', { name: 'Log in to dev' }).click();
    const picker = row(page, 'dev').getByRole('group', { name: 'Region for dev' });
    await expect.poll(() => picker.count(), { timeout: 20_000 }).toBe(1);
    expect(await picker.getByLabel('Region').inputValue()).toBe('ap-northeast-1');
    await picker.getByLabel('Region').selectOption('eu-central-1');
    await picker.getByRole('button', { name: 'Log in to dev' }).click();
    await expect.poll(() => row(page, 'dev').textContent(), { timeout: 20_000 }).toContain('Active');
    const config = readFileSync(sandbox.configFile, 'utf8');
    expect(config).toContain('region = eu-central-1');
    expect(config).toContain(`login_session = ${FAKE_SESSION}`);
    expect(fakeAwsCalls(sandbox.logFile, 'login')).toHaveLength(2);
    expect(await row(page, 'dev').getByRole('group', { name: 'Region for dev' }).count()).toBe(0);
  });
});
