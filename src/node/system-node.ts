import { execFile } from 'node:child_process';
import { statSync } from 'node:fs';
import { isAbsolute, join, relative } from 'node:path';
import { MIN_NODE_MAJOR, nodeMajor } from '../core/appimage-runtime';
import type { Env } from '../core/ports';

/** A Node.js found on PATH that is new enough to run the helper. */
export interface SystemNode {
  /** Absolute, as found on PATH (not resolved through symlinks, so a package upgrade keeps it valid). */
  path: string;
  version: string;
}

export interface FindSystemNodeOptions {
  env: Env;
  /** Folders not to look in or take libraries from: the AppImage's own mount ($APPDIR). */
  excludeDir?: string;
  minMajor?: number;
  timeoutMs?: number;
}

const inside = (dir: string, path: string): boolean => {
  const r = relative(dir, path);
  return r === '' || (!r.startsWith('..') && !isAbsolute(r));
};

/**
 * `env` as a credential_process call will see it: without what AppRun added for the app
 * (its mount's folders on PATH and LD_LIBRARY_PATH) and without ELECTRON_RUN_AS_NODE.
 */
export function outsideEnv(env: Env, excludeDir?: string): Record<string, string> {
  const out: Record<string, string> = {};
  for (const [k, v] of Object.entries(env)) if (v !== undefined && k !== 'ELECTRON_RUN_AS_NODE') out[k] = v;
  if (excludeDir) {
    for (const name of ['PATH', 'LD_LIBRARY_PATH']) {
      if (out[name] === undefined) continue;
      const kept = out[name].split(':').filter((d) => d !== '' && !(isAbsolute(d) && inside(excludeDir, d)));
      if (kept.length > 0) out[name] = kept.join(':');
      else delete out[name];
    }
  }
  return out;
}

function isExecutableFile(path: string): boolean {
  try {
    const s = statSync(path);
    return s.isFile() && (s.mode & 0o111) !== 0;
  } catch {
    return false;
  }
}

/**
 * The first `node` on PATH (absolute folders only, never inside `excludeDir`) whose `--version`
 * answers v20 or newer within the timeout, or null; an older or broken one is passed over.
 */
export async function findSystemNode(o: FindSystemNodeOptions): Promise<SystemNode | null> {
  const env = outsideEnv(o.env, o.excludeDir);
  const min = o.minMajor ?? MIN_NODE_MAJOR;
  for (const dir of (env.PATH ?? '').split(':')) {
    if (!isAbsolute(dir)) continue;
    const path = join(dir, 'node');
    if (!isExecutableFile(path)) continue;
    // Asynchronous: this runs in the Electron main process, which must never wait on a child.
    const out = await new Promise<string | null>((resolve) => {
      const child = execFile(path, ['--version'], { env, encoding: 'utf8', timeout: o.timeoutMs ?? 5000, killSignal: 'SIGKILL' }, (err, stdout) => resolve(err ? null : stdout));
      child.stdin?.end();
    });
    if (out === null) continue;
    const major = nodeMajor(out);
    if (major !== null && major >= min) return { path, version: out.trim() };
  }
  return null;
}
