import { existsSync, lstatSync, readFileSync, readdirSync, readlinkSync, statSync } from 'node:fs';
import { realpath } from 'node:fs/promises';
import { join } from 'node:path';
import { resolveAppHome } from '../../core/app-home';
import { resolveAwsPaths } from '../../core/config/locations';
import { helperLauncherPaths, needsAction, runDoctorChecks, type DoctorFacts, type Finding, type LauncherFact } from '../../core/doctor';
import { parseLauncherRuntime } from '../../core/launcher-script';
import { readProfiles } from '../../node/actions';
import { openAppStore } from '../../node/app-store';
import { recoverConfigEdits } from '../../node/auto-login-config';
import { listKeptVersions } from '../../node/config-backups';
import { ensureAwsCli, skippedNote } from '../../node/aws-cli/ensure';
import { parseArgs } from '../args';
import { EXIT_FAILED, EXIT_OK, type CliContext } from '../context';
import type { Command } from './types';
import { parseIni } from '../../core/config/ini';
import { pythonCompatFindings, type CompatFinding } from '../../core/config/python-compat';
import { nodeFilePort } from '../../node/fs-port';
import { settingsIssues } from '../../core/settings';
import { loginCacheFileName } from '../../core/session/login-cache';
import { readSigninCache } from '../../node/signin-state';
import type { AwsProfile } from '../../core/config/types';
import { checkAwsCliProgram } from '../../node/aws-cli/verify';

function modeOf(path: string): number | null {
  try {
    return statSync(path).mode & 0o777;
  } catch {
    return null;
  }
}

/** The login cache's *.json files (their modes are checked too); none when the folder is missing. */
function cacheFiles(dir: string): string[] {
  try {
    return readdirSync(dir).filter((f) => f.endsWith('.json')).map((f) => join(dir, f));
  } catch {
    return [];
  }
}

function launcherFact(path: string): LauncherFact {
  let text: string;
  try {
    text = readFileSync(path, 'utf8');
  } catch {
    return { exists: false, runtime: null, missing: [] };
  }
  const runtime = parseLauncherRuntime(text);
  const wanted = runtime ? [runtime.execPath, ...runtime.args.slice(0, 1)] : [];
  return { exists: true, runtime, missing: wanted.filter((p) => !existsSync(p)) };
}

/** Gathers what the pure checks look at: the AWS CLI, the files and their modes, the launchers. */
async function gatherFacts(ctx: CliContext): Promise<DoctorFacts> {
  const paths = resolveAwsPaths(ctx.env, ctx.platform, ctx.homeDir);
  const store = openAppStore(resolveAppHome(ctx.env, ctx.platform, ctx.homeDir));
  const profiles = readProfiles(paths);
  // An edit that was killed is finished first (undo record settled, its temp files removed), so what follows is what is there.
  await recoverConfigEdits(store, paths.configFile);
  const cli = await ensureAwsCli({ env: ctx.env, platform: ctx.platform, homeDir: ctx.homeDir, store, awsCliPath: store.loadSettings().awsCliPath }, false);
  const launchers: Record<string, LauncherFact> = {};
  for (const p of helperLauncherPaths(profiles, ctx.platform)) launchers[p] = launcherFact(p);
  return {
    platform: ctx.platform,
    ...paths,
    aws: cli.ok ? { found: true, path: cli.path, version: cli.version, skippedNote: skippedNote(cli.skipped ?? []) } : { found: false, message: cli.error.message, hint: cli.error.hint },
    profiles,
    modes: Object.fromEntries([paths.configFile, paths.credentialsFile, paths.loginCacheDir, ...cacheFiles(paths.loginCacheDir)].map((p) => [p, modeOf(p)])),
    launchers,
    settingsProblem: store.settingsProblem(),
    keptVersions: await listKeptVersions(await realConfigPath(paths.configFile)),
    compat: compatFindings(paths),
    settings: settingsFacts(store.home),
    brokenCaches: brokenCaches(profiles, paths.loginCacheDir),
    danglingConfigLink: danglingLink(paths.configFile),
    awsCliPathProblem: await awsCliPathProblem(store.loadSettings().awsCliPath, ctx),
  };
}

