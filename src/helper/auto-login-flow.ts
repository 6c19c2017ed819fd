import { noBrowserMessage, noBrowserReason } from '../core/browser-available';
import { credentialProcessJson, isFresh, type ProcessCredentials } from '../core/credential-json';
import { loginCooldown, type LoginFailure } from '../core/login-cooldown';
import type { Env, FilePort, Platform } from '../core/ports';
import { loginFollower, type LoginFollowStep } from '../core/login-output';
import { classifyRefreshError } from '../core/refresh-errors';
import type { LoginCache } from '../core/session/login-cache';
import type { ActionResult } from '../shared/errors';
import { HELPER_EXIT, helperMessage, type HelperOutcome } from './exit-codes';
import { loginStep, malformedCacheMessage, noCredentialsAfterLogin, signinLabel } from './messages';
import { readSigninState, readSigninStateSettled, type SigninCache } from './read-signin';

/** A terminal the helper can talk to while the AWS CLI (its caller) owns stdin and stdout. */
export interface HelperTerminal {
  write(text: string): void;
  readLine(): Promise<string | null>;
  close(): void;
}

/** `aws login --remote`, followed: its output (for the URL and the code prompt) and its stdin. */
export interface RemoteSignIn {
  onOutput(text: string): void;
  onStdin(write: (text: string) => void): void;
}

/** Drives `aws login --remote` from the terminal: shows the URL, asks for the code, hands it to the CLI. */
function remoteOnTerminal(tty: HelperTerminal, label: string): RemoteSignIn {
  const follow = loginFollower();
  let write: ((text: string) => void) | null = null;
  const show = (step: LoginFollowStep): void => {
    if (step.url) tty.write(`\naws-login-tray: ${label} needs a sign-in, and no browser can open here.\nOpen this URL on any device and sign in:\n\n  ${step.url}\n\n`);
    if (step.askCode && write) {
      tty.write('Then enter the code the browser shows: ');
      const w = write;
      void tty.readLine().then((line) => w(`${line ?? ''}\n`));
    }
  };
  return {
    onOutput(text) {
      show(follow.output(text));
    },
    onStdin(w) {
      write = w;
      show(follow.stdinReady());
    },
  };
}

/** Everything the slow path touches, so tests can drive it with real files and fake refresh/login. */
export interface FlowDeps {
  env: Env;
  platform: Platform;
  homeDir: string;
  files: FilePort;
  now(): number;
  /** settings.loginRetryCooldownSeconds. */
  cooldownSeconds: number;
  /** The last failed login recorded for the profile (null when the last one worked). */
  lastLoginFailure(signinProfile: string): LoginFailure | null;
  /** Runs fn under the cross-process lock of one login_session (refreshes rotate the refresh token). */
  withSessionLock<T>(loginSession: string, fn: () => Promise<T>): Promise<T>;
  /** Refreshes through the SDK; rejects with the SDK's message when it cannot. */
  refresh(signinProfile: string): Promise<ProcessCredentials>;
  /**
   * `aws login` under the shared login lock (parallel callers share one login's result). requestedAt:
   * when we last read the cache and found no usable session (a login finished since then is ours too).
   */
  login(signinProfile: string, requestedAt: number, remote?: RemoteSignIn): Promise<ActionResult>;
  /**
   * The terminal this helper runs under (its controlling terminal, /dev/tty), to sign in on another
   * device when no browser can open here (an SSH session); null when there is none.
   */
  openTerminal?(): HelperTerminal | null;
  /** Records a failed login for the cooldown (login-results state), e.g. one that left no credentials. */
  recordLoginFailure(signinProfile: string, message: string): void | Promise<void>;
  /** Tells the tray a helper waits on a browser sign-in (the AWS CLI shows our stderr only at the end). */
  onWaitingForLogin?(signinProfile: string, waiting: boolean): void | Promise<void>;
  /**
   * A refresh failed because the session ended (TOKEN_EXPIRED): the real session length, for the
   * tray's estimate next time. cache: the file as it was before the failed refresh.
   */
  onSessionEnded?(loginSession: string, cache: LoginCache): void | Promise<void>;
}

const ok = (creds: ProcessCredentials): HelperOutcome => ({ code: HELPER_EXIT.OK, stdout: credentialProcessJson(creds) });
const noCredentials = (text: string): HelperOutcome => ({ code: HELPER_EXIT.NO_CREDENTIALS, message: helperMessage(text) });

function freshFrom(cache: SigninCache, now: number): ProcessCredentials | null {
  if (cache.kind !== 'ok' || !isFresh(cache.cache.accessToken.expiresAtMs, now)) return null;
  const t = cache.cache.accessToken;
  return { accessKeyId: t.accessKeyId, secretAccessKey: t.secretAccessKey, sessionToken: t.sessionToken, expiration: t.expiresAt, accountId: t.accountId };
}

