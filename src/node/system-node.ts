import { execFile } from 'node:child_process';
import { closeSync, openSync, readSync, realpathSync } from 'node:fs';
import { homedir } from 'node:os';
import { basename, isAbsolute, join, relative } from 'node:path';
import { MIN_NODE_MAJOR, nodeMajor } from '../core/appimage-runtime';
import type { Env } from '../core/ports';
import { isExecutableFile } from './file-facts';

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

/** Runs `path args…` (never through a shell), bounded; its stdout, or null when it failed. */
function answerOf(path: string, args: string[], env: Record<string, string>, timeoutMs: number, cwd?: string): Promise<string | null> {
  return new Promise((resolve) => {
    const child = execFile(path, args, { env, encoding: 'utf8', timeout: timeoutMs, killSignal: 'SIGKILL', cwd }, (err, stdout) => resolve(err ? null : stdout));
    child.stdin?.end();
  });
}

/**
 * A version manager's stand-in rather than Node itself: a script (asdf, mise, nodenv shims), a link
 * to another program (Volta's volta-shim), or fnm's per-shell folder, which is gone after a logout.
 * Those pick a Node by the caller's folder or shell, so the launcher should name the Node they pick.
 */
function isShim(path: string): boolean {
  if (path.includes('/fnm_multishells/')) return true;
  try {
    if (basename(realpathSync(path)) !== 'node') return true;
    const fd = openSync(path, 'r');
    try {
      const head = Buffer.alloc(2);
      return readSync(fd, head, 0, 2, 0) === 2 && head.toString('latin1') === '#!';
    } finally {
      closeSync(fd);
    }
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
    if (!isExecutableFile(path, 'linux')) continue;
    // Asynchronous: this runs in the Electron main process, which must never wait on a child.
    const out = await answerOf(path, ['--version'], env, o.timeoutMs ?? 5000);
    if (out === null) continue;
    const major = nodeMajor(out);
    if (major === null || major < min) continue;
    if (isShim(path)) {
      // The Node the shim picks outside any project (from the home folder): the user's default one.
      const real = await answerOf(path, ['-e', 'process.stdout.write(process.execPath)'], env, o.timeoutMs ?? 5000, homedir());
      if (real !== null && isAbsolute(real) && isExecutableFile(real, 'linux')) return { path: real, version: out.trim() };
    }
    return { path, version: out.trim() };
  }
  return null;
}
