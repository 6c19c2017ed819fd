import { join } from 'node:path';
import { buildProfiles } from '../core/config/profiles';
import { parseIni } from '../core/config/ini';
import { resolveAwsPaths, type AwsPaths } from '../core/config/locations';
import type { AwsProfile } from '../core/config/types';
import type { Env, FilePort, Platform } from '../core/ports';
import { loginCacheFileName, parseLoginCache, type LoginCache } from '../core/session/login-cache';

/** The cache file of a login_session, read and checked. */
export type SigninCache =
  | { kind: 'none' } // the profile has no login_session
  | { kind: 'missing'; file: string }
  | { kind: 'invalid'; file: string; message: string }
  | { kind: 'ok'; file: string; cache: LoginCache };

/** The sign-in profile as the helper sees it: where its files are and what its cache holds. */
export interface SigninState {
  paths: AwsPaths;
  profile: AwsProfile | null;
  loginSession: string | null;
  cache: SigninCache;
}

/** Reads the login cache of `loginSession` (an unreadable or invalid file is 'invalid', never a throw). */
export function readSigninCache(files: FilePort, loginCacheDir: string, loginSession: string): SigninCache {
  const file = join(loginCacheDir, loginCacheFileName(loginSession));
  let text: string | null;
  try {
    text = files.readText(file);
  } catch (err) {
    return { kind: 'invalid', file, message: err instanceof Error ? err.message : String(err) };
  }
  if (text === null) return { kind: 'missing', file };
  try {
    return { kind: 'ok', file, cache: parseLoginCache(text, file) };
  } catch (err) {
    return { kind: 'invalid', file, message: err instanceof Error ? err.message : String(err) };
  }
}

/**
 * Finds the sign-in profile's login_session exactly as the SDKs would (same files, same env rules,
 * config merged with credentials) and reads its cache. Throws AwsConfigError for a broken file.
 */
export function readSigninState(files: FilePort, env: Env, platform: Platform, homeDir: string, profileName: string): SigninState {
  const paths = resolveAwsPaths(env, platform, homeDir);
  const configText = files.readText(paths.configFile);
  const credentialsText = files.readText(paths.credentialsFile);
  const profiles = buildProfiles(
    configText === null ? null : parseIni(configText, paths.configFile, 'config'),
    credentialsText === null ? null : parseIni(credentialsText, paths.credentialsFile, 'credentials'),
  );
  const profile = profiles.profiles.find((p) => p.name === profileName) ?? null;
  const loginSession = profile && Object.hasOwn(profile.properties, 'login_session') ? profile.properties.login_session || null : null;
  const cache = loginSession ? readSigninCache(files, paths.loginCacheDir, loginSession) : { kind: 'none' as const };
  return { paths, profile, loginSession, cache };
}
