import { join } from 'node:path';
import type { Clock } from '../core/clock';
import { profileSectionHeader, setProperty } from '../core/config/edit';
import { resolveAwsPaths, type AwsPaths } from '../core/config/locations';
import { AwsConfigError, type AwsProfile } from '../core/config/types';
import { classifyAwsOutcome, invalidProfileNameError, notALoginProfileError, unknownProfileError } from '../core/login-errors';
import type { Env, FilePort, Platform } from '../core/ports';
import { classifyProfile } from '../core/profile-kind';
import { loginCacheFileName } from '../core/session/login-cache';
import { signinTimeoutMs, type Settings } from '../core/settings';
import type { ActionResult, UserError } from '../shared/errors';
import type { AppStore } from './app-store';
import { ensureAwsCli } from './aws-cli/ensure';
import { runAws } from './aws-cli/run';
import { editConfigFile } from './config-file-writer';
import { nodeFilePort } from './fs-port';
import { runSharedLogin } from './login-runner';
import { revokeSession, type RevokeResult } from './signin/session-check';
import { systemClock } from './system-clock';
import { readProfileSnapshot, snapshotFor, type ProfileSnapshot } from '../core/config/snapshot';
import { listNames } from '../core/format';

/** What login/logout need; the tray, the CLI and the preview each build one. */
export interface ActionDeps {
  env: Env;
  platform: Platform;
  homeDir: string;
  store: AppStore;
  /** Defaults to store.loadSettings(). */
  settings?: Settings;
  clock?: Clock;
  files?: FilePort;
  /** Cancels a running `aws login` (the tray's "Cancel" item, Ctrl-C in the CLI). */
  signal?: AbortSignal;
  /** Progress lines for people, e.g. "Opening your browser to sign in to dev...". */
  onProgress?(message: string): void;
  /**
   * When the caller last saw no usable session (epoch ms; default: now). A login that finished
   * after it is shared instead of running another one (the credential helper passes its cache read time).
   */
  requestedAt?: number;
  /** The config and credentials as this request already read them (the tray service's check): not read again. */
  snapshot?: ProfileSnapshot;
  /** Receives every newer snapshot the action reads (after `aws login` wrote the config), for the status push. */
  onSnapshot?(snapshot: ProfileSnapshot): void;
  /** Logout only: skip revoking the session at AWS (`logout --local-only`). */
  localOnly?: boolean;
  /**
   * Login: the region the person chose for a profile that has none (the window's picker, the CLI's
   * --region or prompt); passed on as `aws login --region`.
   */
  region?: string;
  /** Login: `aws login --remote` (sign in on another device, then type the code shown there). */
  remote?: boolean;
  /** Login: what `aws login` prints, as it prints it (the sign-in URL). */
  onLoginOutput?(text: string): void;
  /** Login with remote: a writer to `aws login`'s stdin for the code. */
  onLoginStdin?(write: (text: string) => void): void;
  /** Logout: how a session is revoked (default RevokeOAuth2TokenWithIAM through revokeSession). */
  revoke?: (profile: string) => Promise<RevokeResult>;
}

const fail = (error: UserError): ActionResult => ({ ok: false, error });

/** The profiles as the SDKs see them right now (re-read on every call: the files change under us). */
export function readProfiles(paths: AwsPaths, files: FilePort = nodeFilePort): AwsProfile[] {
  return readProfileSnapshot(files, paths).profiles;
}

/** The profile `aws login`/`logout` must run on: an auto-login profile logs in through its sign-in profile. */
interface Target {
  profile: string;
  /** What the person asked for: `dev`, or `dev (through sign-in profile dev-signin)` for an auto-login profile. */
  label: string;
  /** A region to write into the profile before `aws login` (it has none of its own). */
  region: string | null;
  /** The region the profile that logs in already has, if any. */
  ownRegion: string | null;
  paths: AwsPaths;
  files: FilePort;
  /** Set when aws login would refuse the profile (it already has other credentials). */
  refusal: UserError | null;
}

