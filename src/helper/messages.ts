import type { SigninCache, SigninState } from './read-signin';

/**
 * How the helper names the profile it serves: it knows only the sign-in profile (`dev-signin`), not
 * the profile the user calls (`dev`), so it says which kind of profile it is.
 */
export function signinLabel(signinProfile: string): string {
  return `Sign-in profile ${signinProfile} (used by auto-login)`;
}

/** The next step every helper failure ends with. */
export function loginStep(signinProfile: string): string {
  return `\`aws-login-tray login ${signinProfile}\``;
}

/** A cache file that stayed unreadable or incomplete after re-reads: never a reason to open a browser unasked. */
export function malformedCacheMessage(signinProfile: string, cache: Extract<SigninCache, { kind: 'invalid' }>): string {
  return (
    `${signinLabel(signinProfile)}: its login cache file ${cache.file} ${cache.reason}; not starting a browser sign-in over it. ` +
    `Run ${loginStep(signinProfile)} to replace it.`
  );
}

/** Why a login that succeeded left no usable credentials where the helper (and the SDKs) look. */
export function noCredentialsAfterLogin(signinProfile: string, state: SigninState): string {
  const c = state.cache;
  switch (c.kind) {
    case 'none':
      return `the login wrote no login_session into [profile ${signinProfile}] of ${state.paths.configFile}`;
    case 'missing':
      return `the login wrote no cache file for its session in ${state.paths.loginCacheDir} (is AWS_LOGIN_CACHE_DIRECTORY set differently for the AWS CLI?)`;
    case 'invalid':
      return `its cache file ${c.file} ${c.reason}`;
    case 'ok':
      return `the credentials in ${c.file} expire at ${c.cache.accessToken.expiresAt} (is the system clock right?)`;
  }
}
