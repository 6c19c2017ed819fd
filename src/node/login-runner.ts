import { statSync } from 'node:fs';
import { join } from 'node:path';
import type { AwsCliVersion } from '../core/aws-cli-version';
import type { Clock } from '../core/clock';
import type { Env } from '../core/ports';
import { classifyAwsOutcome } from '../core/login-errors';
import type { ActionResult, UserError } from '../shared/errors';
import type { AppStore } from './app-store';
import { runAws } from './aws-cli/run';
import { LockPathError, LockTimeoutError, withLock } from './lock';

const RESULTS_STATE = 'login-results';

/** The outcome of the last `aws login` we ran for a profile, kept so waiters and the credential helper can reuse it. */
export interface LoginRecord {
  ok: boolean;
  error: UserError | null;
  /** Epoch ms. */
  finishedAt: number;
  loginSession: string | null;
}

/** What one shared login needs. */
export interface SharedLoginOptions {
  awsPath: string;
  version: AwsCliVersion | null;
  /** The profile `aws login` runs on (for auto-login profiles: the sign-in profile). */
  profile: string;
  /** How messages name it: what the person asked for, e.g. `dev (through sign-in profile dev-signin)`. Default: profile. */
  label?: string;
  /** Passed as --region (only when the profile has none of its own), so the CLI never stops to ask. */
  region?: string | null;
  store: AppStore;
  clock: Clock;
  timeoutSeconds: number;
  signal?: AbortSignal;
  /** Environment for `aws` (the AWS_* file locations must match what readLoginSession reads). */
  env?: Env;
  /** Re-reads the profile's login_session from the config (it changes when the login succeeds). */
  readLoginSession(): string | null;
  /** Path of the login cache file for a login_session. */
  cacheFileFor(loginSession: string): string;
  /**
   * When the caller found it needs a login (e.g. the helper's last cache read); default: now. A login
   * that finished since then, by anyone, is shared instead of opening a second browser tab.
   */
  requestedAt?: number;
  onProgress?(message: string): void;
  /** `aws login --remote`: the CLI prints a URL to open on any device and reads the code the browser shows. */
  remote?: boolean;
  /** What `aws login` prints, as it prints it (the sign-in URL; for --remote the code prompt). */
  onOutput?(text: string): void;
  /** With remote: a writer to the CLI's stdin, for the code. */
  onStdin?(write: (text: string) => void): void;
}

/** The last login result recorded for a profile, or null. */
export function readLastLoginResult(store: AppStore, profile: string): LoginRecord | null {
  const all = store.readJson(RESULTS_STATE);
  const rec = all && typeof all === 'object' ? (all as Record<string, LoginRecord | undefined>)[profile] : undefined;
  return rec && typeof rec.finishedAt === 'number' ? rec : null;
}

/** Records a login outcome for a profile (also the helper's "login left no credentials" failure, so the cooldown applies). */
export async function recordLoginResult(store: AppStore, profile: string, rec: LoginRecord): Promise<void> {
  await store.updateJson(RESULTS_STATE, (current) => ({ ...((current ?? {}) as object), [profile]: rec }));
}

const success = (label: string, session: string | null, shared: boolean): ActionResult => ({
  ok: true,
  message: `${shared ? 'Another login just signed in to' : 'Logged in to'} ${label}${session ? ` as ${session}` : ''}.`,
});

/** The recorded login result for a profile that finished at or after `since` (by any process), or null. */
export function loginResultSince(store: AppStore, profile: string, since: number, label = profile): ActionResult | null {
  const last = readLastLoginResult(store, profile);
  if (!last || last.finishedAt < since) return null;
  return last.ok || !last.error ? success(label, last.loginSession, true) : { ok: false, error: last.error };
}

const labelOf = (o: SharedLoginOptions): string => o.label ?? o.profile;

/** Another process logged in (or failed) since the request: reuse that instead of a second browser tab. */
function sharedOutcome(o: SharedLoginOptions, requestedAt: number): ActionResult | null {
  const recorded = loginResultSince(o.store, o.profile, requestedAt, labelOf(o));
  if (recorded) return recorded;
  const session = o.readLoginSession();
  if (!session) return null;
  try {
    if (statSync(o.cacheFileFor(session)).mtimeMs >= requestedAt) return success(labelOf(o), session, true);
  } catch {
    // No cache file: nobody logged in.
  }
  return null;
}

async function runOnce(o: SharedLoginOptions): Promise<ActionResult> {
  o.onProgress?.(o.remote ? `Signing in to ${labelOf(o)} from another device...` : `Opening your browser to sign in to ${labelOf(o)}...`);
  const args = ['login', '--profile', o.profile, ...(o.region ? ['--region', o.region] : []), ...(o.remote ? ['--remote'] : [])];
  const r = await runAws(o.awsPath, args, {
    timeoutMs: o.timeoutSeconds * 1000, signal: o.signal, env: o.env,
    onOutput: o.onOutput && ((text) => o.onOutput?.(text)),
    onStdin: o.remote ? o.onStdin : undefined,
  });
  const error = classifyAwsOutcome({
    command: 'login', profile: o.profile, exitCode: r.spawnError ? null : r.exitCode, stdout: r.stdout,
    stderr: r.spawnError ? `aws: [ERROR]: could not start ${o.awsPath} (${r.spawnError})` : r.stderr,
    timedOut: r.timedOut, cancelled: r.cancelled, timeoutSeconds: o.timeoutSeconds, version: o.version, awsPath: o.awsPath,
  });
  const finishedAt = o.clock.now();
  if (error) {
    await recordLoginResult(o.store, o.profile, { ok: false, error, finishedAt, loginSession: null });
    return { ok: false, error };
  }
  const session = o.readLoginSession();
  if (session) await o.store.recordLogin(session, finishedAt);
  await recordLoginResult(o.store, o.profile, { ok: true, error: null, finishedAt, loginSession: session });
  return success(labelOf(o), session, false);
}

/**
 * Runs `aws login` for one profile under a cross-process lock. A request gets the result of any
 * login that finished since it was made (one browser tab for ten parallel requests), whether it
 * waited for the lock or took it just after that login ended. Reused by the credential helper.
 */
export async function runSharedLogin(o: SharedLoginOptions): Promise<ActionResult> {
  const requestedAt = o.requestedAt ?? o.clock.now();
  try {
    return await withLock(`login-${o.profile}`, async () => sharedOutcome(o, requestedAt) ?? runOnce(o), {
      dir: join(o.store.home, 'locks'),
      signal: o.signal,
      waitMs: (o.timeoutSeconds + 30) * 1000,
    });
  } catch (err) {
    if (err instanceof LockTimeoutError) {
      const who = err.owner ? ` (process ${err.owner.pid})` : '';
      return { ok: false, error: { code: 'login-timed-out', message: `Another login to ${labelOf(o)} is still running${who}.`, hint: `Finish or close that sign-in, then try again. Lock file: ${err.lockPath}` } };
    }
    if (o.signal?.aborted) return { ok: false, error: { code: 'login-cancelled', message: `Login to ${labelOf(o)} was cancelled.`, hint: null } };
    if (err instanceof LockPathError) return { ok: false, error: { code: 'config-error', message: err.message, hint: null } };
    throw err;
  }
}
