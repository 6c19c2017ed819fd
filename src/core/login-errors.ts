import type { UserError } from './errors';
import { formatVersion, MIN_LOGIN_VERSION, supportsLogin, type AwsCliVersion } from './aws-cli-version';
import type { ProfileKind } from './profile-kind-types';

/** Where to get the AWS CLI. */
export const AWS_CLI_INSTALL_URL = 'https://docs.aws.amazon.com/cli/latest/userguide/getting-started-install.html';
const MIN = formatVersion(MIN_LOGIN_VERSION);

/** A finished (or killed) `aws login` / `aws logout`, as the runner saw it. */
export interface AwsCommandOutcome {
  command: 'login' | 'logout';
  /** The profile, or a label such as "all profiles" when `all` is set. */
  profile: string;
  /** `aws logout --all`. */
  all?: boolean;
  exitCode: number | null;
  stdout: string;
  stderr: string;
  timedOut: boolean;
  cancelled: boolean;
  /** The limit that applied, for the timed-out message. */
  timeoutSeconds?: number;
  /** The CLI's version when known, for the too-old message. */
  version?: AwsCliVersion | null;
  awsPath?: string;
}

const err = (code: UserError['code'], message: string, hint: string | null): UserError => ({ code, message, hint });

/** No `aws` where we looked: say where, and how to install or point us at one. */
export function awsCliNotFoundError(searched: { path: string; source: string }[]): UserError {
  const explicit = searched.length === 1 && (searched[0]!.source === 'setting' || searched[0]!.source === 'env');
  if (explicit) {
    const where = searched[0]!.source === 'setting' ? 'the awsCliPath setting' : 'AWS_LOGIN_TRAY_AWS_CLI';
    return err('aws-cli-not-found', `The AWS CLI was not found at ${searched[0]!.path} (from ${where}).`,
      `Fix or clear ${where}, or install AWS CLI ${MIN} or newer: ${AWS_CLI_INSTALL_URL}`);
  }
  const folders = [...new Set(searched.map((s) => s.path.replace(/[\\/][^\\/]+$/, '')))];
  const shown = folders.slice(0, 8).join(', ') + (folders.length > 8 ? ', ...' : '');
  return err('aws-cli-not-found', `The AWS CLI (aws) was not found on PATH or in the usual install folders (${shown}).`,
    `Install AWS CLI ${MIN} or newer: ${AWS_CLI_INSTALL_URL} (or set its path in Settings).`);
}

/** A Windows batch file (aws.cmd, aws.bat): Node cannot start one without a shell, and we never use a shell. */
export function awsCliBatchFileError(awsPath: string): UserError {
  return err('aws-cli-not-found', `${awsPath} is a Windows batch file, which only a shell can start; aws-login-tray runs the AWS CLI without one.`,
    `Point the awsCliPath setting (or AWS_LOGIN_TRAY_AWS_CLI) at aws.exe, e.g. C:\\Program Files\\Amazon\\AWSCLIV2\\aws.exe, or clear it; install AWS CLI ${MIN} or newer if you have no aws.exe: ${AWS_CLI_INSTALL_URL}`);
}

/** An AWS CLI without `aws login`. */
export function awsCliTooOldError(version: AwsCliVersion | null, awsPath: string): UserError {
  const message = version
    ? `aws login needs AWS CLI ${MIN} or newer; found AWS CLI ${formatVersion(version)} at ${awsPath}.`
    : `The AWS CLI at ${awsPath} has no aws login command; it needs AWS CLI ${MIN} or newer.`;
  return err('aws-cli-too-old', message, `Update the AWS CLI: ${AWS_CLI_INSTALL_URL}`);
}

/** A profile name we refuse before running anything. */
export function unknownProfileError(profile: string, configFile: string): UserError {
  return err('unknown-profile', `There is no profile named "${profile}" in ${configFile}.`,
    `Check the name with \`aws-login-tray status\`, or create it with its region (aws login never saves --region): \`aws configure set region <region> --profile ${profile}\`, then \`aws-login-tray login ${profile}\`.`);
}

/** Names starting with '-' would read as options to `aws`. */
export function invalidProfileNameError(profile: string): UserError {
  return err('invalid-argument', `"${profile}" is not a valid profile name (it starts with "-").`, 'Use the name of a profile in your AWS config file.');
}

/** The next step for someone whose profile already has other credentials: a profile of its own for aws login. */
export function separateLoginProfileHint(profile: string, region: string | null): string {
  const name = `${profile}-login`;
  return `To use aws login, give it a profile of its own: \`aws configure set region ${region ?? '<region>'} --profile ${name}\`, then \`aws-login-tray login ${name}\`.`;
}

