import { formatVersion, MIN_LOGIN_VERSION, supportsLogin, type AwsCliVersion } from './aws-cli-version';
import { isOurHelperLine, kindWithoutSession } from './auto-login/sections';
import { splitCommandLine, splitWindowsCommandLine } from './command-line';
import type { CompatFinding } from './config/python-compat';
import type { AwsProfile } from './config/types';
import type { LauncherRuntime } from './launcher-script';
import type { Platform } from './ports';
import { classifyProfile } from './profile-kind';

/** One thing doctor found: what is wrong (or fine) and what to do about it. */
export interface Finding {
  /** 'error' and 'warning' need action (exit 1); 'ok' and 'info' do not. */
  level: 'ok' | 'info' | 'warning' | 'error';
  profile?: string;
  message: string;
  fix: string | null;
}

/** A launcher named by a credential_process line, as the adapter found it on disk. */
export interface LauncherFact {
  exists: boolean;
  /** What the launcher starts (from its runtime comment); null when unreadable or not ours. */
  runtime: LauncherRuntime | null;
  /** Paths among runtime.execPath / runtime.args[0] that do not exist. */
  missing: string[];
}

/** Everything the checks look at, gathered by the adapter (src/cli/commands/doctor.ts). */
export interface DoctorFacts {
  platform: Platform;
  configFile: string;
  credentialsFile: string;
  loginCacheDir: string;
  aws: { found: true; path: string; version: AwsCliVersion | null; skippedNote?: string | null } | { found: false; message: string; hint: string | null };
  profiles: AwsProfile[];
  /** POSIX permission bits of the config file, credentials file, login cache folder and any files in it (null: missing). */
  modes: Record<string, number | null>;
  /** Keyed by launcher path (see helperLauncherPaths). */
  launchers: Record<string, LauncherFact>;
  /** AppStore.settingsProblem(): settings.json is broken and ignored (optional: older adapters don't pass it). */
  settingsProblem?: string | null;
  /** Other programs' versions of the config file that an edit of ours could not keep in it (listKeptVersions), oldest first. */
  keptVersions?: string[];
  /** What the AWS CLI and boto3 (Python) refuse or read differently in the config and credentials files. */
  compat?: CompatFinding[];
  /** The settings file's path and settingsIssues(): fields with bad values, unknown names. */
  settings?: { file: string; issues: string[] };
  /** Login cache files that status shows as Error: the profile, the file and what is wrong (secret-free). */
  brokenCaches?: { profile: string; file: string; reason: string }[];
  /** The config file is a symbolic link whose target does not exist. */
  danglingConfigLink?: { target: string } | null;
  /** settings.awsCliPath and why it is not an AWS CLI (null when it is one, or unset). */
  awsCliPathProblem?: { path: string; message: string } | null;
}

/** The first word of a credential_process line, split as botocore does on this platform. */
function firstWord(line: string, platform: Platform): string | null {
  try {
    return (platform === 'win32' ? splitWindowsCommandLine(line) : splitCommandLine(line))[0] ?? null;
  } catch {
    return null;
  }
}

/** The launcher paths our credential_process lines name, for the adapter to look at. */
export function helperLauncherPaths(profiles: AwsProfile[], platform: Platform): string[] {
  const out = new Set<string>();
  for (const p of profiles) {
    const line = p.properties.credential_process;
    if (line === undefined || !isOurHelperLine(line)) continue;
    const first = firstWord(line, platform);
    if (first) out.add(first);
  }
  return [...out];
}

function checkAwsCli(f: DoctorFacts): Finding {
  if (!f.aws.found) return { level: 'error', message: f.aws.message, fix: f.aws.hint };
  const v = f.aws.version;
  if (!v) {
    // The Python CLI refuses a config it cannot parse even for --version ("Unable to parse config file").
    const refused = (f.compat ?? []).find((c) => c.effect === 'refused');
    if (refused) {
      return { level: 'error', message: `The AWS CLI at ${f.aws.path} cannot start: it refuses ${refused.file} (see below), even for --version.`, fix: refused.fix };
    }
    return { level: 'warning', message: `Could not read the version of the AWS CLI at ${f.aws.path}.`, fix: `Check that \`${f.aws.path} --version\` works.` };
  }
  if (!supportsLogin(v)) {
    return { level: 'error', message: `AWS CLI ${formatVersion(v)} at ${f.aws.path} has no \`aws login\` (needs ${formatVersion(MIN_LOGIN_VERSION)} or newer).`, fix: 'Update the AWS CLI: https://docs.aws.amazon.com/cli/latest/userguide/getting-started-install.html' };
  }
  // An AWS CLI v1 or an older v2 first on PATH is passed over, and said so.
  const skipped = f.aws.skippedNote ? ` ${f.aws.skippedNote}` : '';
  return { level: 'ok', message: `AWS CLI ${formatVersion(v)} at ${f.aws.path} supports aws login.${skipped}`, fix: null };
}

