import { spawn } from 'node:child_process';
import { chmodSync, mkdirSync, readdirSync, readFileSync, rmSync, symlinkSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { createAutoLoginSwitch } from '../../src/node/auto-login-switch';
import { createTrayService } from '../../src/node/tray-service';
import { buildCliBin, runCliBin } from '../support/cli-process';
import { fakeAwsCalls, makeAwsSandbox, type AwsSandbox } from '../support/fake-aws';
import { allDoctorFixes, doctorFixes, followAll, nextStepOf, REAL_AWS, runSuggested, suggestedCommands } from '../support/next-step';
import { loginThroughStandIn } from '../support/signin-session';
import { startSigninStandIn } from '../support/signin-stand-in';
import { privateBuild } from '../support/private-build';

// Every next step the CLI prints is followed here as a person would: the commands it names run in
// the same sandbox (the built CLI, the real `aws configure set`, the fake `aws login`), and then the
// command that failed works. A hint whose command does not exist, is refused, or leaves the case
// broken fails its test.

let bin: string;
beforeAll(() => {
  bin = buildCliBin();
});

const noStack = (text: string) => expect(text).not.toMatch(/\n\s+at .+:\d+:\d+|Traceback/);

interface Row { name: string; kind: string; state: string | null; region: string | null; error: string | null }

async function rows(sb: AwsSandbox): Promise<Row[]> {
  const r = await runCliBin(bin, ['status', '--json'], sb.env);
  expect(r.code).toBe(0);
  return (JSON.parse(r.stdout) as { profiles: Row[] }).profiles;
}

async function row(sb: AwsSandbox, name: string): Promise<Row | undefined> {
  return (await rows(sb)).find((p) => p.name === name);
}

/** Runs the CLI, expects it to fail with a next step, and returns that step's commands. */
async function failingStep(sb: AwsSandbox, args: string[], env: Record<string, string> = {}): Promise<string[]> {
  const r = await runCliBin(bin, args, { ...sb.env, ...env });
  expect(r.code, r.stderr).not.toBe(0);
  const hint = nextStepOf(r.stderr);
  expect(hint, r.stderr).not.toBeNull();
  const commands = suggestedCommands(hint!);
  expect(commands.length, hint!).toBeGreaterThan(0);
  return commands;
}

describe('login: every next step, followed, fixes the case', () => {
  it('an unknown profile: create it with its region, then log in', async () => {
    const sb = makeAwsSandbox('[profile dev]\nregion = eu-west-1\n');
    const steps = await failingStep(sb, ['login', 'nope']);
    expect(steps).toEqual(['aws-login-tray status', 'aws configure set region <region> --profile nope', 'aws-login-tray login nope']);
    await followAll(steps, sb, { bin, fill: { region: 'eu-west-1' } });
    expect(await row(sb, 'nope')).toMatchObject({ kind: 'login', state: 'active', region: 'eu-west-1' });
  });

  it('a profile with long-term keys: a profile of its own for aws login', async () => {
    const sb = makeAwsSandbox('[profile dev]\nregion = eu-west-1\n');
    writeFileSync(sb.credentialsFile, '[dev]\naws_access_key_id = AKIAFAKEFAKEFAKEFAKE\naws_secret_access_key = fakefakefake\n');
    const steps = await failingStep(sb, ['login', 'dev']);
    await followAll(steps, sb, { bin });
    expect(await row(sb, 'dev-login')).toMatchObject({ state: 'active', region: 'eu-west-1' });
    expect((await row(sb, 'dev'))?.kind).toBe('static-keys');
  });

  it('an SSO profile: the aws login half of the step (aws sso login needs IAM Identity Center, not here)', async () => {
    const sb = makeAwsSandbox('[profile s]\nsso_session = corp\nsso_account_id = 123456789012\nsso_role_name = Admin\n[sso-session corp]\nsso_region = us-east-1\nsso_start_url = https://example.awsapps.com/start\n');
    const steps = await failingStep(sb, ['login', 's']);
    expect(steps[0]).toBe('aws sso login --profile s');
    await followAll(steps.slice(1), sb, { bin, fill: { region: 'us-east-1' } });
    expect(await row(sb, 's-login')).toMatchObject({ state: 'active', region: 'us-east-1' });
  });

  it('a role: log its source profile in (or give aws login a profile of its own)', async () => {
    const sb = makeAwsSandbox('[profile src]\nregion = eu-west-1\n[profile role]\nrole_arn = arn:aws:iam::123456789012:role/R\nsource_profile = src\n');
    const steps = await failingStep(sb, ['login', 'role']);
    expect(steps[0]).toBe('aws-login-tray login src');
    await followAll(steps, sb, { bin, fill: { region: 'eu-west-1' } });
    expect(await row(sb, 'src')).toMatchObject({ state: 'active' });
    expect(await row(sb, 'role-login')).toMatchObject({ state: 'active' });
  });

  it("an auto-login profile whose sign-in profile got other credentials: point it at a new sign-in profile", async () => {
    const sb = makeAwsSandbox('[profile app]\nregion = eu-west-1\n');
    expect((await runCliBin(bin, ['enable-auto-login', 'app'], sb.env)).code).toBe(0);
    writeFileSync(sb.credentialsFile, '[app-signin]\naws_access_key_id = AKIAFAKEFAKEFAKEFAKE\naws_secret_access_key = fakefakefake\n');
    const steps = await failingStep(sb, ['login', 'app']);
    await followAll(steps, sb, { bin, fill: { 'new-name': 'app-login' } });
    const r = await runCliBin(bin, ['login', 'app'], sb.env);
    expect(r.stderr).toContain('through sign-in profile app-login');
    expect(r.code).toBe(0);
    expect(await row(sb, 'app')).toMatchObject({ kind: 'auto-login', state: 'active' });
  });

  it('a profile with no region: set it, then the same login works', async () => {
    const sb = makeAwsSandbox('[profile dev]\n');
    const steps = await failingStep(sb, ['login', 'dev']);
    await followAll(steps, sb, { bin, fill: { region: 'eu-west-1' } });
    expect((await runCliBin(bin, ['login', 'dev'], sb.env)).code).toBe(0);
    expect(await row(sb, 'dev')).toMatchObject({ state: 'active', region: 'eu-west-1' });
  });

  it('a browser sign-in that was denied: the retry it names works once the sign-in is finished', async () => {
    const sb = makeAwsSandbox('[profile dev]\nregion = eu-west-1\n');
    const steps = await failingStep(sb, ['login', 'dev'], { FAKE_AWS_MODE: 'cancel' });
    expect(steps).toEqual(['aws-login-tray login dev']);
    await followAll(steps, sb, { bin });
    expect(await row(sb, 'dev')).toMatchObject({ state: 'active' });
  });

  it('a login session that would be replaced: the terminal run it names, answered y, replaces it', async () => {
    const other = 'arn:aws:sts::123456789012:assumed-role/Admin/bob';
    const sb = makeAwsSandbox(`[profile dev]\nregion = eu-west-1\nlogin_session = ${other}\n`);
    const steps = await failingStep(sb, ['login', 'dev']);
    expect(steps[0]).toBe('aws login --profile dev');
    await followAll(steps.slice(0, 1), sb, { bin, input: 'y\n' });
    const dev = await row(sb, 'dev');
    expect(dev?.state).toBe('active');
  });
});

/** `aws configure export-credentials` by the real AWS CLI, in a session of its own (no terminal to prompt on). */
function exportCredentials(sb: AwsSandbox, env: Record<string, string | undefined> = {}): Promise<{ code: number | null; stdout: string; stderr: string }> {
  const full: Record<string, string> = {};
  for (const [k, v] of Object.entries({ ...sb.env, ...env })) if (v !== undefined) full[k] = v;
  return new Promise((resolve, reject) => {
    const child = spawn(REAL_AWS, ['configure', 'export-credentials', '--profile', 'app'], { env: full, detached: true, stdio: ['ignore', 'pipe', 'pipe'] });
    let stdout = '';
    let stderr = '';
    child.stdout.on('data', (d: Buffer) => (stdout += d.toString()));
    child.stderr.on('data', (d: Buffer) => (stderr += d.toString()));
    child.on('error', reject);
    child.on('close', (code) => resolve({ code, stdout, stderr }));
  });
}

/** A sandbox where `app` has auto-login through app-signin (enabled by the CLI), the helper being the private build's. */
async function autoLoginSandbox(): Promise<AwsSandbox> {
  const sb = makeAwsSandbox('[profile app]\nregion = eu-west-1\n', { DISPLAY: ':0', AWS_LOGIN_TRAY_HELPER_SCRIPT: privateBuild().helper });
  const r = await runCliBin(bin, ['enable-auto-login', 'app'], sb.env);
  expect(r.code, r.stderr).toBe(0);
  return sb;
}

function writeSettings(sb: AwsSandbox, text: string): void {
  mkdirSync(sb.appHome, { recursive: true });
  writeFileSync(join(sb.appHome, 'settings.json'), text);
}

const withoutSection = (text: string, name: string) => text.replace(new RegExp(`\\[profile ${name}\\][^[]*`), '');

describe('auto-login through the real AWS CLI: the helper\'s next steps, followed, make the same call work', () => {
  it('a deleted sign-in profile: the enable-auto-login it names recreates it', async () => {
    const sb = await autoLoginSandbox();
    writeFileSync(sb.configFile, withoutSection(readFileSync(sb.configFile, 'utf8'), 'app-signin'));
    const failed = await exportCredentials(sb);
    expect(failed.code).not.toBe(0);
    const steps = suggestedCommands(failed.stderr);
    expect(steps).toEqual(['aws-login-tray enable-auto-login app --signin-profile app-signin']);
    await followAll(steps, sb, { bin });
    const ok = await exportCredentials(sb);
    expect(ok.stderr).toBe('');
    expect(ok.code).toBe(0);
  });

  it('no browser and no terminal: the aws login --remote it names, then the retry, works', async () => {
    const sb = await autoLoginSandbox();
    const noDisplay = { DISPLAY: undefined, SSH_CONNECTION: '10.0.0.1 5555 10.0.0.2 22' };
    const failed = await exportCredentials(sb, noDisplay);
    expect(failed.code).not.toBe(0);
    const steps = suggestedCommands(failed.stderr);
    expect(steps).toEqual(['aws login --remote --profile app-signin']);
    // The fake's recorded --remote flow: it prints the URL, the person types the code the browser shows.
    const answer = (out: string) => {
      const state = /[?&]state=([^&\s]+)/.exec(out)?.[1];
      return state && out.includes('Enter the authorization code') ? `${Buffer.from(`code=authcode-remote&state=${state}`).toString('base64')}\n` : null;
    };
    await followAll(steps, sb, { bin, answer });
    const ok = await exportCredentials(sb, noDisplay);
    expect(ok.stderr).toBe('');
    expect(ok.code).toBe(0);
  });

  it('a failed login holds further tabs back: the login it names works at once', async () => {
    const sb = await autoLoginSandbox();
    expect((await exportCredentials(sb, { FAKE_AWS_MODE: 'cancel' })).code).not.toBe(0);
    const held = await exportCredentials(sb);
    expect(held.code).not.toBe(0);
    const steps = suggestedCommands(held.stderr);
    expect(steps).toEqual(['aws-login-tray login app-signin']);
    await followAll(steps, sb, { bin });
    const ok = await exportCredentials(sb);
    expect(ok.code).toBe(0);
    expect(fakeAwsCalls(sb.logFile, 'login')).toHaveLength(2);
  });
});

describe('status: the next step in a row or a note, followed, fixes the row', () => {
  it('a deleted sign-in profile', async () => {
    const sb = await autoLoginSandbox();
    writeFileSync(sb.configFile, withoutSection(readFileSync(sb.configFile, 'utf8'), 'app-signin'));
    const broken = await row(sb, 'app');
    expect(broken?.state).toBe('error');
    const steps = suggestedCommands(broken!.error!);
    expect(steps).toEqual(['aws-login-tray enable-auto-login app --signin-profile app-signin']);
    await followAll(steps, sb, { bin });
    expect(await row(sb, 'app')).toMatchObject({ state: 'logged-out', error: null });
  });

  it('a broken login cache file', async () => {
    const sb = makeAwsSandbox('[profile dev]\nregion = eu-west-1\n');
    expect((await runCliBin(bin, ['login', 'dev'], sb.env)).code).toBe(0);
    for (const f of readdirSync(sb.loginCacheDir)) writeFileSync(join(sb.loginCacheDir, f), '{"accessToken": ');
    const broken = await row(sb, 'dev');
    expect(broken?.state).toBe('error');
    const steps = suggestedCommands(broken!.error!);
    expect(steps).toEqual(['aws-login-tray login dev']);
    await followAll(steps, sb, { bin });
    expect(await row(sb, 'dev')).toMatchObject({ state: 'active', error: null });
  });

  it('the table\'s notes: no profiles yet, then a logged-out one', async () => {
    const sb = makeAwsSandbox('');
    const empty = await runCliBin(bin, ['status'], sb.env);
    const first = suggestedCommands(empty.stdout);
    expect(first).toEqual(['aws configure set region <region> --profile <name>', 'aws-login-tray login <name>']);
    await followAll(first, sb, { bin, fill: { region: 'eu-west-1', name: 'dev' } });
    expect(await row(sb, 'dev')).toMatchObject({ state: 'active' });
    expect((await runCliBin(bin, ['logout', 'dev', '--local-only'], sb.env)).code).toBe(0);
    const out = await runCliBin(bin, ['status'], sb.env);
    const again = suggestedCommands(out.stdout.split('\n').filter((l) => l.startsWith('Logged out')).join('\n'));
    expect(again).toEqual(['aws-login-tray login dev']);
    await followAll(again, sb, { bin });
    expect(await row(sb, 'dev')).toMatchObject({ state: 'active' });
  });
});

describe('doctor: every fix, run as printed, clears its finding', () => {
  async function doctor(sb: AwsSandbox): Promise<string> {
    return (await runCliBin(bin, ['doctor'], sb.env)).stdout;
  }

  it.each([
    ['a login profile without a region', async (sb: AwsSandbox) => writeFileSync(sb.configFile, '[profile dev]\nlogin_session = arn:aws:sts::123456789012:assumed-role/Admin/alice\n'), { region: 'eu-west-1' }],
    ['a broken login cache file', async (sb: AwsSandbox) => {
      expect((await runCliBin(bin, ['login', 'dev'], sb.env)).code).toBe(0);
      for (const f of readdirSync(sb.loginCacheDir)) writeFileSync(join(sb.loginCacheDir, f), '[]');
    }, {}],
    ['a deleted sign-in profile', async (sb: AwsSandbox) => {
      expect((await runCliBin(bin, ['enable-auto-login', 'dev'], sb.env)).code).toBe(0);
      writeFileSync(sb.configFile, withoutSection(readFileSync(sb.configFile, 'utf8'), 'dev-signin'));
    }, {}],
    ['the shell recipe', async (sb: AwsSandbox) => writeFileSync(sb.configFile, '[profile dev-signin]\nregion = eu-west-1\n[profile dev]\nregion = eu-west-1\ncredential_process = sh -c "aws configure export-credentials --profile dev-signin --format process 2>/dev/null || (aws login --profile dev-signin >&2 && aws configure export-credentials --profile dev-signin --format process)"\n'), {}],
    ['a config file others can change', async (sb: AwsSandbox) => chmodSync(sb.configFile, 0o666), {}],
    ['a login cache folder others can list, with files they can read', async (sb: AwsSandbox) => {
      expect((await runCliBin(bin, ['login', 'dev'], sb.env)).code).toBe(0);
      chmodSync(sb.loginCacheDir, 0o755);
      for (const f of readdirSync(sb.loginCacheDir)) chmodSync(join(sb.loginCacheDir, f), 0o644);
    }, {}],
    ['a deleted launcher', async (sb: AwsSandbox) => {
      expect((await runCliBin(bin, ['enable-auto-login', 'dev'], sb.env)).code).toBe(0);
      rmSync(join(sb.appHome, 'bin', 'aws-login-tray-credential-process'));
    }, {}],
    ['a launcher naming a helper that is gone (the app moved)', async (sb: AwsSandbox) => {
      const moved = join(sb.root, 'old-helper.cjs');
      writeFileSync(moved, '');
      expect((await runCliBin(bin, ['enable-auto-login', 'dev'], { ...sb.env, AWS_LOGIN_TRAY_HELPER_SCRIPT: moved })).code).toBe(0);
      rmSync(moved);
    }, {}],
  ])('%s', async (_what, setUp, fill) => {
    const sb = makeAwsSandbox('[profile dev]\nregion = eu-west-1\n', { AWS_LOGIN_TRAY_HELPER_SCRIPT: privateBuild().helper });
    await setUp(sb);
    const before = await doctor(sb);
    const fixes = doctorFixes(before);
    expect(fixes.length, before).toBeGreaterThan(0);
    for (const line of allDoctorFixes(before)) expect(line, 'every fix here is a command').toMatch(/^(aws|aws-login-tray|chmod) /);
    for (const fix of fixes) await followAll([fix], sb, { bin, fill });
    const after = await doctor(sb);
    expect(allDoctorFixes(after), after).toEqual([]);
  });

  it('long-term keys: the new profile it names logs in; with the keys deleted (its note), nothing is left to fix', async () => {
    const sb = makeAwsSandbox('[profile dev]\nregion = eu-west-1\n');
    writeFileSync(sb.credentialsFile, '[dev]\naws_access_key_id = AKIAFAKEFAKEFAKEFAKE\naws_secret_access_key = fakefakefake\n', { mode: 0o600 });
    const before = await doctor(sb);
    expect(before).toMatch(/fix: .* {2}# then use dev-login, delete the keys from the file and deactivate them in IAM$/m);
    await followAll(doctorFixes(before), sb, { bin });
    expect(await row(sb, 'dev-login')).toMatchObject({ state: 'active' });
    writeFileSync(sb.credentialsFile, '');
    // The login made the cache folder (0755, as aws login does): that finding's fix is followed too.
    const next = await doctor(sb);
    expect(doctorFixes(next)).toEqual([`chmod 700 '${sb.loginCacheDir}'`]);
    await followAll(doctorFixes(next), sb, { bin });
    expect(allDoctorFixes(await doctor(sb))).toEqual([]);
  });

  it.each([
    ['a config file saved with a BOM: saved without it', (sb: AwsSandbox) => writeFileSync(sb.configFile, '\uFEFF[profile dev]\nregion = eu-west-1\n'),
      (sb: AwsSandbox) => writeFileSync(sb.configFile, readFileSync(sb.configFile, 'utf8').replace(/^\uFEFF/, ''))],
    ['a config that is a dangling symlink: the file restored', (sb: AwsSandbox) => {
      const target = join(sb.root, 'dotfiles-config');
      rmSync(sb.configFile);
      symlinkSync(target, sb.configFile);
    }, (sb: AwsSandbox) => writeFileSync(join(sb.root, 'dotfiles-config'), '[profile dev]\nregion = eu-west-1\n')],
    ['a settings.json that is not JSON: deleted', (sb: AwsSandbox) => writeSettings(sb, '{"startAtLogin": tru'), (sb: AwsSandbox) => rmSync(join(sb.appHome, 'settings.json'))],
    ['a setting of the wrong type: fixed in the file', (sb: AwsSandbox) => writeSettings(sb, '{"loginTimeoutSeconds": "300"}'), (sb: AwsSandbox) => writeSettings(sb, '{"loginTimeoutSeconds": 300}')],
    ['an awsCliPath that is not an AWS CLI: cleared', (sb: AwsSandbox) => writeSettings(sb, JSON.stringify({ awsCliPath: '/bin/true' })), (sb: AwsSandbox) => writeSettings(sb, '{}')],
  ])('prose fixes, done as they say: %s', async (_what, breakIt, fixIt) => {
    const sb = makeAwsSandbox('[profile dev]\nregion = eu-west-1\n');
    breakIt(sb);
    const before = await doctor(sb);
    expect(allDoctorFixes(before).length, before).toBe(1);
    fixIt(sb);
    const after = await doctor(sb);
    expect(allDoctorFixes(after), after).toEqual([]);
  });
});

describe('enable-auto-login / disable-auto-login: each refusal\'s next step, followed, gets auto-login on', () => {
  const enabledAfter = async (sb: AwsSandbox, name: string) => expect(await row(sb, name)).toMatchObject({ kind: 'auto-login' });

  it('an unknown profile: create it, then run the same command again', async () => {
    const sb = makeAwsSandbox('[profile dev]\nregion = eu-west-1\n');
    const steps = await failingStep(sb, ['enable-auto-login', 'app']);
    await followAll(steps, sb, { bin, fill: { region: 'eu-west-1' } });
    expect((await runCliBin(bin, ['enable-auto-login', 'app'], sb.env)).code).toBe(0);
    await enabledAfter(sb, 'app');
  });

  it('a profile with long-term keys: a new profile for auto-login', async () => {
    const sb = makeAwsSandbox('[profile dev]\nregion = eu-west-1\n');
    writeFileSync(sb.credentialsFile, '[dev]\naws_access_key_id = AKIAFAKEFAKEFAKEFAKE\naws_secret_access_key = fakefakefake\n');
    const steps = await failingStep(sb, ['enable-auto-login', 'dev']);
    expect(steps).toEqual(['aws configure set region eu-west-1 --profile dev-auto', 'aws-login-tray enable-auto-login dev-auto']);
    await followAll(steps, sb, { bin });
    await enabledAfter(sb, 'dev-auto');
  });

  it('a sign-in profile with long-term keys: another sign-in profile', async () => {
    const sb = makeAwsSandbox('[profile dev]\nregion = eu-west-1\n');
    writeFileSync(sb.credentialsFile, '[dev-signin]\naws_access_key_id = AKIAFAKEFAKEFAKEFAKE\naws_secret_access_key = fakefakefake\n');
    const steps = await failingStep(sb, ['enable-auto-login', 'dev']);
    await followAll(steps, sb, { bin });
    await enabledAfter(sb, 'dev');
    expect(readFileSync(sb.configFile, 'utf8')).toContain('--profile dev-login');
  });

  it('no region anywhere: set one (or --region), then again', async () => {
    const sb = makeAwsSandbox('[profile dev]\n');
    const steps = await failingStep(sb, ['enable-auto-login', 'dev']);
    await followAll(steps, sb, { bin, fill: { region: 'eu-west-1' } });
    expect((await runCliBin(bin, ['enable-auto-login', 'dev'], sb.env)).code).toBe(0);
    await enabledAfter(sb, 'dev');
  });

  it('disable on a profile without auto-login: the status it names shows which have it', async () => {
    const sb = makeAwsSandbox('[profile dev]\nregion = eu-west-1\n[profile app]\nregion = eu-west-1\n');
    expect((await runCliBin(bin, ['enable-auto-login', 'app'], sb.env)).code).toBe(0);
    const steps = await failingStep(sb, ['disable-auto-login', 'dev']);
    const [status] = await followAll(steps, sb, { bin });
    expect(status!.stdout).toMatch(/^app +auto-login \(via app-signin\)/m);
    expect(status!.stdout).toMatch(/^dev +other /m);
  });

  it('a file where the launcher\'s folder must go: the message names it and the operation; moving it away fixes it', async () => {
    const sb = makeAwsSandbox('[profile dev]\nregion = eu-west-1\n');
    mkdirSync(sb.appHome, { recursive: true });
    const blocker = join(sb.appHome, 'bin');
    writeFileSync(blocker, '');
    const r = await runCliBin(bin, ['enable-auto-login', 'dev'], sb.env);
    expect(r.code).not.toBe(0);
    expect(r.stderr).toContain(`cannot create the folder ${blocker}: a file is in the way`);
    expect(nextStepOf(r.stderr)).toBe(`Move or delete '${blocker}' (it is not what aws-login-tray expects there), then try again.`);
    rmSync(blocker);
    expect((await runCliBin(bin, ['enable-auto-login', 'dev'], sb.env)).code).toBe(0);
    await enabledAfter(sb, 'dev');
  });

  it('a folder where the config file should be: named, with what to do', async () => {
    const sb = makeAwsSandbox('');
    rmSync(sb.configFile);
    mkdirSync(sb.configFile);
    const r = await runCliBin(bin, ['enable-auto-login', 'dev'], sb.env);
    expect(r.code).not.toBe(0);
    expect(r.stderr).toContain(`cannot read ${sb.configFile}: it is a folder, not a file`);
    expect(nextStepOf(r.stderr)).toBe(`Rename the folder '${sb.configFile}' (or point AWS_CONFIG_FILE at the file), then try again.`);
    noStack(r.stderr);
  });
});

describe("the window's auto-login switch: the next steps it shows, followed, make the switch work", () => {
  function windowSwitch(sb: AwsSandbox) {
    return createAutoLoginSwitch({
      env: sb.env, platform: 'linux', homeDir: sb.home, audience: 'app',
      launcherRuntime: { execPath: process.execPath, args: [privateBuild().helper] },
    });
  }

  it('no region: set one, then the switch turns on', async () => {
    const sb = makeAwsSandbox('[profile dev]\n');
    const setAutoLogin = windowSwitch(sb);
    const refused = await setAutoLogin('dev', true);
    expect(refused.ok).toBe(false);
    const steps = suggestedCommands(!refused.ok ? refused.error.hint ?? '' : '');
    expect(steps).toEqual(['aws configure set region <region> --profile dev']);
    await followAll(steps, sb, { bin, fill: { region: 'eu-west-1' } });
    expect(await setAutoLogin('dev', true)).toMatchObject({ ok: true, changed: true });
  });

  it('a sign-in profile with other credentials: no CLI command (the installed app has none); removing those lines, as it says, lets the switch turn on', async () => {
    const sb = makeAwsSandbox('[profile dev]\nregion = eu-west-1\n');
    writeFileSync(sb.credentialsFile, '[dev-signin]\naws_access_key_id = AKIAFAKEFAKEFAKEFAKE\naws_secret_access_key = fakefakefake\n');
    const setAutoLogin = windowSwitch(sb);
    const refused = await setAutoLogin('dev', true);
    expect(refused.ok).toBe(false);
    if (refused.ok) return;
    expect(refused.error.message).toContain(`(aws_access_key_id at ${sb.credentialsFile}:2)`);
    expect(refused.error.hint).toBe('The window signs in through dev-signin: remove those lines from dev-signin, then turn auto-login on again.');
    expect(suggestedCommands(refused.error.hint ?? '')).toEqual([]);
    writeFileSync(sb.credentialsFile, '');
    expect(await setAutoLogin('dev', true)).toMatchObject({ ok: true, changed: true, signinProfile: 'dev-signin' });
  });

  it("a row's error in the window names the window's next step, not a CLI command: a deleted sign-in profile, switched off and on", async () => {
    const sb = makeAwsSandbox('[profile dev]\nregion = eu-west-1\n', { AWS_LOGIN_TRAY_HELPER_SCRIPT: privateBuild().helper });
    const setAutoLogin = windowSwitch(sb);
    expect(await setAutoLogin('dev', true)).toMatchObject({ ok: true });
    writeFileSync(sb.configFile, withoutSection(readFileSync(sb.configFile, 'utf8'), 'dev-signin'));
    const service = createTrayService({ env: sb.env, platform: 'linux', homeDir: sb.home, setAutoLogin });
    try {
      const broken = (await service['status:get']()).profiles.find((p) => p.name === 'dev')!;
      expect(broken.state).toBe('error');
      expect(broken.errorInWindow).toMatch(/sign-in profile "dev-signin" \(used by "dev"\) is missing\. Turn auto-login off and on again to make a new one\.$/);
      expect(suggestedCommands(broken.errorInWindow!)).toEqual([]);
      // Done as it says, through the window's own switch.
      expect(await service['profile:set-auto-login']('dev', false)).toMatchObject({ ok: true });
      expect(await service['profile:set-auto-login']('dev', true)).toMatchObject({ ok: true });
      const fixed = (await service['status:get']()).profiles.find((p) => p.name === 'dev')!;
      expect(fixed).toMatchObject({ kind: 'auto-login', state: 'logged-out', error: null });
    } finally {
      service.close();
    }
  });
});

describe('login failures the app cannot fix: the step it names is followable and does what it says', () => {
  it('a login that timed out: the retry it names, finished in time, works', async () => {
    const sb = makeAwsSandbox('[profile dev]\nregion = eu-west-1\n');
    writeSettings(sb, JSON.stringify({ loginTimeoutSeconds: 10 }));
    const steps = await failingStep(sb, ['login', 'dev'], { FAKE_AWS_MODE: 'hang' });
    expect(steps).toEqual(['aws-login-tray login dev']);
    await followAll(steps, sb, { bin });
    expect(await row(sb, 'dev')).toMatchObject({ state: 'active' });
  }, 60_000);

  it('an error from AWS Sign-In: the terminal run it names shows the AWS CLI\'s whole output', async () => {
    const standIn = await startSigninStandIn({ region: 'eu-west-1' });
    try {
      standIn.faults.set('/v1/token', 'http500');
      const sb = makeAwsSandbox('[profile dev]\nregion = eu-west-1\n', { AWS_ENDPOINT_URL_SIGNIN: standIn.url, FAKE_AWS_SIGNIN: '' });
      const r = await runCliBin(bin, ['login', 'dev'], sb.env);
      expect(r.code).toBe(1);
      const steps = suggestedCommands(nextStepOf(r.stderr) ?? '');
      expect(steps).toEqual(['aws login --profile dev']);
      const terminal = await runSuggested(steps[0]!, sb, { bin });
      expect(terminal.code).not.toBe(0);
      // What our one line quoted is in the CLI's own output, with everything around it.
      const quoted = /exited with code \d+: (.+)$/m.exec(r.stderr)?.[1];
      expect(quoted, r.stderr).toBeTruthy();
      expect(`${terminal.stdout}${terminal.stderr}`).toContain(quoted!.replace(/\.\.\.$/, ''));
      expect(`${terminal.stdout}${terminal.stderr}`.length).toBeGreaterThan(quoted!.length);
    } finally {
      await standIn.close();
    }
  });
});

describe('status notes and the AWS CLI itself: followed, they do what they say', () => {
  it("the table's estimated-end note: the status --refresh it names gets the exact end, and the note goes", async () => {
    const standIn = await startSigninStandIn({ region: 'eu-west-1' });
    try {
      const role = 'arn:aws:sts::123456789012:assumed-role/Admin/alice';
      const sb = makeAwsSandbox(`[profile dev]\nregion = eu-west-1\nlogin_session = ${role}\n`, { AWS_ENDPOINT_URL_SIGNIN: standIn.url });
      loginThroughStandIn(standIn, sb.loginCacheDir, { sub: role, sessionSeconds: 6 * 3600 });
      const table = (await runCliBin(bin, ['status'], sb.env)).stdout;
      const note = table.split('\n').find((l) => l.startsWith('~ estimated')) ?? '';
      const steps = suggestedCommands(note);
      expect(steps).toEqual(['aws-login-tray status --refresh']);
      await followAll(steps, sb, { bin });
      expect((await runCliBin(bin, ['status'], sb.env)).stdout).not.toContain('~ estimated');
      expect(standIn.calls('/v1/introspect')).toHaveLength(1);
    } finally {
      await standIn.close();
    }
  });

  it('no AWS CLI where the setting points: pointing it at one (the step) makes the login work', async () => {
    const sb = makeAwsSandbox('[profile dev]\nregion = eu-west-1\n');
    const r = await runCliBin(bin, ['login', 'dev'], { ...sb.env, AWS_LOGIN_TRAY_AWS_CLI: '/nonexistent/aws' });
    expect(nextStepOf(r.stderr)).toMatch(/^Fix or clear AWS_LOGIN_TRAY_AWS_CLI, or install AWS CLI 2\.32\.0 or newer: https:\/\//);
    expect((await runCliBin(bin, ['login', 'dev'], sb.env)).code).toBe(0);
  });

  it('an AWS CLI without aws login: the update it names (a newer version) makes the login work', async () => {
    const sb = makeAwsSandbox('[profile dev]\nregion = eu-west-1\n');
    const r = await runCliBin(bin, ['login', 'dev'], { ...sb.env, FAKE_AWS_VERSION: '2.31.39' });
    expect(r.code).toBe(1);
    expect(nextStepOf(r.stderr)).toMatch(/^Update the AWS CLI: https:\/\//);
    expect((await runCliBin(bin, ['login', 'dev'], { ...sb.env, FAKE_AWS_VERSION: '2.32.0' })).code).toBe(0);
  });
});

describe('file errors name the file that failed, not the config file', () => {
  it.each([
    ['the credentials file is a folder', (sb: AwsSandbox) => (mkdirSync(sb.credentialsFile), sb.credentialsFile)],
    ['a state file of the app is a folder', (sb: AwsSandbox) => {
      const state = join(sb.appHome, 'state', 'auto-login-undo.json');
      mkdirSync(state, { recursive: true });
      return state;
    }],
  ])('%s', async (_what, breakIt) => {
    const sb = makeAwsSandbox('[profile dev]\nregion = eu-west-1\n');
    const broken = breakIt(sb);
    const r = await runCliBin(bin, ['enable-auto-login', 'dev'], sb.env);
    expect(r.code).not.toBe(0);
    expect(r.stderr).toContain(broken);
    expect(r.stderr).not.toContain(`${sb.configFile}:`);
    expect(nextStepOf(r.stderr) ?? '').not.toContain(`'${sb.configFile}'`);
    expect(nextStepOf(r.stderr) ?? '').toContain(broken);
    // Following it (the folder out of the way) fixes it.
    rmSync(broken, { recursive: true });
    expect((await runCliBin(bin, ['enable-auto-login', 'dev'], sb.env)).code).toBe(0);
  });
});
