import { promises as fsp } from 'node:fs';
import path from 'node:path';

const MARK = '.aws-login-tray-backup-';

/** 2026-11-25T14:30:00.123Z -> 20261125T143000Z (sorts by time as text). */
function stamp(ms: number): string {
  return new Date(ms).toISOString().replace(/\.\d+Z$/, 'Z').replace(/[-:]/g, '');
}

/** Writes `content` to `<target>.aws-login-tray-backup-<UTC time>` (0600, never overwriting one that exists). */
export async function writeBackup(target: string, content: Buffer, now: number): Promise<string> {
  const base = `${target}${MARK}${stamp(now)}`;
  let backupPath = base;
  for (let n = 1; ; n++) {
    try {
      await fsp.writeFile(backupPath, content, { mode: 0o600, flag: 'wx' });
      break;
    } catch (err) {
      if ((err as NodeJS.ErrnoException).code !== 'EEXIST' || n > 100) throw err;
      backupPath = `${base}-${n}`;
    }
  }
  await fsp.chmod(backupPath, 0o600);
  return backupPath;
}

/** Backups of `target`, oldest first. */
export async function listBackups(target: string): Promise<string[]> {
  const dir = path.dirname(target);
  const prefix = `${path.basename(target)}${MARK}`;
  const names = (await fsp.readdir(dir)).filter((n) => n.startsWith(prefix) && /^\d{8}T\d{6}Z(-\d+)?$/.test(n.slice(prefix.length)));
  // Same-second backups carry -1, -2...: order by stamp, then by that number.
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

/** Deletes all but the newest `keep` backups of `target`. */
export async function pruneBackups(target: string, keep: number): Promise<void> {
  const all = await listBackups(target);
  for (const old of all.slice(0, Math.max(0, all.length - keep))) await fsp.rm(old, { force: true });
}
