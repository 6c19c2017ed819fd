import { describe, expect, it } from 'vitest';
import {
  AWS_CLI_INSTALL_URL, awsCliNotFoundError, awsCliTooOldError, classifyAwsOutcome, invalidProfileNameError, notALoginProfileError, unknownProfileError,
  type AwsCommandOutcome,
} from '../../src/core/login-errors';

const base: AwsCommandOutcome = { command: 'login', profile: 'dev', exitCode: 0, stdout: '', stderr: '', timedOut: false, cancelled: false };
const classify = (o: Partial<AwsCommandOutcome>) => classifyAwsOutcome({ ...base, ...o });

describe('classifyAwsOutcome', () => {
  it('returns null for a successful run', () => {
    expect(classify({ stdout: 'Updated profile dev to use arn:... credentials.' })).toBeNull();
  });

  it('names the other kind of credentials and suggests a separate profile (enable-auto-login would refuse it too)', () => {
    const e = classify({ exitCode: 253, stderr: "\naws: [ERROR]: Profile 'dev' is already configured with Credential Process credentials.\n\nYou may run ..." });
    expect(e?.code).toBe('profile-has-other-credentials');
    expect(e?.message).toContain('Credential Process');
    expect(e?.hint).not.toContain('enable-auto-login');
    expect(e?.hint).toContain('`aws configure set region <region> --profile dev-login`, then `aws-login-tray login dev-login`');
  });

  it('spots the hidden region prompt', () => {
    const e = classify({ exitCode: 255, stdout: 'No AWS region has been configured. The AWS region is ...\nAWS Region [us-east-1]: ', stderr: '\nEOF when reading a line\n' });
    expect(e?.code).toBe('no-region');
    // Recorded: --region is never saved, so the hint never suggests it alone.
    expect(e?.hint).toBe('Set `region = <region>` in the profile\'s section of your AWS config file (`aws configure set region <region> --profile dev`; a --region given to aws login is not saved), then try again.');
  });

  it('reads an Invalid choice as a CLI too old, naming the version found', () => {
    const e = classify({ exitCode: 252, stderr: 'aws: error: argument command: Invalid choice, valid choices are:\n', version: { major: 2, minor: 9, patch: 19 }, awsPath: '/usr/bin/aws' });
    expect(e?.code).toBe('aws-cli-too-old');
    expect(e?.message).toContain('2.9.19');
    expect(e?.message).toContain('2.32.0');
    expect(e?.message).toContain('/usr/bin/aws');
  });

  it('does not quote a version that has login as the reason for an Invalid choice', () => {
    const e = classify({ exitCode: 252, stderr: 'aws: error: argument command: Invalid choice, valid choices are:\n', version: { major: 2, minor: 32, patch: 3 }, awsPath: '/x/aws' });
    expect(e?.code).toBe('aws-cli-too-old');
    expect(e?.message).toBe('The AWS CLI at /x/aws has no aws login command; it needs AWS CLI 2.32.0 or newer.');
  });

  it('tells cancelled, browser-closed and timed-out apart', () => {
    expect(classify({ exitCode: null, cancelled: true })?.code).toBe('login-cancelled');
    const closed = classify({ exitCode: 255, stderr: '\naws: [ERROR]: Failed to retrieve an authorization code.\n' });
    expect(closed?.code).toBe('login-cancelled');
    expect(closed?.hint).toBe('Run `aws-login-tray login dev` to try again.');
    expect(classify({ exitCode: null, cancelled: true })?.hint).toBe('Run `aws-login-tray login dev` to try again.');
    const t = classify({ exitCode: null, timedOut: true, timeoutSeconds: 300 });
    expect(t?.code).toBe('login-timed-out');
    expect(t?.message).toContain('300 s');
  });

  it('says a logout that timed out was a logout, with a retry that works for --all too', () => {
    const t = classify({ command: 'logout', exitCode: null, timedOut: true, timeoutSeconds: 60 });
    expect(t?.message).toBe('Logout of dev timed out after 60 s: aws logout did not finish.');
    expect(t?.hint).toBe('Run `aws-login-tray logout dev` again; if it hangs again, run `aws logout --profile dev` in a terminal to see why.');
    expect(t?.hint).not.toMatch(/sign|browser/i);
    const all = classify({ command: 'logout', profile: 'all profiles', all: true, exitCode: null, timedOut: true, timeoutSeconds: 60 });
    expect(all?.hint).toContain('`aws-login-tray logout --all`');
    expect(all?.hint).toContain('`aws logout --all` in a terminal');
    expect(classify({ command: 'logout', profile: 'all profiles', all: true, exitCode: 255, stderr: 'aws: [ERROR]: odd\n' })?.hint).toBe('Run `aws logout --all` in a terminal to see the full output.');
  });

  it('recognises a login_session left behind by aws logout', () => {
    const e = classify({ exitCode: 255, stderr: "Error loading login session token: Unable to load a existing login session for session arn:aws:sts::1:assumed-role/A/b, Please reauthenticate with 'aws login'." });
    expect(e?.code).toBe('stale-login-session');
    expect(e?.message).toContain('arn:aws:sts::1:assumed-role/A/b');
    expect(e?.hint).toBe('Log in again: `aws-login-tray login dev`.');
  });

  it('falls back to the CLI last error line without its prefix, and never a stack trace', () => {
    const e = classify({ exitCode: 255, stderr: 'Traceback (most recent call last):\n  File "x.py"\n\naws: [ERROR]: Something odd happened\n' });
    expect(e?.code).toBe('login-failed');
    expect(e?.message).toBe('aws login for dev exited with code 255: Something odd happened');
    expect(e?.hint).toBe('Run `aws login --profile dev` in a terminal to see the full output.');
  });
});

