import type { Clock } from './clock';
import { joinFor, sepFor } from './path';
import { pythonCompatFindings } from './config/python-compat';
import { readProfileSnapshot, snapshotFor, type ProfileSnapshot } from './config/snapshot';
import { resolveAwsPaths } from './config/locations';
import type { AwsProfile } from './config/types';
import type { Env, FilePort, FileSignature, Platform } from './ports';
import { classifyProfile } from './profile-kind';
import type { Settings } from './settings';
import { startFactsRun, type FactsIndex, type FactsRun, type IndexedRead } from './session/facts-index';
import { loginCacheFileName, parseLoginCache } from './session/login-cache';
import { describeSession, expiringLeadMinutes, loginCacheFacts, maxSessionHoursFor, type CacheRead } from './session/session-state';
import type { SessionKnowledge } from './session/knowledge';
import type { ProfileStatus, StatusReport } from './session/types';
import { isLoginLike } from './session/rules';

export interface StatusDeps {
  files: FilePort;
  env: Env;
  platform: Platform;
  clock: Clock;
  settings: Settings;
  /** login_session -> when this app recorded a login for it (epoch ms). */
  recordedLogins: Record<string, number>;
  /** What the app learned per login_session (state/sessions.json): introspections, ends, lengths. */
  knowledge?: SessionKnowledge;
  /** Sign-in profile -> since when a credential helper waits on its browser sign-in (live helpers only). */
  waitingSignIns?: ReadonlyMap<string, number>;
  /** The files as this request already read them (the status push after an action): not read again. */
  snapshot?: ProfileSnapshot;
  /** Used only when HOME (USERPROFILE on Windows) is unset: the adapter passes os.homedir(). */
  homeDir?: string;
  /** Facts of unchanged cache files, kept between runs (needs files.signature); updated in place. */
  factsIndex?: FactsIndex;
  /**
   * SHA-256 hex, to name cache files. Defaults to the plain-JS one; the CLI and the tray pass
   * node:crypto's (src/node/native-sha256.ts), far faster for 1,000s of names.
   */
  /** Look for what Python clients read differently (report.compat); default true. Only the table shows it. */
  pythonCompat?: boolean;
  sha256Hex?: (text: string) => string;
}

const ARN_ACCOUNT = /^arn:aws[a-z-]*:(?:sts|iam)::(\d{12}):/;

/** The account in a login_session ARN (arn:aws:sts::123456789012:assumed-role/...). */
export function accountFromArn(arn: string | null): string | null {
  return arn === null ? null : (ARN_ACCOUNT.exec(arn)?.[1] ?? null);
}

function message(err: unknown): string {
  return err instanceof Error ? err.message : String(err);
}

/** Reads and parses one cache file; null when it is gone. I/O errors throw: they say nothing about the content. */
function readFresh(files: FilePort, file: string): IndexedRead | null {
  const text = files.readText(file);
  if (text === null) return null;
  try {
    return { kind: 'ok', facts: loginCacheFacts(parseLoginCache(text, file)) };
  } catch (err) {
    return { kind: 'error', message: message(err) };
  }
}

/** The file's signature for the index; undefined without an index or when the stat fails (then it is simply read). */
function signatureOf(files: FilePort, file: string, run: FactsRun | null, takenAtMs: number): FileSignature | null | undefined {
  if (run === null || !files.signature) return undefined;
  try {
    const sig = files.signature(file);
    return sig === null ? null : { ...sig, takenAtMs };
  } catch {
    return undefined;
  }
}

/** Reads one cache file, or takes its facts from the index when its signature is unchanged; never throws. */
function readCache(files: FilePort, file: string, run: FactsRun | null, name: string, takenAtMs: number): CacheRead {
  // Stat BEFORE reading: a change during the read then shows as a new signature next time.
  const sig = signatureOf(files, file, run, takenAtMs);
  let read: IndexedRead | null | undefined = sig ? run?.lookup(name, sig) : undefined;
  if (read === undefined) {
    try {
      read = sig === null ? null : readFresh(files, file);
    } catch (err) {
      run?.record(name, null, null);
      return { kind: 'error', message: message(err) };
    }
    run?.record(name, sig ?? null, read);
  }
  if (read === null) return { kind: 'missing' };
  if (read.kind === 'error') return { kind: 'error', message: read.message, broken: true };
  const stat = () => {
    try {
      return files.stat(file);
    } catch {
      return null;
    }
  };
  return { kind: 'ok', facts: read.facts, stat };
}

const prop = (p: AwsProfile | undefined, key: string): string | null => {
  const v = p?.properties[key];
  return v === undefined || v === '' ? null : v;
};

/**
 * Every profile with its kind and, for login and auto-login profiles, the session state and times.
 * One function for the CLI, the tray and the preview. AwsConfigError from a bad config propagates.
 */
