import { resolveAwsPaths, resolveHome } from '../core/config/locations';
import { describeFileError } from '../core/file-errors';
import { AwsConfigError } from '../core/config/types';
import type { LauncherRuntime } from '../core/launcher-script';
import type { Env, Platform } from '../core/ports';
import type { UserError } from '../shared/errors';
import { AutoLoginEditError, disableAutoLoginOnDisk, enableAutoLoginOnDisk, type AutoLoginReport } from './auto-login-config';

/** Who reads the next steps: the CLI has --region / --signin-profile, the window has only the switch. */
export type AutoLoginAudience = 'cli' | 'app';

export interface AutoLoginSwitchDeps {
  env: Env;
  platform: Platform;
  /** os.homedir(), used only when HOME (USERPROFILE on Windows) is unset. */
  homeDir: string;
  /**
   * What the stable launcher starts: node + dist/helper.cjs, or the packaged app's Electron as Node;
   * a getter where it can change while the app runs (an AppImage settles it after start).
   */
  launcherRuntime: LauncherRuntime | (() => LauncherRuntime);
  /** Default 'app'. */
  audience?: AutoLoginAudience;
}

/** CLI-only choices; the window uses the defaults (<profile>-signin, the profiles' own region). */
export interface AutoLoginSwitchOptions {
  signinProfile?: string;
  region?: string;
}

/** An ActionResult with what was done, for the CLI's longer output. */
export type AutoLoginSwitchResult =
  | { ok: true; message: string; changed: boolean; signinProfile: string; notes: string[]; configFile: string; backupPath: string | null; credentialProcess?: string }
  /** refused: nothing was tried (the profile can't be switched); false: the attempt failed (a broken config, a file error). */
  | { ok: false; error: UserError; refused: boolean };

/** Turns auto-login on or off for one profile; assignable to the tray service's `setAutoLogin`. */
export type AutoLoginSwitch = (profile: string, enabled: boolean, options?: AutoLoginSwitchOptions) => Promise<AutoLoginSwitchResult>;

/** Rewrites a refusal's next step for the audience; the message (what and where) stays. */
function nextStep(error: UserError, profile: string, audience: AutoLoginAudience): UserError {
  if (error.code === 'no-region') {
    const set = `Set one: \`aws configure set region <region> --profile ${profile}\` (e.g. eu-west-1)`;
    return { ...error, hint: audience === 'cli' ? `${set}, or run again with --region <region>.` : `${set}, then turn auto-login on again.` };
  }
  if (audience === 'cli') return error;
  if (error.code === 'profile-has-other-credentials' && error.message.startsWith('Profile ')) {
    return { ...error, hint: `Auto-login works only for profiles without credentials of their own. Keep ${profile} as it is, or remove those lines from it first.` };
  }
  if (error.code === 'profile-has-other-credentials' && error.message.startsWith('Sign-in profile ')) {
    // (Not a CLI command: the installed app has no CLI.)
    return { ...error, hint: `The window signs in through ${profile}-signin: remove those lines from ${profile}-signin, then turn auto-login on again.` };
  }
  return error;
}

function toResult(report: AutoLoginReport, profile: string, enabled: boolean, audience: AutoLoginAudience): AutoLoginSwitchResult {
  if (!report.ok) return { ok: false, error: nextStep(report.error, profile, audience), refused: true };
  const { changed, signinProfile, notes, configFile, backupPath, credentialProcess } = report;
  const message = !enabled
    ? `Auto-login is off for ${profile}.`
    : changed
      ? `Auto-login is on for ${profile} (sign-in profile ${signinProfile}) in ${configFile}.`
      : `Auto-login was already on for ${profile} (sign-in profile ${signinProfile}); nothing changed.`;
  return { ok: true, message, changed, signinProfile, notes, configFile, backupPath, ...(credentialProcess ? { credentialProcess } : {}) };
}

/**
 * The one auto-login switch for the CLI, the window (Electron and preview): enabling writes the
 * launcher for `launcherRuntime` and edits the config; disabling puts the config back. Refusals
 * and failures come back as UserErrors with a next step, never as exceptions.
 */
export function createAutoLoginSwitch(deps: AutoLoginSwitchDeps): AutoLoginSwitch {
  const audience = deps.audience ?? 'app';
  return async (profile, enabled, options = {}) => {
    // Same home as the status, the tray and the helper: HOME first, os.homedir() only without it.
    const target = { env: deps.env, platform: deps.platform, homeDir: resolveHome(deps.env, deps.platform, deps.homeDir), profile };
    try {
      const report = enabled
        ? await enableAutoLoginOnDisk({ ...target, signinProfile: options.signinProfile, region: options.region, runtime: typeof deps.launcherRuntime === 'function' ? deps.launcherRuntime() : deps.launcherRuntime })
        : await disableAutoLoginOnDisk(target);
      return toResult(report, profile, enabled, audience);
    } catch (err) {
      const cause = err instanceof AutoLoginEditError ? err.cause : err;
      // A file error names the file (the config file when Node's error names none), the operation and what to do.
      const file = describeFileError(cause, resolveAwsPaths(target.env, target.platform, target.homeDir).configFile);
      const message = file?.message ?? (err instanceof Error ? err.message : String(err));
      const code = cause instanceof AwsConfigError ? 'config-error' : 'internal';
      const onOff = enabled ? 'on' : 'off';
      // Say exactly where the file stands: an edit that landed before the failure is not "could not".
      const what = err instanceof AutoLoginEditError && err.applied
        ? `Auto-login is ${onOff} for ${profile} (the config file has this change${enabled ? ', and disable-auto-login can undo it' : ''}), but: ${message}`
        : `Could not turn auto-login ${onOff} for ${profile}${err instanceof AutoLoginEditError ? '; the config file does not have this change' : ''}: ${message}`;
      return { ok: false, refused: false, error: { code, message: what, hint: file?.hint ?? 'Fix what the message names, then try again.' } };
    }
  };
}