function resolveTarget(name: string, deps: ActionDeps): Target | ActionResult {
  if (name === '' || name.startsWith('-')) return fail(invalidProfileNameError(name));
  const files = deps.files ?? nodeFilePort;
  const paths = resolveAwsPaths(deps.env, deps.platform, deps.homeDir);
  let profiles: AwsProfile[];
  try {
    profiles = snapshotFor(deps.snapshot, paths)?.profiles ?? readProfiles(paths, files);
  } catch (err) {
    if (err instanceof AwsConfigError) return fail({ code: 'config-error', message: err.message, hint: 'Fix that line of the file and try again.' });
    return fail({ code: 'config-error', message: err instanceof Error ? err.message : String(err), hint: null });
  }
  const profile = profiles.find((p) => p.name === name);
  if (!profile) return fail(unknownProfileError(name, paths.configFile));
  const { kind, signinProfile } = classifyProfile(profile);
  const region = profile.properties.region ?? null;
  if (kind !== 'auto-login' || !signinProfile) {
    const refusal = notALoginProfileError(name, kind, { region, sourceProfile: profile.properties.source_profile ?? null });
    return { profile: name, label: name, region: null, ownRegion: region, paths, files, refusal };
  }
  if (signinProfile.startsWith('-')) return fail(invalidProfileNameError(signinProfile));
  const signin = profiles.find((p) => p.name === signinProfile);
  const refusal = signin ? notALoginProfileError(signinProfile, classifyProfile(signin).kind, { region, autoLoginProfile: name }) : null;
  // The sign-in profile may not exist yet (aws login creates it): lend it this profile's region.
  const lent = signin?.properties.region ? null : region;
  return { profile: signinProfile, label: `${name} (through sign-in profile ${signinProfile})`, region: lent, ownRegion: signin?.properties.region ?? null, paths, files, refusal };
}

/** The target's login_session as the config says now; the snapshot is read again and handed on (deps.onSnapshot). */
function loginSessionOf(target: Target, deps?: ActionDeps): string | null {
  try {
    const snapshot = readProfileSnapshot(target.files, target.paths);
    deps?.onSnapshot?.(snapshot);
    return snapshot.profiles.find((p) => p.name === target.profile)?.properties.login_session ?? null;
  } catch {
    return null;
  }
}

/**
 * `aws login --region R` (and AWS_REGION) never saves the region (recorded, every version), and a
 * profile without one cannot refresh (the CLI fails with NoRegion, the JS SDK hands back the old
 * token): a region the app lends is written into the profile itself, one surgical line, first.
 */
async function saveLentRegion(target: Target): Promise<UserError | null> {
  const region = target.region;
  if (!region) return null;
  const file = target.paths.configFile;
  try {
    await editConfigFile(file, (text) => setProperty(text, 'config', profileSectionHeader(target.profile, 'config'), 'region', region, file));
    return null;
  } catch (err) {
    return {
      code: 'config-error',
      message: `Could not save region ${region} to profile ${target.profile} in ${file}: ${err instanceof Error ? err.message : String(err)}`,
      hint: `Add \`region = ${region}\` to the [${profileSectionHeader(target.profile, 'config')}] section yourself, then try again.`,
    };
  }
}

