import { readFileSync } from 'node:fs';
import { afterEach, describe, expect, it } from 'vitest';
import { buildCliBinary } from '../../support/built-cli';
import { fakeAwsCalls, FAKE_SESSION, makeAwsSandbox, type AwsSandbox } from '../../support/fake-aws';
import { processAlive } from '../../support/process-alive';
import { startInTmux, type TmuxPane } from '../../support/tmux';

const panes: TmuxPane[] = [];
const sandboxes: AwsSandbox[] = [];
afterEach(() => {
  for (const p of panes.splice(0)) p.close();
  for (const sb of sandboxes.splice(0)) for (const c of fakeAwsCalls(sb.logFile, 'login')) if (processAlive(c.pid)) process.kill(c.pid, 'SIGKILL');
});

function run(args: string[], extraEnv: Record<string, string>, config = '[profile dev]\nregion = eu-west-1\n'): { pane: TmuxPane; sandbox: AwsSandbox } {
  const sandbox = makeAwsSandbox(config, { DISPLAY: ':99', ...extraEnv });
  sandboxes.push(sandbox);
  const pane = startInTmux([process.execPath, buildCliBinary(), ...args], sandbox.env, 200, 40);
  panes.push(pane);
  return { pane, sandbox };
}

const urlOn = (screen: string): string | null => /https?:\/\/\S+\/v1\/authorize\?\S+/.exec(screen)?.[0] ?? null;

describe('aws-login-tray login in a terminal', () => {
  it('prints the sign-in URL while aws login waits, and Ctrl-C ends aws login with it', async () => {
    const { pane, sandbox } = run(['login', 'dev'], { FAKE_AWS_MODE: 'hang' });
    await expect.poll(() => urlOn(pane.screen()), { timeout: 20_000 }).toMatch(/^http:\/\/127\.0\.0\.1:\d+\/v1\/authorize\?response_type=code&/);
    expect(pane.screen()).toContain('If no browser tab opened, open this URL:');
    const [call] = fakeAwsCalls(sandbox.logFile, 'login');
    expect(processAlive(call!.pid)).toBe(true);
    pane.keys('C-c');
    await expect.poll(() => pane.screen(), { timeout: 15_000 }).toContain('Login to dev was cancelled.');
    await expect.poll(() => processAlive(call!.pid), { timeout: 10_000 }).toBe(false);
  });

  it('login --remote: prints the URL, reads the code typed at the terminal and hands it to aws login', async () => {
    const { pane, sandbox } = run(['login', 'dev', '--remote'], {});
    await expect.poll(() => pane.screen(), { timeout: 20_000 }).toContain('Then enter the code the browser shows:');
    const url = urlOn(pane.screen())!;
    expect(pane.screen()).toContain('Open this URL on any device and sign in:');
    expect(url).toContain('cross-device');
    const state = new URL(url).searchParams.get('state');
    pane.type(Buffer.from(`code=authcode-remote&state=${state}`).toString('base64'));
    pane.keys('Enter');
    await expect.poll(() => pane.screen(), { timeout: 15_000 }).toContain(`Logged in to dev as ${FAKE_SESSION}.`);
    expect(fakeAwsCalls(sandbox.logFile, 'login').map((c) => c.argv)).toEqual([['login', '--profile', 'dev', '--remote']]);
    expect(readFileSync(sandbox.configFile, 'utf8')).toContain(`login_session = ${FAKE_SESSION}`);
  });
});

describe('aws-login-tray login asks for a region on a terminal', () => {
  it('asks for the region of a profile without one, saves it in the profile, and logs in', async () => {
    const { pane, sandbox } = run(['login', 'dev'], {}, '[profile dev]\noutput = json\n');
    await expect.poll(() => pane.screen(), { timeout: 20_000 }).toContain('Region for dev (for example eu-west-1): ');
    expect(pane.screen()).toContain('dev has no region, and aws login needs one.');
    pane.type('eu-central-1');
    pane.keys('Enter');
    await expect.poll(() => pane.screen(), { timeout: 20_000 }).toContain(`Logged in to dev as ${FAKE_SESSION}.`);
    const config = readFileSync(sandbox.configFile, 'utf8');
    expect(config).toContain('region = eu-central-1');
    expect(config).toContain(`login_session = ${FAKE_SESSION}`);
    // The second aws login found the region in the profile: no --region (which aws login would not save).
    expect(fakeAwsCalls(sandbox.logFile, 'login').map((c) => c.argv)).toEqual([['login', '--profile', 'dev'], ['login', '--profile', 'dev']]);
  });
});
