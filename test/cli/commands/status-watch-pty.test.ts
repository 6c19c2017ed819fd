import { execFileSync } from 'node:child_process';
import { afterEach, describe, expect, it } from 'vitest';
import { openAppStore } from '../../../src/node/app-store';
import { buildCliBinary } from '../../support/built-cli';
import { FAKE_AWS_PATH, makeAwsSandbox } from '../../support/fake-aws';
import { startInTmux, type TmuxPane } from '../../support/tmux';

const panes: TmuxPane[] = [];
afterEach(() => {
  for (const p of panes.splice(0)) p.close();
});

const arn = (i: number) => `arn:aws:sts::${String(100000000000 + i)}:assumed-role/DeveloperAccessWithALongRoleName/alice.example`;
const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

describe('status --watch in an 80×24 terminal', () => {
  it('fits every line in 80 columns, redraws in place (one table on screen), shows waiting for sign-in, and leaves the last frame on exit', async () => {
    const names = ['development-account', 'production-account', 'staging', 'data-lake', 'data-lake-signin'];
    const config = names.slice(0, 3).map((n, i) => `[profile ${n}]\nregion = eu-west-1\nlogin_session = ${arn(i)}\n`).join('')
      + '[profile data-lake]\ncredential_process = aws-login-tray credential-process --profile data-lake-signin\nregion = ap-northeast-1\n[profile data-lake-signin]\nregion = ap-northeast-1\n';
    const sandbox = makeAwsSandbox(config);
    for (const [i, n] of names.slice(0, 2).entries()) execFileSync(FAKE_AWS_PATH, ['login', '--profile', n], { env: { ...sandbox.env, FAKE_AWS_SESSION: arn(i) }, stdio: 'ignore' });
    const pane = startInTmux([process.execPath, buildCliBinary(), 'status', '--watch'], sandbox.env, 80, 24);
    panes.push(pane);
    await expect.poll(() => pane.screen(), { timeout: 20_000 }).toContain('development-account');
    await sleep(2_500); // a few redraws
    const joined = pane.screen().split('\n');
    // -J joins lines the terminal wrapped: none may be longer than the width.
    expect(joined.filter((l) => l.length > 80)).toEqual([]);
    expect(joined.some((l) => l.endsWith('…'))).toBe(true);
    expect(joined.filter((l) => l.startsWith('NAME '))).toHaveLength(1);
    expect(joined.filter((l) => l.startsWith('development-account '))).toHaveLength(1);

    // A credential helper waiting on the browser for data-lake's sign-in profile (this process stands in for it).
    await openAppStore(sandbox.appHome).updateJson('auto-login-waiting', () => ({ 'data-lake-signin': { since: Date.now(), pid: process.pid } }));
    await expect.poll(() => pane.screen().split('\n').find((l) => l.startsWith('data-lake ')) ?? '', { timeout: 10_000 }).toContain('Waiting for sign-in');

    pane.keys('C-c');
    await expect.poll(() => pane.alive(), { timeout: 10_000 }).toBe(false);
    const after = pane.screen().split('\n');
    expect(after.filter((l) => l.startsWith('NAME '))).toHaveLength(1);
    expect(after.filter((l) => l.length > 80)).toEqual([]);
  });
});
