import { mkdirSync } from 'node:fs';
import { dirname } from 'node:path';
import type WriteFileAtomic from 'write-file-atomic';

let lib: typeof WriteFileAtomic | undefined;

/** Loaded on the first write: it pulls in worker_threads, which read-only commands never need. */
function writeFileAtomicLib(): typeof WriteFileAtomic {
  // eslint-disable-next-line @typescript-eslint/no-require-imports
  return (lib ??= require('write-file-atomic') as typeof WriteFileAtomic);
}

export interface AtomicWriteOptions {
  /** Permission bits of the new file; private (0600) unless said otherwise. */
  mode?: number;
}

/**
 * Replaces a file in one step (temp file + rename) so readers never see half a file; creates the
 * parent folders (0700). Private by default: our files may name accounts and sessions.
 */
export async function writeFileAtomic(path: string, data: string | Uint8Array, opts: AtomicWriteOptions = {}): Promise<void> {
  mkdirSync(dirname(path), { recursive: true, mode: 0o700 });
  await writeFileAtomicLib()(path, data, { mode: opts.mode ?? 0o600 });
}

/** The synchronous twin, for short-lived CLI and helper processes. */
export function writeFileAtomicSync(path: string, data: string | Uint8Array, opts: AtomicWriteOptions = {}): void {
  mkdirSync(dirname(path), { recursive: true, mode: 0o700 });
  writeFileAtomicLib().sync(path, data, { mode: opts.mode ?? 0o600 });
}
