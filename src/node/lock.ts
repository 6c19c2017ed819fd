import { randomBytes } from 'node:crypto';
import { linkSync, mkdirSync, readFileSync, statSync, unlinkSync, utimesSync, writeFileSync } from 'node:fs';
import { hostname } from 'node:os';
import { join } from 'node:path';

/** How to take a lock. */
export interface LockOptions {
  /** Folder holding the lock files (the app home's locks/). */
  dir: string;
  /** A lock not refreshed for this long counts as abandoned (default 30 s; the holder refreshes it every third of that). */
  staleMs?: number;
  /** Give up waiting after this long (default: wait as long as it takes). */
  waitMs?: number;
  signal?: AbortSignal;
}

/** Who holds a lock: written into the lock file. */
export interface LockOwner {
  pid: number;
  hostname: string;
  createdAt: number;
  token: string;
}

/** A held lock. */
export interface LockHandle {
  path: string;
  /** True when another process held it when we asked (we waited for it). */
  waited: boolean;
  release(): void;
}

/** Raised when waitMs passes before the lock frees up. */
export class LockTimeoutError extends Error {
  constructor(readonly lockPath: string, readonly owner: LockOwner | null) {
    super(`Timed out waiting for ${lockPath}${owner ? ` (held by process ${owner.pid} on ${owner.hostname})` : ''}.`);
    this.name = 'LockTimeoutError';
  }
}

/** A name safe as a file name on every OS ("login-my:profile" -> "login-my%3aprofile"). */
export function lockFileName(name: string): string {
  return `${name.replace(/[^A-Za-z0-9._-]/g, (c) => `%${c.charCodeAt(0).toString(16).padStart(2, '0')}`)}.lock`;
}

function readOwner(path: string): LockOwner | null {
  try {
    return JSON.parse(readFileSync(path, 'utf8')) as LockOwner;
  } catch {
    return null;
  }
}

function pidAlive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch (e) {
    return (e as NodeJS.ErrnoException).code === 'EPERM';
  }
}

/** True when the holder is gone: a dead process on this host, or no refresh for staleMs. */
function isAbandoned(path: string, owner: LockOwner | null, staleMs: number): boolean {
  if (owner && owner.hostname === hostname() && owner.pid !== process.pid && !pidAlive(owner.pid)) return true;
  try {
    return Date.now() - statSync(path).mtimeMs > staleMs;
  } catch {
    return false; // gone already: the next attempt will take it
  }
}

/** One attempt: link a fully written temp file into place (atomic; fails if the lock exists). */
function tryCreate(path: string, owner: LockOwner): boolean {
  const temp = `${path}.${owner.token}.tmp`;
  // 0600 / 0700: who holds which login lock is nobody else's business on a shared machine.
  writeFileSync(temp, JSON.stringify(owner), { mode: 0o600 });
  try {
    linkSync(temp, path);
    return true;
  } catch (e) {
    if ((e as NodeJS.ErrnoException).code === 'EEXIST') return false;
    throw e;
  } finally {
    try { unlinkSync(temp); } catch { /* already gone */ }
  }
}

const sleep = (ms: number, signal?: AbortSignal) => new Promise<void>((resolve, reject) => {
  if (signal?.aborted) return reject(signal.reason ?? new Error('aborted'));
  const timer = setTimeout(() => { signal?.removeEventListener('abort', onAbort); resolve(); }, ms);
  const onAbort = () => { clearTimeout(timer); reject(signal?.reason ?? new Error('aborted')); };
  signal?.addEventListener('abort', onAbort, { once: true });
});

/** Takes the named lock, waiting (with backoff) while another live process holds it. */
export async function acquireLock(name: string, options: LockOptions): Promise<LockHandle> {
  const staleMs = options.staleMs ?? 30_000;
  const path = join(options.dir, lockFileName(name));
  mkdirSync(options.dir, { recursive: true, mode: 0o700 });
  const owner: LockOwner = { pid: process.pid, hostname: hostname(), createdAt: Date.now(), token: randomBytes(8).toString('hex') };
  const deadline = options.waitMs === undefined ? Infinity : Date.now() + options.waitMs;
  let waited = false;
  let delay = 20;
  for (;;) {
    if (options.signal?.aborted) throw options.signal.reason ?? new Error('aborted');
    owner.createdAt = Date.now();
    if (tryCreate(path, owner)) break;
    const current = readOwner(path);
    if (isAbandoned(path, current, staleMs)) {
      // Remove it only if it is still the same abandoned lock (a taker may have replaced it).
      const again = readOwner(path);
      if (again?.token === current?.token) { try { unlinkSync(path); } catch { /* someone else did */ } }
      continue;
    }
    waited = true;
    if (Date.now() >= deadline) throw new LockTimeoutError(path, current);
    await sleep(Math.min(delay + Math.random() * delay, Math.max(0, deadline - Date.now())), options.signal);
    delay = Math.min(delay * 1.5, 250);
  }
  const refresh = setInterval(() => {
    try { const now = new Date(); utimesSync(path, now, now); } catch { /* released or taken over */ }
  }, Math.max(50, Math.floor(staleMs / 3)));
  refresh.unref();
  let released = false;
  return {
    path,
    waited,
    release() {
      if (released) return;
      released = true;
      clearInterval(refresh);
      if (readOwner(path)?.token === owner.token) { try { unlinkSync(path); } catch { /* gone */ } }
    },
  };
}

/** Runs fn while holding the named lock across processes (tray, CLI, credential helper). */
export async function withLock<T>(name: string, fn: (lock: LockHandle) => Promise<T>, options: LockOptions): Promise<T> {
  const lock = await acquireLock(name, options);
  try {
    return await fn(lock);
  } finally {
    lock.release();
  }
}