const KEY_PROPERTIES = ['aws_access_key_id', 'aws_secret_access_key', 'aws_session_token'];

/** Files that hold keys, with the first place (FILE:LINE) in each. */
function keyFiles(f: DoctorFacts): Map<string, string> {
  const out = new Map<string, string>();
  for (const p of f.profiles) {
    for (const key of KEY_PROPERTIES) {
      const src = p.sources[key];
      if (src && !out.has(src.file)) out.set(src.file, `${src.file}:${src.line}`);
    }
  }
  return out;
}

const octal = (mode: number): string => mode.toString(8).padStart(3, '0');

/** True when `path` is inside the login cache folder (a cache file the adapter looked at). */
function inCache(path: string, dir: string): boolean {
  return path.length > dir.length + 1 && path.startsWith(dir) && (path[dir.length] === '/' || path[dir.length] === '\\');
}

/**
 * Private files stay private: the credentials file, any file holding keys (the config file too),
 * the login cache folder and its files must not be readable by others; the config file must not be
 * writable by others (they could point credential_process at their own program).
 */
function checkModes(f: DoctorFacts): Finding[] {
  if (f.platform === 'win32') return [];
  const out: Finding[] = [];
  const keys = keyFiles(f);
  const openCacheFiles: string[] = [];
  for (const [path, mode] of Object.entries(f.modes)) {
    if (mode === null || (mode & 0o077) === 0) continue;
    if (inCache(path, f.loginCacheDir)) {
      openCacheFiles.push(`${path} (mode ${octal(mode)})`);
      continue;
    }
    const dir = path === f.loginCacheDir;
    if (path === f.configFile && !keys.has(path)) continue;
    if (dir) {
      // `aws login` makes this folder with the default mode (0755 under umask 022; recorded in ../shared/aws-cli).
      out.push({
        level: 'warning',
        message: `${path} can be listed by other users (mode ${octal(mode)}; \`aws login\` creates it so). The files in it are private, but their names are SHA-256 hashes of your session ARNs: anyone who guesses an ARN (account id + role + your name) learns that you are signed in with it, and the files' times tell when you last used it.`,
        fix: `chmod 700 '${path}'`,
      });
      continue;
    }
    const holds = dir ? 'session tokens' : keys.has(path) ? `long-term access keys (${keys.get(path)})` : 'credentials';
    out.push({ level: 'warning', message: `${path} can be read by other users (mode ${octal(mode)}); it holds ${holds}.`, fix: `chmod ${dir ? '700' : '600'} '${path}'` });
  }
  if (openCacheFiles.length > 0) {
    out.push({
      level: 'warning',
      message: `${openCacheFiles.length === 1 ? 'A login cache file' : `${openCacheFiles.length} login cache files`} can be read by other users: ${openCacheFiles.join(', ')}; they hold session tokens.`,
      fix: `chmod 600 '${f.loginCacheDir}'/*.json`,
    });
  }
  const configMode = f.modes[f.configFile];
  const readable = keys.has(f.configFile) && configMode != null && (configMode & 0o077) !== 0; // already told: chmod 600
  if (configMode != null && (configMode & 0o022) !== 0 && !readable) {
    out.push({ level: 'warning', message: `${f.configFile} can be changed by other users (mode ${configMode.toString(8)}): they could point credential_process at their own program.`, fix: `chmod 600 '${f.configFile}'` });
  }
  return out;
}

