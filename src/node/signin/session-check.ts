import { isFresh } from '../../core/credential-json';
import type { Clock } from '../../core/clock';
import type { Env, FilePort, Platform } from '../../core/ports';
import { classifyRefreshError } from '../../core/refresh-errors';
import { errorProblem, parseIntrospectAnswer, type IntrospectOutcome } from '../../core/signin/answers';
import { resolveSigninTarget } from '../../core/signin/endpoint';
import { ACCESS_TOKEN_LIFETIME_MS, recordCheck, recordCheckFailed, recordEnded } from '../../core/session/knowledge';
import { decodeIdToken, sessionStartOf } from '../../core/session/id-token';
import type { LoginCache } from '../../core/session/login-cache';
import type { AppStore } from '../app-store';
import { sdkRefresh } from '../sdk-refresh';
import { updateKnowledge } from '../session-knowledge-store';
import { withSessionLock } from '../session-lock';
import { readSigninStateSettled, type SigninState } from '../signin-state';
import { callSigninWithIam, type IamCredentials, type SigninAnswer } from './iam-call';

/** Bound of one introspect or revoke call. */
export const SIGNIN_CALL_TIMEOUT_MS = 10_000;

export interface SessionCallDeps {
  env: Env;
  platform: Platform;
  homeDir: string;
  files: FilePort;
  store: AppStore;
  clock: Clock;
  timeoutMs?: number;
  signal?: AbortSignal;
  /** Refreshes a due token (default: the SDK, as the helper does). */
  refresh?: (profile: string) => Promise<unknown>;
}

/** What a call needs from the cache once the credentials are fresh. */
type Fresh =
  | { ok: true; state: SigninState; cache: LoginCache; startedAt: number | null }
  | { ok: false; why: 'not-logged-in' | 'ended' | 'failed'; problem: string; loginSession: string | null };

const startOf = (cache: LoginCache): number | null => {
  const c = decodeIdToken(cache.idToken);
  return sessionStartOf(c);
};

/**
 * The sign-in profile's cache with usable IAM credentials: refreshed first under the session lock
 * (re-read after taking it) when fewer than 5 minutes are left, exactly as the credential helper does.
 */
async function freshCredentials(profile: string, deps: SessionCallDeps): Promise<Fresh> {
  try {
    return await freshCredentialsOrThrow(profile, deps);
  } catch (err) {
    return { ok: false, why: 'failed', problem: err instanceof Error ? err.message : String(err), loginSession: null };
  }
}

async function freshCredentialsOrThrow(profile: string, deps: SessionCallDeps): Promise<Fresh> {
  const read = () => readSigninStateSettled(deps.files, deps.env, deps.platform, deps.homeDir, profile);
  let state = await read();
  const session = state.loginSession;
  if (state.cache.kind !== 'ok' || !session) return { ok: false, why: 'not-logged-in', problem: 'not logged in', loginSession: session };
  if (!isFresh(state.cache.cache.accessToken.expiresAtMs, deps.clock.now())) {
    const refresh = deps.refresh ?? ((p: string) => sdkRefresh(p, deps.timeoutMs ?? SIGNIN_CALL_TIMEOUT_MS));
    const result = await withSessionLock(deps.store.home, session, async () => {
      state = await read();
      if (state.cache.kind === 'ok' && isFresh(state.cache.cache.accessToken.expiresAtMs, deps.clock.now())) return null;
      const lastRefreshAt = state.cache.kind === 'ok' ? state.cache.cache.accessToken.expiresAtMs - ACCESS_TOKEN_LIFETIME_MS : null;
      try {
        await refresh(profile);
        return null;
      } catch (err) {
        const message = err instanceof Error ? err.message : String(err);
        const ended = classifyRefreshError(message) === 'session-ended';
        if (ended && state.cache.kind === 'ok') {
          const startedAt = startOf(state.cache.cache);
          await updateKnowledge(deps.store, (k) => recordEnded(k, session, { startedAt, at: deps.clock.now(), reason: 'token-expired' }, lastRefreshAt));
        }
        return { ended, problem: message.replace(/\s+/g, ' ').slice(0, 200) };
      }
    }, 30_000);
    if (result) return { ok: false, why: result.ended ? 'ended' : 'failed', problem: result.problem, loginSession: session };
    state = await read();
    if (state.cache.kind !== 'ok') return { ok: false, why: 'failed', problem: 'the cache file is gone after the refresh', loginSession: session };
  }
  const cache = state.cache.cache;
  return { ok: true, state, cache, startedAt: startOf(cache) };
}

