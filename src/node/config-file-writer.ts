import { promises as fsp } from 'node:fs';
import type { FileHandle } from 'node:fs/promises';
import path from 'node:path';
import { pruneBackups, removeLeftovers, writeBackup, writeKeptVersion } from './config-backups';
import {
  isBusyCode,
  openOrNull,
  readHandle,
  readOrNull,
  readSettled,
  renameRetryingBusy,
  resolveTarget,
  same,
  syncDir,
  writeTemp,
  type RenameFn,
} from './config-file-io';
import { faultPoint } from './fault-points';

/** True when the file, once settled, differs from `before`; checked twice, 150 ms apart. */
async function changedSinceAt(target: string, before: Buffer | null): Promise<boolean> {
  if (!same(await readSettled(() => readOrNull(target)), before)) return true;
  await new Promise((r) => setTimeout(r, 150));
  return !same(await readSettled(() => readOrNull(target)), before);
}

export interface EditConfigOptions {
  /** How many timestamped backups to keep beside the file (0 = none). Default 5. */
  backups?: number;
  /** Clock for the backup's timestamp. */
  now?: () => number;
  /** How many times to re-read and re-apply when someone else changes the file meanwhile. Default 5. */
  tries?: number;
  /** Which OS rules to follow (Windows can't rename over an open file). Default process.platform. */
  platform?: NodeJS.Platform;
  /** The rename (tests inject failures). Default fs.promises.rename. */
  rename?: RenameFn;
  /**
   * Called before each replace with the text the edit was applied to and the text about to be put in
   * place (for a journal written before the file); if it throws, nothing is replaced.
   */
  beforeReplace?: (step: { base: string; next: string }) => void | Promise<void>;
  /** Called right after each replace (the file now holds that `next`). */
  afterReplace?: () => void;
}

/** The edit gave up after another program changed the file; `applied` says whether the file now holds our edit. */
export class ConfigEditConflict extends Error {
  constructor(
    message: string,
    /** The file holds exactly what our last replace put there (our edit, on top of what we read). */
    readonly applied: boolean,
    /** Where another program's version that the file lost was kept (never rotated away), or null. */
    readonly keptAt: string | null,
    /** Some replace of ours happened before the give-up (false: the file never held our edit). */
    readonly wrote: boolean,
  ) {
    super(message);
  }
}

