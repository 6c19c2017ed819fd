/** What the core needs to know about a file besides its text. */
export interface FileInfo {
  /** Creation time in ms (falls back to mtime where the OS keeps no birth time). */
  birthtimeMs: number;
  mtimeMs: number;
  /** POSIX permission bits (mode & 0o777). */
  mode: number;
}

/** What one stat says about a file, to notice a change without reading it (see facts-index.ts). */
export interface FileSignature {
  size: number;
  mtimeMs: number;
  /** Status-change time: the kernel sets it to "now" on every write, rename or chmod; nobody can set it back. */
  ctimeMs: number;
  ino: number;
  /**
   * When the stat was taken, no later: the status report's clock reading from before any stat (the
   * core adds it, so a test clock can age files without real waiting). See facts-index.ts.
   */
  takenAtMs: number;
}

/** What the FilePort's stat gives; the core stamps it with takenAtMs. */
export type FileStatSignature = Omit<FileSignature, 'takenAtMs'>;

/**
 * Read-only file access the core uses (sync: the read side runs in short-lived CLI and helper
 * processes where start-up time matters more than blocking). src/node/fs-port.ts implements it.
 */
export interface FilePort {
  /** The file's UTF-8 text, or null when it does not exist. Other errors throw (with the path). */
  readText(path: string): string | null;
  /** null when the file does not exist. */
  stat(path: string): FileInfo | null;
  /** One cheap stat for change detection; null when the file does not exist. Optional: without it nothing is cached. */
  signature?(path: string): FileStatSignature | null;
}

/** Environment variables as the process sees them. */
export type Env = Readonly<Record<string, string | undefined>>;

/** The OS family, as Node names it. */
export type Platform = 'darwin' | 'linux' | 'win32';

/** process.platform as the app sees it: macOS, Windows, and every other OS behaves like Linux. */
export function toPlatform(name: string): Platform {
  return name === 'darwin' || name === 'win32' ? name : 'linux';
}
