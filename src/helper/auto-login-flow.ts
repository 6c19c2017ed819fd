import { noBrowserMessage, noBrowserReason } from '../core/browser-available';
import { credentialProcessJson, isFresh, type ProcessCredentials } from '../core/credential-json';
import { loginCooldown, type LoginFailure } from '../core/login-cooldown';
import type { Env, FilePort, Platform } from '../core/ports';
import { classifyRefreshError } from '../core/refresh-errors';
import type { ActionResult } from '../shared/errors';
import { HELPER_EXIT, helperMessage, type HelperOutcome } from './exit-codes';
import { readSigninState, type SigninCache } from './read-signin';

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
  /** `aws login` under the shared login lock (parallel callers share one login's result). */
  login(signinProfile: string): Promise<ActionResult>;
  /** Tells the tray a helper waits on a browser sign-in (the AWS CLI shows our stderr only at the end). */
  onWaitingForLogin?(signinProfile: string, waiting: boolean): void;
}

const ok = (creds: ProcessCredentials): HelperOutcome => ({ code: HELPER_EXIT.OK, stdout: credentialProcessJson(creds) });
const noCredentials = (text: string): HelperOutcome => ({ code: HELPER_EXIT.NO_CREDENTIALS, message: helperMessage(text) });

function freshFrom(cache: SigninCache, now: number): ProcessCredentials | null {
  if (cache.kind !== 'ok' || !isFresh(cache.cache.accessToken.expiresAtMs, now)) return null;
  const t = cache.cache.accessToken;
  return { accessKeyId: t.accessKeyId, secretAccessKey: t.secretAccessKey, sessionToken: t.sessionToken, expiration: t.expiresAt };
}

/** Refresh under the session lock: re-read first (another process may just have refreshed). */
async function refreshUnderLock(
  signinProfile: string,
  loginSession: string,
  deps: FlowDeps,
): Promise<{ creds: ProcessCredentials } | { ended: string } | { failed: string }> {
  return deps.withSessionLock(loginSession, async () => {
    const state = readSigninState(deps.files, deps.env, deps.platform, deps.homeDir, signinProfile);
    if (state.loginSession !== loginSession) return { ended: 'the sign-in profile now names another session' };
    const fresh = freshFrom(state.cache, deps.now());
    if (fresh) return { creds: fresh };
    if (state.cache.kind === 'missing') return { ended: 'no cached session (logged out?)' };
    if (state.cache.kind !== 'ok') return { ended: state.cache.kind === 'invalid' ? state.cache.message : 'no session' };
    try {
      const creds = await deps.refresh(signinProfile);
      if (typeof creds.expiration === 'number' && creds.expiration <= deps.now()) return { ended: 'the refreshed credentials are already expired' };
      return { creds };
    } catch (err) {
      const message = err instanceof Error ? err.message : String(err);
      return classifyRefreshError(message) === 'session-ended' ? { ended: message } : { failed: message };
    }
  });
}

/** No session (or it ended): one `aws login`, unless a recent one failed or no browser can open. */
async function loginThenRead(signinProfile: string, deps: FlowDeps): Promise<HelperOutcome> {
  const blocked = loginCooldown(deps.lastLoginFailure(signinProfile), deps.now(), deps.cooldownSeconds, signinProfile);
  if (blocked) return noCredentials(blocked.message);
  const noBrowser = noBrowserReason(deps.env, deps.platform);
  if (noBrowser) return noCredentials(noBrowserMessage(signinProfile, noBrowser));
  deps.onWaitingForLogin?.(signinProfile, true);
  let result: ActionResult;
  try {
    result = await deps.login(signinProfile);
  } finally {
    deps.onWaitingForLogin?.(signinProfile, false);
  }
  if (!result.ok) {
    const hint = result.error.hint ? ` ${result.error.hint}` : '';
    return noCredentials(`could not log in to ${signinProfile}: ${result.error.message}${hint}`);
  }
  const state = readSigninState(deps.files, deps.env, deps.platform, deps.homeDir, signinProfile);
  const fresh = freshFrom(state.cache, deps.now());
  if (fresh) return ok(fresh);
  const where = state.cache.kind === 'none' ? `no login_session in [profile ${signinProfile}] of ${state.paths.configFile}` : `no fresh credentials in ${'file' in state.cache ? state.cache.file : 'the login cache'}`;
  return noCredentials(`the login to ${signinProfile} finished, but there are ${where}. Run \`aws-login-tray login ${signinProfile}\` and try again.`);
}

/**
 * The slow path of `credential-process`: refresh a due token in-process (one refresher per
 * session), or log in once when there is no session or it ended. Returns the JSON or one message.
 */
export async function runAutoLoginFlow(signinProfile: string, deps: FlowDeps): Promise<HelperOutcome> {
  const state = readSigninState(deps.files, deps.env, deps.platform, deps.homeDir, signinProfile);
  const fresh = freshFrom(state.cache, deps.now());
  if (fresh) return ok(fresh);
  if (state.loginSession) {
    const r = await refreshUnderLock(signinProfile, state.loginSession, deps);
    if ('creds' in r) return ok(r.creds);
    if ('failed' in r) {
      return noCredentials(
        `could not refresh the credentials of ${signinProfile}: ${r.failed.replace(/\.$/, '')}. Check your network connection, or run \`aws-login-tray login ${signinProfile}\`.`,
      );
    }
  }
  return loginThenRead(signinProfile, deps);
}
