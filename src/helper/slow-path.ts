// dist/helper-slow.cjs: the credential helper's slow path, loaded by dist/helper.cjs only when the
// login cache cannot answer. Here live the heavy parts: the SDK refresh, `aws login`, locks, app state.
import { fromLoginCredentials } from '@aws-sdk/credential-provider-login';
import { resolveAppHome } from '../core/app-home';
import { AUTO_LOGIN_WAITING_STATE } from '../core/auto-login-waiting';
import type { ProcessCredentials } from '../core/credential-json';
import { login } from '../node/actions';
import { openAppStore, type AppStore } from '../node/app-store';
import { nodeFilePort } from '../node/fs-port';
import { systemClock } from '../node/system-clock';
import { readLastLoginResult, recordLoginResult } from '../node/login-runner';
import { withSessionLock } from '../node/session-lock';
import { runAutoLoginFlow } from './auto-login-flow';
import { helperErrorOutcome, type HelperOutcome } from './exit-codes';
import type { SlowPathInput } from './main';

/** State file the tray reads to show "waiting for your browser sign-in" while a helper waits. */
export const WAITING_STATE = AUTO_LOGIN_WAITING_STATE;

/**
 * The SDK's Signin client warns on stderr (a multi-line NodeVersionSupportWarning) when Node is older
 * than it likes, checked each time a client is built; the helper's stderr must stay empty on success.
 * The switch is the one @aws-sdk/core's emitWarningIfUnsupportedVersion reads.
 */
export function silenceSdkNodeVersionWarning(env: NodeJS.ProcessEnv = process.env): void {
  env.AWS_SDK_JS_NODE_VERSION_SUPPORT_WARNING_DISABLED = 'true';
}

/** Refreshes with the official SDK provider (it re-reads the cache and writes the rotated token back). */
export async function sdkRefresh(signinProfile: string): Promise<ProcessCredentials> {
  silenceSdkNodeVersionWarning();
  const c = await fromLoginCredentials({ profile: signinProfile })();
  if (!c.sessionToken || !c.expiration) throw new Error('The refreshed credentials have no session token or expiry.');
  return { accessKeyId: c.accessKeyId, secretAccessKey: c.secretAccessKey, sessionToken: c.sessionToken, expiration: c.expiration.getTime() };
}

function markWaiting(store: AppStore, signinProfile: string, waiting: boolean): void {
  try {
    store.updateJson(WAITING_STATE, (current) => {
      const next = { ...((current && typeof current === 'object' ? current : {}) as Record<string, unknown>) };
      if (waiting) next[signinProfile] = { since: systemClock.now(), pid: process.pid };
      else delete next[signinProfile];
      return next;
    });
  } catch {
    // Only a courtesy for the tray: never fail a login over it.
  }
}

/** Runs the slow path with the real adapters; never throws (every failure becomes an outcome). */
export async function runSlowPath(input: SlowPathInput): Promise<HelperOutcome> {
  try {
    const store = openAppStore(resolveAppHome(input.env, input.platform, input.homeDir));
    const settings = store.loadSettings();
    return await runAutoLoginFlow(input.signinProfile, {
      env: input.env,
      platform: input.platform,
      homeDir: input.homeDir,
      files: nodeFilePort,
      now: () => systemClock.now(),
      cooldownSeconds: settings.loginRetryCooldownSeconds,
      lastLoginFailure: (profile) => {
        const last = readLastLoginResult(store, profile);
        return last && !last.ok ? { at: last.finishedAt, message: last.error?.message ?? 'the login failed' } : null;
      },
      withSessionLock: (session, fn) => withSessionLock(store.home, session, fn),
      refresh: sdkRefresh,
      // runSharedLogin shares any login that finished after our cache read (requestedAt), under its lock.
      login: (profile, requestedAt) => login(profile, { env: input.env, platform: input.platform, homeDir: input.homeDir, store, settings, requestedAt }),
      recordLoginFailure: (profile, message) =>
        recordLoginResult(store, profile, { ok: false, error: { code: 'login-failed', message, hint: null }, finishedAt: systemClock.now(), loginSession: null }),
      onWaitingForLogin: (profile, waiting) => markWaiting(store, profile, waiting),
    });
  } catch (err) {
    return helperErrorOutcome(err);
  }
}