const OTHER_KINDS: Partial<Record<ProfileKind, string>> = {
  'static-keys': 'long-term access keys (aws_access_key_id)',
  'assume-role': 'an assumed role (role_arn)',
  sso: 'IAM Identity Center (SSO)',
  'credential-process': 'its own credential_process',
};

/** Facts about a profile that make the "not an aws login profile" next step concrete. */
export interface OtherCredentialsFacts {
  region: string | null;
  /** role_arn profiles: where the role's credentials come from. */
  sourceProfile?: string | null;
  /** Set when `profile` is the sign-in profile of this auto-login profile. */
  autoLoginProfile?: string | null;
}

/**
 * `aws login` refuses a profile that already gets credentials another way (after opening nothing,
 * but only once the CLI has started): say so before running it, with a next step that works.
 * Null for kinds aws login can sign in.
 */
export function notALoginProfileError(profile: string, kind: ProfileKind, facts: OtherCredentialsFacts): UserError | null {
  const what = OTHER_KINDS[kind];
  if (!what) return null;
  const subject = facts.autoLoginProfile ? `Sign-in profile ${profile} (used by ${facts.autoLoginProfile})` : `Profile ${profile}`;
  const message = `${subject} gets credentials from ${what}, so aws login cannot sign it in (it only signs in profiles without credentials of their own).`;
  if (facts.autoLoginProfile) {
    return err('profile-has-other-credentials', message,
      `Point ${facts.autoLoginProfile} at another sign-in profile: \`aws-login-tray enable-auto-login ${facts.autoLoginProfile} --signin-profile <new-name>\`.`);
  }
  if (kind === 'sso') {
    return err('profile-has-other-credentials', message, `Sign in to it with \`aws sso login --profile ${profile}\`. ${separateLoginProfileHint(profile, facts.region)}`);
  }
  if (kind === 'assume-role' && facts.sourceProfile) {
    return err('profile-has-other-credentials', message,
      `If its source profile ${facts.sourceProfile} is an aws login profile, log that one in: \`aws-login-tray login ${facts.sourceProfile}\`. ${separateLoginProfileHint(profile, facts.region)}`);
  }
  return err('profile-has-other-credentials', message, separateLoginProfileHint(profile, facts.region));
}

/** After `aws logout` the login_session line stays, and every call fails until the next login. */
export function staleLoginSessionError(profile: string, loginSession: string): UserError {
  return err('stale-login-session',
    `Profile ${profile} still names login session ${loginSession}, but its cached credentials are gone (aws logout leaves that line behind).`,
    `Log in again: \`aws-login-tray login ${profile}\`.`);
}

/**
 * The CLI's own error text: the JSON `Message` when the user's AWS_CLI_ERROR_FORMAT=json (2.34+) printed
 * one, else the first line after "aws: [ERROR]:" (2.34+) or the last non-empty line (2.32.x), without
 * the "An error occurred (<Code>): " that 2.34+ inserts.
 */
export function awsErrorText(text: string): string {
  const json = /\{\s*"Code":\s*"[^"]*",\s*"Message":\s*("(?:[^"\\]|\\.)*")\s*\}/.exec(text);
  let line: string;
  if (json) {
    line = (JSON.parse(json[1]!) as string).split('\n').map((l) => l.trim()).filter(Boolean)[0] ?? '';
  } else {
    const lines = text.split(/\r?\n/).map((l) => l.trim()).filter(Boolean);
    line = (lines.find((l) => /^aws: \[ERROR\]:/.test(l)) ?? lines[lines.length - 1] ?? '').replace(/^aws: \[ERROR\]:\s*/, '');
  }
  line = line.replace(/^An error occurred \((?:Configuration|NoRegion|NoCredentials)\): /, '');
  return line.length > 300 ? `${line.slice(0, 297)}...` : line;
}

