import { accessSync, constants, realpathSync, statSync } from 'node:fs';
import type { Env, Platform } from '../../core/ports';
import { awsCliBatchFileError, awsCliNotFoundError, awsCliTooOldError } from '../../core/login-errors';
import type { UserError } from '../../shared/errors';
import type { AppStore } from '../app-store';
import { awsCliSearchList, locateAwsCli } from './locate';
import { formatVersion, MIN_LOGIN_VERSION, readAwsCliVersion, supportsLogin, type AwsCliVersion } from './version';

const VERSION_STATE = 'aws-cli-version';

/** What ensureAwsCli needs. */
export interface EnsureAwsCliDeps {
  env: Env;
  platform: Platform;
  homeDir: string;
  store: AppStore;
  /** The awsCliPath setting. */
  awsCliPath: string | null;
}

/** An `aws` looked at and passed over because it has no `aws login` (an AWS CLI v1, a v2 before 2.32). */
export interface SkippedAwsCli { path: string; version: AwsCliVersion | null }

/** A usable `aws`, or why there is none. `skipped`: older ones found first on PATH / in the install folders. */
export type AwsCliCheck = { ok: true; path: string; version: AwsCliVersion | null; skipped?: SkippedAwsCli[] } | { ok: false; error: UserError };

function isExecutable(path: string, platform: Platform): boolean {
  try {
    if (!statSync(path).isFile()) return false;
    if (platform !== 'win32') accessSync(path, constants.X_OK);
    return true;
  } catch {
    return false;
  }
}

interface CachedVersion { ctimeMs: number; size: number; version: AwsCliVersion }

/**
 * `aws --version`, remembered in a state file: the Python CLI takes most of a second to start, and
 * every login would otherwise pay for it twice. Keyed by the real path (symlinks such as
 * /usr/local/bin/aws move on upgrade) + ctime (an installer can keep the mtime) + size. Only a
 * version with `aws login` is remembered: a "too old" answer is asked again every time, so an
 * upgrade the key cannot see never leaves logins refused.
 */
export async function cachedAwsCliVersion(path: string, store: AppStore, env?: Env): Promise<AwsCliVersion | null> {
  const real = realpathSync(path);
  const st = statSync(real);
  const all = (store.readJson(VERSION_STATE) ?? {}) as Record<string, CachedVersion | undefined>;
  const hit = all[real];
  if (hit && hit.ctimeMs === st.ctimeMs && hit.size === st.size && hit.version && supportsLogin(hit.version)) return hit.version;
  const version = await readAwsCliVersion(path, env);
  if (version && supportsLogin(version)) {
    await store.updateJson(VERSION_STATE, (current) => ({ ...((current ?? {}) as object), [real]: { ctimeMs: st.ctimeMs, size: st.size, version } }));
  }
  return version;
}

/** "AWS CLI 1.45.0 at /x/aws" */
function describe(c: SkippedAwsCli): string {
  return c.version ? `AWS CLI ${formatVersion(c.version)} at ${c.path}` : `the AWS CLI at ${c.path}`;
}

/** Why an older `aws` found first was not used, for messages and doctor. */
export function skippedNote(skipped: readonly SkippedAwsCli[]): string | null {
  if (skipped.length === 0) return null;
  return `Passed over ${skipped.map(describe).join(', ')}: no aws login there (it needs ${formatVersion(MIN_LOGIN_VERSION)} or newer).`;
}

/**
 * Finds `aws` and checks it has `aws login` (2.32.0+); the errors say what to install or fix. Found on
 * PATH or in the install folders, an AWS CLI v1 (pip, pyenv) or a v2 before 2.32 that comes first does not
 * hide a newer v2 further on: each is asked for its version until one has `aws login`. An explicit
 * setting or AWS_LOGIN_TRAY_AWS_CLI is never second-guessed.
 */
export async function ensureAwsCli(deps: EnsureAwsCliDeps, needsLogin = true): Promise<AwsCliCheck> {
  const locateDeps = { env: deps.env, platform: deps.platform, homedir: deps.homeDir, exists: (p: string) => isExecutable(p, deps.platform) };
  const found = locateAwsCli(deps.awsCliPath, locateDeps);
  if (!found) return { ok: false, error: awsCliNotFoundError(awsCliSearchList(deps.awsCliPath, locateDeps)) };
  if (deps.platform === 'win32' && /\.(cmd|bat)$/i.test(found.path)) return { ok: false, error: awsCliBatchFileError(found.path) };
  const version = await cachedAwsCliVersion(found.path, deps.store, deps.env);
  // An unreadable version is not proof of age: let `aws login` itself say (classifyAwsOutcome reads "Invalid choice").
  if (!version || supportsLogin(version)) return { ok: true, path: found.path, version };
  const skipped: SkippedAwsCli[] = [{ path: found.path, version }];
  if (found.source === 'path' || found.source === 'known-folder') {
    const seen = new Set([realOrSelf(found.path)]);
    for (const c of awsCliSearchList(deps.awsCliPath, locateDeps)) {
      if (!locateDeps.exists(c.path) || (deps.platform === 'win32' && /\.(cmd|bat)$/i.test(c.path))) continue;
      const real = realOrSelf(c.path);
      if (seen.has(real)) continue;
      seen.add(real);
      const v = await cachedAwsCliVersion(c.path, deps.store, deps.env).catch(() => null);
      if (v && supportsLogin(v)) return { ok: true, path: c.path, version: v, skipped };
      skipped.push({ path: c.path, version: v });
    }
  }
  if (!needsLogin) return { ok: true, path: found.path, version, skipped: skipped.slice(1) };
  const error = awsCliTooOldError(version, found.path);
  const others = skipped.slice(1);
  return { ok: false, error: others.length ? { ...error, message: `${error.message} Also found, also without aws login: ${others.map(describe).join(', ')}.` } : error };
}

function realOrSelf(path: string): string {
  try {
    return realpathSync(path);
  } catch {
    return path;
  }
}