/** Logs a profile in with `aws login` (one login per sign-in profile at a time, across processes). */
export async function login(name: string, deps: ActionDeps): Promise<ActionResult> {
  const target = resolveTarget(name, deps);
  if ('ok' in target) return target;
  // Before `aws login` starts: it would print nothing useful and refuse anyway.
  if (target.refusal) return fail(target.refusal);
  const settings = deps.settings ?? deps.store.loadSettings();
  const cli = await ensureAwsCli({ ...deps, awsCliPath: settings.awsCliPath });
  if (!cli.ok) return fail(cli.error);
  // A region the person chose (the window's picker, `login --region`) for a profile without one is saved like a lent one.
  if (deps.region && !target.ownRegion) target.region = deps.region;
  const regionError = await saveLentRegion(target);
  if (regionError) return fail(regionError);
  return runSharedLogin({
    awsPath: cli.path,
    version: cli.version,
    profile: target.profile,
    label: target.label,
    // A region the profile lacked was saved above (`aws login` finds it there; a --region alone would not
    // be saved, and the profile could not refresh). One chosen for a profile that has its own is for this login only.
    region: deps.region && target.ownRegion && deps.region !== target.ownRegion ? deps.region : null,
    store: deps.store,
    clock: deps.clock ?? systemClock,
    timeoutSeconds: settings.loginTimeoutSeconds,
    signal: deps.signal,
    env: deps.env,
    // The first look (did another login finish meanwhile?) can use this request's read, unless the
    // region was just written; after `aws login` the config is read again (it wrote login_session).
    readLoginSession: (() => {
      let first = !target.region ? snapshotFor(deps.snapshot, target.paths) : undefined;
      return () => {
        const use = first;
        first = undefined;
        return use ? (use.profiles.find((p) => p.name === target.profile)?.properties.login_session ?? null) : loginSessionOf(target, deps);
      };
    })(),
    cacheFileFor: (session) => join(target.paths.loginCacheDir, loginCacheFileName(session)),
    onProgress: deps.onProgress,
    requestedAt: deps.requestedAt,
    remote: deps.remote,
    onOutput: deps.onLoginOutput,
    onStdin: deps.onLoginStdin,
  });
}

const LOGOUT_TIMEOUT_SECONDS = 60;

async function runLogout(args: string[], label: string, deps: ActionDeps): Promise<ActionResult> {
  const settings = deps.settings ?? deps.store.loadSettings();
  const cli = await ensureAwsCli({ ...deps, awsCliPath: settings.awsCliPath });
  if (!cli.ok) return fail(cli.error);
  const r = await runAws(cli.path, args, { timeoutMs: LOGOUT_TIMEOUT_SECONDS * 1000, signal: deps.signal, env: deps.env });
  const error = classifyAwsOutcome({
    command: 'logout', profile: label, all: args.includes('--all'), exitCode: r.spawnError ? null : r.exitCode, stdout: r.stdout, stderr: r.stderr,
    timedOut: r.timedOut, cancelled: r.cancelled, timeoutSeconds: LOGOUT_TIMEOUT_SECONDS, version: cli.version, awsPath: cli.path,
  });
  return error ? fail(error) : { ok: true, message: r.stdout.trim().split('\n')[0] || `Logged out of ${label}.` };
}

const KEYS_NOTE = 'Tools that already loaded its keys may use them for up to 15 minutes.';

/** Revokes one sign-in profile's session at AWS unless --local-only; never throws. */
async function revokeFirst(profile: string, deps: ActionDeps): Promise<RevokeResult | null> {
  if (deps.localOnly) return null;
  const revoke = deps.revoke ?? ((p: string) => revokeSession(p, {
    env: deps.env, platform: deps.platform, homeDir: deps.homeDir, files: deps.files ?? nodeFilePort, store: deps.store,
    clock: deps.clock ?? systemClock, signal: deps.signal, timeoutMs: signinTimeoutMs(deps.settings ?? deps.store.loadSettings()),
  }));
  try {
    return await revoke(profile);
  } catch (err) {
    return { kind: 'failed', problem: err instanceof Error ? err.message : String(err) };
  }
}

/**
 * After a failed revoke the local files are gone (aws logout ran), so logging out again cannot end the
 * session: say what is true, and for a role session the step that does end it (IAM's "Revoke active
 * sessions" denies the role's credentials issued before now).
 */
function notRevokedText(problem: string, session: string): string {
  const role = /^arn:aws[\w-]*:sts::\d{12}:assumed-role\/([^/]+)\//.exec(session)?.[1];
  const step = role ? ` If they may have been copied, end it in the IAM console: Roles → ${role} → Revoke active sessions.` : '';
  return `on this machine (its credentials here are deleted), but its session was NOT revoked at AWS: ${problem.replace(/\.$/, '')}. Only a copy of those files could use it until it ends.${step}`;
}

/** What happened at AWS, as the second half of a logout message. */
function revokeText(r: RevokeResult | null, session: string): string {
  if (r === null) return 'on this machine only (--local-only: the session was not revoked at AWS).';
  switch (r.kind) {
    case 'revoked':
      return 'and ended its session at AWS (revoked).';
    case 'already-ended':
      return 'its session had already ended at AWS.';
    case 'not-logged-in':
      return 'on this machine.';
    case 'failed':
      return notRevokedText(r.problem, session);
  }
}