/** Fields of settings.json with bad values (the app uses defaults for them) and unknown names. */
function settingsFacts(home: string): { file: string; issues: string[] } {
  const file = join(home, 'settings.json');
  let json: unknown = null;
  try {
    json = JSON.parse(readFileSync(file, 'utf8')) as unknown;
  } catch {
    // Missing or not JSON: the latter is settingsProblem's finding.
  }
  return { file, issues: settingsIssues(json) };
}

/** The cache files of the profiles' sessions that cannot be used (what status shows as Error), secret-free. */
function brokenCaches(profiles: AwsProfile[], cacheDir: string): { profile: string; file: string; reason: string }[] {
  const out: { profile: string; file: string; reason: string }[] = [];
  const seen = new Set<string>();
  for (const p of profiles) {
    const session = p.properties.login_session;
    if (!session || seen.has(session)) continue;
    seen.add(session);
    // The helper's own reader: what doctor calls broken is what the helper refuses.
    let read;
    try {
      read = readSigninCache(nodeFilePort, cacheDir, session);
    } catch (err) {
      // (EACCES, EPERM: the helper stops with exit 2 on those.)
      out.push({ profile: p.name, file: join(cacheDir, loginCacheFileName(session)), reason: `cannot be read: ${(err as NodeJS.ErrnoException).code ?? 'error'}` });
      continue;
    }
    if (read.kind === 'invalid') out.push({ profile: p.name, file: read.file, reason: read.reason });
  }
  return out;
}

/** The config path is a symlink to nothing. */
function danglingLink(file: string): { target: string } | null {
  try {
    if (!lstatSync(file).isSymbolicLink() || existsSync(file)) return null;
    return { target: readlinkSync(file) };
  } catch {
    return null;
  }
}

/** awsCliPath, when set, must answer --version as an AWS CLI. */
async function awsCliPathProblem(path: string | null, ctx: CliContext): Promise<{ path: string; message: string } | null> {
  if (!path) return null;
  const problem = await checkAwsCliProgram(path, ctx.env);
  return problem ? { path, message: problem.message } : null;
}

/** What the Python clients refuse or read differently in the two files (doctor already reported a file the SDKs reject). */
function compatFindings(paths: { configFile: string; credentialsFile: string }): CompatFinding[] {
  const out: CompatFinding[] = [];
  for (const [file, kind] of [[paths.configFile, 'config'], [paths.credentialsFile, 'credentials']] as const) {
    try {
      const text = nodeFilePort.readText(file);
      if (text !== null) out.push(...pythonCompatFindings(parseIni(text, file, kind)));
    } catch {
      // Unreadable or rejected: reported by the other checks.
    }
  }
  return out;
}

/** The file a symlinked config finally names: kept versions sit beside it. */
async function realConfigPath(file: string): Promise<string> {
  return realpath(file).catch(() => file);
}

const MARK: Record<Finding['level'], string> = { ok: 'ok     ', info: 'info   ', warning: 'warning', error: 'ERROR  ' };

/** One finding per block: level, message, and the fix indented under it. */
export function renderFindings(findings: readonly Finding[]): string {
  return findings.map((f) => `${MARK[f.level]}  ${f.message}\n${f.fix ? `         fix: ${f.fix}\n` : ''}`).join('');
}

/** `doctor`: checks the setup and says what to do about each problem. */
export const doctorCommand: Command = {
  name: 'doctor',
  summary: 'Check the AWS CLI, profiles, regions, permissions and the auto-login helper',
  usage: [
    'Usage: aws-login-tray doctor [--json]',
    '',
    'Checks: the AWS CLI version (aws login needs 2.32+); login and sign-in profiles without a region;',
    'profiles still on the shell credential_process recipe; a login_session left on a credential_process',
    'profile; long-term access keys; credentials and login cache readable by others; auto-login helper',
    'paths that no longer exist; another program\'s version of the config kept aside when it wrote the file',
    'during an edit of ours. Prints what to do for each.',
    '',
    'Options:',
    '  --json      Print the findings as JSON',
    '  -h, --help  Show this help',
    '',
    'Exit status: 0 nothing needs action, 1 something does, 2 a file cannot be read or parsed.',
    '',
  ].join('\n'),
  async run(args, ctx) {
    const { options } = parseArgs(args, { json: { type: 'boolean' } });
    const findings = runDoctorChecks(await gatherFacts(ctx));
    ctx.stdout(options.json ? `${JSON.stringify({ findings })}\n` : renderFindings(findings));
    return needsAction(findings) ? EXIT_FAILED : EXIT_OK;
  },
};
