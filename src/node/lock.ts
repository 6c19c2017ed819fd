import { randomBytes } from 'node:crypto';
import { closeSync, constants, fstatSync, linkSync, mkdirSync, openSync, readSync, statSync, unlinkSync, utimesSync, writeFileSync, type Stats } from 'node:fs';
import { hostname } from 'node:os';
import { join } from 'node:path';
import { performance } from 'node:perf_hooks';

// One lock for every cross-process critical section (logins, refreshes, app state files). It waits
// only on timers (never blocking the thread: the Electron main process takes these locks too) and
// can be aborted: an owner token in the file, dead-pid takeover, stale takeover that two waiters
// cannot both win, and a wait that always ends within waitMs.

/** How to take a lock. */
export interface LockWaitOptions {
  /**
   * A lock nobody refreshed for this long counts as abandoned (default 30 s; an async holder
   * refreshes it every third of that). Judged both by its mtime and by how long this waiter has
   * seen it unchanged, so a future mtime (clock stepped back) is stale after staleMs too.
   */
  staleMs?: number;
  /** Give up waiting after this long (monotonic clock). Required: no wait is unbounded. */
  waitMs: number;
  /**
   * A lock stamped more than staleMs ahead of our clock (the clock stepped back) is stale at once.
   * For locks held for milliseconds (the app store's), whose waits are shorter than staleMs, so
   * watching such a lock could never free it. Default false: longer waits watch it instead, and a
   * live holder re-stamps its lock within staleMs/3.
   */
  aheadIsStale?: boolean;
  /** Ends the wait. */
  signal?: AbortSignal;
}

/** How to take a named lock in a folder of lock files. */
export interface LockOptions extends LockWaitOptions {
  /** Folder holding the lock files (the app home's locks/). */
  dir: string;
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
  /** Removes the lock file if it is still ours (never someone else's that took it over). */
  release(): void;
}

/** Raised when waitMs passes before the lock frees up. */
export class LockTimeoutError extends Error {
  constructor(readonly lockPath: string, readonly owner: LockOwner | null) {
    super(`Timed out waiting for ${lockPath}${owner ? ` (held by process ${owner.pid} on ${owner.hostname})` : ''}.`);
    this.name = 'LockTimeoutError';
  }
}

/** Raised at once when the lock path is not a regular file (a folder, FIFO, symlink, device): waiting cannot fix it. */
export class LockPathError extends Error {
  constructor(readonly lockPath: string, what: string) {
    super(`${lockPath} is ${what}, not a lock file. No aws-login-tray process makes that: remove it, then try again.`);
    this.name = 'LockPathError';
  }
}

/** A name safe as a file name on every OS ("login-my:profile" -> "login-my%3aprofile"). */
export function lockFileName(name: string): string {
  return `${name.replace(/[^A-Za-z0-9._-]/g, (c) => `%${c.charCodeAt(0).toString(16).padStart(2, '0')}`)}.lock`;
}

const DEFAULT_STALE_MS = 30_000;
/** A break guard is held for microseconds; one this old (or this far in the future) was left by a crash. */
const GUARD_STALE_MS = 5_000;
const MAX_LOCK_BYTES = 4096;
// Never follow a symlink, never block opening a FIFO (Windows has neither flag).
const SAFE_READ_FLAGS = constants.O_RDONLY | (constants.O_NOFOLLOW ?? 0) | (constants.O_NONBLOCK ?? 0);

function describeKind(s: Stats): string {
  if (s.isDirectory()) return 'a folder';
  if (s.isFIFO()) return 'a FIFO (named pipe)';
  if (s.isSymbolicLink()) return 'a symbolic link';
  if (s.isSocket()) return 'a socket';
  if (s.isCharacterDevice() || s.isBlockDevice()) return 'a device';
  return 'not a regular file';
}

/** What is at the lock path now: null when nothing; its identity (changes on every refresh) and owner. */
interface Seen {
  id: string;
  mtimeMs: number;
  owner: LockOwner | null;
}

function parseOwner(text: string): LockOwner | null {
  try {
    const o = JSON.parse(text) as Partial<LockOwner> | number;
    // Older app-store locks hold just a pid (and no host): no dead-pid takeover, age only.
    if (typeof o !== 'object' || o === null) return null;
    if (!Number.isInteger(o.pid) || (o.pid as number) <= 0 || typeof o.hostname !== 'string' || typeof o.token !== 'string') return null;
    return { pid: o.pid as number, hostname: o.hostname, createdAt: typeof o.createdAt === 'number' ? o.createdAt : 0, token: o.token };
  } catch {
    return null;
  }
}

/**
 * Reads the lock file without ever blocking or following a link: a folder, FIFO, symlink or device
 * there is a LockPathError at once (a plain read of a FIFO would wait for a writer forever).
 */
