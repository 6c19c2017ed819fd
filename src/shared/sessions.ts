import type { ProfileStatus } from '../core/session/types';
import { isLoginLike, isSignedIn } from '../core/session/rules';

export { isLoginLike, isSignedIn } from '../core/session/rules';

/**
 * One session as a person sees it: the profile shown (an auto-login profile before the sign-in
 * profile it uses) and every profile that shares it — the same `login_session`, or auto-login
 * profiles on one sign-in profile. Logging any of them out ends all of them.
 */
export interface SessionEntry {
  primary: ProfileStatus;
  /** Every profile on this session, primary first. */
  members: ProfileStatus[];
}


/** What identifies a profile's session: its login_session, or its sign-in profile's (a name before the first login). */
function keyOf(p: ProfileStatus, byName: ReadonlyMap<string, ProfileStatus>): string {
  if (p.kind === 'auto-login' && p.signinProfile !== null) {
    const signin = byName.get(p.signinProfile);
    return signin?.loginSession ? `session:${signin.loginSession}` : `profile:${p.signinProfile}`;
  }
  return p.loginSession ? `session:${p.loginSession}` : `profile:${p.name}`;
}

/** The `aws login` and auto-login profiles of a report, one entry per session, in report order. */
export function sessionEntries(profiles: readonly ProfileStatus[]): SessionEntry[] {
  const byName = new Map(profiles.map((p) => [p.name, p]));
  const groups = new Map<string, ProfileStatus[]>();
  for (const p of profiles.filter(isLoginLike)) {
    const key = keyOf(p, byName);
    const list = groups.get(key);
    if (list) list.push(p);
    else groups.set(key, [p]);
  }
  return [...groups.values()].map((members) => {
    // The profile people use: an auto-login profile over the sign-in profile it logs in through.
    const primary = members.find((m) => m.kind === 'auto-login') ?? members[0]!;
    return { primary, members: [primary, ...members.filter((m) => m !== primary)] };
  });
}

export { listNames } from '../core/format';

/** True when the session is live (active or expiring). */
export function entryLive(e: SessionEntry): boolean {
  return isSignedIn(e.primary.state) || e.members.some((m) => isSignedIn(m.state));
}
