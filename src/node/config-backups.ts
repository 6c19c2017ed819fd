import { promises as fsp } from 'node:fs';
import path from 'node:path';
import { TEMP_MARK, writeTemp } from './config-file-io';
import { faultPoint } from './fault-points';
import { pidAlive as alive } from './lock';

const MARK = '.aws-login-tray-backup-';
/** Another program's version of the file that an edit could not keep in it: never rotated, doctor reports it. */
const KEPT_MARK = '.aws-login-tray-kept-';
const STAMP = /^\d{8}T\d{6}Z(-\d+)?$/;
/** A temp file of a process that may still be running is left alone for this long. */
const TEMP_MAX_AGE_MS = 10 * 60_000;

/** 2026-11-25T14:30:00.123Z -> 20261125T143000Z (sorts by time as text). */
function stamp(ms: number): string {
  return new Date(ms).toISOString().replace(/\.\d+Z$/, 'Z').replace(/[-:]/g, '');
}

/** Puts the complete temp file at `name` unless that exists (EEXIST); a hard link, so a kill never leaves a partial file there. */
async function placeNew(tmp: string, name: string): Promise<void> {
  try {
    await fsp.link(tmp, name);
  } catch (err) {
    const code = (err as NodeJS.ErrnoException).code;
    if (code === 'EEXIST' || !['EPERM', 'ENOTSUP', 'EOPNOTSUPP', 'ENOSYS', 'EMLINK'].includes(code ?? '')) throw err;
    // A filesystem without hard links (FAT, some network shares): check, then rename.
    if (await fsp.lstat(name).then(() => true, () => false)) throw Object.assign(new Error(`${name} exists`), { code: 'EEXIST' });
    await fsp.rename(tmp, name);
  }
}

async function writeStamped(target: string, mark: string, content: Buffer, now: number): Promise<string> {
  const base = `${target}${mark}${stamp(now)}`;
  const tmp = await writeTemp(target, content, 0o600);
  faultPoint('backup: temp written');
  try {
    for (let n = 0; ; n++) {
      const name = n === 0 ? base : `${base}-${n}`;
      try {
        await placeNew(tmp, name);
        faultPoint('backup: in place');
        return name;
      } catch (err) {
        if ((err as NodeJS.ErrnoException).code !== 'EEXIST' || n >= 100) throw err;
      }
    }
  } finally {
    await fsp.rm(tmp, { force: true });
  }
}

/** Writes `content` to `<target>.aws-login-tray-backup-<UTC time>` (0600, complete or absent, never overwriting one that exists). */
export function writeBackup(target: string, content: Buffer, now: number): Promise<string> {
  return writeStamped(target, MARK, content, now);
}

/**
 * Keeps another program's version of `target` that an edit could not keep in the file, as
 * `<target>.aws-login-tray-kept-<UTC time>`: outside the rotation, so it stays until the user deletes it.
 */
export function writeKeptVersion(target: string, content: Buffer, now: number): Promise<string> {
  return writeStamped(target, KEPT_MARK, content, now);
}

async function stamped(target: string, mark: string): Promise<string[]> {
  const dir = path.dirname(target);
  const prefix = `${path.basename(target)}${mark}`;
  const names = (await fsp.readdir(dir).catch(() => [] as string[])).filter((n) => n.startsWith(prefix) && STAMP.test(n.slice(prefix.length)));
  // Same-second files carry -1, -2...: order by stamp, then by that number.
  const key = (n: string): [string, number] => {
    const [s, i] = n.slice(prefix.length).split('-');
    return [s!, i === undefined ? 0 : Number(i)];
  };
  names.sort((a, b) => {
    const [sa, ia] = key(a);
    const [sb, ib] = key(b);
    return sa < sb ? -1 : sa > sb ? 1 : ia - ib;
  });
  return names.map((n) => path.join(dir, n));
}

/** Backups of `target` in the rotation, oldest first. */
export function listBackups(target: string): Promise<string[]> {
  return stamped(target, MARK);
}

/** Other programs' versions of `target` kept apart from the rotation (writeKeptVersion), oldest first. */
export function listKeptVersions(target: string): Promise<string[]> {
  return stamped(target, KEPT_MARK);
}

/** Deletes all but the newest `keep` backups of `target` (kept versions are never touched). */
export async function pruneBackups(target: string, keep: number): Promise<void> {
  const all = await listBackups(target);
  for (const old of all.slice(0, Math.max(0, all.length - keep))) {
    faultPoint('prune: delete one');
    await fsp.rm(old, { force: true });
  }
}

/**
 * Removes what a killed edit of `target` left beside it: our temp files whose process is gone (or
 * that are older than 10 minutes) and empty backups (written by versions that could leave one
 * half-made; they would count toward the ones kept). Returns the paths removed.
 */
export async function removeLeftovers(target: string, nowMs: number = Date.now()): Promise<string[]> {
  const dir = path.dirname(target);
  const base = path.basename(target);
  const removed: string[] = [];
  for (const name of await fsp.readdir(dir).catch(() => [] as string[])) {
    const file = path.join(dir, name);
    let gone = false;
    if (name.startsWith(`${base}${TEMP_MARK}`)) {
      const pid = Number(/^(\d+)-[0-9a-f]+$/.exec(name.slice(base.length + TEMP_MARK.length))?.[1] ?? NaN);
      const st = await fsp.lstat(file).catch(() => null);
      gone = st !== null && st.isFile() && (!Number.isInteger(pid) || pid === 0 || (pid !== process.pid && !alive(pid)) || nowMs - st.mtimeMs > TEMP_MAX_AGE_MS);
    } else if (name.startsWith(`${base}${MARK}`) && STAMP.test(name.slice(base.length + MARK.length))) {
      const st = await fsp.lstat(file).catch(() => null);
      gone = st !== null && st.isFile() && st.size === 0;
    }
    if (gone) {
      await fsp.rm(file, { force: true });
      removed.push(file);
    }
  }
  return removed;
}
