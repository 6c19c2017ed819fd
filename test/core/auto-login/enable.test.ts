import { describe, expect, it } from 'vitest';
import { enableAutoLogin, type EnableInput } from '../../../src/core/auto-login';
import { parseIni } from '../../../src/core/config/ini';

const FILE = '/home/a/.aws/config';
const LAUNCHER = '/home/a/.config/aws-login-tray/bin/aws-login-tray-credential-process';
const SESSION = 'arn:aws:sts::123456789012:assumed-role/Admin/alice';
const RECIPE = `sh -c 'aws configure export-credentials --profile signin 2>/dev/null || (aws login --profile signin >/dev/null 2>&1 && aws configure export-credentials --profile signin)'`;

function enable(configText: string, extra: Partial<EnableInput> = {}) {
  return enableAutoLogin({ configText, configFile: FILE, credentials: null, profile: 'dev', commandFor: (s) => `${LAUNCHER} --profile ${s}`, ...extra });
}

describe('enableAutoLogin', () => {
  it('moves login_session and copies region to <profile>-signin, and points credential_process at the helper', () => {
    const r = enable(`[profile dev]\nregion = eu-west-1\nlogin_session = ${SESSION}\noutput = json\n`);
    expect(r.ok && r.text).toBe(
      `[profile dev]\nregion = eu-west-1\noutput = json\ncredential_process = ${LAUNCHER} --profile dev-signin\n\n` +
      `[profile dev-signin]\nlogin_session = ${SESSION}\nregion = eu-west-1\n`,
    );
    expect(r.ok && r.signinProfile).toBe('dev-signin');
    expect(r.ok && r.notes.join(' ')).toContain('Moved login_session of dev to dev-signin');
  });

  it('works for a profile that never logged in, and honours --signin-profile and --region', () => {
    const r = enable('[profile dev]\noutput = json\n', { signinProfile: 'work', region: 'ap-northeast-1' });
    expect(r.ok && r.text).toBe(`[profile dev]\noutput = json\nregion = ap-northeast-1\ncredential_process = ${LAUNCHER} --profile work\n\n[profile work]\nregion = ap-northeast-1\n`);
  });

  it('sets --region on the profile too when it has none (else aws ... --profile dev says "You must specify a region")', () => {
    const r = enable(`[profile dev]\nlogin_session = ${SESSION}\n`, { region: 'eu-west-1' });
    expect(r.ok && r.text).toBe(
      `[profile dev]\nregion = eu-west-1\ncredential_process = ${LAUNCHER} --profile dev-signin\n\n[profile dev-signin]\nlogin_session = ${SESSION}\nregion = eu-west-1\n`,
    );
    expect(r.ok && r.undo?.addedProfileRegion).toBe('eu-west-1');
    expect(r.ok && r.notes.join(' ')).toContain('Set region = eu-west-1 on dev, which had none.');
  });

  it("leaves the profile's own region alone, and takes the sign-in profile's region when no --region is given", () => {
    const own = enable('[profile dev]\nregion = us-east-1\n', { region: 'eu-west-1' });
    expect(own.ok && own.text).toBe(`[profile dev]\nregion = us-east-1\ncredential_process = ${LAUNCHER} --profile dev-signin\n\n[profile dev-signin]\nregion = eu-west-1\n`);
    expect(own.ok && own.undo?.addedProfileRegion).toBeNull();
    const fromSignin = enable('[profile dev]\n\n[profile dev-signin]\nregion = ap-south-1\n');
    expect(fromSignin.ok && fromSignin.text).toBe(`[profile dev]\nregion = ap-south-1\ncredential_process = ${LAUNCHER} --profile dev-signin\n\n[profile dev-signin]\nregion = ap-south-1\n`);
  });

  it('sets the region in the config file when the profile has one only in the credentials file (the AWS CLI reads region from config)', () => {
    const credentials = parseIni('[dev]\nregion = eu-west-1\n', '/home/a/.aws/credentials', 'credentials');
    const r = enable('[profile dev]\n', { credentials });
    expect(r.ok && r.undo?.addedProfileRegion).toBe('eu-west-1');
  });

  it('migrates the shell recipe in place, keeping its sign-in profile', () => {
    const text = `[default]\ncredential_process = ${RECIPE}\nregion = ap-northeast-1\n\n[profile signin]\nregion = ap-northeast-1\nlogin_session = ${SESSION}\n`;
    const r = enable(text, { profile: 'default' });
    expect(r.ok && r.text).toBe(text.replace(RECIPE, `${LAUNCHER} --profile signin`));
    expect(r.ok && r.undo?.previousCredentialProcess).toBe(RECIPE);
  });

  it('changes nothing when auto-login is already on', () => {
    const text = `[profile dev]\nregion = eu-west-1\ncredential_process = ${LAUNCHER} --profile dev-signin\n\n[profile dev-signin]\nregion = eu-west-1\n`;
    const r = enable(text);
    expect(r.ok && { changed: r.changed, undo: r.undo, wasEnabled: r.wasEnabled }).toEqual({ changed: false, undo: null, wasEnabled: true });
  });

  it.each([
    ['static keys', 'aws_access_key_id = AKIAFAKE\naws_secret_access_key = fake\n', /long-term access keys \(aws_access_key_id at \/home\/a\/\.aws\/config:3\)/],
    ['SSO', 'sso_session = corp\nsso_account_id = 1\nsso_role_name = R\n', /IAM Identity Center/],
    ['a role', 'role_arn = arn:aws:iam::1:role/R\nsource_profile = x\n', /an assumed role/],
    ['another credential_process', 'credential_process = op-aws-helper get x\n', /another credential_process/],
  ])('refuses a profile holding %s, with an explanation', (_what, lines, message) => {
    const r = enable(`[profile dev]\nregion = eu-west-1\n${lines}`);
    expect(r.ok).toBe(false);
    if (!r.ok) {
      expect(r.error.code).toBe('profile-has-other-credentials');
      expect(r.error.message).toMatch(message);
      expect(r.error.hint).toBe('Use a new profile for auto-login: `aws configure set region eu-west-1 --profile dev-auto`, then `aws-login-tray enable-auto-login dev-auto`; or remove those lines from dev first.');
    }
  });

  it('refuses keys kept for the profile in the credentials file', () => {
    const credentials = parseIni('[dev]\naws_access_key_id = AKIAFAKE\naws_secret_access_key = fake\n', '/home/a/.aws/credentials', 'credentials');
    const r = enable('[profile dev]\nregion = eu-west-1\n', { credentials });
    expect(!r.ok && r.error.message).toContain('/home/a/.aws/credentials:2');
  });

  it('refuses a sign-in profile that holds other credentials, an unknown profile, and a missing region', () => {
    const busy = enable('[profile dev]\nregion = r\n\n[profile dev-signin]\nrole_arn = arn:aws:iam::1:role/R\nsource_profile = x\n');
    // Why (the role, where it is) and a next step naming both profiles (test/cli/next-steps.test.ts follows it).
    expect(!busy.ok && busy.error).toEqual({
      code: 'profile-has-other-credentials',
      message: expect.stringMatching(/^Sign-in profile dev-signin already gets credentials from an assumed role \(role_arn at \S+:5\); auto-login would replace them\.$/),
      hint: 'Pick another sign-in profile: `aws-login-tray enable-auto-login dev --signin-profile dev-login`.',
    });
    const unknown = enable('[profile other]\n');
    expect(!unknown.ok && unknown.error).toMatchObject({ code: 'unknown-profile', message: expect.stringContaining('There is no profile named "dev"') });
    const noRegion = enable('[profile dev]\n');
    expect(!noRegion.ok && noRegion.error).toMatchObject({ code: 'no-region', message: 'Neither dev nor dev-signin has a region, and aws login needs one.' });
  });

  it('refuses when both profiles hold different sessions', () => {
    const r = enable(`[profile dev]\nregion = r\nlogin_session = ${SESSION}\n\n[profile dev-signin]\nlogin_session = arn:aws:iam::1:user/bob\n`);
    expect(!r.ok && r.error.message).toContain('Both dev and dev-signin hold a login session');
    // A next step that works: `aws logout` would leave login_session in place and this refusal would come back.
    expect(!r.ok && r.error.hint).toMatch(/^Remove one of the two login_session lines \(dev-signin's is at .*:6\)/);
    expect(!r.ok && r.error.hint).not.toContain('aws logout');
  });
});
