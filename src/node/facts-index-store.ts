import { readFileSync } from 'node:fs';
import { writeFileAtomicSync } from './atomic-write';
import { join } from 'node:path';
import { parseFactsIndex, serialiseFactsIndex, type FactsIndex } from '../core/session/facts-index';

/** Where `status` keeps the login-cache facts index between runs: <app home>/cache/login-facts.json. */
export function factsIndexPath(appHome: string): string {
  return join(appHome, 'cache', 'login-facts.json');
}

/** The saved index; a missing, unreadable or corrupt one gives an empty index (it is only a cache). */
export function loadFactsIndex(path: string): FactsIndex {
  let text: string | null;
  try {
    text = readFileSync(path, 'utf8');
  } catch {
    text = null;
  }
  return parseFactsIndex(text);
}

/**
 * Saves the index when a run changed it: private (0600), atomically (temp file + rename). A failure
 * is ignored on purpose: the next run just reads the cache files again.
 */
export function saveFactsIndex(path: string, index: FactsIndex): void {
  if (!index.changed) return;
  try {
    writeFileAtomicSync(path, serialiseFactsIndex(index));
    index.changed = false;
  } catch {
    // Ignored: see above.
  }
}
