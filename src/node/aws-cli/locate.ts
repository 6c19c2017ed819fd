import { posix, win32 } from 'node:path';
import type { Env, Platform } from '../../core/ports';

/** Where the `aws` executable was found, and why that one. */
export interface AwsCliLocation {
  path: string;
  source: 'setting' | 'env' | 'path' | 'known-folder';
}

/** What locating needs from the machine; injected so tests can fake any OS. */
export interface LocateDeps {
  env: Env;
  platform: Platform;
  homedir: string;
  /** True when an executable file exists at the path. */
  exists(path: string): boolean;
}

function envValue(env: Env, name: string, platform: Platform): string | undefined {
  if (platform !== 'win32') return env[name];
  const key = Object.keys(env).find((k) => k.toUpperCase() === name.toUpperCase());
  return key === undefined ? undefined : env[key];
}

/** Folders the AWS CLI installers use that a GUI app's PATH (launchd, Explorer) usually lacks. */
export function knownAwsCliPaths(deps: Pick<LocateDeps, 'env' | 'platform' | 'homedir'>): string[] {
  const { env, platform, homedir } = deps;
  if (platform === 'win32') {
    const roots = [
      envValue(env, 'ProgramFiles', platform) ?? 'C:\\Program Files',
      envValue(env, 'ProgramFiles(x86)', platform),
      envValue(env, 'ProgramW6432', platform),
    ].filter((r): r is string => Boolean(r));
    const local = envValue(env, 'LOCALAPPDATA', platform);
    const paths = roots.map((r) => win32.join(r, 'Amazon', 'AWSCLIV2', 'aws.exe'));
    if (local) paths.push(win32.join(local, 'Programs', 'Amazon', 'AWSCLIV2', 'aws.exe'));
    return [...new Set(paths)];
  }
  const local = posix.join(homedir, '.local', 'bin', 'aws');
  if (platform === 'darwin') return ['/usr/local/bin/aws', '/opt/homebrew/bin/aws', local, '/usr/local/aws-cli/aws', '/usr/bin/aws'];
  return ['/usr/local/bin/aws', local, '/usr/bin/aws', '/snap/bin/aws', '/home/linuxbrew/.linuxbrew/bin/aws'];
}

/** Every place looked at, in order (used in the "not found" message). */
export function awsCliSearchList(settingPath: string | null, deps: LocateDeps): AwsCliLocation[] {
  const { env, platform } = deps;
  if (settingPath) return [{ path: settingPath, source: 'setting' }];
  const fromEnv = envValue(env, 'AWS_LOGIN_TRAY_AWS_CLI', platform);
  if (fromEnv) return [{ path: fromEnv, source: 'env' }];
  const p = platform === 'win32' ? win32 : posix;
  const dirs = (envValue(env, 'PATH', platform) ?? '').split(p.delimiter).filter(Boolean);
  // Not aws.cmd: without a shell Node cannot start .cmd/.bat files (EINVAL since the CVE-2024-27980
  // fix), and we never use a shell. The AWS CLI v2 installer puts aws.exe on PATH.
  const names = platform === 'win32' ? ['aws.exe'] : ['aws'];
  const list: AwsCliLocation[] = [];
  for (const dir of dirs) for (const name of names) list.push({ path: p.join(dir, name), source: 'path' });
  for (const path of knownAwsCliPaths(deps)) list.push({ path, source: 'known-folder' });
  return list;
}

/**
 * Which `aws` to run: the awsCliPath setting, else AWS_LOGIN_TRAY_AWS_CLI, else PATH, else the
 * install folders. An explicit setting or env var is never second-guessed: null when it is missing.
 */
export function locateAwsCli(settingPath: string | null, deps: LocateDeps): AwsCliLocation | null {
  return awsCliSearchList(settingPath, deps).find((c) => deps.exists(c.path)) ?? null;
}
