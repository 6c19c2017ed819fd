import { describe, expect, it } from 'vitest';
import { classifyProfile } from '../../src/core/profile-kind';
import { buildProfiles } from '../../src/core/config/profiles';
import { parseIni } from '../../src/core/config/ini';
import type { AwsProfile } from '../../src/core/config/types';

function profile(properties: Record<string, string>): AwsProfile {
  return { name: 'p', properties, sources: {}, sections: [] };
}
const kindOf = (properties: Record<string, string>) => classifyProfile(profile(properties));
const cp = (credential_process: string) => kindOf({ credential_process });

const RECIPE =
  "sh -c 'aws configure export-credentials --profile signin 2>/dev/null || (aws login --profile signin >/dev/null 2>&1 && aws configure export-credentials --profile signin)'";

describe('classifyProfile: kinds', () => {
  it.each([
    [{ login_session: 'arn:aws:iam::123456789012:user/alice', region: 'eu-west-1' }, 'login'],
    [{ role_arn: 'arn:aws:iam::123456789012:role/Admin', source_profile: 'base' }, 'assume-role'],
    [{ aws_access_key_id: 'AKIAFAKEFAKEFAKE', aws_secret_access_key: 'fake' }, 'static-keys'],
    [{ sso_session: 'corp', sso_account_id: '123456789012' }, 'sso'],
    [{ sso_start_url: 'https://example.awsapps.com/start' }, 'sso'],
    [{ credential_process: 'op read op://vault/aws --format process' }, 'credential-process'],
    [{ region: 'us-east-1' }, 'other'],
    [{}, 'other'],
  ] as const)('%j -> %s', (props, kind) => {
    expect(kindOf(props)).toEqual({ kind, signinProfile: null });
  });

  it('prefers login_session over a credential_process left in the same profile (as the CLI does)', () => {
    expect(kindOf({ login_session: 'arn:aws:iam::1:user/a', credential_process: RECIPE }).kind).toBe('login');
  });
});

describe('classifyProfile: auto-login', () => {
  it.each([
    ['aws-login-tray-credential-process --profile foo-signin', 'foo-signin'],
    ['/usr/local/bin/aws-login-tray-credential-process --profile=foo-signin', 'foo-signin'],
    ['aws-login-tray credential-process --profile signin', 'signin'],
    ['"/Users/Jane Doe/Applications/AWS Login Tray.app/Contents/Resources/bin/aws-login-tray-credential-process" --profile work-signin', 'work-signin'],
    ["'/opt/my tools/aws-login-tray' credential-process --profile x", 'x'],
    ['/home/jane/my\\ tools/aws-login-tray-credential-process --profile y', 'y'],
    ['C:\\Users\\Jane\\AppData\\Local\\Programs\\aws-login-tray\\aws-login-tray-credential-process.cmd --profile win-signin', 'win-signin'],
    ['"C:\\Program Files\\AWS Login Tray\\aws-login-tray-credential-process.cmd" --profile win-signin', 'win-signin'],
    [RECIPE, 'signin'],
    ["/bin/bash -c 'aws configure export-credentials --profile acct-signin || aws login --profile acct-signin'", 'acct-signin'],
    ['aws configure export-credentials --profile signin', 'signin'],
    ['/usr/bin/aws configure export-credentials --profile signin --format process', 'signin'],
  ])('%s -> %s', (command, signin) => {
    // Our launcher, or another command that logs in (the recipe, export-credentials): one check, isOurHelperLine.
    expect(cp(command)).toEqual({ kind: 'auto-login', signinProfile: signin, via: /aws-login-tray/.test(command) ? 'helper' : 'recipe' });
  });

  it.each([
    ['aws login --profile signin'],
    ['aws-login-tray status --profile foo'],
    ['aws-login-tray-credential-process'],
    ['aws-login-tray-credential-process --profile --other'],
    ["sh -c 'echo hi'"],
    ['sh -c "unterminated'],
    ['aws configure list --profile x'],
    ['python3 -c "print(1)" aws configure export-credentials --profile x'],
  ])('%s -> credential-process', (command) => {
    expect(cp(command)).toEqual({ kind: 'credential-process', signinProfile: null });
  });
});

describe('classifyProfile follows the AWS CLI when a profile holds several credentials', () => {
  const profileOf = (config: string, credentials = '') =>
    buildProfiles(parseIni(config, '/c', 'config'), credentials ? parseIni(credentials, '/k', 'credentials') : null).profiles[0]!;
  const S = 'login_session = arn:aws:iam::123456789012:user/a';
  it('role_arn, SSO with an account and role, and credentials-file keys outrank login_session, and say what they hide', () => {
    expect(classifyProfile(profileOf(`[profile d]\n${S}\nrole_arn = arn:aws:iam::1:role/R\nsource_profile = x\n`))).toEqual({ kind: 'assume-role', signinProfile: null, shadowed: ['login_session'] });
    expect(classifyProfile(profileOf(`[profile d]\n${S}\nsso_session = corp\nsso_account_id = 1\nsso_role_name = R\n`))).toEqual({ kind: 'sso', signinProfile: null, shadowed: ['login_session'] });
    expect(classifyProfile(profileOf(`[profile d]\n${S}\n`, '[d]\naws_access_key_id = AKIAFAKE\naws_secret_access_key = x\n'))).toMatchObject({ kind: 'static-keys', shadowed: ['login_session'] });
  });
  it('login_session outranks credential_process and config-file keys; sso_session alone is no credential', () => {
    expect(classifyProfile(profileOf(`[profile d]\n${S}\ncredential_process = op read x\n`))).toEqual({ kind: 'login', signinProfile: null, shadowed: ['credential_process'] });
    expect(classifyProfile(profileOf(`[profile d]\n${S}\naws_access_key_id = AKIAFAKE\naws_secret_access_key = x\n`))).toEqual({ kind: 'login', signinProfile: null, shadowed: ['aws_access_key_id'] });
    expect(classifyProfile(profileOf(`[profile d]\n${S}\nsso_session = corp\n`))).toEqual({ kind: 'login', signinProfile: null });
  });
});
