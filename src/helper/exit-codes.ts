/**
 * The credential helper's exit codes (documented in the README, "Exit codes"). The AWS CLI and SDKs
 * only tell zero from non-zero; people and scripts can tell these apart.
 */
export const HELPER_EXIT = {
  /** Credentials printed on stdout. */
  OK: 0,
  /** No credentials: the login failed, was cancelled or timed out, is cooling down, no browser, refresh failed. */
  NO_CREDENTIALS: 1,
  /** Usage or configuration error: bad arguments, unknown sign-in profile, unreadable config file. */
  CONFIG: 2,
  /** A bug: something unexpected; the message says what. */
  INTERNAL: 3,
} as const;

export type HelperExitCode = (typeof HELPER_EXIT)[keyof typeof HELPER_EXIT];

/** What a helper run ends with: stdout (credentials JSON) on success, else one message for stderr. */
export type HelperOutcome = { code: 0; stdout: string } | { code: Exclude<HelperExitCode, 0>; message: string };

/** Every helper message starts the same way, so it stands out inside AWS CLI / SDK error output. */
export function helperMessage(text: string): string {
  return `aws-login-tray: ${text}`;
}
