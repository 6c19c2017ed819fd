import { describe, expect, it } from 'vitest';
import { buildProfiles } from '../../src/core/config/profiles';
import { parseIni } from '../../src/core/config/ini';
import { helperLauncherPaths, needsAction, runDoctorChecks, type DoctorFacts } from '../../src/core/doctor';

const CONFIG = '/home/a/.aws/config';
const CREDS = '/home/a/.aws/credentials';
const CACHE = '/home/a/.aws/login/cache';
const LAUNCHER = '/home/a/.config/aws-login-tray/bin/aws-login-tray-credential-process';
const SESSION = 'arn:aws:sts::123456789012:assumed-role/Admin/alice';

function facts(config: string, over: Partial<DoctorFacts> = {}, credentials = ''): DoctorFacts {
  const profiles = buildProfiles(parseIni(config, CONFIG, 'config'), credentials ? parseIni(credentials, CREDS, 'credentials') : null).profiles;
  return {
    platform: 'linux', configFile: CONFIG, credentialsFile: CREDS, loginCacheDir: CACHE,
    aws: { found: true, path: '/usr/local/bin/aws', version: { major: 2, minor: 32, patch: 3 } },
    profiles,
    modes: { [CONFIG]: 0o600, [CREDS]: null, [CACHE]: 0o700 },
    launchers: { [LAUNCHER]: { exists: true, runtime: { execPath: '/usr/bin/node', args: ['/opt/alt/dist/helper.cjs'] }, missing: [] } },
    ...over,
  };
}

const GOOD = `[profile dev]\nregion = eu-west-1\ncredential_process = ${LAUNCHER} --profile dev-signin\n\n[profile dev-signin]\nregion = eu-west-1\nlogin_session = ${SESSION}\n`;

