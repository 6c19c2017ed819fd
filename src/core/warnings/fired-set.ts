import type { Warning } from './plan';

const HOUR = 3_600_000;

/**
 * How long after a session's (estimated) end its fired keys are kept: at least WARN_LATE_LIMIT_MS
 * plus how far a changed max-session setting can move the estimate (under 12 h), so a pruned key
 * can never make a warning fire twice.
 */
export const FIRED_KEEP_MS = 24 * HOUR;

/** Fired warning keys -> the session end each belongs to (epoch ms), which is what pruning needs. */
export type FiredRecord = Record<string, number>;

/** The persisted file: versioned so a later format can be told apart. */
export interface FiredWarningsFile {
  version: 1;
  fired: FiredRecord;
}

/** Where the scheduler keeps fired keys (a small JSON state file under the app home). */
export interface FiredWarningsStore {
  load(): FiredRecord | Promise<FiredRecord>;
  save(record: FiredRecord): void | Promise<void>;
}

/** Reads the file leniently: a damaged or hand-edited file loses only its bad entries. */
export function parseFiredWarnings(json: unknown): FiredRecord {
  const out: FiredRecord = {};
  if (typeof json !== 'object' || json === null) return out;
  const fired = (json as { fired?: unknown }).fired;
  if (typeof fired !== 'object' || fired === null || Array.isArray(fired)) return out;
  for (const [key, end] of Object.entries(fired)) {
    if (key !== '__proto__' && typeof end === 'number' && Number.isFinite(end)) out[key] = end;
  }
  return out;
}

/** The JSON shape written to disk. */
export function serialiseFiredWarnings(record: FiredRecord): FiredWarningsFile {
  return { version: 1, fired: { ...record } };
}

/** The keys, in the form planWarnings takes. */
export function firedKeys(record: FiredRecord): Set<string> {
  return new Set(Object.keys(record));
}

/** Adds every key a warning covers (a folded warning covers several); never shortens a kept end. */
export function markFired(record: FiredRecord, warning: Pick<Warning, 'markFired' | 'sessionExpiresAt'>): FiredRecord {
  const out: FiredRecord = { ...record };
  for (const key of warning.markFired) {
    const known = Object.hasOwn(out, key) ? out[key]! : -Infinity;
    out[key] = Math.max(known, warning.sessionExpiresAt);
  }
  return out;
}

/** Drops keys of sessions that ended more than FIRED_KEEP_MS ago, so the file stays small. */
export function pruneFired(record: FiredRecord, now: number): FiredRecord {
  const out: FiredRecord = {};
  for (const [key, end] of Object.entries(record)) {
    if (end + FIRED_KEEP_MS >= now) out[key] = end;
  }
  return out;
}

/** Union of two records (the file and the scheduler's memory), keeping the later end per key. */
export function mergeFired(a: FiredRecord, b: FiredRecord): FiredRecord {
  const out: FiredRecord = { ...a };
  for (const [key, end] of Object.entries(b)) {
    out[key] = Object.hasOwn(out, key) ? Math.max(out[key]!, end) : end;
  }
  return out;
}
