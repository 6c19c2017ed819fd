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
