import { readFileSync, statSync } from 'node:fs';
import type { FileInfo, FilePort, FileStatSignature } from '../core/ports';

function isNotFound(err: unknown): boolean {
  const code = (err as NodeJS.ErrnoException | null)?.code;
  return code === 'ENOENT' || code === 'ENOTDIR';
}

/** Turns an fs error into one line a person can act on (the raw error has no hint). */
function describe(err: unknown, path: string, what: string): Error {
  const code = (err as NodeJS.ErrnoException | null)?.code;
  const reason =
    code === 'EACCES' || code === 'EPERM'
      ? 'permission denied. Check the file is yours and readable (chmod 600).'
      : code === 'EISDIR'
        ? 'is a folder, not a file.'
        : `${what} failed (${code ?? (err instanceof Error ? err.message : String(err))}).`;
  // The path and the call stay on the error: describeFileError (core/file-errors.ts) names the right file.
  const out = new Error(`${path}: ${reason}`);
  Object.assign(out, { code, path, syscall: what === 'reading' ? 'read' : 'stat' });
  return out;
}

/** The FilePort over node:fs, synchronous because CLI and helper start-up time matters most. */
export const nodeFilePort: FilePort = {
  readText(path: string): string | null {
    try {
      return readFileSync(path, 'utf8');
    } catch (err) {
      if (isNotFound(err)) return null;
      throw describe(err, path, 'reading');
    }
  },
  stat(path: string): FileInfo | null {
    try {
      const s = statSync(path);
      const birth = s.birthtimeMs > 0 ? s.birthtimeMs : s.mtimeMs;
      return { birthtimeMs: birth, mtimeMs: s.mtimeMs, mode: s.mode & 0o777 };
    } catch (err) {
      if (isNotFound(err)) return null;
      throw describe(err, path, 'stat');
    }
  },
  signature(path: string): FileStatSignature | null {
    try {
      // throwIfNoEntry: no Error object (and stack trace) for each missing cache file.
      const s = statSync(path, { throwIfNoEntry: false });
      return s === undefined ? null : { size: s.size, mtimeMs: s.mtimeMs, ctimeMs: s.ctimeMs, ino: s.ino };
    } catch (err) {
      if (isNotFound(err)) return null;
      throw describe(err, path, 'stat');
    }
  },
};
