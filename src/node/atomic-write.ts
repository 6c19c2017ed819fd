import { randomBytes } from 'node:crypto';
import { closeSync, fchmodSync, fsyncSync, mkdirSync, openSync, renameSync, unlinkSync, writeSync } from 'node:fs';
import { promises as fsp } from 'node:fs';
import { dirname } from 'node:path';

export interface AtomicWriteOptions {
  /** Permission bits of the new file; private (0600) unless said otherwise. */
  mode?: number;
}

/** A temp name beside the target (same folder, so the rename stays on one file system). */
function tempName(path: string): string {
  return `${path}.tmp-${process.pid}-${randomBytes(4).toString('hex')}`;
}

/**
 * Replaces a file in one step so readers never see half a file: the data goes to a new temp file
 * (exclusive create, exact mode, flushed to disk), which is then renamed over the target. Creates
 * the parent folders (0700). Private by default: our files may name accounts and sessions. The one
 * atomic write of the app (the AWS config has its own writer, which must also keep the file's mode,
 * back it up and notice other writers: config-file-writer.ts).
 */
export function writeFileAtomicSync(path: string, data: string | Uint8Array, opts: AtomicWriteOptions = {}): void {
  const mode = opts.mode ?? 0o600;
  mkdirSync(dirname(path), { recursive: true, mode: 0o700 });
  const tmp = tempName(path);
  try {
    const fd = openSync(tmp, 'wx', mode);
    try {
      writeSync(fd, typeof data === 'string' ? Buffer.from(data, 'utf8') : data);
      if (process.platform !== 'win32') fchmodSync(fd, mode); // the umask must not widen or narrow it
      fsyncSync(fd);
    } finally {
      closeSync(fd);
    }
    renameSync(tmp, path);
  } catch (err) {
    try {
      unlinkSync(tmp);
    } catch {
      // never created, or already renamed
    }
    throw err;
  }
}

/** The asynchronous twin, for the tray and the preview (never blocks their event loop on the disk). */
export async function writeFileAtomic(path: string, data: string | Uint8Array, opts: AtomicWriteOptions = {}): Promise<void> {
  const mode = opts.mode ?? 0o600;
  await fsp.mkdir(dirname(path), { recursive: true, mode: 0o700 });
  const tmp = tempName(path);
  try {
    const handle = await fsp.open(tmp, 'wx', mode);
    try {
      await handle.writeFile(typeof data === 'string' ? Buffer.from(data, 'utf8') : data);
      if (process.platform !== 'win32') await handle.chmod(mode);
      await handle.sync();
    } finally {
      await handle.close();
    }
    await fsp.rename(tmp, path);
  } catch (err) {
    await fsp.unlink(tmp).catch(() => undefined);
    throw err;
  }
}
