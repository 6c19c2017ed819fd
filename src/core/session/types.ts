import type { CompatFinding } from '../config/python-compat';
import type { LoginProgress } from '../login-output';
import type { ProfileKind } from '../profile-kind-types';

/** Session state of an `aws login` (or auto-login) profile. */
export type SessionState = 'active' | 'expiring' | 'expired' | 'logged-out' | 'error';

/** Where sessionStartedAt came from, best evidence first. */
export type SessionStartSource = 'id-token' | 'recorded-login' | 'cache-file';

/**
 * Where sessionExpiresAt came from: Sign-In's introspection (exact); this session's own refreshes or
 * failed refresh (observed); a length learned from earlier sessions; the per-profile setting; the
 * principal's default (IAM user 12 h, role 1 h). All but 'introspected' are estimates.
 */
export type SessionEndSource = 'introspected' | 'observed' | 'learned' | 'setting' | 'default';

/** One row of `status`: what the CLI prints with --json and what the tray shows. Times are epoch ms. */
export interface ProfileStatus {
  name: string;
  kind: ProfileKind;
  /** null for profiles that are neither login nor auto-login. */
  state: SessionState | null;
  loginSession: string | null;
  accountId: string | null;
  region: string | null;
  /** When the 15-minute credentials expire (the next refresh is due 5 minutes before). */
  accessTokenExpiresAt: number | null;
  sessionStartedAt: number | null;
  sessionStartSource: SessionStartSource | null;
  /** The session's end: exact when sessionEndSource is 'introspected', else an estimate. */
  sessionExpiresAt: number | null;
  sessionEndSource: SessionEndSource | null;
  /** For auto-login profiles: the profile that holds login_session. */
  signinProfile: string | null;
  /** For auto-login profiles: through our helper, or through another command (the shell recipe) the switch does not manage. */
  autoLoginVia?: 'helper' | 'recipe';
  /** For state 'error': names the file and what is wrong, with the next step in the CLI. */
  error: string | null;
  /**
   * The same, with the next step the window offers (its buttons and switch), where that differs:
   * the installed app has no CLI. Not in `status --json`.
   */
  errorInWindow?: string;
  /**
   * Set while a credential helper waits on a browser sign-in for this profile (or for the sign-in
   * profile it uses): when the wait began (epoch ms). Absent otherwise (StatusDeps.waitingSignIns).
   */
  waitingForSignInSince?: number;
  /** Set while a login this app started for the profile runs: its sign-in URL once printed. Not set by buildStatusReport. */
  loginInProgress?: LoginProgress;
}

export interface StatusReport {
  /** When the report was made (epoch ms). */
  generatedAt: number;
  configFile: string;
  credentialsFile: string;
  loginCacheDir: string;
  /** False when neither file exists: an empty list plus a hint, not an error. */
  configFound: boolean;
  /** The region a profile without one would most likely want: AWS_REGION, AWS_DEFAULT_REGION, else the default profile's. */
  defaultRegion?: string | null;
  /** What the AWS CLI and boto3 (Python) refuse or read differently in these files (absent when nothing). */
  compat?: CompatFinding[];
  profiles: ProfileStatus[];
}