function inspect(path: string): Seen | null {
  let fd: number;
  try {
    fd = openSync(path, SAFE_READ_FLAGS);
  } catch (err) {
    const code = (err as NodeJS.ErrnoException).code;
    if (code === 'ENOENT') return null;
    if (code === 'ELOOP' || code === 'EISDIR' || code === 'ENXIO' || code === 'EOPNOTSUPP') {
      let what = code === 'ELOOP' ? 'a symbolic link' : 'not a regular file';
      try { what = describeKind(statSync(path, { throwIfNoEntry: false }) ?? statSync(path)); } catch { /* keep the guess */ }
      throw new LockPathError(path, code === 'ELOOP' ? 'a symbolic link' : what);
    }
    throw fileError(path, err, 'cannot be read');
  }
  try {
    const st = fstatSync(fd);
    if (!st.isFile()) throw new LockPathError(path, describeKind(st));
    const buf = Buffer.alloc(MAX_LOCK_BYTES);
    let n = 0;
    try {
      n = readSync(fd, buf, 0, buf.length, 0);
    } catch {
      n = 0; // unreadable content: an owner we cannot name, judged by age
    }
    const text = buf.subarray(0, n).toString('utf8');
    return { id: `${st.ino}:${st.size}:${st.mtimeMs}:${text}`, mtimeMs: st.mtimeMs, owner: parseOwner(text) };
  } finally {
    closeSync(fd);
  }
}

/** An fs error as one line that names the file, keeping its code (callers classify by it). */
function fileError(path: string, err: unknown, what: string): Error {
  const code = (err as NodeJS.ErrnoException | null)?.code;
  const why = code === 'EACCES' || code === 'EPERM' ? 'permission denied; check the folder is yours and writable' : (code ?? String(err));
  return Object.assign(new Error(`${path}: ${what} (${why}).`), { code, path, syscall: (err as NodeJS.ErrnoException | null)?.syscall });
}

/** True while process `pid` exists (EPERM: it exists but is someone else's). The one pid check of the app. */
export function pidAlive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch (e) {
    return (e as NodeJS.ErrnoException).code === 'EPERM';
  }
}

