import type * as Crypto from 'node:crypto';

let crypto: typeof Crypto | undefined;

/**
 * node:crypto's SHA-256 as hex, for naming many login cache files (the plain-JS one costs ~30 µs a
 * name before the JIT warms up). Loaded on first use: node:crypto alone costs ~3 ms to load, and a
 * status run with a warm facts index hashes nothing.
 */
export function nativeSha256Hex(text: string): string {
  // eslint-disable-next-line @typescript-eslint/no-require-imports
  crypto ??= require('node:crypto') as typeof Crypto;
  // crypto.hash (Node >= 20.12) skips createHash's stream set-up.
  return typeof crypto.hash === 'function' ? crypto.hash('sha256', text, 'hex') : crypto.createHash('sha256').update(text, 'utf8').digest('hex');
}
