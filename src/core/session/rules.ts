import type { ProfileKind } from '../profile-kind-types';
import type { SessionState } from './types';

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
