import fs, { mkdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { parseLauncherRuntime } from '../../src/core/launcher-script';
import type { Platform } from '../../src/core/ports';
import { createAutoLoginSwitch, type AutoLoginAudience } from '../../src/node/auto-login-switch';
import { launcherPath } from '../../src/node/launcher';
import { FAKE_SESSION, makeAwsSandbox } from '../support/fake-aws';

const platform = (process.platform === 'win32' ? 'win32' : process.platform === 'darwin' ? 'darwin' : 'linux') as Platform;

/** A sandbox with `config` on disk, a helper script that exists, and the switch over both. */
function setUp(config: string, audience?: AutoLoginAudience) {
  const sandbox = makeAwsSandbox(config);
  const helper = join(sandbox.root, 'helper.cjs');
  writeFileSync(helper, '');
  const runtime = { execPath: process.execPath, args: [helper] };
  const setAutoLogin = createAutoLoginSwitch({ env: sandbox.env, platform, homeDir: sandbox.home, launcherRuntime: runtime, audience });
  return { sandbox, helper, runtime, setAutoLogin };
}

describe('createAutoLoginSwitch', () => {
  // The one round trip on → off → the same bytes (the CLI and window tests check only what their layer adds).
  it.each([
    ['LF, with a comment and another profile', '\n'],
    ['CRLF (a file edited on Windows)', '\r\n'],
  ])('turns a login profile into auto-login (launcher written for the runtime), and back to the same bytes: %s', async (_what, eol) => {
    const original = `# mine\n[profile dev]\nregion = eu-west-1\nlogin_session = ${FAKE_SESSION}\n\n[profile other]\nregion = us-east-1\n`.replace(/\n/g, eol);
    const { sandbox, runtime, setAutoLogin } = setUp(original);

    const on = await setAutoLogin('dev', true);
    expect(on).toMatchObject({ ok: true, changed: true, signinProfile: 'dev-signin', configFile: sandbox.configFile });
    expect(on.ok && on.message).toBe(`Auto-login is on for dev (sign-in profile dev-signin) in ${sandbox.configFile}.`);
    const launcher = launcherPath(sandbox.appHome, platform);
    expect(parseLauncherRuntime(readFileSync(launcher, 'utf8'))).toEqual(runtime);
    const enabled = readFileSync(sandbox.configFile, 'utf8');
    expect(enabled).toContain(`credential_process = ${launcher} --profile dev-signin${eol}`);
    expect(enabled).toContain(`[profile dev-signin]${eol}login_session = ${FAKE_SESSION}${eol}region = eu-west-1${eol}`);

    const again = await setAutoLogin('dev', true);
    expect(again).toMatchObject({ ok: true, changed: false });

    const off = await setAutoLogin('dev', false);
    expect(off).toMatchObject({ ok: true, message: 'Auto-login is off for dev.' });
    expect(readFileSync(sandbox.configFile, 'utf8')).toBe(original);
  });

  it('refuses a profile with long-term keys: says why, gives a next step, leaves the file alone and never echoes the secret', async () => {
    const original = '[profile dev]\nregion = eu-west-1\naws_access_key_id = AKIAFAKEEXAMPLE\naws_secret_access_key = fakeSecretNotReal\n';
    const { sandbox, setAutoLogin } = setUp(original);
    const result = await setAutoLogin('dev', true);
    expect(result).toMatchObject({ ok: false, refused: true, error: { code: 'profile-has-other-credentials' } });
    if (result.ok) return;
    expect(result.error.message).toContain('long-term access keys');
    expect(result.error.message).toContain(`${sandbox.configFile}:3`);
    expect(result.error.hint).toMatch(/without credentials of their own/);
    expect(JSON.stringify(result)).not.toContain('fakeSecretNotReal');
    expect(readFileSync(sandbox.configFile, 'utf8')).toBe(original);
  });

  it('refuses a profile without a region and says how to set one (with --region for the CLI)', async () => {
    const original = `[profile dev]\nlogin_session = ${FAKE_SESSION}\n`;
    const app = setUp(original);
    const result = await app.setAutoLogin('dev', true);
    expect(result).toMatchObject({ ok: false, refused: true, error: { code: 'no-region' } });
    expect(!result.ok && result.error.hint).toBe('Set one: `aws configure set region <region> --profile dev` (e.g. eu-west-1), then turn auto-login on again.');
    expect(readFileSync(app.sandbox.configFile, 'utf8')).toBe(original);

    const cli = await setUp(original, 'cli').setAutoLogin('dev', true);
    expect(!cli.ok && cli.error.hint).toContain('or run again with --region <region>');
    // With a region given, the CLI path goes through.
    expect(await setUp(original, 'cli').setAutoLogin('dev', true, { region: 'eu-central-1' })).toMatchObject({ ok: true, changed: true });
  });

  it('refuses to turn off a profile that does not use auto-login, and says where to look', async () => {
    const { setAutoLogin } = setUp('[profile dev]\nregion = eu-west-1\n');
    const result = await setAutoLogin('dev', false);
    expect(result).toMatchObject({ ok: false, refused: true, error: { code: 'invalid-argument' } });
    expect(!result.ok && result.error.hint).toBeTruthy();
  });

  it('refuses when the helper the launcher would start is missing, naming it', async () => {
    const { helper, setAutoLogin } = setUp('[profile dev]\nregion = eu-west-1\n');
    rmSync(helper);
    const result = await setAutoLogin('dev', true);
    expect(result).toMatchObject({ ok: false, error: { code: 'internal' } });
    expect(!result.ok && result.error.message).toContain(helper);
    expect(!result.ok && result.error.hint).toContain('npm run build');
  });

  it('turns a broken config file into a config error naming the file and line, not an exception', async () => {
    const original = '[profile dev]\nregion = eu-west-1\nthis line is not ini\n';
    const { sandbox, setAutoLogin } = setUp(original);
    const result = await setAutoLogin('dev', true);
    expect(result).toMatchObject({ ok: false, refused: false, error: { code: 'config-error' } });
    expect(!result.ok && result.error.message).toContain(`${sandbox.configFile}:3`);
    expect(readFileSync(sandbox.configFile, 'utf8')).toBe(original);
  });

  describe('when the edit does not finish cleanly', () => {
    afterEach(() => {
      vi.restoreAllMocks();
    });

    it('a give-up with the edit in the file says auto-login is on (not "could not"), keeps the undo record, and disable still undoes it', async () => {
      const original = `[profile dev]\nregion = eu-west-1\nlogin_session = ${FAKE_SESSION}\n`;
      const { sandbox, setAutoLogin } = setUp(original);
      const realRename = fs.promises.rename.bind(fs.promises);
      let n = 0;
      vi.spyOn(fs.promises, 'rename').mockImplementation(async (from, to) => {
        // Another program writes in place into the file each of our renames replaces.
        if (String(to) === sandbox.configFile) fs.appendFileSync(to, `# other program ${++n}\n`);
        await realRename(from, to);
      });
      const on = await setAutoLogin('dev', true);
      vi.restoreAllMocks();
      expect(on).toMatchObject({ ok: false, refused: false });
      const message = !on.ok ? on.error.message : '';
      expect(message).toMatch(/^Auto-login is on for dev \(the config file has this change, and disable-auto-login can undo it\), but: .* kept changing \(5 tries\) while it was being edited\. It now holds this edit; another program's version that it lost was saved at \S+aws-login-tray-kept-/);
      expect(readFileSync(sandbox.configFile, 'utf8')).toContain('credential_process = ');

      const off = await setAutoLogin('dev', false);
      expect(off).toMatchObject({ ok: true });
      const text = readFileSync(sandbox.configFile, 'utf8');
      // The session is back on dev; the sign-in section stays only for the other program's comments in it.
      expect(text).toBe(`[profile dev]\nregion = eu-west-1\nlogin_session = ${FAKE_SESSION}\n\n[profile dev-signin]\n# other program 2\n# other program 4\n`);
    });

    it('a state lock held by another process stops the edit before the config is touched, and says so', async () => {
      const original = `[profile dev]\nregion = eu-west-1\nlogin_session = ${FAKE_SESSION}\n`;
      const { sandbox, setAutoLogin } = setUp(original);
      mkdirSync(join(sandbox.appHome, 'state'), { recursive: true });
      const lock = join(sandbox.appHome, 'state', 'auto-login-undo.json.lock');
      writeFileSync(lock, String(process.ppid)); // fresh, held by a live process
      const on = await setAutoLogin('dev', true);
      expect(on).toMatchObject({ ok: false, refused: false });
      expect(!on.ok && on.error.message).toMatch(/^Could not turn auto-login on for dev; the config file does not have this change: .*auto-login-undo\.json\.lock: another aws-login-tray process holds this lock/);
      expect(readFileSync(sandbox.configFile, 'utf8')).toBe(original);
      rmSync(lock);
      expect(await setAutoLogin('dev', true)).toMatchObject({ ok: true, changed: true });
      expect(await setAutoLogin('dev', false)).toMatchObject({ ok: true });
      expect(readFileSync(sandbox.configFile, 'utf8')).toBe(original);
    });
  });
});

describe('file errors say what to do', () => {
  it('a config in a folder the user may not write: names the file and says to check its owner and permissions', async () => {
    const { sandbox, setAutoLogin } = setUp(`[profile dev]\nregion = eu-west-1\nlogin_session = ${FAKE_SESSION}\n`);
    const spy = vi.spyOn(fs.promises, 'open').mockImplementation(async (p) => {
      throw Object.assign(new Error(`EACCES: permission denied, open '${String(p)}'`), { code: 'EACCES', path: String(p) });
    });
    try {
      const r = await setAutoLogin('dev', true);
      expect(r.ok).toBe(false);
      if (!r.ok) {
        expect(r.error.message).toMatch(/^Could not turn auto-login on for dev; the config file does not have this change: cannot open \/\S+: permission denied$/);
        expect(r.error.hint).toMatch(/^Check the owner and permissions of '.*' and its folder \(ls -ld '.*'\), or run this as the user who owns it\.$/);
      }
    } finally {
      spy.mockRestore();
    }
    expect(readFileSync(sandbox.configFile, 'utf8')).toContain('login_session');
  });
});
