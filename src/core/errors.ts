/** Error codes a person can act on; every one has a message and a next step. */
export type UserErrorCode =
  | 'aws-cli-not-found'
  | 'aws-cli-too-old'
  | 'login-cancelled'
  | 'login-timed-out'
  | 'login-in-progress'
  | 'login-failed'
  | 'profile-has-other-credentials'
  | 'no-region'
  | 'stale-login-session'
  | 'unknown-profile'
  | 'invalid-argument'
  | 'config-error'
  | 'no-browser'
  | 'login-cooldown'
  | 'internal';

/** An error shaped for people: what happened, and what to do next. Never holds secrets. */
export interface UserError {
  code: UserErrorCode;
  message: string;
  /** The next step, e.g. "Install AWS CLI 2.32 or newer: https://docs.aws.amazon.com/cli/...". */
  hint: string | null;
}

export type ActionResult = { ok: true; message?: string } | { ok: false; error: UserError };
