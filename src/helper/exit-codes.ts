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

/** Error codes of a file the user must fix (permissions, a folder where a file belongs): config errors, not bugs. */
const FILE_PROBLEM_CODES = new Set(['EACCES', 'EPERM', 'EISDIR', 'ENOTDIR', 'ELOOP', 'EROFS', 'ENAMETOOLONG']);

/**
 * A thrown error as the helper's outcome (one line): a config file the SDKs reject, a file we may
 * not read or write, or a lock path that is not a file → 2; a lock still held by another process
 * after its wait → 1; anything else is a bug → 3. Matched by name, so this stays free of imports
 * (it is part of the tiny fast-path bundle).
 */
export function helperErrorOutcome(err: unknown): HelperOutcome {
  const text = (err instanceof Error ? err.message : String(err)).replace(/\s*\n\s*/g, ' ');
  const name = err instanceof Error ? err.name : '';
  const code = (err as NodeJS.ErrnoException | null)?.code;
  if (name === 'AwsConfigError' || name === 'LockPathError' || (typeof code === 'string' && FILE_PROBLEM_CODES.has(code))) {
    return { code: HELPER_EXIT.CONFIG, message: helperMessage(text) };
  }
  if (name === 'LockTimeoutError') return { code: HELPER_EXIT.NO_CREDENTIALS, message: helperMessage(`${text.replace(/\.$/, '')}. Try again when it has finished.`) };
  return { code: HELPER_EXIT.INTERNAL, message: helperMessage(`unexpected error: ${text}. Please report it.`) };
}
