import { ensureSection, profileSectionHeader, removeProperty, setProperty } from '../config/edit';
import type { AwsProfile, IniDocument } from '../config/types';
import type { UserError } from '../errors';
import { diffLines, textFingerprint } from './line-patch';
import { isOurHelperLine, kindWithoutSession, profilesOf, whereIs } from './sections';
import type { AutoLoginEdit, AutoLoginUndo } from './types';

export interface EnableInput {
  configText: string;
  configFile: string;
  /** The parsed credentials file (null when there is none): keys there count as other credentials. */
  credentials: IniDocument | null;
  profile: string;
  /** Default: `<profile>-signin`, or the sign-in profile an existing recipe line already names. */
  signinProfile?: string;
  /** Region for the sign-in profile when neither profile has one (`aws login` needs one); also set on the profile when it has none. */
  region?: string;
  /** The credential_process value for a sign-in profile (credentialProcessLine with our launcher). */
  commandFor(signinProfile: string): string;
}

/** The characters credentialProcessLine accepts in a sign-in profile name (it is written unquoted into credential_process). */
const SIGNIN_NAME = /^[A-Za-z0-9_\-./@:+]+$/;

/** Why `name` cannot be a sign-in profile (checked first, so the answer is the rule, not a later error), or null. */
export function signinProfileNameProblem(name: string): string | null {
  if (name.startsWith('-')) return `"${name}" cannot be a sign-in profile name: it must not start with "-"`;
  if (!SIGNIN_NAME.test(name)) return `"${name}" cannot be a sign-in profile name: use letters, digits and - _ . @ : + / only`;
  return null;
}

const refuse = (code: UserError['code'], message: string, hint: string | null) => ({ ok: false as const, error: { code, message, hint } });

const OTHER_CREDENTIALS: Record<string, [string, string]> = {
  'static-keys': ['long-term access keys', 'aws_access_key_id'],
  sso: ['IAM Identity Center (SSO)', 'sso_session'],
  'assume-role': ['an assumed role', 'role_arn'],
  'credential-process': ['another credential_process', 'credential_process'],
};

/** Why a profile that holds other credentials cannot become (or serve as) an auto-login profile. */
function otherCredentials(p: AwsProfile, role: string, user = p.name): UserError | null {
  const kind = kindWithoutSession(p).kind;
  const what = OTHER_CREDENTIALS[kind];
  if (!what) return null;
  const key = what[1] === 'sso_session' && !p.properties.sso_session ? 'sso_start_url' : what[1];
  return {
    code: 'profile-has-other-credentials',
    message: `${role} ${p.name} already gets credentials from ${what[0]} (${key} at ${whereIs(p, key)}); auto-login would replace them.`,
    hint: role === 'Profile'
      ? `Use a new profile for auto-login: \`aws configure set region ${p.properties.region ?? '<region>'} --profile ${p.name}-auto\`, then \`aws-login-tray enable-auto-login ${p.name}-auto\`; or remove those lines from ${p.name} first.`
      : `Pick another sign-in profile: \`aws-login-tray enable-auto-login ${user} --signin-profile ${user}-login\`.`,
  };
}

/**
 * Turns a profile into an auto-login profile: its login_session (if any) moves to the sign-in
 * profile, which also gets a region (as does the profile, when it has none in the config file), and
 * the profile gets `credential_process` running our helper.
 * A profile on the shell recipe is migrated; one holding other credentials is refused.
 */
