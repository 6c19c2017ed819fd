import { randomBytes } from 'node:crypto';
import { promises as fsp } from 'node:fs';
import path from 'node:path';
import { pruneBackups, writeBackup } from './config-backups';

export interface EditConfigOptions {
  /** How many timestamped backups to keep beside the file (0 = none). Default 5. */
  backups?: number;
  /** Clock for the backup's timestamp. */
  now?: () => number;
  /** How many times to re-read and re-apply when someone else changes the file meanwhile. Default 5. */
  tries?: number;
}

export interface EditConfigResult {
  changed: boolean;
  backupPath: string | null;
}

const isNotFound = (err: unknown): boolean => (err as NodeJS.ErrnoException | null)?.code === 'ENOENT';

/** The file a (possibly symlinked, possibly dangling) path finally names; the link itself is never replaced. */
async function resolveTarget(file: string, depth = 0): Promise<string> {
  try {
    return await fsp.realpath(file);
  } catch (err) {
    if (!isNotFound(err)) throw err;
  }
  const abs = path.resolve(file);
  const link = await fsp.lstat(abs).catch(() => null);
  if (!link?.isSymbolicLink() || depth > 40) return abs;
  return resolveTarget(path.resolve(path.dirname(abs), await fsp.readlink(abs)), depth + 1);
}

/** The file's bytes, or null when it does not exist. */
async function readOrNull(file: string): Promise<Buffer | null> {
  try {
    return await fsp.readFile(file);
  } catch (err) {
    if (isNotFound(err)) return null;
    throw err;
  }
}

const same = (a: Buffer | null, b: Buffer | null): boolean => (a === null || b === null ? a === b : a.equals(b));

/** Writes a temp file beside the target (same folder, so rename is atomic) with the mode, and fsyncs it. */
async function writeTemp(target: string, text: string, mode: number): Promise<string> {
  const tmp = `${target}.aws-login-tray-tmp-${process.pid}-${randomBytes(4).toString('hex')}`;
  const handle = await fsp.open(tmp, 'wx', mode);
  try {
    await handle.writeFile(text, 'utf8');
    await handle.chmod(mode);
    await handle.sync();
  } finally {
    await handle.close();
  }
  return tmp;
}

/** Makes the rename itself durable (best effort: not every OS can fsync a folder). */
async function syncDir(dir: string): Promise<void> {
  const handle = await fsp.open(dir, 'r').catch(() => null);
  if (!handle) return;
  await handle.sync().catch(() => undefined);
  await handle.close();
}

/**
 * Applies `edit` to an AWS config/credentials file without ever losing someone else's change:
 * reads, edits, writes a temp file (fsync) and renames it over the target, but only if the file
 * still holds what was read (otherwise re-reads and re-applies). Follows a symlink to its target,
 * keeps the mode (0600 for a new file), and keeps timestamped backups beside the target.
 */
export async function editConfigFile(file: string, edit: (text: string) => string, opts: EditConfigOptions = {}): Promise<EditConfigResult> {
  const target = await resolveTarget(file);
  // Edits from this process go one at a time per file; other processes are caught by the compare.
  const previous = queues.get(target) ?? Promise.resolve();
  const run = previous.then(() => editOnce(file, target, edit, opts));
  const tail = run.then(
    () => undefined,
    () => undefined,
  );
  queues.set(target, tail);
  void tail.then(() => {
    if (queues.get(target) === tail) queues.delete(target);
  });
  return run;
}

const queues = new Map<string, Promise<void>>();

/** One edit of the resolved target, re-applied when the file changes underneath. */
async function editOnce(file: string, target: string, edit: (text: string) => string, opts: EditConfigOptions): Promise<EditConfigResult> {
  const keep = opts.backups ?? 5;
  const now = opts.now ?? Date.now;
  const tries = opts.tries ?? 5;
  for (let attempt = 1; attempt <= tries; attempt++) {
    const before = await readOrNull(target);
    const text = before === null ? '' : before.toString('utf8');
    const next = edit(text);
    if (next === text && before !== null) return { changed: false, backupPath: null };
    if (before === null && next === '') return { changed: false, backupPath: null };

    const mode = before === null ? 0o600 : (await fsp.stat(target)).mode & 0o777;
    if (before === null) await fsp.mkdir(path.dirname(target), { recursive: true, mode: 0o700 });
    const tmp = await writeTemp(target, next, mode);
    const backupPath = before !== null && keep > 0 ? await writeBackup(target, before, now()) : null;
    let renamed = false;
    try {
      // Compare right before the rename: if someone else wrote the file, start again from their text.
      if (same(before, await readOrNull(target))) {
        await fsp.rename(tmp, target);
        renamed = true;
      }
    } finally {
      if (!renamed) {
        await fsp.rm(tmp, { force: true });
        if (backupPath) await fsp.rm(backupPath, { force: true });
      }
    }
    if (!renamed) continue;
    await syncDir(path.dirname(target));
    if (backupPath) await pruneBackups(target, keep);
    return { changed: true, backupPath };
  }
  throw new Error(`${file} kept changing while it was being edited (${tries} tries), so nothing was written. Close whatever is writing to it and try again.`);
}
