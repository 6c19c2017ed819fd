import { randomBytes } from 'node:crypto';
import { promises as fsp } from 'node:fs';
import type { FileHandle } from 'node:fs/promises';
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
 * Applies `edit` to an AWS config/credentials file without losing someone else's change (exactly
 * what is guaranteed: see editOnce): reads, edits, writes a temp file (fsync) and renames it over
 * the target only if the file still holds what was read (otherwise re-reads and re-applies). Follows a symlink to its target,
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

/** The whole content of an open file, read from offset 0 (the handle keeps naming that file after a rename). */
async function readHandle(handle: FileHandle): Promise<Buffer> {
  const chunks: Buffer[] = [];
  for (let pos = 0; ; ) {
    const buf = Buffer.alloc(64 * 1024);
    const { bytesRead } = await handle.read(buf, 0, buf.length, pos);
    if (bytesRead === 0) return Buffer.concat(chunks);
    chunks.push(buf.subarray(0, bytesRead));
    pos += bytesRead;
  }
}

/** Reads until two reads 20 ms apart agree (a writer that truncates and then writes may be mid-write). */
async function readSettled(handle: FileHandle): Promise<Buffer> {
  let last = await readHandle(handle);
  for (let i = 0; i < 25; i++) {
    await new Promise((r) => setTimeout(r, 20));
    const again = await readHandle(handle);
    if (again.equals(last)) return again;
    last = again;
  }
  return last;
}

async function openOrNull(file: string): Promise<FileHandle | null> {
  try {
    return await fsp.open(file, 'r');
  } catch (err) {
    if (isNotFound(err)) return null;
    throw err;
  }
}

/** True when `file` still names the open file and it still holds `bytes` (or, with no handle, is still missing). */
async function unchanged(file: string, handle: FileHandle | null, bytes: Buffer | null): Promise<boolean> {
  if (handle === null) return (await readOrNull(file)) === null;
  const [atPath, open] = await Promise.all([fsp.stat(file).catch(() => null), handle.stat()]);
  return atPath !== null && atPath.ino === open.ino && atPath.dev === open.dev && same(bytes, await readHandle(handle));
}

/**
 * One edit of the resolved target, re-applied when the file changes underneath.
 *
 * What is guaranteed (no lock binds other programs, so this narrows the race rather than closing it):
 * the rename happens only if the path still names the file we read, with the same bytes (else we
 * re-read and re-apply). We keep that file open across the rename, so a program that writes it in
 * place (truncate + write, as the AWS CLI does) in the instant between that check and the rename is
 * seen afterwards: its bytes (once two reads 20 ms apart agree) get our edit applied on top and go
 * through the same checked rename. Not covered: a program that replaces the file by its own rename
 * in that instant, one that opened the file before our rename and writes after our re-read, and a
 * program that read the file before our edit and writes after it (that overwrites our change).
 */
async function editOnce(file: string, target: string, edit: (text: string) => string, opts: EditConfigOptions): Promise<EditConfigResult> {
  const keep = opts.backups ?? 5;
  const now = opts.now ?? Date.now;
  const tries = opts.tries ?? 5;
  let lost: Buffer | null = null; // another writer's bytes our last rename put aside: edit those next
  let wrote: Buffer | null = null; // what that rename put in place
  let firstBackup: string | null = null;
  const giveUp = async (why: string): Promise<never> => {
    const saved = await writeBackup(target, lost!, now());
    throw new Error(`${file} ${why} while it was being edited; another program's version of it was saved at ${saved}. Compare the two and copy over any change ${file} lacks.`);
  };
  for (let attempt = 1; attempt <= tries; attempt++) {
    const handle = await openOrNull(target);
    try {
      const before = handle ? await readHandle(handle) : null;
      if (lost !== null && !same(before, wrote)) await giveUp('was changed by more than one program');
      const base = lost ?? before;
      const text = base === null ? '' : base.toString('utf8');
      const next = edit(text);
      const current = before === null ? null : before.toString('utf8');
      if (lost === null && ((next === text && before !== null) || (before === null && next === ''))) return { changed: false, backupPath: null };
      if (lost !== null && next === current) return { changed: true, backupPath: firstBackup };

      const mode = handle ? (await handle.stat()).mode & 0o777 : 0o600;
      if (before === null) await fsp.mkdir(path.dirname(target), { recursive: true, mode: 0o700 });
      const tmp = await writeTemp(target, next, mode);
      // A recovery pass backs up the other writer's version (the one it lost), not ours.
      const backupContent = lost ?? before;
      const backupPath = backupContent !== null && keep > 0 ? await writeBackup(target, backupContent, now()) : null;
      let renamed = false;
      try {
        // Check right before the rename: if someone else wrote the file, start again from their text.
        if (await unchanged(target, handle, before)) {
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
      firstBackup ??= backupPath;
      await syncDir(path.dirname(target));
      if (backupPath) await pruneBackups(target, keep);
      // Did someone write into the file we just replaced? Their change is only there now.
      const after = handle ? await readHandle(handle) : null;
      if (handle && !same(after, before)) {
        lost = await readSettled(handle);
        wrote = Buffer.from(next, 'utf8');
        continue;
      }
      return { changed: true, backupPath: firstBackup };
    } finally {
      await handle?.close();
    }
  }
  if (lost !== null) await giveUp(`kept changing (${tries} tries)`);
  throw new Error(`${file} kept changing while it was being edited (${tries} tries), so nothing was written. Close whatever is writing to it and try again.`);
}