export function enableAutoLogin(input: EnableInput): AutoLoginEdit<{ signinProfile: string; undo: AutoLoginUndo | null; wasEnabled: boolean }> {
  const { configFile, profile: name } = input;
  const profiles = profilesOf(input.configText, configFile, input.credentials);
  const p = profiles.find((x) => x.name === name);
  if (!p || !p.sections.some((s) => s.file === configFile)) {
    return refuse('unknown-profile', `There is no profile named "${name}" in ${configFile}.`,
      `Create it first: \`aws configure set region <region> --profile ${name}\`, then run this again.`);
  }
  const refusal = otherCredentials(p, 'Profile');
  if (refusal) return { ok: false, error: refusal };
  const current = kindWithoutSession(p);
  const line = p.properties.credential_process ?? null;
  const recipeLine = current.kind === 'auto-login' && line !== null && !isOurHelperLine(line) ? line : null;
  const signin = input.signinProfile ?? current.signinProfile ?? `${name}-signin`;
  if (signin === name) {
    return refuse('invalid-argument', `"${signin}" cannot be the sign-in profile of ${name}.`, 'Use another name with --signin-profile, e.g. --signin-profile ' + `${name}-signin.`);
  }
  const nameProblem = signinProfileNameProblem(signin);
  if (nameProblem) return refuse('invalid-argument', `${nameProblem}.`, 'Use another name with --signin-profile, e.g. --signin-profile my-signin.');
  const s = profiles.find((x) => x.name === signin) ?? null;
  if (s) {
    const sRefusal = otherCredentials(s, 'Sign-in profile', name);
    if (sRefusal) return { ok: false, error: sRefusal };
  }
  const session = p.properties.login_session ?? null;
  if (session && p.sources.login_session?.file !== configFile) {
    return refuse('config-error', `The login_session of ${name} is in ${whereIs(p, 'login_session')}, not in the config file.`,
      'Move that line into the config file (where aws login writes it), then run this again.');
  }
  const signinSession = s?.properties.login_session ?? null;
  if (session && signinSession && session !== signinSession) {
    return refuse('profile-has-other-credentials', `Both ${name} and ${signin} hold a login session (${session} and ${signinSession}).`,
      // (Not "aws logout": it leaves login_session in the config, and this refusal would come back.)
      `Remove one of the two login_session lines (${signin}'s is at ${whereIs(s!, 'login_session')}), or pick another sign-in profile with --signin-profile.`);
  }
  const region = input.region ?? s?.properties.region ?? p.properties.region ?? null;
  if (!region) {
    return refuse('no-region', `Neither ${name} nor ${signin} has a region, and aws login needs one.`, 'Run again with --region <region> (e.g. --region eu-west-1).');
  }

  const header = profileSectionHeader(signin, 'config');
  let text = ensureSection(input.configText, 'config', header, configFile);
  const createdSignin = text !== input.configText;
  if (session) {
    if (!signinSession) text = setProperty(text, 'config', header, 'login_session', session, configFile);
    text = removeProperty(text, 'config', profileSectionHeader(name, 'config'), 'login_session', configFile);
  }
  const addedSigninRegion = s?.properties.region !== region;
  if (addedSigninRegion) text = setProperty(text, 'config', header, 'region', region, configFile);
  // The profile itself needs a region too, or `aws ... --profile <name>` says "You must specify a region"
  // (the AWS CLI reads region from the config file only).
  const profileRegion = p.sources.region?.file === configFile ? null : region;
  if (profileRegion !== null) text = setProperty(text, 'config', profileSectionHeader(name, 'config'), 'region', profileRegion, configFile);
  text = setProperty(text, 'config', profileSectionHeader(name, 'config'), 'credential_process', input.commandFor(signin), configFile);

  const notes: string[] = [];
  if (session) notes.push(`Moved login_session of ${name} to ${signin}.`);
  if (addedSigninRegion) notes.push(`Set region = ${region} on ${signin}.`);
  if (profileRegion !== null) notes.push(`Set region = ${region} on ${name}, which had none.`);
  if (recipeLine) notes.push(`Replaced the previous credential_process of ${name} (shell recipe) with the aws-login-tray helper.`);
  const changed = text !== input.configText;
  const undo: AutoLoginUndo | null = changed
    ? {
        configFile, profile: name, signinProfile: signin, afterFingerprint: textFingerprint(text), hunks: diffLines(input.configText, text),
        createdSignin, movedLoginSession: session !== null, addedSigninRegion, addedProfileRegion: profileRegion, previousCredentialProcess: recipeLine,
      }
    : null;
  return { ok: true, text, changed, notes, signinProfile: signin, undo, wasEnabled: line !== null && isOurHelperLine(line) };
}