describe('notALoginProfileError', () => {
  it('is null for the kinds aws login can sign in', () => {
    for (const kind of ['login', 'auto-login', 'other'] as const) expect(notALoginProfileError('dev', kind, { region: null })).toBeNull();
  });

  it('names the kind and gives a next step that works', () => {
    const keys = notALoginProfileError('dev', 'static-keys', { region: 'eu-west-1' });
    expect(keys?.message).toBe('Profile dev gets credentials from long-term access keys (aws_access_key_id), so aws login cannot sign it in (it only signs in profiles without credentials of their own).');
    expect(keys?.hint).toBe('To use aws login, give it a profile of its own: `aws configure set region eu-west-1 --profile dev-login`, then `aws-login-tray login dev-login`.');
    expect(notALoginProfileError('dev', 'sso', { region: null })?.hint).toMatch(/^Sign in to it with `aws sso login --profile dev`\./);
    expect(notALoginProfileError('dev', 'assume-role', { region: null, sourceProfile: 'base' })?.hint).toContain('log that one in: `aws-login-tray login base`.');
    expect(notALoginProfileError('dev', 'credential-process', { region: null })?.message).toContain('its own credential_process');
    const signin = notALoginProfileError('dev-signin', 'sso', { region: null, autoLoginProfile: 'dev' });
    expect(signin?.message).toMatch(/^Sign-in profile dev-signin \(used by dev\) gets credentials from IAM Identity Center/);
    expect(signin?.hint).toBe('Point dev at another sign-in profile: `aws-login-tray enable-auto-login dev --signin-profile <new-name>`.');
  });
});

describe('other errors', () => {
  it('unknown profile: names the file and the command that creates it without a region prompt', () => {
    expect(unknownProfileError('nope', '/h/.aws/config')).toEqual({
      code: 'unknown-profile',
      message: 'There is no profile named "nope" in /h/.aws/config.',
      hint: 'Check the name with `aws-login-tray status`, or create it with its region (aws login never saves --region): `aws configure set region <region> --profile nope`, then `aws-login-tray login nope`.',
    });
  });

  it('not found: lists folders and links the installer; explicit paths are named', () => {
    const e = awsCliNotFoundError([{ path: '/usr/bin/aws', source: 'path' }, { path: '/usr/local/bin/aws', source: 'known-folder' }]);
    expect(e.message).toContain('/usr/bin, /usr/local/bin');
    expect(e.hint).toContain(AWS_CLI_INSTALL_URL);
    expect(awsCliNotFoundError([{ path: '/opt/aws', source: 'setting' }]).message).toContain('/opt/aws (from the awsCliPath setting)');
  });
  it('too old without a readable version still says where', () => {
    expect(awsCliTooOldError(null, '/x/aws').message).toContain('/x/aws');
  });
  it('refuses option-like names', () => {
    expect(invalidProfileNameError('--all').code).toBe('invalid-argument');
  });
});
