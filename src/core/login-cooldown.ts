/** A failed or cancelled login, as recorded for a profile. */
export interface LoginFailure {
  /** Epoch ms when the login ended. */
  at: number;
  /** The person-readable reason (never a secret). */
  message: string;
}

/** The helper's refusal while a recent failure cools down, or null when a new login may start. */
export interface CooldownBlock {
  remainingSeconds: number;
  message: string;
}

/**
 * After a failed or cancelled login, credential helpers fail at once for `cooldownSeconds` instead
 * of opening another browser tab on every AWS call (the recipe's "tab storm").
 */
export function loginCooldown(failure: LoginFailure | null, now: number, cooldownSeconds: number, signinProfile: string): CooldownBlock | null {
  if (!failure || cooldownSeconds <= 0) return null;
  const elapsedMs = now - failure.at;
  // A failure "from the future" (clock moved back) still counts, but never for longer than the cooldown.
  const remainingMs = cooldownSeconds * 1000 - Math.max(0, elapsedMs);
  if (remainingMs <= 0) return null;
  const remainingSeconds = Math.ceil(remainingMs / 1000);
  const ago = Math.max(0, Math.round(elapsedMs / 1000));
  const reason = failure.message.replace(/\s+$/, '').replace(/\.$/, '');
  return {
    remainingSeconds,
    message:
      `the last login for ${signinProfile} failed ${ago} s ago (${reason}); not opening another browser tab for ${remainingSeconds} s. ` +
      `Run \`aws-login-tray login ${signinProfile}\` to try again now.`,
  };
}
