import { accessSync, constants, realpathSync, statSync } from 'node:fs';
import type { Env, Platform } from '../../core/ports';
import { awsCliBatchFileError, awsCliNotFoundError, awsCliTooOldError } from '../../core/login-errors';
import type { UserError } from '../../shared/errors';
import type { AppStore } from '../app-store';
import { awsCliSearchList, locateAwsCli } from './locate';
import { readAwsCliVersion, supportsLogin, type AwsCliVersion } from './version';

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

/** A usable `aws`, or why there is none. */
export type AwsCliCheck = { ok: true; path: string; version: AwsCliVersion | null } | { ok: false; error: UserError };

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
    store.updateJson(VERSION_STATE, (current) => ({ ...((current ?? {}) as object), [real]: { ctimeMs: st.ctimeMs, size: st.size, version } }));
  }
  return version;
}

/** Finds `aws` and checks it has `aws login` (2.32.0+); the errors say what to install or fix. */
export async function ensureAwsCli(deps: EnsureAwsCliDeps, needsLogin = true): Promise<AwsCliCheck> {
  const locateDeps = { env: deps.env, platform: deps.platform, homedir: deps.homeDir, exists: (p: string) => isExecutable(p, deps.platform) };
  const found = locateAwsCli(deps.awsCliPath, locateDeps);
  if (!found) return { ok: false, error: awsCliNotFoundError(awsCliSearchList(deps.awsCliPath, locateDeps)) };
  if (deps.platform === 'win32' && /\.(cmd|bat)$/i.test(found.path)) return { ok: false, error: awsCliBatchFileError(found.path) };
  const version = await cachedAwsCliVersion(found.path, deps.store, deps.env);
  // An unreadable version is not proof of age: let `aws login` itself say (classifyAwsOutcome reads "Invalid choice").
  if (needsLogin && version && !supportsLogin(version)) return { ok: false, error: awsCliTooOldError(version, found.path) };
  return { ok: true, path: found.path, version };
}
