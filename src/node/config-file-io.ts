import { randomBytes } from 'node:crypto';
import { promises as fsp } from 'node:fs';
import type { FileHandle } from 'node:fs/promises';
import path from 'node:path';
import { faultPoint } from './fault-points';

/** How a config edit renames its temp file over the target (injectable so tests can fail it). */
export type RenameFn = (from: string, to: string) => Promise<void>;

export const isNotFound = (err: unknown): boolean => (err as NodeJS.ErrnoException | null)?.code === 'ENOENT';

/** The file a (possibly symlinked, possibly dangling) path finally names; the link itself is never replaced. */
export async function resolveTarget(file: string, depth = 0): Promise<string> {
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
export async function readOrNull(file: string): Promise<Buffer | null> {
  try {
    return await fsp.readFile(file);
  } catch (err) {
    if (isNotFound(err)) return null;
    throw err;
  }
}

/** Byte equality where null means "no file". */
export const same = (a: Buffer | null, b: Buffer | null): boolean => (a === null || b === null ? a === b : a.equals(b));

/** What every temp file of ours beside a target carries after the target's name (then `<pid>-<hex>`). */
export const TEMP_MARK = '.aws-login-tray-tmp-';

/** Writes a temp file beside the target (same folder, so rename is atomic) with the mode, and fsyncs it. */
export async function writeTemp(target: string, content: string | Buffer, mode: number): Promise<string> {
  const tmp = `${target}${TEMP_MARK}${process.pid}-${randomBytes(4).toString('hex')}`;
  faultPoint('temp: create');
  const handle = await fsp.open(tmp, 'wx', mode);
  try {
    faultPoint('temp: write');
    await handle.writeFile(content);
    await handle.chmod(mode);
    faultPoint('temp: fsync');
    await handle.sync();
  } finally {
    await handle.close();
  }
  faultPoint('temp: closed');
  return tmp;
}

/** Makes the rename itself durable (best effort: not every OS can fsync a folder). */
export async function syncDir(dir: string): Promise<void> {
  const handle = await fsp.open(dir, 'r').catch(() => null);
  if (!handle) return;
  await handle.sync().catch(() => undefined);
  await handle.close();
}

/** The whole content of an open file, read from offset 0 (the handle keeps naming that file after a rename). */
export async function readHandle(handle: FileHandle): Promise<Buffer> {
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
export async function readSettled<T extends Buffer | null>(read: () => Promise<T>): Promise<T> {
  let last = await read();
  for (let i = 0; i < 25; i++) {
    await new Promise((r) => setTimeout(r, 20));
    const again = await read();
    if (same(again, last)) return again;
    last = again;
  }
  return last;
}

/** The file opened for reading, or null when it does not exist. */
export async function openOrNull(file: string): Promise<FileHandle | null> {
  try {
    return await fsp.open(file, 'r');
  } catch (err) {
    if (isNotFound(err)) return null;
    throw err;
  }
}

const BUSY = new Set(['EPERM', 'EACCES', 'EBUSY']);
const BACKOFF_MS = [20, 50, 100, 200, 400];

/**
 * Renames, retrying a few times with short backoff while the error says the file is busy: on Windows an
 * antivirus scanner, a search indexer or an editor can hold the target or temp file for a moment
 * (EPERM/EACCES/EBUSY; the same workaround as graceful-fs, see nodejs/node#29481). The last error is rethrown.
 */
export async function renameRetryingBusy(rename: RenameFn, from: string, to: string, backoffMs: readonly number[] = BACKOFF_MS): Promise<void> {
  for (let i = 0; ; i++) {
    try {
      return await rename(from, to);
    } catch (err) {
      const code = (err as NodeJS.ErrnoException | null)?.code ?? '';
      if (!BUSY.has(code) || i >= backoffMs.length) throw err;
      await new Promise((r) => setTimeout(r, backoffMs[i]));
    }
  }
}

/** True when `code` is one a busy (held-open) file gives on Windows. */
export const isBusyCode = (code: string | undefined): boolean => code !== undefined && BUSY.has(code);
