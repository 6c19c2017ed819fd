import type { ProfileKind } from '../profile-kind-types';
import type { ProfileStatus, SessionState } from './types';

// The domain rules about sessions, defined once: the CLI, the tray, the window (through
// src/shared/sessions.ts), the warnings and the session checks all ask these.

/** A profile that signs in with `aws login`: its own session (login) or its sign-in profile's (auto-login). */
export function isLoginLike(p: { kind: ProfileKind }): boolean {
  return p.kind === 'login' || p.kind === 'auto-login';
}

/** Signed in: the session gives credentials now (an expiring one still does). */
export function isSignedIn(state: SessionState | null | undefined): boolean {
  return state === 'active' || state === 'expiring';
}

/**
 * A session that may still be alive at AWS: signed in, or past an end that may have been only an
 * estimate ('expired'). Worth asking Sign-In about, and warning about.
 */
export function mayBeAlive(state: SessionState | null | undefined): boolean {
  return isSignedIn(state) || state === 'expired';
}

/**
 * The sessions worth asking Sign-In about: one row per login_session (the login profile holding it;
 * an auto-login profile's is its sign-in profile's), while it may be alive.
 */
export function sessionsToCheck(profiles: readonly ProfileStatus[]): ProfileStatus[] {
  const seen = new Set<string>();
  return profiles.filter((row) => {
    if (row.kind !== 'login' || !row.loginSession || seen.has(row.loginSession) || !mayBeAlive(row.state)) return false;
    seen.add(row.loginSession);
    return true;
  });
}