/** Turns a finished `aws login`/`aws logout` into null (it worked) or an error a person can act on. */
export function classifyAwsOutcome(o: AwsCommandOutcome): UserError | null {
  const p = o.profile;
  const awsArgs = o.all ? `${o.command} --all` : `${o.command} --profile ${p}`;
  const retry = o.all ? `aws-login-tray ${o.command} --all` : `aws-login-tray ${o.command} ${p}`;
  if (o.cancelled) return err('login-cancelled', `${o.command === 'login' ? 'Login to' : 'Logout of'} ${p} was cancelled.`, `Run \`${retry}\` to try again.`);
  if (o.timedOut) {
    const after = o.timeoutSeconds ? ` after ${o.timeoutSeconds} s` : '';
    if (o.command === 'logout') {
      return err('login-timed-out', `Logout of ${p} timed out${after}: aws logout did not finish.`,
        `Run \`${retry}\` again; if it hangs again, run \`aws ${awsArgs}\` in a terminal to see why.`);
    }
    return err('login-timed-out', `Login to ${p} timed out${after}: the browser sign-in was not finished.`,
      `Run \`${retry}\` again and finish signing in in the browser tab it opens (the limit is the loginTimeoutSeconds setting).`);
  }
  const all = `${o.stderr}\n${o.stdout}`;
  // Recorded: 2.31.39 "Found invalid choice 'login'"; Debian's 2.9 "Invalid choice, valid choices are".
  if (/Invalid choice, valid choices are/.test(o.stderr) || /argument command: (Found )?[Ii]nvalid choice/.test(all)) {
    // A version that claims login support cannot be the reason: do not quote it.
    return awsCliTooOldError(o.version && !supportsLogin(o.version) ? o.version : null, o.awsPath ?? 'aws');
  }
  const replace = /already configured to use session (.+?)\. Do you want to overwrite it to use (\S+) instead\?/.exec(all);
  if (o.exitCode === 0) {
    // Recorded (login-replace-no): the replace prompt answered "n" exits 0 having saved nothing.
    if (o.command === 'login' && !/Updated profile .* to use .* credentials\./.test(o.stdout)) {
      return err('login-failed', replace
        ? `aws login for ${p} saved nothing: the profile already uses login session ${replace[1]}, and replacing it with ${replace[2]} was declined.`
        : `aws login for ${p} exited without saving a session.`, `Run \`aws login --profile ${p}\` in a terminal to see why.`);
    }
    return null;
  }
  const other = /Profile '(.+?)' is already configured with (.+?) credentials/.exec(all);
  if (other) {
    return err('profile-has-other-credentials',
      `Profile ${p} already gets credentials another way (${other[2]}), so aws login refuses to use it.`,
      `Remove the ${other[2]} settings from ${p} in your AWS config or credentials file, or: ${separateLoginProfileHint(p, null)}`);
  }
  if (/No AWS region has been configured/.test(all)) {
    return err('no-region', `Profile ${p} has no region, and aws login stopped to ask for one.`,
      `Set \`region = <region>\` in the profile's section of your AWS config file (\`aws configure set region <region> --profile ${p}\`; a --region given to aws login is not saved), then try again.`);
  }
  if (replace) {
    return err('login-failed', `Profile ${p} already uses login session ${replace[1]}, and aws login stopped to ask whether to replace it with ${replace[2]}.`,
      `Run \`aws login --profile ${p}\` in a terminal and answer y, or sign in to the browser with the same identity as before.`);
  }
  if (/Unable to load a existing login session/.test(all)) {
    const session = /for session (\S+?),/.exec(all)?.[1] ?? 'its login session';
    return staleLoginSessionError(p, session);
  }
  // Source (never waited out in a recording): the CLI's own 10-minute wait for the browser, reported with SSO wording.
  if (/The pending authorization .* has expired/.test(all)) {
    return err('login-timed-out', `Login to ${p} timed out: the browser sign-in was not finished within the AWS CLI's own 10 minutes.`,
      `Run \`${retry}\` again and finish signing in in the browser tab it opens.`);
  }
  if (/Failed to retrieve an authorization code/.test(all)) {
    return err('login-cancelled', `The browser sign-in for ${p} did not finish (denied, or the tab was closed).`, `Run \`${retry}\` to try again.`);
  }
  if (/expired authorization code/.test(all)) {
    return err('login-timed-out', `The browser sign-in for ${p} took too long: AWS Sign-In says the authorization code expired.`, `Run \`${retry}\` and finish signing in promptly.`);
  }
  if (/State parameter .* does not match expected value/.test(all)) {
    return err('login-failed', `The browser sign-in for ${p} answered for a different login attempt (state mismatch), so aws login stopped.`,
      `Close other sign-in tabs and run \`${retry}\` again.`);
  }
  if (/due to insufficient permissions/.test(all)) {
    return err('login-failed', `AWS Sign-In refused ${p}: the identity you signed in with may not be allowed signin:CreateOAuth2Token.`,
      'Ask your administrator for the signin:CreateOAuth2Token permission, or sign in with another identity.');
  }
  const line = awsErrorText(o.stderr) || awsErrorText(o.stdout);
  const code = o.exitCode === null ? 'was stopped' : `exited with code ${o.exitCode}`;
  return err('login-failed', `aws ${o.command} for ${p} ${code}${line ? `: ${line}` : '.'}`,
    `Run \`aws ${awsArgs}\` in a terminal to see the full output.`);
}
