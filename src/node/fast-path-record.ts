// The records the native fast path (native/credential-process.c) trusts instead of parsing the AWS
// config itself: per sign-in profile, which login cache file the Node helper found and everything it
// derived that from (README, "The native fast path"). Written by the Node side only.
import { writeFileAtomicSync } from './atomic-write';
import { readTextOrNull } from './file-facts';
import { join, posix, win32 } from 'node:path';
import { resolveAwsPaths } from '../core/config/locations';
import type { Env, Platform } from '../core/ports';
import { sha256Hex } from '../core/sha256';

/** First line of every record; the native side refuses any other. */
export const FAST_PATH_RECORD_MAGIC = 'aws-login-tray fast-path record 1';

/** Every variable resolveAwsPaths reads, in the record's order (the native side checks each one). */
export const FAST_PATH_ENV = ['HOME', 'USERPROFILE', 'HOMEDRIVE', 'HOMEPATH', 'AWS_CONFIG_FILE', 'AWS_SHARED_CREDENTIALS_FILE', 'AWS_LOGIN_CACHE_DIRECTORY'] as const;

/** Longest sign-in profile name (UTF-8 bytes) that gets a record: its hex is the file name. */
export const FAST_PATH_NAME_MAX = 100;
/** Config or credentials files larger than this get no record (the native side reads them whole). */
export const FAST_PATH_FILE_MAX = 4 * 1024 * 1024;

/** Where the record of `signinProfile` lives, or null when the name is too long for a file name. */
export function fastPathRecordPath(appHome: string, signinProfile: string): string | null {
  const hex = Buffer.from(signinProfile, 'utf8').toString('hex');
  if (hex.length === 0 || hex.length > 2 * FAST_PATH_NAME_MAX) return null;
  return join(appHome, 'cache', 'fast-path', `${hex}.rec`);
}

/** What a record is made from: the exact texts the Node helper parsed, and where they came from. */
export interface FastPathSource {
  signinProfile: string;
  env: Env;
  platform: Platform;
  configFile: string;
  /** null: the file did not exist. */
  configText: string | null;
  credentialsFile: string;
  credentialsText: string | null;
  loginCacheDir: string;
  cacheFile: string;
}

const fileLine = (text: string | null): string | null => {
  if (text === null) return 'missing';
  const size = Buffer.byteLength(text, 'utf8');
  return size > FAST_PATH_FILE_MAX ? null : `${size} ${sha256Hex(text)}`;
};

/**
 * The record text, or null when this case must stay on Node: a value the line format cannot hold,
 * a relative path (it would depend on the caller's working folder), paths that needed the password
 * database's home folder (HOME unset), or a file too large.
 */
export function renderFastPathRecord(s: FastPathSource): string | null {
  const paths = s.platform === 'win32' ? win32 : posix;
  let envOnly;
  try {
    envOnly = resolveAwsPaths(s.env, s.platform);
  } catch {
    return null;
  }
  // Equal only when no path needed the fallback home folder (os.homedir(), which the native side cannot check).
  if (envOnly.configFile !== s.configFile || envOnly.credentialsFile !== s.credentialsFile || envOnly.loginCacheDir !== s.loginCacheDir) return null;
  if (![s.configFile, s.credentialsFile, s.cacheFile].every((p) => paths.isAbsolute(p))) return null;
  const config = fileLine(s.configText);
  const credentials = fileLine(s.credentialsText);
  if (config === null || credentials === null) return null;
  const lines = [
    FAST_PATH_RECORD_MAGIC,
    `profile=${s.signinProfile}`,
    ...FAST_PATH_ENV.map((name) => `env.${name}=${s.env[name] === undefined ? '-' : `+${s.env[name]}`}`),
    `config=${s.configFile}`,
    `config.file=${config}`,
    `credentials=${s.credentialsFile}`,
    `credentials.file=${credentials}`,
    `cache=${s.cacheFile}`,
  ];
  if (lines.some((l) => /[\r\n\0]/.test(l))) return null;
  return lines.join('\n') + '\n';
}


/**
 * Writes the record when it is missing or differs (so a helper run on Node costs one small read
 * and a hash of the config). Never throws: the record only saves time, Node answers without it.
 * Returns whether a record was written.
 */
export function updateFastPathRecord(appHome: string, source: FastPathSource): boolean {
  try {
    const path = fastPathRecordPath(appHome, source.signinProfile);
    const text = path && renderFastPathRecord(source);
    if (!path || !text || readTextOrNull(path) === text) return false;
    // Temp file + rename, 0600 in a 0700 folder: the native side never sees half a record.
    writeFileAtomicSync(path, text);
    return true;
  } catch {
    return false;
  }
}
