import { execFileSync } from 'node:child_process';
import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import type { Platform } from '../../src/core/ports';
import { createAutoLoginSwitch } from '../../src/node/auto-login-switch';
import { makeAwsSandbox, type AwsSandbox } from '../support/fake-aws';

/**
 * A real `aws login` rewrites the whole config file (CRLF becomes LF, no blank line before a
 * section it appends, ...). The recordings of AWS CLI 2.36.7 hold what it wrote; Debian's real
 * `aws configure set` (2.9) goes through the same config writer and writes exactly those bytes (checked
 * first), so it stands in for the login's write into the sign-in profile between enable and disable.
 */
const AWS = '/usr/bin/aws';
const RECORDINGS = '/work/shared/aws-cli/2.36.7';
const platform = (process.platform === 'win32' ? 'win32' : process.platform === 'darwin' ? 'darwin' : 'linux') as Platform;

interface Recording {
  argv: string[];
  configBefore: string;
  configAfter: string;
}

const load = (name: string): Recording => JSON.parse(readFileSync(join(RECORDINGS, `${name}.json`), 'utf8')) as Recording;

/** What `aws login --profile <profile>` writes into the config: the session line, through the CLI's own config writer. */
function cliWritesSession(sb: AwsSandbox, profile: string, session: string): void {
  execFileSync(AWS, ['configure', 'set', 'login_session', session, '--profile', profile], { env: { PATH: '/usr/bin:/bin', HOME: sb.home, AWS_CONFIG_FILE: sb.configFile, AWS_SHARED_CREDENTIALS_FILE: sb.credentialsFile } });
}

function setUp(config: string) {
  const sb = makeAwsSandbox(config);
  const helper = join(sb.root, 'helper.cjs');
  writeFileSync(helper, '');
  return { sb, setAutoLogin: createAutoLoginSwitch({ env: sb.env, platform, homeDir: sb.home, launcherRuntime: { execPath: process.execPath, args: [helper] } }) };
}

const SESSION = 'arn:aws:sts::123456789012:assumed-role/Admin/alice';

describe('disable-auto-login after the AWS CLI rewrote the config (recorded aws login writes)', () => {
  it.each([
    // [recording, what disable leaves when it differs from what `aws login --profile dev` would have written]
    ['login-crlf', null],
    ['login-no-trailing-newline', null],
    // The CLI put its line after a blank line; ours goes at the end of the section's properties.
    ['login-last-section-trailing-blank', `[default]\nregion = us-east-1\n\n[profile dev]\nregion = eu-west-1\nlogin_session = ${SESSION}\n\n`],
  ])('%s: enable, sign in through the sign-in profile, disable: dev holds the session as aws login would have written it', async (name, differs) => {
    const rec = load(name);
    expect(rec.argv).toEqual(['aws', 'login', '--profile', 'dev']);
    const check = setUp(rec.configBefore);
    cliWritesSession(check.sb, 'dev', SESSION);
    expect(readFileSync(check.sb.configFile, 'utf8')).toBe(rec.configAfter); // the stand-in writes what the real login wrote

    const { sb, setAutoLogin } = setUp(rec.configBefore);
    expect(await setAutoLogin('dev', true)).toMatchObject({ ok: true, changed: true });
    const enabled = readFileSync(sb.configFile, 'utf8');
    cliWritesSession(sb, 'dev-signin', SESSION); // aws login --profile dev-signin, run by the helper
    expect(readFileSync(sb.configFile, 'utf8')).not.toBe(enabled);

    const off = await setAutoLogin('dev', false);
    expect(off).toMatchObject({ ok: true, changed: true });
    const notes = off.ok ? off.notes : [];
    // Not byte for byte, and it says so: each change undone, the session moved back to dev.
    expect(notes[0]).toBe(`${sb.configFile} changed since enable-auto-login (another program, such as aws login, rewrote it), so each of its changes was undone instead of restoring the old bytes; the other changes stay.`);
    expect(notes).toContain('Moved login_session back from dev-signin to dev.');
    expect(notes).toContain('Removed the sign-in profile dev-signin, which enable-auto-login had created.');
    expect(readFileSync(sb.configFile, 'utf8')).toBe(differs ?? rec.configAfter);
  });

  it('a login rewrite of an already logged-in file changes no byte, and disable then restores exactly', async () => {
    const rec = load('login-crlf');
    const { sb, setAutoLogin } = setUp(rec.configAfter); // dev logged in, as the CLI left it
    expect(await setAutoLogin('dev', true)).toMatchObject({ ok: true });
    cliWritesSession(sb, 'dev-signin', SESSION);
    const off = await setAutoLogin('dev', false);
    expect(off.ok && off.notes).toEqual([`Restored ${sb.configFile} exactly as it was before enable-auto-login.`]);
    expect(readFileSync(sb.configFile, 'utf8')).toBe(rec.configAfter);
  });
});