function checkProfile(p: AwsProfile, f: DoctorFacts, byName: Map<string, AwsProfile>): Finding[] {
  const out: Finding[] = [];
  const props = p.properties;
  const where = (key: string) => (p.sources[key] ? `${p.sources[key]!.file}:${p.sources[key]!.line}` : p.name);
  const { kind, signinProfile } = kindWithoutSession(p);
  if (props.login_session !== undefined && props.credential_process !== undefined) {
    // enable-auto-login refuses another tool's credential_process (1Password's op, ...): the stale line goes instead.
    const ours = kind === 'auto-login';
    out.push({
      level: 'error', profile: p.name,
      message: `Profile ${p.name} has both login_session (${where('login_session')}) and credential_process; login_session wins, so ${ours ? 'auto-login' : 'its credential_process'} never runs (and after aws logout every call fails).`,
      fix: ours
        ? `aws-login-tray enable-auto-login ${p.name}  # moves login_session to a sign-in profile`
        : `Delete the login_session line at ${where('login_session')}: ${p.name} gets its credentials from its credential_process, and aws login needs a profile of its own.`,
    });
  }
  const line = props.credential_process;
  if (kind === 'auto-login' && line !== undefined && !isOurHelperLine(line)) {
    out.push({ level: 'warning', profile: p.name, message: `Profile ${p.name} uses the shell credential_process recipe (${where('credential_process')}): it needs sh, starts a second AWS CLI on every call and can open a browser tab per parallel call.`, fix: `aws-login-tray enable-auto-login ${p.name}  # migrates it; disable-auto-login puts it back` });
  }
  if (kind === 'auto-login' && line !== undefined && isOurHelperLine(line)) {
    const launcher = firstWord(line, f.platform);
    const fact = launcher ? f.launchers[launcher] : undefined;
    if (!fact || !fact.exists) {
      out.push({ level: 'error', profile: p.name, message: `The helper ${launcher ?? line} named by ${p.name}'s credential_process (${where('credential_process')}) no longer exists.`, fix: `aws-login-tray enable-auto-login ${p.name}  # rewrites the launcher (starting the AWS Login Tray app does too)` });
    } else if (fact.missing.length > 0) {
      out.push({ level: 'error', profile: p.name, message: `The helper launcher ${launcher} starts ${fact.missing.join(' and ')}, which no longer exist${fact.missing.length === 1 ? 's' : ''} (app moved or Node.js removed?).`, fix: `aws-login-tray enable-auto-login ${p.name}  # rewrites the launcher (starting the AWS Login Tray app does too)` });
    }
    if (signinProfile && !byName.has(signinProfile)) {
      out.push({ level: 'error', profile: p.name, message: `The sign-in profile ${signinProfile} of ${p.name} is not in ${f.configFile}.`, fix: `aws-login-tray enable-auto-login ${p.name} --signin-profile ${signinProfile}` });
    }
  }
  if (kind === 'static-keys') {
    out.push({ level: 'warning', profile: p.name, message: `Profile ${p.name} holds long-term access keys (${where('aws_access_key_id')}); anyone who copies that file can use them until they are deactivated.`, fix: `aws configure set region ${props.region ?? '<region>'} --profile ${p.name}-login && aws-login-tray login ${p.name}-login  # then use ${p.name}-login, delete the keys from the file and deactivate them in IAM` });
  }
  return out;
}

/** Sign-in profiles and login profiles without a region make `aws login` stop and ask for one. */
function checkRegions(f: DoctorFacts, byName: Map<string, AwsProfile>): Finding[] {
  const needRegion = new Set<string>();
  for (const p of f.profiles) {
    const { kind, signinProfile } = classifyProfile(p);
    if (kind === 'login') needRegion.add(p.name);
    if (kind === 'auto-login' && signinProfile && byName.has(signinProfile)) needRegion.add(signinProfile);
  }
  return [...needRegion].filter((n) => !byName.get(n)!.properties.region).map((n) => ({
    level: 'warning' as const, profile: n,
    message: `Profile ${n} has no region: aws login stops to ask for one, which fails when the tray or the helper runs it.`,
    fix: `aws configure set region <region> --profile ${n}`,
  }));
}

