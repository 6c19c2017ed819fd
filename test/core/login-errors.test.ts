import { describe, expect, it } from 'vitest';
import {
  AWS_CLI_INSTALL_URL, awsCliNotFoundError, awsCliTooOldError, classifyAwsOutcome, invalidProfileNameError, type AwsCommandOutcome,
} from '../../src/core/login-errors';

const base: AwsCommandOutcome = { command: 'login', profile: 'dev', exitCode: 0, stdout: '', stderr: '', timedOut: false, cancelled: false };
const classify = (o: Partial<AwsCommandOutcome>) => classifyAwsOutcome({ ...base, ...o });

describe('classifyAwsOutcome', () => {
  it('returns null for a successful run', () => {
    expect(classify({ stdout: 'Updated profile dev to use arn:... credentials.' })).toBeNull();
  });

  it('names the other kind of credentials and suggests enable-auto-login', () => {
    const e = classify({ exitCode: 253, stderr: "\naws: [ERROR]: Profile 'dev' is already configured with Credential Process credentials.\n\nYou may run ..." });
    expect(e?.code).toBe('profile-has-other-credentials');
    expect(e?.message).toContain('Credential Process');
    expect(e?.hint).toContain('aws-login-tray enable-auto-login dev');
  });

  it('spots the hidden region prompt', () => {
    const e = classify({ exitCode: 255, stdout: 'No AWS region has been configured. The AWS region is ...\nAWS Region [us-east-1]: ', stderr: '\nEOF when reading a line\n' });
    expect(e?.code).toBe('no-region');
    expect(e?.hint).toContain('--region');
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
    expect(closed?.hint).toContain('aws-login-tray login dev');
    const t = classify({ exitCode: null, timedOut: true, timeoutSeconds: 300 });
    expect(t?.code).toBe('login-timed-out');
    expect(t?.message).toContain('300 s');
  });

  it('recognises a login_session left behind by aws logout', () => {
    const e = classify({ exitCode: 255, stderr: "Error loading login session token: Unable to load a existing login session for session arn:aws:sts::1:assumed-role/A/b, Please reauthenticate with 'aws login'." });
    expect(e?.code).toBe('stale-login-session');
    expect(e?.message).toContain('arn:aws:sts::1:assumed-role/A/b');
  });

  it('falls back to the CLI last error line without its prefix, and never a stack trace', () => {
    const e = classify({ exitCode: 255, stderr: 'Traceback (most recent call last):\n  File "x.py"\n\naws: [ERROR]: Something odd happened\n' });
    expect(e?.code).toBe('login-failed');
    expect(e?.message).toBe('aws login for dev exited with code 255: Something odd happened');
    expect(e?.hint).toContain('aws login --profile dev');
  });
});

describe('other errors', () => {
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