/**
 * The other profiles a logout of `target` ends with it: those with the same login_session, and the
 * auto-login profiles signing in through any of them (never the asked-for profile, nor its sign-in profile).
 */
function profilesSharing(target: Target, asked: string, session: string): string[] {
  let profiles: AwsProfile[];
  try {
    profiles = readProfiles(target.paths, target.files);
  } catch {
    return [];
  }
  const holders = new Set(profiles.filter((p) => p.properties.login_session === session).map((p) => p.name));
  const out = new Set<string>();
  for (const p of profiles) {
    if (holders.has(p.name)) out.add(p.name);
    const { kind, signinProfile } = classifyProfile(p);
    if (kind === 'auto-login' && signinProfile && holders.has(signinProfile)) out.add(p.name);
  }
  out.delete(asked);
  out.delete(target.profile);
  return [...out];
}


/**
 * Logs one profile out (an auto-login profile logs out its sign-in profile): first revokes the
 * session at AWS (RevokeOAuth2TokenWithIAM), then `aws logout` deletes the cached credentials.
 */
export async function logout(name: string, deps: ActionDeps): Promise<ActionResult> {
  const target = resolveTarget(name, deps);
  if ('ok' in target) return target;
  const session = loginSessionOf(target);
  if (!session) return { ok: true, message: `${target.label} was not logged in (it has no login_session).` };
  if (!target.files.stat(join(target.paths.loginCacheDir, loginCacheFileName(session)))) {
    return { ok: true, message: `${target.label} was not logged in.` };
  }
  const revoked = await revokeFirst(target.profile, deps);
  const result = await runLogout(['logout', '--profile', target.profile], target.profile, deps);
  if (!result.ok) return revoked?.kind === 'revoked' ? { ok: false, error: { ...result.error, message: `The session was revoked at AWS, but ${result.error.message.replace(/^./, (c) => c.toLowerCase())}` } } : result;
  const sep = revoked?.kind === 'already-ended' ? ';' : '';
  const others = profilesSharing(target, name, session);
  const also = others.length === 0 ? '' : ` This also logged out ${listNames(others)}: ${others.length === 1 ? 'it shares' : 'they share'} that session.`;
  return { ok: true, message: `Logged out of ${target.label}${sep} ${revokeText(revoked, session)}${also}${revoked?.kind === 'failed' ? '' : ` ${KEYS_NOTE}`}` };
}

/** `aws logout --all`: every `aws login` session on this machine, each revoked at AWS first. */
export async function logoutAll(deps: ActionDeps): Promise<ActionResult> {
  const files = deps.files ?? nodeFilePort;
  const paths = resolveAwsPaths(deps.env, deps.platform, deps.homeDir);
  const lines: string[] = [];
  if (!deps.localOnly) {
    let profiles: AwsProfile[] = [];
    try {
      profiles = readProfiles(paths, files);
    } catch {
      // A broken config: aws logout --all still deletes every cache file.
    }
    const seen = new Set<string>();
    for (const p of profiles) {
      const session = p.properties.login_session;
      if (!session || seen.has(session) || p.name.startsWith('-')) continue;
      seen.add(session);
      if (!files.stat(join(paths.loginCacheDir, loginCacheFileName(session)))) continue;
      const r = await revokeFirst(p.name, deps);
      if (r && r.kind !== 'not-logged-in') lines.push(`${p.name}: ${r.kind === 'revoked' ? 'revoked at AWS' : r.kind === 'already-ended' ? 'had already ended' : `NOT revoked at AWS (${r.problem.replace(/\.$/, '')})`}.`);
    }
  }
  const result = await runLogout(['logout', '--all'], 'all profiles', deps);
  if (!result.ok) return result;
  const head = `${result.message}${deps.localOnly ? ' (--local-only: nothing was revoked at AWS.)' : ''}`;
  return { ok: true, message: [head, ...lines, KEYS_NOTE.replace('its keys', 'their keys')].join('\n') };
}