function credentialsOf(cache: LoginCache): IamCredentials {
  const t = cache.accessToken;
  return { accessKeyId: t.accessKeyId, secretAccessKey: t.secretAccessKey, sessionToken: t.sessionToken };
}

const answerProblem = (a: SigninAnswer): string =>
  a.kind === 'timeout' ? 'Sign-In did not answer in time' : a.kind === 'network' ? `cannot reach Sign-In (${a.problem})` : errorProblem(a.status, a.errorType, a.body);

/** What checkSession did, for the caller to log or show. */
export type SessionCheckResult =
  | { kind: 'checked'; loginSession: string; outcome: IntrospectOutcome }
  | { kind: 'ended'; loginSession: string | null; problem: string }
  | { kind: 'skipped'; problem: string };

/**
 * Asks Sign-In when the sign-in profile's session really ends (IntrospectOAuth2TokenWithIAM on the
 * refresh token) and records the answer in state/sessions.json: `exp` as the exact end, inactive as
 * ended; AccessDenied or any failure pauses asking about that principal for a day. Never throws.
 */
export async function checkSession(profile: string, deps: SessionCallDeps): Promise<SessionCheckResult> {
  const fresh = await freshCredentials(profile, deps);
  if (!fresh.ok) return fresh.why === 'ended' ? { kind: 'ended', loginSession: fresh.loginSession, problem: fresh.problem } : { kind: 'skipped', problem: fresh.problem };
  const session = fresh.state.loginSession!;
  const now = () => deps.clock.now();
  const target = resolveSigninTarget(deps.env, fresh.state.profile?.properties ?? {}, fresh.cache.signInRegion);
  let outcome: IntrospectOutcome;
  if (!target.ok) {
    outcome = { kind: 'failed', denied: false, problem: target.problem };
  } else {
    const answer = await callSigninWithIam({
      endpoint: target.endpoint, region: target.region, operation: '/v1/introspect',
      body: { token: fresh.cache.refreshToken, token_type_hint: 'refresh_token' },
      credentials: credentialsOf(fresh.cache), timeoutMs: deps.timeoutMs ?? SIGNIN_CALL_TIMEOUT_MS, signal: deps.signal,
    });
    outcome = answer.kind === 'answer' ? parseIntrospectAnswer(answer.status, answer.errorType, answer.body) : { kind: 'failed', denied: false, problem: answerProblem(answer) };
  }
  const startedAt = fresh.startedAt;
  await updateKnowledge(deps.store, (k) =>
    outcome.kind === 'failed'
      ? recordCheckFailed(k, session, now(), outcome.problem)
      : recordCheck(k, session, { startedAt, checkedAt: now(), active: outcome.kind === 'active', exp: outcome.kind === 'active' ? outcome.exp : null }));
  return { kind: 'checked', loginSession: session, outcome };
}

/** What revokeSession did: revoked, nothing to revoke, or why not (secret-free). */
export type RevokeResult = { kind: 'revoked' } | { kind: 'already-ended' } | { kind: 'not-logged-in' } | { kind: 'failed'; problem: string };

/**
 * Ends the session at AWS (RevokeOAuth2TokenWithIAM on its refresh token: the whole chain stops
 * refreshing), then records it as ended. The local files are left to `aws logout`. Never throws.
 */
export async function revokeSession(profile: string, deps: SessionCallDeps): Promise<RevokeResult> {
  const fresh = await freshCredentials(profile, deps);
  if (!fresh.ok) {
    if (fresh.why === 'ended') return { kind: 'already-ended' };
    return fresh.why === 'not-logged-in' ? { kind: 'not-logged-in' } : { kind: 'failed', problem: fresh.problem };
  }
  const target = resolveSigninTarget(deps.env, fresh.state.profile?.properties ?? {}, fresh.cache.signInRegion);
  if (!target.ok) return { kind: 'failed', problem: target.problem };
  const answer = await callSigninWithIam({
    endpoint: target.endpoint, region: target.region, operation: '/v1/revoke', body: { token: fresh.cache.refreshToken },
    credentials: credentialsOf(fresh.cache), timeoutMs: deps.timeoutMs ?? SIGNIN_CALL_TIMEOUT_MS, signal: deps.signal,
  });
  if (answer.kind !== 'answer' || answer.status !== 200) return { kind: 'failed', problem: answerProblem(answer) };
  const session = fresh.state.loginSession!;
  const startedAt = fresh.startedAt;
  try {
    await updateKnowledge(deps.store, (k) => recordEnded(k, session, { startedAt, at: deps.clock.now(), reason: 'revoked' }, null));
  } catch {
    // The revoke happened; the record only dates it.
  }
  return { kind: 'revoked' };
}
