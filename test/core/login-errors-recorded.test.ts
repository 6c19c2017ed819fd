/**
 * classifyAwsOutcome over every recorded `aws login` / `aws logout` run of the real AWS CLI
 * (../shared/aws-cli, all versions and error formats): each gets the right class and a message that
 * quotes the CLI's own words, never a bare `}` from a JSON error.
 */
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { parseAwsCliVersion } from '../../src/core/aws-cli-version';
import { classifyAwsOutcome } from '../../src/core/login-errors';

const ROOT = [join(__dirname, '..', '..', '..', 'shared', 'aws-cli'), '/work/shared/aws-cli'].find((d) => existsSync(d))!;

interface Rec { version: string; scenario: string; argv: string[]; stdout: string; stderr: string; exitCode: number }

const runs: Rec[] = readdirSync(ROOT).filter((d) => /^\d+\.\d+\.\d+$/.test(d)).flatMap((v) =>
  readdirSync(join(ROOT, v)).filter((f) => f.endsWith('.json')).map((f) => JSON.parse(readFileSync(join(ROOT, v, f), 'utf8')) as Rec))
  .filter((r) => r.argv[1] === 'login' || r.argv[1] === 'logout');

/** The class each recorded scenario must get (null: it worked), with a word the message must hold. */
function expected(r: Rec): { code: string | null; says?: RegExp } {
  const s = r.scenario;
  if (s.startsWith('unknown-command-')) return { code: 'aws-cli-too-old' };
  if (s === 'login-other-creds-sso-session-only') return { code: null };
  if (s.startsWith('login-other-creds-') || /other-creds-process$/.test(s)) {
    return r.version === '2.32.0' ? { code: null } : { code: 'profile-has-other-credentials', says: /already gets credentials another way/ };
  }
  if (['login-new-profile', 'login-no-region', 'login-no-region-ptk3052'].includes(s)) return { code: 'no-region' };
  if (/denied$/.test(s)) return { code: 'login-cancelled' };
  if (['login-authcode-expired', 'login-token-http403-authcode-expired', 'login-token-errortype-in-body-only'].includes(s)) return { code: 'login-timed-out', says: /authorization code expired/ };
  if (s === 'login-insufficient-permissions') return { code: 'login-failed', says: /signin:CreateOAuth2Token/ };
  if (s === 'login-authcode-other-error' || s === 'login-token-http429' || s === 'login-token-http500' || s === 'login-token-validation-exception' || s === 'login-token-errortype-missing') {
    return { code: 'login-failed', says: /exited with code 254: An error occurred \(\w+\) when calling the CreateOAuth2Token operation/ };
  }
  if (s === 'login-replace-eof' || s === 'login-existing-session-inline-comment') return { code: 'login-failed', says: /already uses login session .* stopped to ask/ };
  if (s === 'login-replace-no' || s === 'login-replace-invalid-then-n') return { code: 'login-failed', says: /saved nothing.*declined/ };
  if (s === 'login-state-mismatch') return { code: 'login-failed', says: /state mismatch/ };
  if (s === 'login-no-idtoken') return { code: 'login-failed', says: /exited with code 255: 'idToken'/ };
  if (s === 'login-remote-eof') return { code: 'login-failed', says: /EOF when reading a line/ };
  if (s === 'login-remote-empty-line') return { code: 'login-failed', says: /argument should be a bytes-like object/ };
  if (s === 'login-remote-junk') return { code: 'login-failed', says: /Failed to decode the verification code/ };
  return { code: null };
}

describe('classifyAwsOutcome on every recorded aws login / aws logout run', () => {
  it('has them all (login and logout runs of every recorded version)', () => {
    expect(runs.length).toBeGreaterThan(280);
  });

  for (const r of runs) {
    it(`${r.version}/${r.scenario}`, () => {
      const profile = r.argv.includes('--profile') ? r.argv[r.argv.indexOf('--profile') + 1]! : 'default';
      const e = classifyAwsOutcome({
        command: r.argv[1] as 'login' | 'logout', profile, all: r.argv.includes('--all'), exitCode: r.exitCode,
        stdout: r.stdout, stderr: r.stderr, timedOut: false, cancelled: false, version: parseAwsCliVersion(`aws-cli/${r.version}`), awsPath: '/usr/bin/aws',
      });
      const want = expected(r);
      expect(e?.code ?? null).toBe(want.code);
      if (want.says) expect(e!.message).toMatch(want.says);
      if (e) {
        expect(e.message).not.toMatch(/[{}]\s*$/);
        expect(e.hint).toBeTruthy();
      }
    });
  }

  it('the AWS CLI\'s own 10-minute browser wait (source text) is a timeout, not an SSO problem', () => {
    const e = classifyAwsOutcome({
      command: 'login', profile: 'dev', exitCode: 255, stdout: '', timedOut: false, cancelled: false,
      stderr: '\naws: [ERROR]: The pending authorization to retrieve an SSO token has expired. The device authorization flow to retrieve an SSO token must be restarted.\n',
    });
    expect(e?.code).toBe('login-timed-out');
    expect(e?.message).not.toMatch(/SSO/);
  });
});
