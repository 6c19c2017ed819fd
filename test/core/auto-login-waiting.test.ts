import { describe, expect, it } from 'vitest';
import { markWaitingForSignIn, parseWaitingState } from '../../src/core/auto-login-waiting';
import type { ProfileStatus, StatusReport } from '../../src/core/session/types';
import { BLANK, profileStatus } from '../support/profile-status';

const row = (name: string, kind: ProfileStatus['kind'], signinProfile: string | null = null): ProfileStatus =>
  profileStatus({ ...BLANK, name, kind, signinProfile, state: kind === 'sso' ? null : 'logged-out' });
const report = (profiles: ProfileStatus[]): StatusReport => ({ generatedAt: 1, configFile: 'c', credentialsFile: 'k', loginCacheDir: 'l', configFound: true, profiles });

describe('parseWaitingState', () => {
  it('keeps well-formed entries and skips the rest', () => {
    const parsed = parseWaitingState({ a: { since: 5, pid: 42 }, b: { since: 'x', pid: 1 }, c: { since: 1, pid: -3 }, d: null, e: { since: 2, pid: 1.5 } });
    expect([...parsed]).toEqual([['a', { since: 5, pid: 42 }]]);
    expect(parseWaitingState(null).size).toBe(0);
    expect(parseWaitingState([{ since: 1, pid: 1 }]).size).toBe(0);
  });
});

describe('markWaitingForSignIn', () => {
  it('marks the sign-in profile and every auto-login profile using it, nothing else, without changing the input', () => {
    const input = report([row('dev', 'auto-login', 'dev-signin'), row('ops', 'auto-login', 'ops-signin'), row('dev-signin', 'login'), row('corp', 'sso')]);
    const out = markWaitingForSignIn(input, new Map([['dev-signin', 1000]]));
    expect(out.profiles.map((p) => [p.name, p.waitingForSignInSince])).toEqual([['dev', 1000], ['ops', undefined], ['dev-signin', 1000], ['corp', undefined]]);
    expect(input.profiles.every((p) => p.waitingForSignInSince === undefined)).toBe(true);
    expect(markWaitingForSignIn(input, new Map())).toBe(input);
  });
});
