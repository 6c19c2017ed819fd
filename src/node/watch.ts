import { EventEmitter } from 'node:events';
import { readdirSync, statSync, watch, type FSWatcher } from 'node:fs';
import { basename, dirname } from 'node:path';
import type { AwsPaths } from '../core/config/locations';

/** A file or folder whose changes matter. */
export interface WatchTarget {
  path: string;
  /** 'file': only that name in its folder counts; 'dir': anything inside the folder counts. */
  kind: 'file' | 'dir';
}

export interface WatchOptions {
  /** Quiet time before one 'changed' is emitted for a burst of events (default 150 ms). */
  debounceMs?: number;
  /** Poll interval where fs.watch is unavailable (default 1000 ms). */
  pollMs?: number;
  /** Skip fs.watch and poll (network drives; also lets tests cover the fallback). */
  forcePolling?: boolean;
}

/** Emits 'changed' (no arguments) after the watched files change; call close() when done. */
export interface ChangeWatcher extends EventEmitter {
  close(): void;
  /** How many fs watchers and timers it holds right now (0 after close): for diagnostics and tests. */
  resources(): number;
}

function inode(path: string): number | null {
  try {
    return statSync(path).ino;
  } catch {
    return null;
  }
}

/** The folder to watch for a target: the folder itself (dir) or its parent (file), else the nearest existing ancestor. */
function folderFor(t: WatchTarget): string {
  let dir = t.kind === 'dir' ? t.path : dirname(t.path);
  while (inode(dir) === null && dirname(dir) !== dir) dir = dirname(dir);
  return dir;
}

/** What polling compares: size, mtime and inode of each file, plus the listing of each folder. */
function fingerprint(targets: WatchTarget[]): string {
  const parts: string[] = [];
  const stamp = (p: string) => {
    try {
      const s = statSync(p);
      return `${s.ino}:${s.size}:${s.mtimeMs}`;
    } catch {
      return '-';
    }
  };
  for (const t of targets) {
    parts.push(`${t.path}=${stamp(t.path)}`);
    if (t.kind !== 'dir') continue;
    try {
      for (const name of readdirSync(t.path).sort()) parts.push(`${name}=${stamp(`${t.path}/${name}`)}`);
    } catch {
      // Not there (yet).
    }
  }
  return parts.join('\n');
}

class Watcher extends EventEmitter implements ChangeWatcher {
  private readonly watchers = new Map<string, { watcher: FSWatcher; ino: number | null }>();
  /** Which targets each watched folder stands for (as of the last arm()). */
  private armedFor = new Map<string, WatchTarget[]>();
  private debounce: NodeJS.Timeout | null = null;
  private poll: NodeJS.Timeout | null = null;
  private closed = false;
  private lastPrint = '';

  constructor(private readonly targets: WatchTarget[], private readonly options: WatchOptions) {
    super();
    if (options.forcePolling) this.startPolling();
    else this.arm();
  }

  /** Watches the folder each target needs now, re-arming when a folder appeared or was replaced. */
  private arm(): void {
    this.armedFor = new Map();
    for (const t of this.targets) {
      const dir = folderFor(t);
      this.armedFor.set(dir, [...(this.armedFor.get(dir) ?? []), t]);
    }
    const wanted = new Set(this.armedFor.keys());
    for (const [dir, w] of this.watchers) {
      if (!wanted.has(dir) || inode(dir) !== w.ino) {
        w.watcher.close();
        this.watchers.delete(dir);
      }
    }
    for (const dir of wanted) {
      if (this.watchers.has(dir)) continue;
      try {
        const watcher = watch(dir, { persistent: false }, (_event, name) => this.onEvent(dir, name === null ? null : String(name)));
        watcher.on('error', () => this.fallBack());
        this.watchers.set(dir, { watcher, ino: inode(dir) });
      } catch {
        this.fallBack();
        return;
      }
    }
  }

  private onEvent(dir: string, name: string | null): void {
    const relevant = (this.armedFor.get(dir) ?? []).some((t) => {
      const exact = t.kind === 'dir' ? t.path : dirname(t.path);
      // In the target's own folder a file target only cares about its own name; in an ancestor, anything may be the missing folder appearing.
      return exact !== dir || t.kind === 'dir' || name === null || name === basename(t.path);
    });
    if (relevant) this.schedule();
  }

  private schedule(): void {
    if (this.closed) return;
    if (this.debounce) clearTimeout(this.debounce);
    this.debounce = setTimeout(() => {
      this.debounce = null;
      if (this.closed) return;
      if (!this.poll) this.arm();
      this.emit('changed');
    }, this.options.debounceMs ?? 150);
  }

  /** fs.watch failed here (inotify limits, network drives): compare fingerprints instead. */
  private fallBack(): void {
    for (const w of this.watchers.values()) w.watcher.close();
    this.watchers.clear();
    if (!this.poll && !this.closed) this.startPolling();
  }

  private startPolling(): void {
    this.lastPrint = fingerprint(this.targets);
    this.poll = setInterval(() => {
      const print = fingerprint(this.targets);
      if (print !== this.lastPrint) {
        this.lastPrint = print;
        this.schedule();
      }
    }, this.options.pollMs ?? 1000);
    this.poll.unref();
  }

  resources(): number {
    return this.watchers.size + (this.poll ? 1 : 0) + (this.debounce ? 1 : 0);
  }

  close(): void {
    this.closed = true;
    if (this.debounce) clearTimeout(this.debounce);
    if (this.poll) clearInterval(this.poll);
    for (const w of this.watchers.values()) w.watcher.close();
    this.watchers.clear();
    this.removeAllListeners();
  }
}

/** Watches files and folders that may not exist yet, surviving editors that replace files. */
export function watchTargets(targets: WatchTarget[], options: WatchOptions = {}): ChangeWatcher {
  return new Watcher(targets, options);
}

/** Watches the AWS config and credentials files and the login cache folder (where `aws login` and SDK refreshes write). */
export function watchAwsFiles(paths: AwsPaths, options: WatchOptions = {}): ChangeWatcher {
  return watchTargets([
    { path: paths.configFile, kind: 'file' },
    { path: paths.credentialsFile, kind: 'file' },
    { path: paths.loginCacheDir, kind: 'dir' },
  ], options);
}