/** One attempt: link a fully written temp file into place (atomic; fails if anything is there). */
function tryCreate(path: string, owner: LockOwner): boolean {
  const temp = `${path}.${owner.token}.tmp`;
  // 0600: who holds which login lock is nobody else's business on a shared machine. 'wx': never through a planted link.
  try {
    writeFileSync(temp, JSON.stringify(owner), { mode: 0o600, flag: 'wx' });
  } catch (err) {
    throw fileError(temp, err, 'cannot be written');
  }
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

/**
 * Removes the lock judged abandoned, only if it is still that very lock, under a short guard file
 * so two waiters that both judged it stale cannot both remove it (the second would delete the
 * first one's fresh lock and both would get in).
 */
function breakStale(path: string, judged: Seen): void {
  const guard = `${path}.break`;
  try {
    closeSync(openSync(guard, 'wx', 0o600));
  } catch (err) {
    if ((err as NodeJS.ErrnoException).code !== 'EEXIST') throw err;
    const g = inspect(guard); // a folder or FIFO here is a LockPathError too
    if (g && Math.abs(Date.now() - g.mtimeMs) > GUARD_STALE_MS) { try { unlinkSync(guard); } catch { /* someone else did */ } }
    return; // someone else is breaking it: look again next round
  }
  try {
    const now = inspect(path);
    if (now && now.id === judged.id) unlinkSync(path);
  } catch (err) {
    if ((err as NodeJS.ErrnoException).code !== 'ENOENT') throw err;
  } finally {
    try { unlinkSync(guard); } catch { /* gone */ }
  }
}

/** The state of one acquisition: the owner we write, and how long we have seen each version of the lock. */
class Attempt {
  readonly owner: LockOwner;
  readonly staleMs: number;
  readonly deadline: number;
  waited = false;
  lastSeen: Seen | null = null;
  private firstSeenAt = new Map<string, number>();

  private readonly aheadIsStale: boolean;

  constructor(readonly path: string, options: LockWaitOptions) {
    this.aheadIsStale = options.aheadIsStale === true;
    if (!Number.isFinite(options.waitMs) || options.waitMs < 0) throw new Error(`Lock wait for ${path} must be a finite time (got ${options.waitMs}).`);
    this.staleMs = options.staleMs ?? DEFAULT_STALE_MS;
    this.deadline = performance.now() + options.waitMs;
    this.owner = { pid: process.pid, hostname: hostname(), createdAt: Date.now(), token: randomBytes(8).toString('hex') };
  }

  /** True when the holder is gone: a dead process on this host, an mtime older than staleMs, or no change seen for staleMs. */
  private abandoned(seen: Seen): boolean {
    const o = seen.owner;
    if (o && o.hostname === hostname() && o.pid !== process.pid && !pidAlive(o.pid)) return true;
    if (Date.now() - seen.mtimeMs > this.staleMs) return true;
    if (this.aheadIsStale && seen.mtimeMs - Date.now() > this.staleMs) return true;
    const now = performance.now();
    const first = this.firstSeenAt.get(seen.id);
    if (first === undefined) {
      this.firstSeenAt.set(seen.id, now);
      return false;
    }
    return now - first > this.staleMs;
  }

  /** One round: 'taken', or 'retry' at once (a stale lock was removed or vanished), or 'wait'. Throws on a bad path or the deadline. */
  step(): 'taken' | 'retry' | 'wait' {
    this.owner.createdAt = Date.now();
    if (tryCreate(this.path, this.owner)) return 'taken';
    const seen = inspect(this.path);
    this.lastSeen = seen;
    if (seen === null) return 'retry';
    if (this.abandoned(seen)) {
      breakStale(this.path, seen);
      return 'retry';
    }
    this.waited = true;
    if (performance.now() >= this.deadline) throw new LockTimeoutError(this.path, seen.owner);
    return 'wait';
  }

  /** How long to sleep before the next round: backoff with jitter, never past the deadline. */
  pause(round: number): number {
    const base = Math.min(20 * 1.5 ** round, 250);
    return Math.max(1, Math.min(base + Math.random() * base, this.deadline - performance.now()));
  }

  handle(refreshEveryMs: number): LockHandle {
    const { path, owner } = this;
    const refresh = setInterval(() => {
      try { const now = new Date(); utimesSync(path, now, now); } catch { /* released or taken over */ }
    }, refreshEveryMs);
    refresh.unref();
    let released = false;
    return {
      path,
      waited: this.waited,
      release() {
        if (released) return;
        released = true;
        clearInterval(refresh);
        try {
          if (inspect(path)?.owner?.token === owner.token) unlinkSync(path);
        } catch {
          // Gone, or replaced by something that is not ours: nothing of ours to remove.
        }
      },
    };
  }
}

/** A retry that removed a stale lock or found it gone does not sleep; this bounds such rounds in a row. */
const MAX_RETRIES_IN_A_ROW = 100;

const sleep = (ms: number, signal?: AbortSignal) => new Promise<void>((resolve, reject) => {
  if (signal?.aborted) return reject(signal.reason ?? new Error('aborted'));
  const timer = setTimeout(() => { signal?.removeEventListener('abort', onAbort); resolve(); }, ms);
  const onAbort = () => { clearTimeout(timer); reject(signal?.reason ?? new Error('aborted')); };
  signal?.addEventListener('abort', onAbort, { once: true });
});

/** Takes the lock at `path`, waiting (with backoff, at most waitMs) while another live process holds it. */
export async function acquireLockAt(path: string, options: LockWaitOptions): Promise<LockHandle> {
  const a = new Attempt(path, options);
  for (let round = 0, retries = 0; ; round++) {
    if (options.signal?.aborted) throw options.signal.reason ?? new Error('aborted');
    const r = a.step();
    if (r === 'taken') break;
    if (r === 'retry' && ++retries < MAX_RETRIES_IN_A_ROW) continue;
    retries = 0;
    if (performance.now() >= a.deadline) throw new LockTimeoutError(path, a.lastSeen?.owner ?? null);
    await sleep(a.pause(round), options.signal);
  }
  return a.handle(Math.max(50, Math.floor(a.staleMs / 3)));
}

function lockPathIn(name: string, dir: string): string {
  try {
    mkdirSync(dir, { recursive: true, mode: 0o700 });
  } catch (err) {
    throw fileError(dir, err, 'cannot create the locks folder');
  }
  return join(dir, lockFileName(name));
}

/** Takes the named lock in options.dir, waiting (with backoff, at most waitMs) while another live process holds it. */
export function acquireLock(name: string, options: LockOptions): Promise<LockHandle> {
  return acquireLockAt(lockPathIn(name, options.dir), options);
}

/** Runs fn while holding the named lock across processes (tray, CLI, credential helper). */
export async function withLock<T>(name: string, fn: (lock: LockHandle) => Promise<T>, options: LockOptions): Promise<T> {
  return await withLockAt(lockPathIn(name, options.dir), fn, options);
}

/** Runs fn while holding the lock file at `path` (the app store's `<state file>.lock`). */
export async function withLockAt<T>(path: string, fn: (lock: LockHandle) => T | Promise<T>, options: LockWaitOptions): Promise<T> {
  const lock = await acquireLockAt(path, options);
  try {
    return await fn(lock);
  } finally {
    lock.release();
  }
}