export function buildStatusReport(deps: StatusDeps): StatusReport {
  const now = deps.clock.now();
  const paths = resolveAwsPaths(deps.env, deps.platform, deps.homeDir);
  const snapshot = snapshotFor(deps.snapshot, paths) ?? readProfileSnapshot(deps.files, paths);
  const { config, credentials } = snapshot;
  const report: StatusReport = { generatedAt: now, ...paths, configFound: config !== null || credentials !== null, profiles: [] };
  if (!report.configFound) return report;
  if (deps.pythonCompat !== false) {
    const compat = [...(config ? pythonCompatFindings(config) : []), ...(credentials ? pythonCompatFindings(credentials) : [])];
    if (compat.length > 0) report.compat = compat;
  }

  const profiles = snapshot.profiles;
  report.defaultRegion = deps.env.AWS_REGION || deps.env.AWS_DEFAULT_REGION || profiles.find((p) => p.name === 'default')?.properties.region || null;
  const byName = new Map(profiles.map((p) => [p.name, p]));
  const cacheReads = new Map<string, CacheRead>();
  // Join once, then append names: path.join per file shows up when there are 1,000 of them.
  const cacheDir = joinFor(deps.platform, paths.loginCacheDir, sepFor(deps.platform));
  const run = deps.factsIndex && deps.files.signature ? startFactsRun(deps.factsIndex, paths.loginCacheDir) : null;
  const fileNameOf = (loginSession: string): string => loginCacheFileName(loginSession, deps.sha256Hex);
  const cacheFor = (loginSession: string): CacheRead => {
    let read = cacheReads.get(loginSession);
    if (!read) {
      const name = run ? run.fileName(loginSession, fileNameOf) : fileNameOf(loginSession);
      cacheReads.set(loginSession, (read = readCache(deps.files, cacheDir + name, run, name, now)));
    }
    return read;
  };
  const expiringLead = expiringLeadMinutes(deps.settings);

  const kinds = profiles.map((p) => classifyProfile(p));
  // A sign-in profile that has not logged in yet holds no credentials ('other'), but it is an
  // `aws login` profile waiting for its first login: show it as one.
  const signinNames = new Set(kinds.flatMap((k) => (k.kind === 'auto-login' && k.signinProfile !== null ? [k.signinProfile] : [])));
  // The auto-login profiles that sign in through each sign-in profile: one session, so one setting and one end.
  const usersOf = new Map<string, string[]>();
  for (const [i, k] of kinds.entries()) {
    if (k.kind !== 'auto-login' || k.signinProfile === null) continue;
    usersOf.set(k.signinProfile, [...(usersOf.get(k.signinProfile) ?? []), profiles[i]!.name]);
  }

  for (const [i, profile] of profiles.entries()) {
    const info = kinds[i]!;
    const kind = info.kind === 'other' && signinNames.has(profile.name) ? 'login' : info.kind;
    const signinProfile = info.signinProfile;
    const row: ProfileStatus = {
      name: profile.name,
      kind,
      state: null,
      loginSession: null,
      accountId: null,
      region: prop(profile, 'region'),
      accessTokenExpiresAt: null,
      sessionStartedAt: null,
      sessionStartSource: null,
      sessionExpiresAt: null,
      sessionEndSource: null,
      signinProfile: kind === 'auto-login' ? signinProfile : null,
      error: null,
    };
    if (kind === 'auto-login' && info.via) row.autoLoginVia = info.via;
    report.profiles.push(row);
    if (!isLoginLike({ kind })) continue;

    const holder = kind === 'login' ? profile : signinProfile === null ? undefined : byName.get(signinProfile);
    if (!holder) {
      row.state = 'error';
      row.error =
        signinProfile === null
          ? `${paths.configFile}: cannot tell which sign-in profile "${profile.name}" logs in with.`
          : `${paths.configFile}: sign-in profile "${signinProfile}" (used by "${profile.name}") is missing. Recreate it: \`aws-login-tray enable-auto-login ${profile.name} --signin-profile ${signinProfile}\`.`;
      if (signinProfile !== null) {
        row.errorInWindow = `${paths.configFile}: sign-in profile "${signinProfile}" (used by "${profile.name}") is missing. Turn auto-login off and on again to make a new one.`;
      }
      continue;
    }
    row.region ??= prop(holder, 'region');
    row.loginSession = prop(holder, 'login_session');
    if (row.loginSession === null) {
      // A sign-in profile that never logged in.
      row.state = 'logged-out';
      continue;
    }
    const read = cacheFor(row.loginSession);
    const recorded = Object.hasOwn(deps.recordedLogins, row.loginSession) ? deps.recordedLogins[row.loginSession] : undefined;
    const session = describeSession({
      now,
      cache: read,
      recordedLoginAt: recorded ?? null,
      loginSession: row.loginSession,
      settingHours: maxSessionHoursFor(deps.settings, kind === 'auto-login' && signinProfile ? [profile.name, signinProfile] : [profile.name, ...(usersOf.get(profile.name) ?? [])]),
      otherPrincipalHours: deps.settings.defaultMaxSessionHours,
      knowledge: deps.knowledge && Object.hasOwn(deps.knowledge, row.loginSession) ? deps.knowledge[row.loginSession] : undefined,
      expiringLeadMinutes: expiringLead,
    });
    Object.assign(row, session);
    // The cached message says only what is wrong with the file; the next step names this row's sign-in profile.
    if (read.kind === 'error' && read.broken) {
      row.error = `${read.message} Log in again to rewrite it: \`aws-login-tray login ${holder.name}\`.`;
      row.errorInWindow = `${read.message} Log in again to rewrite it.`;
    }
    row.accountId = (read.kind === 'ok' ? read.facts.accountId : null) ?? accountFromArn(row.loginSession);
  }
  run?.finish();
  if (deps.waitingSignIns && deps.waitingSignIns.size > 0) {
    for (const row of report.profiles) {
      const since = deps.waitingSignIns.get(row.kind === 'auto-login' && row.signinProfile !== null ? row.signinProfile : row.name);
      if (since !== undefined) row.waitingForSignInSince = since;
    }
  }
  return report;
}
