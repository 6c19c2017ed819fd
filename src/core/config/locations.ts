import { joinFor } from '../path';
import type { Env, Platform } from '../ports';

/** Where the AWS CLI and SDKs read and write their files for this user. */
export interface AwsPaths {
  configFile: string;
  credentialsFile: string;
  loginCacheDir: string;
}

/** Set but not empty. */
function given(value: string | undefined): value is string {
  return value !== undefined && value !== '';
}

/**
 * The user's home folder, as the SDKs find it: HOME everywhere; on Windows then USERPROFILE, then
 * HOMEDRIVE + HOMEPATH. `fallback` (the adapter passes os.homedir()) is used when none is set.
 */
export function resolveHome(env: Env, platform: Platform, fallback?: string): string {
  if (given(env.HOME)) return env.HOME;
  if (platform === 'win32') {
    if (given(env.USERPROFILE)) return env.USERPROFILE;
    if (given(env.HOMEPATH)) return `${env.HOMEDRIVE ?? 'C:'}${env.HOMEPATH}`;
  }
  if (given(fallback)) return fallback;
  throw new Error(
    platform === 'win32'
      ? 'Cannot find your home folder: none of HOME, USERPROFILE or HOMEDRIVE/HOMEPATH is set. Set USERPROFILE and try again.'
      : 'Cannot find your home folder: HOME is not set. Set HOME and try again.',
  );
}

/**
 * The home folder the `aws login` tools put their cache under. Not the SDKs' config-file rule: on
 * Windows the AWS CLI (Python's expanduser: USERPROFILE, then HOMEDRIVE + HOMEPATH) and the JS SDK's
 * login provider (os.homedir(): USERPROFILE, then the account's profile folder) both ignore HOME.
 * Elsewhere both use HOME, then the password database (`fallback`).
 */
export function resolveLoginHome(env: Env, platform: Platform, fallback?: string): string {
  if (platform !== 'win32') return resolveHome(env, platform, fallback);
  if (given(env.USERPROFILE)) return env.USERPROFILE;
  if (given(env.HOMEPATH)) return `${env.HOMEDRIVE ?? ''}${env.HOMEPATH}`;
  if (given(fallback)) return fallback;
  // Last resort, only when no fallback was passed (the adapters pass os.homedir()): the config files' home.
  return resolveHome(env, platform);
}

/** `~` or `~/x` (and `~\x` on Windows) -> inside the home folder, as the SDKs expand it. */
function expandTilde(p: string, home: string, platform: Platform): string {
  if (p === '~') return home;
  if (p.startsWith('~/') || (platform === 'win32' && p.startsWith('~\\'))) return joinFor(platform, home, p.slice(2));
  return p;
}

/**
 * The config file, credentials file and `aws login` cache folder for this environment:
 * AWS_CONFIG_FILE, AWS_SHARED_CREDENTIALS_FILE and AWS_LOGIN_CACHE_DIRECTORY override the defaults
 * under <home>/.aws. Home is only required when a default is needed. The login cache follows the
 * login tools' home (resolveLoginHome), which differs from the config files' on Windows when HOME is set.
 */
export function resolveAwsPaths(env: Env, platform: Platform, fallbackHome?: string): AwsPaths {
  const pick = (getHome: () => string, override: string | undefined, ...defaults: string[]): string => {
    if (given(override)) return override.startsWith('~') ? expandTilde(override, getHome(), platform) : override;
    return joinFor(platform, getHome(), '.aws', ...defaults);
  };
  const sdkHome = (): string => resolveHome(env, platform, fallbackHome);
  const loginHome = (): string => resolveLoginHome(env, platform, fallbackHome);
  return {
    configFile: pick(sdkHome, env.AWS_CONFIG_FILE, 'config'),
    credentialsFile: pick(sdkHome, env.AWS_SHARED_CREDENTIALS_FILE, 'credentials'),
    loginCacheDir: pick(loginHome, env.AWS_LOGIN_CACHE_DIRECTORY, 'login', 'cache'),
  };
}

/** The profile the CLI and SDKs use when none is named: AWS_PROFILE, else `default`. */
export function resolveDefaultProfileName(env: Env): string {
  return given(env.AWS_PROFILE) ? env.AWS_PROFILE : 'default';
}
