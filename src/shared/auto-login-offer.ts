import type { ProfileStatus } from '../core/session/types';

/** Sign-in profile -> the auto-login profiles that sign in through it (from one status report). */
export function signinUsers(profiles: readonly ProfileStatus[]): ReadonlyMap<string, string[]> {
  const users = new Map<string, string[]>();
  for (const p of profiles) {
    if (p.kind !== 'auto-login' || p.signinProfile === null) continue;
    const list = users.get(p.signinProfile);
    if (list) list.push(p.name);
    else users.set(p.signinProfile, [p.name]);
  }
  return users;
}

/**
 * Whether the window offers the auto-login switch: only for `aws login` profiles that no other
 * profile signs in through (turning one would break those), and for auto-login profiles (to turn it off).
 */
export function offersAutoLoginSwitch(p: ProfileStatus, users: ReadonlyMap<string, readonly string[]>): boolean {
  // A shell recipe logs in by itself, but it is not ours to turn off: no switch that would then refuse.
  if (p.kind === 'auto-login') return p.autoLoginVia !== 'recipe';
  return p.kind === 'login' && !users.has(p.name);
}
