/**
 * Auto-login over SSH: the real AWS CLI (Debian's /usr/bin/aws) runs our helper as credential_process
 * in a terminal (a tmux pty) with no browser; the helper asks on the terminal (/dev/tty): the URL to
 * open on another device, then the code, and the same AWS CLI call gets its credentials.
 */
import { readFileSync, writeFileSync } from 'node:fs';
import { afterEach, beforeAll, describe, expect, it } from 'vitest';
import { buildHelper, type BuiltHelper } from '../support/built-helper';
import { fakeAwsCalls, FAKE_SESSION, makeAwsSandbox } from '../support/fake-aws';
import { startInTmux, type TmuxPane } from '../support/tmux';

let built: BuiltHelper;
const panes: TmuxPane[] = [];
beforeAll(() => {
  built = buildHelper();
}, 120_000);
afterEach(() => {
  for (const p of panes.splice(0)) p.close();
});

describe('credential helper over SSH, in a terminal', () => {
  it('asks on the terminal for a sign-in on another device, and the same AWS CLI call succeeds', async () => {
    const sb = makeAwsSandbox('');
    writeFileSync(sb.configFile, `[profile dev]\nregion = eu-west-1\ncredential_process = ${process.execPath} ${built.helper} --profile dev-signin\n\n[profile dev-signin]\nregion = eu-west-1\n`);
    const env: Record<string, string> = { ...sb.env, SSH_CONNECTION: '10.0.0.1 50000 10.0.0.2 22' };
    delete env.DISPLAY;
    const pane = startInTmux(['/usr/bin/aws', 'configure', 'export-credentials', '--profile', 'dev'], env, 400, 40);
    panes.push(pane);
    await expect.poll(() => pane.screen(), { timeout: 30_000 }).toContain('Then enter the code the browser shows:');
    const screen = pane.screen();
    expect(screen).toContain('no browser can open here');
    const url = /http:\/\/127\.0\.0\.1:\d+\/v1\/authorize\?\S+/.exec(screen)?.[0];
    expect(url).toContain('client_id=arn%3Aaws%3Asignin%3A%3A%3Adevtools%2Fcross-device');
    // What the other device's browser shows after the sign-in (recorded login-remote: base64 of code=…&state=…).
    const state = new URL(url!).searchParams.get('state')!;
    pane.type(Buffer.from(`code=authcode-remote&state=${state}`).toString('base64'));
    pane.keys('Enter');
    await expect.poll(() => pane.screen(), { timeout: 30_000 }).toMatch(/"AccessKeyId": "ASIA/);
    expect(fakeAwsCalls(sb.logFile, 'login').map((c) => c.argv)).toEqual([['login', '--profile', 'dev-signin', '--remote']]);
    expect(readFileSync(sb.configFile, 'utf8')).toContain(`login_session = ${FAKE_SESSION}`);
  });
});
