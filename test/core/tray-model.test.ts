import { describe, expect, it } from 'vitest';
import { buildTrayModel, nearestSessionEnd, profileLabel, SNOOZE_MS, worstState, type TrayMenuItem } from '../../src/core/tray-model';
import type { ProfileStatus, SessionState, StatusReport } from '../../src/core/session/types';
import { NO_SESSION, profileStatus } from '../support/profile-status';

const NOW = Date.UTC(2025, 11, 5, 9, 0, 0);
const MIN = 60_000;

/** A login profile in `state` with no session times yet; `over` adds them. */
function profile(name: string, state: SessionState | null, over: Partial<ProfileStatus> = {}): ProfileStatus {
  return profileStatus({ ...NO_SESSION, name, state, loginSession: state === null ? null : `arn:aws:iam::123456789012:user/${name}`, ...over });
}

function report(profiles: ProfileStatus[], over: Partial<StatusReport> = {}): StatusReport {
  return {
    generatedAt: NOW,
    configFile: '/home/u/.aws/config',
    credentialsFile: '/home/u/.aws/credentials',
    loginCacheDir: '/home/u/.aws/login/cache',
    configFound: true,
    profiles,
    ...over,
  };
}

const labels = (menu: TrayMenuItem[]) => menu.map((i) => (i.type === 'separator' ? '---' : i.label));

describe('worstState', () => {
  it('orders error > expired > expiring > logged-out > active', () => {
    const order: SessionState[] = ['error', 'expired', 'expiring', 'logged-out', 'active'];
    for (let i = 0; i < order.length; i++) {
      const states = order.slice(i);
      const profiles = [...states].reverse().map((s, n) => profile(`p${n}`, s));
      expect(worstState(profiles)).toBe(order[i]);
    }
  });

  it("is 'none' with no login profiles, ignoring other kinds", () => {
    expect(worstState([])).toBe('none');
    expect(worstState([profile('sso', null, { kind: 'sso' }), profile('odd', 'error', { kind: 'static-keys' })])).toBe('none');
  });

  it('counts auto-login profiles', () => {
    expect(worstState([profile('a', 'active'), profile('b', 'expired', { kind: 'auto-login' })])).toBe('expired');
  });
});

describe('nearestSessionEnd', () => {
  it('takes the nearest end among active and expiring sessions only', () => {
    const ps = [
      profile('long', 'active', { sessionExpiresAt: NOW + 300 * MIN }),
      profile('soon', 'expiring', { sessionExpiresAt: NOW + 12 * MIN }),
      profile('gone', 'expired', { sessionExpiresAt: NOW - 5 * MIN }),
      profile('out', 'logged-out', { sessionExpiresAt: NOW + 1 * MIN }),
    ];
    expect(nearestSessionEnd(ps, NOW)).toBe(12 * MIN);
  });

  it('is null without a running session and never negative', () => {
    expect(nearestSessionEnd([profile('a', 'active')], NOW)).toBeNull();
    expect(nearestSessionEnd([profile('a', 'expiring', { sessionExpiresAt: NOW - MIN })], NOW)).toBe(0);
  });
});

describe('profileLabel', () => {
  it('shows the state and the estimated time left for running sessions', () => {
    const p = profile('prod', 'active', { sessionExpiresAt: NOW + (3 * 60 + 42) * MIN + 30_000 });
    expect(profileLabel(p as ProfileStatus & { state: SessionState }, NOW)).toBe('prod — Active · ends about 12:42 (3 h 42 m left)');
  });

  it('drops the estimate marks when AWS Sign-In told the end', () => {
    const p = profile('prod', 'active', { sessionExpiresAt: NOW + (3 * 60 + 42) * MIN + 30_000, sessionEndSource: 'introspected' });
    expect(profileLabel(p as ProfileStatus & { state: SessionState }, NOW)).toBe('prod — Active · ends 12:42 (3 h 42 m left)');
  });

  it('shows only the state when no session runs, and marks auto-login profiles', () => {
    const p = profile('dev', 'expired', { kind: 'auto-login', sessionExpiresAt: NOW - MIN });
    expect(profileLabel(p as ProfileStatus & { state: SessionState }, NOW)).toBe('dev (auto-login) — Expired');
  });

  it('says so while a credential helper waits on a browser sign-in', () => {
    const p = profile('dev', 'expired', { kind: 'auto-login', signinProfile: 'dev-signin', waitingForSignInSince: NOW - MIN });
    expect(profileLabel(p as ProfileStatus & { state: SessionState }, NOW)).toBe('dev (auto-login) — Waiting for browser sign-in…');
  });
});

