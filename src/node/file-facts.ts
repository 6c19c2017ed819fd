import { readFileSync, statSync } from 'node:fs';
import { toPlatform, type Platform } from '../core/ports';

/** This process's platform (see toPlatform). */
export function currentPlatform(): Platform {
  return toPlatform(process.platform);
}

/** A small file's text, or null when it cannot be read for any reason (a launcher, a record: rewritten when null). */
export function readTextOrNull(path: string): string | null {
  try {
    return readFileSync(path, 'utf8');
  } catch {
    return null;
  }
}

/** A regular file this user may run (on Windows: any regular file). */
export function isExecutableFile(path: string, platform: Platform = currentPlatform()): boolean {
  try {
    const s = statSync(path);
    return s.isFile() && (platform === 'win32' || (s.mode & 0o111) !== 0);
  } catch {
    return false;
  }
}
