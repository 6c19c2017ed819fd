import { join } from 'node:path';
import { readProfileSnapshot } from '../core/config/snapshot';
import { resolveAwsPaths, type AwsPaths } from '../core/config/locations';
import type { AwsProfile } from '../core/config/types';
import type { Env, FilePort, Platform } from '../core/ports';
import { LoginCacheError, loginCacheFileName, parseLoginCache, type LoginCache } from '../core/session/login-cache';

/** The cache file of a login_session, read and checked. */
export type SigninCache =
  | { kind: 'none' } // the profile has no login_session
  | { kind: 'missing'; file: string }
  | { kind: 'invalid'; file: string; message: string; /** Short and secret-free, e.g. "is not valid JSON" or "EACCES". */ reason: string }
  | { kind: 'ok'; file: string; cache: LoginCache };

/** The sign-in profile as the helper sees it: where its files are and what its cache holds. */
export interface SigninState {
  paths: AwsPaths;
  profile: AwsProfile | null;
  /** When `profile` is missing: the profiles whose credential_process logs in through it (for the next step). */
  users?: string[];
  loginSession: string | null;
  cache: SigninCache;
}

/** Reads the login cache of `loginSession`: a broken file is 'invalid'; one we may not read (EACCES) throws, like a config file. */
export function readSigninCache(files: FilePort, loginCacheDir: string, loginSession: string): SigninCache {
  const file = join(loginCacheDir, loginCacheFileName(loginSession));
  let text: string | null;
  try {
    text = files.readText(file);
  } catch (err) {
    const code = (err as NodeJS.ErrnoException).code;
    // Not a half-written file that settles: a permission problem the user must fix (exit 2, like a config file).
    if (code === 'EACCES' || code === 'EPERM') throw err;
    return { kind: 'invalid', file, message: err instanceof Error ? err.message : String(err), reason: code ? `cannot be read: ${code}` : 'cannot be read' };
  }
  if (text === null) return { kind: 'missing', file };
  try {
    return { kind: 'ok', file, cache: parseLoginCache(text, file) };
  } catch (err) {
    // LoginCacheError's reason names no secret; keep its first sentence (the fact), the helper says the next step.
    const reason = err instanceof LoginCacheError ? err.reason.split(/\.\s/)[0]!.replace(/\.$/, '') : 'is not a valid login cache';
    return { kind: 'invalid', file, message: err instanceof Error ? err.message : String(err), reason };
  }
}

/**
 * Finds the sign-in profile's login_session exactly as the SDKs would (same files, same env rules,
 * config merged with credentials) and reads its cache. Throws AwsConfigError for a broken file.
 */
export function readSigninState(files: FilePort, env: Env, platform: Platform, homeDir: string, profileName: string): SigninState {
  const paths = resolveAwsPaths(env, platform, homeDir);
  const profiles = readProfileSnapshot(files, paths);
  const profile = profiles.profiles.find((p) => p.name === profileName) ?? null;
  const loginSession = profile && Object.hasOwn(profile.properties, 'login_session') ? profile.properties.login_session || null : null;
  const cache = loginSession ? readSigninCache(files, paths.loginCacheDir, loginSession) : { kind: 'none' as const };
  if (!profile) {
    // A light check (no profile classification in the fast bundle): a credential_process ending in `--profile <name>`.
    const users = profiles.profiles.filter((p) => /(?:^|\s)--profile\s+(\S+)\s*$/.exec(p.properties.credential_process ?? '')?.[1] === profileName).map((p) => p.name);
    return { paths, profile, users, loginSession, cache };
  }
  return { paths, profile, loginSession, cache };
}

/** How often and how far apart a cache file that reads as 'invalid' is read again before we believe it. */
export const CACHE_REREAD = { attempts: 4, delayMs: 50 } as const;

const sleep = (ms: number) => new Promise<void>((resolve) => setTimeout(resolve, ms));

/**
 * readSigninState, but a cache file that reads as 'invalid' is read again a few times ~50 ms apart:
 * the CLI and SDKs rewrite it in place (truncate + write, no lock), so a reader can catch it half written.
 */
export async function readSigninStateSettled(
  files: FilePort, env: Env, platform: Platform, homeDir: string, profileName: string,
  reread: { attempts: number; delayMs: number } = CACHE_REREAD,
): Promise<SigninState> {
  let state = readSigninState(files, env, platform, homeDir, profileName);
  for (let i = 1; i < reread.attempts && state.cache.kind === 'invalid'; i++) {
    await sleep(reread.delayMs);
    state = readSigninState(files, env, platform, homeDir, profileName);
  }
  return state;
}