describe('buildTrayModel', () => {
  const ps = [
    profile('prod', 'active', { sessionExpiresAt: NOW + (3 * 60 + 42) * MIN }),
    profile('dev', 'expiring', { sessionExpiresAt: NOW + 9 * MIN }),
    profile('test', 'logged-out'),
    profile('corp-sso', null, { kind: 'sso' }),
  ];

  it('lists login profiles, then the fixed items in order', () => {
    const m = buildTrayModel(report(ps), NOW, { startAtLogin: true });
    expect(labels(m.menu)).toEqual([
      'prod — Active · ends about 12:42 (3 h 42 m left)',
      'dev — Expiring · ends about 09:09 (9 m left)',
      'test — Logged out',
      '---',
      'Log Out All',
      '---',
      'Open Window…',
      'Start at Login',
      '---',
      'Quit AWS Login Tray',
    ]);
    expect(m.state).toBe('expiring');
    expect(m.title).toBe('9 m');
    expect(m.tooltip).toBe('AWS Login Tray — 1 expiring, 1 logged out, 1 active');
  });

  it('enables Log In unless active and Log Out unless logged out', () => {
    const m = buildTrayModel(report(ps), NOW, { startAtLogin: false });
    const sub = (i: number) => {
      const item = m.menu[i];
      if (item?.type !== 'normal' || !item.submenu) throw new Error('no submenu');
      return item.submenu.slice(0, 2).map((s) => (s.type === 'normal' ? [s.label, s.enabled, s.action] : null));
    };
    expect(sub(0)).toEqual([
      ['Log In', false, { kind: 'login', profile: 'prod' }],
      ['Log Out', true, { kind: 'logout', profile: 'prod' }],
    ]);
    expect(sub(1)).toEqual([
      ['Log In', true, { kind: 'login', profile: 'dev' }],
      ['Log Out', true, { kind: 'logout', profile: 'dev' }],
    ]);
    expect(sub(2)).toEqual([
      ['Log In', true, { kind: 'login', profile: 'test' }],
      ['Log Out', false, { kind: 'logout', profile: 'test' }],
    ]);
  });

  it('shows the real start-at-login state in the checkbox', () => {
    for (const checked of [true, false]) {
      const item = buildTrayModel(report(ps), NOW, { startAtLogin: checked }).menu.find((i) => i.type === 'checkbox');
      expect(item).toEqual({ type: 'checkbox', label: 'Start at Login', checked, action: { kind: 'toggle-start-at-login' } });
    }
  });

  it('disables Log Out All when every session is logged out', () => {
    const m = buildTrayModel(report([profile('a', 'logged-out')]), NOW, { startAtLogin: false });
    expect(m.menu.find((i) => i.type === 'normal' && i.label === 'Log Out All')).toMatchObject({ enabled: false });
    expect(m.title).toBe('');
    expect(m.state).toBe('logged-out');
  });

  it('marks a profile being logged in and disables its actions', () => {
    const m = buildTrayModel(report(ps), NOW, { startAtLogin: false, loggingIn: new Set(['test']) });
    const item = m.menu[2];
    expect(item).toMatchObject({ label: 'test — Logging in…' });
    expect(item?.type === 'normal' && item.submenu?.slice(0, 2).every((s) => s.type === 'normal' && !s.enabled)).toBe(true);
  });

  it('offers, per profile, to snooze its warnings for an hour and to mute or unmute them', () => {
    const warnings = (m: ReturnType<typeof buildTrayModel>, i: number) => {
      const item = m.menu[i];
      if (item?.type !== 'normal' || !item.submenu) throw new Error('no submenu');
      return item.submenu.slice(2).map((s) => (s.type === 'normal' ? [s.label, s.enabled, s.action] : '---'));
    };
    const plain = buildTrayModel(report(ps), NOW, { startAtLogin: false });
    expect(warnings(plain, 0)).toEqual([
      '---',
      ['Snooze warnings for 1 hour', true, { kind: 'snooze', profile: 'prod' }],
      ['Mute warnings', true, { kind: 'set-muted', profile: 'prod', muted: true }],
    ]);
    const m = buildTrayModel(report(ps), NOW, { startAtLogin: false, muted: ['dev'], snoozedUntil: { prod: NOW + SNOOZE_MS - 2 * MIN, test: NOW - 1 } });
    expect(warnings(m, 0).slice(1)).toEqual([
      ['Warnings snoozed · 58 m left', false, null],
      ['Mute warnings', true, { kind: 'set-muted', profile: 'prod', muted: true }],
    ]);
    expect(warnings(m, 1).slice(1)).toEqual([
      ['Snooze warnings for 1 hour', false, { kind: 'snooze', profile: 'dev' }],
      ['Unmute warnings', true, { kind: 'set-muted', profile: 'dev', muted: false }],
    ]);
    // A snooze that has run out offers snoozing again.
    expect(warnings(m, 2)[1]).toEqual(['Snooze warnings for 1 hour', true, { kind: 'snooze', profile: 'test' }]);
  });

  it('shows a problem reading the status first in the menu (opening the window) and as the tooltip', () => {
    const problem = `Could not read the profile status: /home/u/.aws/config:3: ${'x'.repeat(200)}`;
    const m = buildTrayModel(report(ps), NOW, { startAtLogin: false, problem });
    expect(m.menu[0]).toEqual({ type: 'normal', label: `⚠ ${problem}`, enabled: true, action: { kind: 'open-window' } });
    expect(m.menu[1]).toEqual({ type: 'separator' });
    expect(m.tooltip.startsWith('AWS Login Tray — Could not read the profile status: /home/u/.aws/config:3:')).toBe(true);
    expect(m.tooltip.length).toBe(127);
    expect(m.tooltip.endsWith('…')).toBe(true);
  });

  it('puts a fallback notice first, clicking it logs that profile in', () => {
    const m = buildTrayModel(report(ps), NOW, { startAtLogin: false, notice: { profile: 'dev', text: 'dev ends in 5 minutes' } });
    expect(m.menu[0]).toEqual({ type: 'normal', label: '⚠ dev ends in 5 minutes', enabled: true, action: { kind: 'login', profile: 'dev' } });
    expect(m.menu[1]).toEqual({ type: 'separator' });
  });

  it('says when there is no config, no login profile, or no report yet', () => {
    expect(labels(buildTrayModel(report([], { configFound: false }), NOW, { startAtLogin: false }).menu)[0]).toBe(
      'No AWS config found (/home/u/.aws/config)',
    );
    const none = buildTrayModel(report([profile('sso', null, { kind: 'sso' })]), NOW, { startAtLogin: false });
    expect(labels(none.menu)[0]).toBe('No aws login profiles yet');
    expect(none.state).toBe('none');
    expect(none.tooltip).toBe('AWS Login Tray');
    expect(labels(buildTrayModel(null, NOW, { startAtLogin: false }).menu)[0]).toBe('Reading profiles…');
  });

  it('counts the title down as time passes', () => {
    const r = report(ps);
    expect(buildTrayModel(r, NOW + 4 * MIN, { startAtLogin: false }).title).toBe('5 m');
    expect(buildTrayModel(r, NOW + 20 * MIN, { startAtLogin: false }).title).toBe('0 m');
  });
});
