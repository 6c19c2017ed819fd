/**
 * What a failed refresh of `aws login` credentials means for the credential helper:
 * 'session-ended' -> log in again; 'failed' -> say so and stop (a login would not help, or the
 * network is down and a browser sign-in would fail too).
 */
export type RefreshFailure = 'session-ended' | 'failed';

// The wording of @aws-sdk/credential-provider-login (LoginCredentialsFetcher) for a session that is
// over: TOKEN_EXPIRED, USER_CREDENTIALS_CHANGED, an unknown AccessDeniedException, and a cache file
// it cannot read. INSUFFICIENT_PERMISSIONS and network errors are not: logging in again won't fix them.
const ENDED = [
  /session has expired/i,
  /change in your password/i,
  /please re-authenticate using `aws login`/i,
  /failed to load (a )?token/i,
  /token validation failed/i,
];

/** Classifies the message of a failed refresh (see RefreshFailure). */
export function classifyRefreshError(message: string): RefreshFailure {
  return ENDED.some((re) => re.test(message)) ? 'session-ended' : 'failed';
}