/** Refresh under the session lock: re-read first (another process may just have refreshed). */
async function refreshUnderLock(
  signinProfile: string,
  loginSession: string,
  deps: FlowDeps,
): Promise<{ creds: ProcessCredentials } | { ended: string; readAt: number } | { failed: string } | { malformed: string }> {
  return deps.withSessionLock(loginSession, async () => {
    const readAt = deps.now();
    const state = await readSigninStateSettled(deps.files, deps.env, deps.platform, deps.homeDir, signinProfile);
    // Fresh credentials win whatever the session: another login (tray, CLI, terminal) may have
    // switched the sign-in profile to a new ARN while we waited for the lock.
    const fresh = freshFrom(state.cache, deps.now());
    if (fresh) return { creds: fresh };
    if (state.loginSession !== loginSession) return { ended: 'the sign-in profile now names another session', readAt };
    if (state.cache.kind === 'missing') return { ended: 'no cached session (logged out?)', readAt };
    // Half written by someone else's refresh would have settled by now: this file is broken, and a
    // login the user did not ask for must not replace it (the session behind it may be fine).
    if (state.cache.kind === 'invalid') return { malformed: malformedCacheMessage(signinProfile, state.cache) };
    if (state.cache.kind !== 'ok') return { ended: 'no session', readAt };
    try {
      const creds = await deps.refresh(signinProfile);
      if (typeof creds.expiration === 'number' && creds.expiration <= deps.now()) return { ended: 'the refreshed credentials are already expired', readAt };
      return { creds };
    } catch (err) {
      const message = err instanceof Error ? err.message : String(err);
      if (classifyRefreshError(message) !== 'session-ended') return { failed: message };
      try {
        await deps.onSessionEnded?.(loginSession, state.cache.cache);
      } catch {
        // Only sharpens the next estimate: never fail the login over it.
      }
      return { ended: message, readAt };
    }
  });
}

/** No session (or it ended): one `aws login`, unless a recent one failed or no browser can open. */
async function loginThenRead(signinProfile: string, requestedAt: number, deps: FlowDeps): Promise<HelperOutcome> {
  const blocked = loginCooldown(deps.lastLoginFailure(signinProfile), deps.now(), deps.cooldownSeconds, signinProfile);
  if (blocked) return noCredentials(blocked.message);
  const noBrowser = noBrowserReason(deps.env, deps.platform);
  // Over SSH with a terminal (like ssh's own password prompt): sign in on another device, asked there.
  const tty = noBrowser ? (deps.openTerminal?.() ?? null) : null;
  if (noBrowser && !tty) return noCredentials(noBrowserMessage(signinProfile, noBrowser));
  await deps.onWaitingForLogin?.(signinProfile, true);
  let result: ActionResult;
  try {
    result = await deps.login(signinProfile, requestedAt, tty ? remoteOnTerminal(tty, signinLabel(signinProfile)) : undefined);
  } finally {
    await deps.onWaitingForLogin?.(signinProfile, false);
    tty?.close();
  }
  if (!result.ok) {
    const hint = result.error.hint ? ` ${result.error.hint}` : ` Run ${loginStep(signinProfile)} to try again.`;
    return noCredentials(`${signinLabel(signinProfile)}: could not log in: ${result.error.message}${hint}`);
  }
  const state = await readSigninStateSettled(deps.files, deps.env, deps.platform, deps.homeDir, signinProfile);
  const fresh = freshFrom(state.cache, deps.now());
  if (fresh) return ok(fresh);
  // A login that "worked" but left nothing we can use would be retried by every next call (a tab
  // storm): record it as a failure so the cooldown applies.
  const where = noCredentialsAfterLogin(signinProfile, state);
  await deps.recordLoginFailure(signinProfile, where);
  const wait = deps.cooldownSeconds > 0 ? `No new login for ${deps.cooldownSeconds} s; run` : 'Run';
  return noCredentials(`${signinLabel(signinProfile)}: the login finished, but ${where}. ${wait} ${loginStep(signinProfile)} to try again.`);
}

/**
 * The slow path of `credential-process`: refresh a due token in-process (one refresher per
 * session), or log in once when there is no session or it ended. Returns the JSON or one message.
 */
export async function runAutoLoginFlow(signinProfile: string, deps: FlowDeps): Promise<HelperOutcome> {
  let readAt = deps.now();
  const state = readSigninState(deps.files, deps.env, deps.platform, deps.homeDir, signinProfile);
  const fresh = freshFrom(state.cache, deps.now());
  if (fresh) return ok(fresh);
  if (state.loginSession) {
    const r = await refreshUnderLock(signinProfile, state.loginSession, deps);
    if ('creds' in r) return ok(r.creds);
    if ('malformed' in r) return noCredentials(r.malformed);
    if ('failed' in r) {
      return noCredentials(
        `${signinLabel(signinProfile)}: could not refresh its credentials: ${r.failed.replace(/\.$/, '')}. Check your network connection, or run ${loginStep(signinProfile)}.`,
      );
    }
    readAt = r.readAt;
  }
  return loginThenRead(signinProfile, readAt, deps);
}
