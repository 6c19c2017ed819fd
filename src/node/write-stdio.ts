import { writeSync } from 'node:fs';

const pause = new Int32Array(new SharedArrayBuffer(4));

/** Thrown when the reader closed the pipe (`... | head`): stop quietly, it is not an error. */
export class ClosedPipeError extends Error {
  constructor() {
    super('The output pipe was closed by its reader.');
    this.name = 'ClosedPipeError';
  }
}

/**
 * Writes all of `text` to fd 1 or 2 synchronously. Skips creating process.stdout (a stream
 * whose set-up costs start-up time the status benchmark counts); waits out a full non-blocking
 * pipe (EAGAIN) instead of failing.
 */
export function writeAllSync(fd: number, text: string): void {
  let buf = Buffer.from(text, 'utf8');
  while (buf.length > 0) {
    let written: number;
    try {
      written = writeSync(fd, buf);
    } catch (err) {
      const code = (err as NodeJS.ErrnoException).code;
      if (code === 'EAGAIN') {
        Atomics.wait(pause, 0, 0, 2);
        continue;
      }
      if (code === 'EPIPE') throw new ClosedPipeError();
      throw err;
    }
    buf = buf.subarray(written);
  }
}

const WRITE_ERRORS: Record<string, string> = {
  ENOSPC: 'no space left on device',
  EDQUOT: 'disk quota exceeded',
  EIO: 'input/output error',
  EBADF: 'it is closed',
  EPIPE: 'the reader went away',
  EFBIG: 'the file is too large',
};

/** Why writing to stdout failed, in a few words with the code: "no space left on device (ENOSPC)". */
export function describeWriteError(err: unknown): string {
  if (err instanceof ClosedPipeError) return `${WRITE_ERRORS.EPIPE} (EPIPE)`;
  const code = (err as NodeJS.ErrnoException | null)?.code;
  if (code) return `${WRITE_ERRORS[code] ?? 'write failed'} (${code})`;
  return err instanceof Error ? err.message : String(err);
}

/** Best effort: one line on stderr when there may be nobody left to read it. Never throws. */
export function tryWriteStderr(text: string): void {
  try {
    writeAllSync(2, text);
  } catch {
    // stderr is gone too: the exit code is all that is left.
  }
}