/** Each kept version of another program stays reported until the user has compared it and deleted it. */
function checkKeptVersions(f: DoctorFacts): Finding[] {
  return (f.keptVersions ?? []).map((path) => ({
    level: 'warning' as const,
    message: `${path} holds another program's version of ${f.configFile}: it wrote the file while aws-login-tray was editing it, and the file lost that version.`,
    fix: `Compare the two (diff '${f.configFile}' '${path}'), copy over any change you want to keep, then delete ${path}.`,
  }));
}

const SOURCE_WORDS: Record<string, string> = {
  'assume-role': 'role_arn', sso: 'SSO (sso_account_id / sso_role_name)', 'static-keys': 'the access keys', login: 'login_session',
  'auto-login': 'credential_process', 'credential-process': 'credential_process',
};

/** A profile holding several credentials: the CLI uses one and ignores the rest (login_session + credential_process has its own check). */
function checkShadowed(p: AwsProfile): Finding[] {
  const { kind, shadowed } = classifyProfile(p);
  const ignored = (shadowed ?? []).filter((s) => !(kind === 'login' && s === 'credential_process'));
  if (ignored.length === 0) return [];
  const where = (key: string) => {
    const src = p.sources[key];
    return src ? ` (${src.file}:${src.line})` : '';
  };
  return [{
    level: 'warning', profile: p.name,
    message: `Profile ${p.name} holds more than one kind of credentials: the AWS CLI uses ${SOURCE_WORDS[kind] ?? kind} and ignores ${ignored.map((s) => `${s}${where(s)}`).join(', ')}.`,
    fix: `Remove what the CLI ignores from [${p.name}], or give it a profile of its own.`,
  }];
}

/** Runs every check; findings come out in a stable order (tool, then files, then profiles). */
export function runDoctorChecks(f: DoctorFacts): Finding[] {
  const byName = new Map(f.profiles.map((p) => [p.name, p]));
  // An awsCliPath that is not an AWS CLI gets its own error below: no vaguer "could not read its version" first.
  const aws = f.awsCliPathProblem && f.aws.found && !f.aws.version ? [] : [checkAwsCli(f)];
  const findings = [...aws, ...checkModes(f), ...checkKeptVersions(f)];
  if (f.settingsProblem) findings.push({ level: 'warning', message: `${f.settingsProblem.replace(/; fix or delete it\.$/, '')}: the app uses its default settings until it is fixed, and saving settings is refused.`, fix: 'Fix the file in an editor, or delete it to start from the defaults.' });
  if (f.danglingConfigLink) {
    findings.push({ level: 'error', message: `${f.configFile} is a symbolic link to ${f.danglingConfigLink.target}, which does not exist: the AWS CLI, the SDKs and this app see no config at all.`, fix: `Restore ${f.danglingConfigLink.target}, or replace the link with the file itself.` });
  }
  for (const issue of f.settings?.issues ?? []) findings.push({ level: 'warning', message: `${f.settings!.file}: ${issue}`, fix: 'Fix the value in the window\'s Settings, or in the file.' });
  if (f.awsCliPathProblem) findings.push({ level: 'error', message: `${f.awsCliPathProblem.message} Every login would run it.`, fix: 'Clear awsCliPath in the window\'s Settings (the app then finds aws on PATH), or point it at the aws executable.' });
  for (const b of f.brokenCaches ?? []) {
    findings.push({ level: 'error', profile: b.profile, message: `The login cache file of ${b.profile}, ${b.file}, ${b.reason}: status shows the profile as Error and the AWS CLI cannot use its session.`, fix: `aws-login-tray login ${b.profile}  # a new login rewrites the file` });
  }
  for (const c of f.compat ?? []) findings.push({ level: c.effect === 'refused' ? 'error' : 'warning', ...(c.profile ? { profile: c.profile } : {}), message: `${c.message}.`, fix: c.fix });
  for (const p of f.profiles) findings.push(...checkShadowed(p), ...checkProfile(p, f, byName));
  findings.push(...checkRegions(f, byName));
  if (findings.every((x) => x.level === 'ok' || x.level === 'info')) findings.push({ level: 'ok', message: 'No problems found.', fix: null });
  return findings;
}

/** True when some finding needs action (doctor exits 1). */
export function needsAction(findings: readonly Finding[]): boolean {
  return findings.some((x) => x.level === 'error' || x.level === 'warning');
}