export interface EditConfigResult {
  changed: boolean;
  backupPath: string | null;
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
  const run = previous.then(async () => {
    // What a killed edit left behind (temp files, empty backups) goes first, so it never counts as a backup.
    await removeLeftovers(target);
    return editOnce(file, target, edit, opts);
  });
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

/** True when `file` still names the open file and it still holds `bytes` (or, with no handle, is still missing). */
async function unchanged(file: string, handle: FileHandle | null, bytes: Buffer | null): Promise<boolean> {
  if (handle === null) return (await readOrNull(file)) === null;
  const [atPath, open] = await Promise.all([fsp.stat(file).catch(() => null), handle.stat()]);
  return atPath !== null && atPath.ino === open.ino && atPath.dev === open.dev && same(bytes, await readHandle(handle));
}

/** The rename, with busy retries on Windows and a message that says what to do when it still fails. */
async function replace(file: string, tmp: string, target: string, rename: RenameFn, windows: boolean): Promise<void> {
  if (!windows) return rename(tmp, target);
  try {
    await renameRetryingBusy(rename, tmp, target);
  } catch (err) {
    const code = (err as NodeJS.ErrnoException | null)?.code;
    if (!isBusyCode(code)) throw err;
    throw new Error(`${file} could not be replaced (${code}): another program keeps it open. Close editors or sync tools that have it open and try again; the file was not changed.`);
  }
}

/**
 * One edit of the resolved target, re-applied when the file changes underneath.
 *
 * What is guaranteed (no lock binds other programs, so this narrows the race rather than closing it):
 * the rename happens only if the path still names the file we read, with the same bytes (else we
 * re-read and re-apply). Elsewhere than Windows we keep that file open across the rename, so a program that writes it in
 * place (truncate + write, as the AWS CLI does) in the instant between that check and the rename is
 * seen afterwards: its bytes (once two reads 20 ms apart agree) get our edit applied on top and go
 * through the same checked rename. Windows refuses to rename over a file that is open, even by us
 * (EPERM, nodejs/node#29481), so there we close it before the check and instead re-read the path after
 * the rename: a change written there after our rename gets our edit applied on top; a change written
 * in place in the instant between check and rename is not seen. Not covered anywhere: a program that replaces the file by its own rename
 * in that instant, one that opened the file before our rename and writes after our re-read, and a
 * program that read the file before our edit and writes after it (that overwrites our change).
 */
async function editOnce(file: string, target: string, edit: (text: string) => string, opts: EditConfigOptions): Promise<EditConfigResult> {
  const keep = opts.backups ?? 5;
  const now = opts.now ?? Date.now;
  const tries = opts.tries ?? 5;
  const windows = (opts.platform ?? process.platform) === 'win32';
  const rename: RenameFn = opts.rename ?? ((from, to) => fsp.rename(from, to));
  let lost: Buffer | null = null; // another writer's bytes our last rename put aside: edit those next
  let wrote: Buffer | null = null; // what our last rename put in place
  let firstBackup: string | null = null;
  let replacedOnce = false; // Windows: a rename of ours happened, then someone wrote over it
  /** Why we stop, and exactly what the file holds now (our edit or not). */
  const giveUp = async (why: string): Promise<never> => {
    const applied = wrote !== null && same(await readOrNull(target), wrote);
    const holds = applied ? 'It now holds this edit' : wrote === null ? 'Nothing was written; it holds the other program\'s version' : 'It now holds another program\'s version';
    if (lost === null) throw new ConfigEditConflict(`${file} ${why} while it was being edited. ${holds}. Close whatever is writing to it and try again.`, applied, null, wrote !== null);
    const saved = await writeKeptVersion(target, lost, now());
    throw new ConfigEditConflict(
      `${file} ${why} while it was being edited. ${holds}; another program's version that it lost was saved at ${saved} (kept until you delete it). Compare the two and copy over any change ${file} lacks.`,
      applied, saved, wrote !== null,
    );
  };
  for (let attempt = 1; attempt <= tries; attempt++) {
    faultPoint('edit: read');
    let handle = await openOrNull(target);
    try {
      const before = handle ? await readHandle(handle) : null;
      if (lost !== null && !same(before, wrote)) await giveUp('was changed by more than one program');
      const base = lost ?? before;
      const text = base === null ? '' : base.toString('utf8');
      let next: string;
      try {
        next = edit(text);
      } catch (err) {
        // A refusal or parse error may come from a read in the middle of another program's in-place
        // write (truncate, then write): if the file is different once it settles, try again on that.
        // A writer descheduled mid-write (a loaded machine) can make two quick reads agree on a
        // half-written file, so look once more a little later before believing the refusal.
        if (lost === null && attempt < tries && (await changedSinceAt(target, before))) continue;
        throw err;
      }
      const current = before === null ? null : before.toString('utf8');
      if (lost === null && ((next === text && before !== null) || (before === null && next === ''))) return { changed: replacedOnce, backupPath: firstBackup };
      if (lost !== null && next === current) return { changed: true, backupPath: firstBackup };

      const mode = handle ? (await handle.stat()).mode & 0o777 : 0o600;
      if (windows && handle) {
        await handle.close();
        handle = null;
      }
      if (before === null) await fsp.mkdir(path.dirname(target), { recursive: true, mode: 0o700 });
      const tmp = await writeTemp(target, next, mode);
      // A recovery pass backs up the other writer's version (the one it lost), not ours.
      const backupContent = lost ?? before;
      let backupPath: string | null = null;
      let renamed = false;
      try {
        backupPath = backupContent !== null && keep > 0 ? await writeBackup(target, backupContent, now()) : null;
        await opts.beforeReplace?.({ base: text, next });
        faultPoint('edit: check');
        // Check right before the rename: if someone else wrote the file, start again from their text.
        const still = windows ? same(before, await readOrNull(target)) : await unchanged(target, handle, before);
        if (still) {
          faultPoint('edit: rename');
          await replace(file, tmp, target, rename, windows);
          renamed = true;
          faultPoint('edit: renamed');
          opts.afterReplace?.();
        }
      } finally {
        if (!renamed) {
          await fsp.rm(tmp, { force: true });
          if (backupPath) await fsp.rm(backupPath, { force: true });
        }
      }
      if (!renamed) continue;
      const written = Buffer.from(next, 'utf8');
      wrote = written;
      firstBackup ??= backupPath;
      await syncDir(path.dirname(target));
      faultPoint('edit: dir synced');
      if (backupPath) await pruneBackups(target, keep);
      if (windows) {
        // Did someone write the path after our rename? Edit their version next (it is at the path now).
        if (same(await readOrNull(target), written)) return { changed: true, backupPath: firstBackup };
        await readSettled(() => readOrNull(target));
        replacedOnce = true;
        continue;
      }
      // Did someone write into the file we just replaced? Their change is only there now.
      const after = handle ? await readHandle(handle) : null;
      if (handle && !same(after, before)) {
        const open = handle;
        lost = await readSettled(() => readHandle(open));
        continue;
      }
      return { changed: true, backupPath: firstBackup };
    } finally {
      await handle?.close();
    }
  }
  if (lost !== null || wrote !== null) await giveUp(`kept changing (${tries} tries)`);
  throw new ConfigEditConflict(`${file} kept changing while it was being edited (${tries} tries), so nothing was written. Close whatever is writing to it and try again.`, false, null, false);
}