describe('runDoctorChecks', () => {
  it('finds nothing to do in a good setup', () => {
    const findings = runDoctorChecks(facts(GOOD));
    expect(needsAction(findings)).toBe(false);
    expect(findings.map((f) => f.message)).toContain('No problems found.');
  });

  it('flags an AWS CLI without aws login, or none at all', () => {
    const old = runDoctorChecks(facts(GOOD, { aws: { found: true, path: '/usr/bin/aws', version: { major: 2, minor: 9, patch: 19 } } }));
    expect(old[0]).toMatchObject({ level: 'error', message: expect.stringContaining('AWS CLI 2.9.19 at /usr/bin/aws has no `aws login`') });
    expect(old[0]!.fix).toContain('Update the AWS CLI');
    const none = runDoctorChecks(facts(GOOD, { aws: { found: false, message: 'The AWS CLI (aws) was not found.', hint: 'Install it.' } }));
    expect(none[0]).toMatchObject({ level: 'error', fix: 'Install it.' });
  });

  it('flags each problem with a fix', () => {
    const config = [
      '[profile recipe]', 'region = r',
      `credential_process = sh -c 'aws configure export-credentials --profile s 2>/dev/null || (aws login --profile s >/dev/null 2>&1 && aws configure export-credentials --profile s)'`,
      '[profile both]', 'region = r', `login_session = ${SESSION}`, `credential_process = ${LAUNCHER} --profile both-signin`,
      '[profile both-signin]', 'region = r',
      '[profile s]',
      '[profile noregion]', `login_session = ${SESSION}`,
      '[profile gone]', 'region = r', 'credential_process = /old/place/aws-login-tray-credential-process --profile gone-signin',
      '',
    ].join('\n');
    const findings = runDoctorChecks(facts(config, {
      modes: { [CONFIG]: 0o666, [CREDS]: 0o644, [CACHE]: 0o755 },
      launchers: { [LAUNCHER]: { exists: true, runtime: null, missing: ['/usr/local/bin/node-18'] } },
    }, '[keys]\naws_access_key_id = AKIAFAKE\naws_secret_access_key = fake\n'));
    const text = (p: string) => findings.filter((f) => f.profile === p).map((f) => `${f.level}: ${f.message} -> ${f.fix}`).join('\n');
    expect(text('recipe')).toMatch(/warning: .*shell credential_process recipe.*-> aws-login-tray enable-auto-login recipe/);
    expect(text('both')).toMatch(/error: Profile both has both login_session .*-> aws-login-tray enable-auto-login both/);
    expect(text('both')).toMatch(/starts \/usr\/local\/bin\/node-18, which no longer exists/);
    expect(text('gone')).toMatch(/error: The helper \/old\/place\/aws-login-tray-credential-process .* no longer exists.*-> aws-login-tray enable-auto-login \S+ {2}# rewrites the launcher/);
    expect(text('gone')).toMatch(/sign-in profile gone-signin of gone is not in/);
    expect(text('keys')).toMatch(/warning: Profile keys holds long-term access keys \(\/home\/a\/\.aws\/credentials:2\)/);
    expect(text('noregion')).toMatch(/warning: Profile noregion has no region.*-> aws configure set region <region> --profile noregion/);
    expect(text('s')).toMatch(/Profile s has no region/);
    const files = findings.filter((f) => !f.profile).map((f) => `${f.message} -> ${f.fix}`).join('\n');
    expect(files).toContain(`${CREDS} can be read by other users (mode 644)`);
    expect(files).toContain(`chmod 700 '${CACHE}'`);
    // Why a listable cache folder matters, as `aws login` leaves it (0755).
    expect(files).toContain(`${CACHE} can be listed by other users (mode 755; \`aws login\` creates it so)`);
    expect(files).toMatch(/names are SHA-256 hashes of your session ARNs: anyone who guesses an ARN .* learns that you are signed in with it/);
    expect(files).toContain(`${CONFIG} can be changed by other users`);
    expect(needsAction(findings)).toBe(true);
    expect(findings.some((f) => f.message === 'No problems found.')).toBe(false);
  });

  it('applies the private-file check to a config file holding keys, and to the login cache files', () => {
    const config = `${GOOD}[profile keys]\nregion = eu-west-1\naws_access_key_id = AKIAFAKE\naws_secret_access_key = FAKEFAKE\n`;
    const findings = runDoctorChecks(facts(config, { modes: { [CONFIG]: 0o644, [CREDS]: null, [CACHE]: 0o700, [`${CACHE}/aa.json`]: 0o644, [`${CACHE}/bb.json`]: 0o600 } }));
    const files = findings.filter((f) => !f.profile).map((f) => `${f.message} -> ${f.fix}`);
    expect(files).toContain(`${CONFIG} can be read by other users (mode 644); it holds long-term access keys (${CONFIG}:10). -> chmod 600 '${CONFIG}'`);
    expect(files).toContain(`A login cache file can be read by other users: ${CACHE}/aa.json (mode 644); they hold session tokens. -> chmod 600 '${CACHE}'/*.json`);
    expect(files.join('\n')).not.toContain('bb.json');
    // Without keys a readable config is fine; only others' write bit is flagged (once, even when also readable).
    expect(needsAction(runDoctorChecks(facts(GOOD, { modes: { [CONFIG]: 0o644 } })))).toBe(false);
    const both = runDoctorChecks(facts(config, { modes: { [CONFIG]: 0o666 } })).filter((f) => f.fix === `chmod 600 '${CONFIG}'`);
    expect(both).toHaveLength(1);
  });

  it("suggests deleting a stale login_session (not enable-auto-login, which refuses) on another tool's credential_process", () => {
    const findings = runDoctorChecks(facts(`${GOOD}[profile op]\nregion = eu-west-1\nlogin_session = ${SESSION}\ncredential_process = op read op://vault/aws\n`));
    const op = findings.find((f) => f.profile === 'op')!;
    expect(op.level).toBe('error');
    expect(op.message).toContain('so its credential_process never runs');
    expect(op.fix).toBe(`Delete the login_session line at ${CONFIG}:10: op gets its credentials from its credential_process, and aws login needs a profile of its own.`);
  });

  it("names a region in the static-keys fix, so aws login doesn't stop to ask for one", () => {
    const withRegion = runDoctorChecks(facts(GOOD, {}, '[keys]\naws_access_key_id = AKIAFAKE\naws_secret_access_key = fake\n'));
    expect(withRegion.find((f) => f.profile === 'keys')!.fix).toContain('aws configure set region <region> --profile keys-login && aws-login-tray login keys-login  # then use keys-login');
    const own = runDoctorChecks(facts(`${GOOD}[profile k2]\nregion = ap-south-1\naws_access_key_id = AKIAFAKE\naws_secret_access_key = fake\n`));
    expect(own.find((f) => f.profile === 'k2')!.fix).toContain('aws configure set region ap-south-1 --profile k2-login && aws-login-tray login k2-login  # then use k2-login');
  });

  it('reports a broken settings.json', () => {
    const findings = runDoctorChecks(facts(GOOD, { settingsProblem: '/home/a/.config/aws-login-tray/settings.json:3: not valid JSON; fix or delete it.' }));
    expect(findings).toContainEqual({
      level: 'warning',
      message: '/home/a/.config/aws-login-tray/settings.json:3: not valid JSON: the app uses its default settings until it is fixed, and saving settings is refused.',
      fix: 'Fix the file in an editor, or delete it to start from the defaults.',
    });
  });

  it('reports each version of another program kept aside by an edit, until it is deleted', () => {
    const kept = `${CONFIG}.aws-login-tray-kept-20261125T143000Z`;
    const findings = runDoctorChecks(facts(GOOD, { keptVersions: [kept] }));
    expect(needsAction(findings)).toBe(true);
    expect(findings).toContainEqual({
      level: 'warning',
      message: `${kept} holds another program's version of ${CONFIG}: it wrote the file while aws-login-tray was editing it, and the file lost that version.`,
      fix: `Compare the two (diff '${CONFIG}' '${kept}'), copy over any change you want to keep, then delete ${kept}.`,
    });
    expect(needsAction(runDoctorChecks(facts(GOOD, { keptVersions: [] })))).toBe(false);
  });

  it('skips POSIX permission checks on Windows', () => {
    const findings = runDoctorChecks(facts(GOOD, { platform: 'win32', modes: { [CREDS]: 0o666 } }));
    expect(needsAction(findings)).toBe(false);
  });

  it('lists the launchers our credential_process lines name', () => {
    const profiles = buildProfiles(parseIni(`${GOOD}[profile x]\ncredential_process = "/a b/aws-login-tray-credential-process" --profile y\n[profile op]\ncredential_process = op read x\n`, CONFIG, 'config'), null).profiles;
    expect(helperLauncherPaths(profiles, 'linux')).toEqual([LAUNCHER, '/a b/aws-login-tray-credential-process']);
  });
});

describe('doctor: profiles with several credentials', () => {
  it('says which one the AWS CLI uses and which it ignores, with file and line', () => {
    const config = `[profile both]\nlogin_session = ${SESSION}\nrole_arn = arn:aws:iam::123456789012:role/R\nsource_profile = x\nregion = eu-west-1\n`;
    const f = runDoctorChecks(facts(config)).filter((x) => x.profile === 'both');
    expect(f[0]).toMatchObject({ level: 'warning', message: `Profile both holds more than one kind of credentials: the AWS CLI uses role_arn and ignores login_session (${CONFIG}:2).` });
  });
});

describe('doctor: an AWS CLI that cannot start because of the config', () => {
  it('says the CLI refuses the config (even for --version) instead of "could not read the version"', () => {
    const f = facts(GOOD, {
      aws: { found: true, path: '/usr/bin/aws', version: null },
      compat: [{ file: CONFIG, line: 5, profile: 'dev', effect: 'refused', message: 'x', fix: 'Move the lines of this section into the first [profile dev] (line 1) and delete this header.' }],
    });
    expect(runDoctorChecks(f)[0]).toEqual({
      level: 'error',
      message: `The AWS CLI at /usr/bin/aws cannot start: it refuses ${CONFIG} (see below), even for --version.`,
      fix: 'Move the lines of this section into the first [profile dev] (line 1) and delete this header.',
    });
  });
});
