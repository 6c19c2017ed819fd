import { existsSync, readdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { openAppStore } from '../../../src/node/app-store';
import { buildCliBin, runCliBin, startCli } from '../../support/cli-process';
import { fakeAwsCalls, FAKE_SESSION, makeAwsSandbox } from '../../support/fake-aws';

let bin: string;
beforeAll(() => {
  bin = buildCliBin();
});

const noStack = (text: string) => expect(text).not.toMatch(/\n\s+at .+:\d+:\d+|Traceback/);
const rows = (json: string) => (JSON.parse(json) as { profiles: { name: string; state: string | null }[] }).profiles;

describe('aws-login-tray login', () => {
  it('logs in: progress, result, an active row and the recorded login time', async () => {
    const sb = makeAwsSandbox('[profile dev]\nregion = eu-west-1\n');
    const r = await runCliBin(bin, ['login', 'dev'], sb.env);
    expect(r).toMatchObject({ code: 0, stdout: `Logged in to dev as ${FAKE_SESSION}.\n` });
    // The URL aws printed, for a person to open by hand when no tab opened.
    expect(r.stderr).toMatch(/^Opening your browser to sign in to dev\.\.\.\nIf no browser tab opened, open this URL:\n\n {2}http:\/\/127\.0\.0\.1:\d+\/v1\/authorize\?response_type=code&client_id=arn%3Aaws%3Asignin%3A%3A%3Adevtools%2Fsame-device&\S+\n\n$/);
    const status = await runCliBin(bin, ['status', '--json'], sb.env);
    expect(rows(status.stdout).find((p) => p.name === 'dev')?.state).toBe('active');
    expect(openAppStore(sb.appHome).loadRecordedLogins()[FAKE_SESSION]).toBeTypeOf('number');
  });

  it('runs aws login once for two concurrent login commands', async () => {
    const sb = makeAwsSandbox('[profile dev]\nregion = eu-west-1\n');
    const env = { ...sb.env, FAKE_AWS_MODE: 'slow', FAKE_AWS_SLOW_MS: '1500' };
    const [a, b] = await Promise.all([runCliBin(bin, ['login', 'dev'], env), runCliBin(bin, ['login', 'dev'], env)]);
    expect([a.code, b.code]).toEqual([0, 0]);
    expect(fakeAwsCalls(sb.logFile, 'login')).toHaveLength(1);
  });

  it.each([
    ['an old AWS CLI', { FAKE_AWS_MODE: 'old' }, /needs AWS CLI 2\.32\.0 or newer; found AWS CLI 2\.9\.19/, /Update the AWS CLI: https:\/\/docs\.aws\.amazon\.com/],
    ['a missing AWS CLI', { AWS_LOGIN_TRAY_AWS_CLI: '/nonexistent/aws' }, /was not found at \/nonexistent\/aws/, /getting-started-install\.html/],
    ['a profile aws login refuses for its credentials', { FAKE_AWS_MODE: 'other-credentials' }, /already gets credentials another way \(Credential Process\)/, /aws-login-tray login dev-login/],
    ['a cancelled browser sign-in', { FAKE_AWS_MODE: 'cancel' }, /did not finish/, /aws-login-tray login dev/],
  ])('explains %s with a next step, exit 1, no stack trace', async (_what, extra, message, hint) => {
    const sb = makeAwsSandbox('[profile dev]\nregion = eu-west-1\n');
    const r = await runCliBin(bin, ['login', 'dev'], { ...sb.env, ...extra });
    expect(r.code).toBe(1);
    expect(r.stderr).toMatch(message);
    expect(r.stderr).toMatch(new RegExp(`Next step: .*${hint.source}`));
    noStack(r.stderr);
  });

  it('refuses a profile with long-term keys before running aws login, with a next step that works', async () => {
    const sb = makeAwsSandbox('[profile dev]\nregion = eu-west-1\n');
    writeFileSync(sb.credentialsFile, '[dev]\naws_access_key_id = AKIAFAKEFAKEFAKEFAKE\naws_secret_access_key = fakefakefake\n');
    const r = await runCliBin(bin, ['login', 'dev'], sb.env);
    expect(r).toMatchObject({ code: 1, stdout: '' });
    expect(r.stderr).toBe([
      'aws-login-tray: Profile dev gets credentials from long-term access keys (aws_access_key_id), so aws login cannot sign it in (it only signs in profiles without credentials of their own).',
      'Next step: To use aws login, give it a profile of its own: `aws configure set region eu-west-1 --profile dev-login`, then `aws-login-tray login dev-login`.',
      '',
    ].join('\n'));
    expect(existsSync(sb.logFile)).toBe(false);
    // The suggested profile works.
    writeFileSync(sb.configFile, '[profile dev]\nregion = eu-west-1\n[profile dev-login]\nregion = eu-west-1\n');
    expect((await runCliBin(bin, ['login', 'dev-login'], sb.env)).code).toBe(0);
  });

  it('Ctrl-C stops the running aws login, says so, and frees the lock', async () => {
    const sb = makeAwsSandbox('[profile dev]\nregion = eu-west-1\n');
    const p = startCli(bin, ['login', 'dev'], { ...sb.env, FAKE_AWS_MODE: 'hang' });
    await p.waitFor(/Opening your browser/, 'stderr');
    // Let the fake start (its log line proves it is running) before interrupting.
    while (fakeAwsCalls(sb.logFile, 'login').length === 0) await new Promise((r) => setTimeout(r, 20));
    p.child.kill('SIGINT');
    const r = await p.done;
    expect(r.code).toBe(1);
    expect(r.stderr).toContain('Login to dev was cancelled.');
    expect(readdirSync(join(sb.appHome, 'locks')).filter((f) => f.endsWith('.lock'))).toEqual([]);
    noStack(r.stderr);
  });

  it('exits 2 for a config file that cannot be parsed, naming the file and line', async () => {
    const sb = makeAwsSandbox('[profile dev]\nregion = eu-west-1\n[profile broken\n');
    const r = await runCliBin(bin, ['login', 'dev'], sb.env);
    expect(r.code).toBe(2);
    expect(r.stderr).toContain(`${sb.configFile}:3`);
    expect(existsSync(sb.logFile)).toBe(false);
  });

  it('rejects usage errors with exit 2', async () => {
    const sb = makeAwsSandbox('[profile dev]\n');
    expect((await runCliBin(bin, ['login'], sb.env)).code).toBe(2);
    const dash = await runCliBin(bin, ['login', '--', '-x'], sb.env);
    expect(dash.code).toBe(1);
    expect(dash.stderr).toContain('not a valid profile name');
    expect(existsSync(sb.logFile)).toBe(false);
  });
});
