import { describe, expect, it } from 'vitest';
import { renderStatusTable } from '../../../src/cli/render/status-table';
import { statusToJson } from '../../../src/cli/render/status-json';
import type { ProfileStatus, StatusReport } from '../../../src/core/session/types';
import { BLANK, profileStatus } from '../../support/profile-status';

const NOW = Date.UTC(2025, 11, 5, 10, 0, 0);
const MIN = 60_000;

const row = (over: Partial<ProfileStatus> & Pick<ProfileStatus, 'name' | 'kind'>): ProfileStatus => profileStatus({ ...BLANK, ...over });

const live = { state: 'active' as const, loginSession: 'arn:aws:sts::111122223333:assumed-role/A/a', accountId: '111122223333', sessionStartedAt: NOW - 60 * MIN, sessionStartSource: 'id-token' as const };

function report(profiles: ProfileStatus[], configFound = true): StatusReport {
  return { generatedAt: NOW, configFile: '/h/.aws/config', credentialsFile: '/h/.aws/credentials', loginCacheDir: '/h/.aws/login/cache', configFound, profiles };
}

describe('renderStatusTable', () => {
  it('lays out aligned columns with countdowns, estimates and notes', () => {
    const text = renderStatusTable(report([
      row({ name: 'dev-signin', kind: 'login', ...live, region: 'eu-west-1', accessTokenExpiresAt: NOW + 12 * MIN + 5_000, sessionExpiresAt: NOW + 125 * MIN, sessionEndSource: 'introspected' }),
      row({ name: 'dev', kind: 'auto-login', ...live, signinProfile: 'dev-signin', region: 'eu-west-1', accessTokenExpiresAt: NOW + 3 * MIN, sessionExpiresAt: NOW + 125 * MIN, sessionEndSource: 'default' }),
      row({ name: 'prod', kind: 'login', state: 'logged-out', accountId: '444455556666' }),
      row({ name: 'old', kind: 'login', ...live, state: 'expired', accessTokenExpiresAt: NOW - 60 * MIN, sessionExpiresAt: NOW - MIN, sessionEndSource: 'default' }),
      row({ name: 'keys', kind: 'static-keys', region: 'us-east-1' }),
      row({ name: 'bad', kind: 'login', state: 'error', error: '/h/.aws/login/cache/x.json: is not valid JSON.' }),
    ]), NOW, { settingsFile: '/h/.config/aws-login-tray/settings.json' });
    expect(text).toBe([
      'NAME        KIND                         STATE       NEXT REFRESH  SESSION LEFT  ENDS    REGION     ACCOUNT',
      'dev-signin  login                        Active      7 m 05 s      2 h 5 m       12:05   eu-west-1  111122223333',
      'dev         auto-login (via dev-signin)  Active      due           ~2 h 5 m      ~12:05  eu-west-1  111122223333',
      'prod        login                        Logged out  -             -             -       -          444455556666',
      'old         login                        Expired     -             ~0 m          ~09:59  -          111122223333',
      'keys        static-keys !                -           -             -             -       us-east-1  -',
      'bad         login                        Error       -             -             -       -          -',
      '',
      "~ estimated: AWS Sign-In has not told the end (`aws-login-tray status --refresh` asks it). Set a profile's session length in the window's Settings or maxSessionHours in /h/.config/aws-login-tray/settings.json.",
      '! long-term keys on disk: consider `aws login` instead.',
      'Logged out: log in with `aws-login-tray login prod`.',
      'bad: /h/.aws/login/cache/x.json: is not valid JSON.',
      '',
    ].join('\n'));
  });

  it('gives the no-config hint naming the files looked for and a login that will not stop to ask for a region', () => {
    expect(renderStatusTable(report([], false), NOW)).toBe(
      'No AWS config found (looked for /h/.aws/config and /h/.aws/credentials). Create a profile and sign in: `aws configure set region <region> --profile <name>`, then `aws-login-tray login <name>`.\n',
    );
  });

  it('says so when the config has no profiles', () => {
    expect(renderStatusTable(report([]), NOW)).toBe('No profiles in /h/.aws/config. Create one and sign in: `aws configure set region <region> --profile <name>`, then `aws-login-tray login <name>`.\n');
  });

  it('after a logout, says an auto-login profile logs in by itself, and names aws-login-tray login for the rest', () => {
    const out = { state: 'logged-out' as const };
    const notes = (profiles: ProfileStatus[]) => renderStatusTable(report(profiles), NOW).split('\n\n')[1];
    expect(notes([row({ name: 'dev-signin', kind: 'login', ...out }), row({ name: 'dev', kind: 'auto-login', signinProfile: 'dev-signin', ...out })])).toBe(
      'Logged out: dev logs in by itself on next use (or run `aws-login-tray login dev`).\n',
    );
    expect(notes([
      row({ name: 'a', kind: 'auto-login', signinProfile: 's', ...out }), row({ name: 'b', kind: 'auto-login', signinProfile: 's', ...out }),
      row({ name: 'c', kind: 'auto-login', signinProfile: 't', ...out }), row({ name: 'p', kind: 'login', ...out }), row({ name: 'q', kind: 'login', ...out }),
    ])).toBe(
      'Logged out: a, b and c log in by themselves on next use (or run `aws-login-tray login <name>`).\nLogged out: p and q; log in with `aws-login-tray login <name>`.\n',
    );
  });

  it("names the app's settings.json when no path is given", () => {
    const text = renderStatusTable(report([row({ name: 'dev', kind: 'login', ...live, sessionExpiresAt: NOW + MIN })]), NOW);
    expect(text).toContain("Set a profile's session length in the window's Settings or maxSessionHours in the app's settings.json.");
  });
});

describe('statusToJson', () => {
  it('prints exactly the documented keys with ISO times and nulls', () => {
    const json = statusToJson(report([row({ name: 'dev', kind: 'login', ...live, accessTokenExpiresAt: NOW, sessionExpiresAt: NOW + 1 }), row({ name: 'k', kind: 'static-keys' })]));
    expect(json).toEqual({
      profiles: [
        { name: 'dev', kind: 'login', state: 'active', loginSession: live.loginSession, accountId: '111122223333', region: null,
          accessTokenExpiresAt: '2025-12-05T10:00:00.000Z', sessionStartedAt: '2025-12-05T09:00:00.000Z', sessionExpiresAt: '2025-12-05T10:00:00.001Z',
          sessionEndSource: null, signinProfile: null, error: null, waitingForSignInSince: null },
        { name: 'k', kind: 'static-keys', state: null, loginSession: null, accountId: null, region: null, accessTokenExpiresAt: null,
          sessionStartedAt: null, sessionExpiresAt: null, sessionEndSource: null, signinProfile: null, error: null, waitingForSignInSince: null },
      ],
    });
  });
});
