// dist/helper-slow.cjs: the credential helper's slow path, loaded by dist/helper.cjs only when the
// login cache cannot answer. Here live the heavy parts: the SDK refresh, `aws login`, locks, app state.
import { signinTimeoutMs } from '../core/settings';
import { resolveAppHome } from '../core/app-home';
import { markWaiting } from '../node/auto-login-waiting';
import { decodeIdToken, sessionStartOf } from '../core/session/id-token';
import { ACCESS_TOKEN_LIFETIME_MS, recordEnded } from '../core/session/knowledge';
import { updateKnowledge } from '../node/session-knowledge-store';
import { login } from '../node/actions';
import { openAppStore } from '../node/app-store';
import { nodeFilePort } from '../node/fs-port';
import { sdkRefresh } from '../node/sdk-refresh';
import { systemClock } from '../node/system-clock';
import { readLastLoginResult, recordLoginResult } from '../node/login-runner';
import { withSessionLock } from '../node/session-lock';
import { runAutoLoginFlow } from './auto-login-flow';
import { helperErrorOutcome, type HelperOutcome } from './exit-codes';
import type { SlowPathInput } from './main';
import { openSync, writeSync } from 'node:fs';
import { createInterface } from 'node:readline';
import { ReadStream } from 'node:tty';
import type { HelperTerminal } from './auto-login-flow';

/** State file the tray reads to show "waiting for your browser sign-in" while a helper waits. */

export { sdkRefresh, silenceSdkNodeVersionWarning } from '../node/sdk-refresh';

/** This process's controlling terminal (/dev/tty), or null (none: a GUI app, cron, a pipe-only caller). */
function openControllingTerminal(platform: SlowPathInput['platform']): HelperTerminal | null {
  if (platform === 'win32') return null;
  let fd: number;
  try {
    fd = openSync('/dev/tty', 'r+');
  } catch {
    return null;
  }
  const input = new ReadStream(fd);
  const rl = createInterface({ input, terminal: false });
  const lines: string[] = [];
  const waiters: ((line: string | null) => void)[] = [];
  let closed = false;
  rl.on('line', (line) => (waiters.length > 0 ? waiters.shift()!(line) : lines.push(line)));
  rl.on('close', () => {
    closed = true;
    for (const w of waiters.splice(0)) w(null);
  });
  return {
    write: (text) => {
      try {
        writeSync(fd, text);
      } catch {
        // The terminal went away: the login times out as usual.
      }
    },
    readLine: () => (lines.length > 0 ? Promise.resolve(lines.shift()!) : closed ? Promise.resolve(null) : new Promise((r) => waiters.push(r))),
    close: () => {
      rl.close();
      input.destroy();
    },
  };
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
      refresh: (profile) => sdkRefresh(profile, signinTimeoutMs(settings)),
      // runSharedLogin shares any login that finished after our cache read (requestedAt), under its lock.
      login: (profile, requestedAt, remote) => login(profile, {
        env: input.env, platform: input.platform, homeDir: input.homeDir, store, settings, requestedAt,
        ...(remote ? { remote: true, onLoginOutput: remote.onOutput, onLoginStdin: remote.onStdin } : {}),
      }),
      openTerminal: () => openControllingTerminal(input.platform),
      recordLoginFailure: (profile, message) =>
        recordLoginResult(store, profile, { ok: false, error: { code: 'login-failed', message, hint: null }, finishedAt: systemClock.now(), loginSession: null }),
      onWaitingForLogin: (profile, waiting) => markWaiting(store, profile, waiting ? { since: systemClock.now(), pid: process.pid } : null),
      onSessionEnded: (session, cache) => {
        const claims = decodeIdToken(cache.idToken);
        const startedAt = sessionStartOf(claims);
        const lastRefreshAt = cache.accessToken.expiresAtMs - ACCESS_TOKEN_LIFETIME_MS;
        return updateKnowledge(store, (k) => recordEnded(k, session, { startedAt, at: systemClock.now(), reason: 'token-expired' }, lastRefreshAt));
      },
    });
  } catch (err) {
    return helperErrorOutcome(err);
  }
}
