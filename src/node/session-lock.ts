import { createHash } from 'node:crypto';
import { join } from 'node:path';
import { withLock } from './lock';

/** The lock name of one login_session (a digest: ARNs hold characters lock file names cannot). */
export function sessionLockName(loginSession: string): string {
  return `refresh-${createHash('sha256').update(loginSession, 'utf8').digest('hex').slice(0, 24)}`;
}

/**
 * Runs fn while no other process of ours refreshes the same login_session: each refresh rotates the
 * refresh token, and two at once can lose the session (aws-cli issue 10628). Callers re-read the
 * cache file after taking it. Anything of ours that refreshes must use this lock.
 */
export function withSessionLock<T>(appHome: string, loginSession: string, fn: () => Promise<T>, waitMs = 120_000): Promise<T> {
  return withLock(sessionLockName(loginSession), () => fn(), { dir: join(appHome, 'locks'), waitMs });
}
