import type { FileSignature } from '../ports';
import type { LoginCacheFacts } from './session-state';
import { isPlausibleExpiry, isPlausibleTime } from './time-range';

/** Bump when the stored shape changes: an index of another version is ignored, then replaced. */
export const FACTS_INDEX_VERSION = 2; // 2: error messages hold only the reason (the next step is per profile)

/**
 * A file changed less than this long before its stat is not indexed: a second write in the same
 * timestamp tick (10 ms on Linux, 1 s on HFS+, 2 s on FAT) could leave size, times and inode alike.
 */
export const SETTLE_MS = 3_000;

/** What status learned from one cache file: its facts, or why it is unusable (never a secret). */
export type IndexedRead = { kind: 'ok'; facts: LoginCacheFacts } | { kind: 'error'; message: string };

/** [size, mtimeMs, ctimeMs, ino]: numbers, compared as they are (no string per lookup). */
export type Signature = readonly [number, number, number, number];

/** One entry as stored: the signature plus the facts, or plus the error message. */
export type StoredEntry = ({ signature: Signature } & LoginCacheFacts) | { signature: Signature; error: string };

/**
 * Cache file name -> what it said when it had this signature, so status can skip reading and
 * parsing files that did not change. Only non-secret facts. Kept in its stored form (prototype-less
 * records, checked when used): a cold process then pays JSON.parse and nothing per entry up front.
 */
export interface FactsIndex {
  /** The login cache folder the entries describe: another folder starts from empty. */
  dir: string;
  /** Cache file name -> StoredEntry (anything else there is ignored, then replaced). */
  entries: Record<string, unknown>;
  /** login_session -> its cache file name (a SHA-256): a warm run needs no hashing, nor node:crypto. */
  names: Record<string, unknown>;
  /** Set when a run added, replaced or dropped an entry: the CLI saves the index only then. */
  changed: boolean;
}

const record = (): Record<string, unknown> => Object.create(null) as Record<string, unknown>;

/** An index that knows nothing yet. */
export function emptyFactsIndex(): FactsIndex {
  return { dir: '', entries: record(), names: record(), changed: false };
}

/** True when any later change must show in the signature: the kernel stamps ctime with "now" on every change (see SETTLE_MS). */
export function hasSettled(sig: FileSignature): boolean {
  return sig.takenAtMs - Math.max(sig.mtimeMs, sig.ctimeMs) > SETTLE_MS;
}

/** How the CLI names cache files: 64 hex digits + .json. Anything else in `names` is corruption. */
const CACHE_FILE_NAME = /^[0-9a-f]{64}\.json$/;

const isObject = (v: unknown): v is Record<string, unknown> => typeof v === 'object' && v !== null;
const isTime = (v: unknown): v is number | null => v === null || isPlausibleTime(v);

/** The read an entry stands for when it is well-formed and its signature matches, else undefined. */
function readOf(v: unknown, sig: FileSignature): IndexedRead | undefined {
  if (!isObject(v)) return undefined;
  const s = v.signature;
  // Spelled out (no helpers): this runs for each of 1,000s of files in a cold process.
  if (!Array.isArray(s) || s[0] !== sig.size || s[1] !== sig.mtimeMs || s[2] !== sig.ctimeMs || s[3] !== sig.ino) return undefined;
  if (typeof v.error === 'string') return { kind: 'error', message: v.error };
  const claims = v.idTokenClaims;
  if (typeof v.accountId !== 'string' || !isPlausibleExpiry(v.accessTokenExpiresAt)) return undefined;
  if (claims !== null && !(isObject(claims) && (claims.sub === null || typeof claims.sub === 'string') && isTime(claims.authTime) && isTime(claims.iat))) {
    return undefined;
  }
  return { kind: 'ok', facts: { accountId: v.accountId, accessTokenExpiresAt: v.accessTokenExpiresAt, idTokenClaims: claims as LoginCacheFacts['idTokenClaims'] } };
}

function storedEntry(sig: FileSignature, read: IndexedRead): StoredEntry {
  const signature: Signature = [sig.size, sig.mtimeMs, sig.ctimeMs, sig.ino];
  if (read.kind === 'error') return { signature, error: read.message };
  const { accountId, accessTokenExpiresAt, idTokenClaims } = read.facts;
  return { signature, accountId, accessTokenExpiresAt, idTokenClaims };
}

/** One status run over an index: look up, record, then finish() drops what was not visited. */
export interface FactsRun {
  /** The cache file name of a login_session: remembered, else hashHex's (and remembered). */
  fileName(loginSession: string, hashHex: (session: string) => string): string;
  /** The indexed read for `name` when its signature still matches, else undefined. */
  lookup(name: string, sig: FileSignature): IndexedRead | undefined;
  /**
   * Remembers a fresh read of a settled file (sig taken BEFORE the read, so a change during the read
   * shows next time). sig null (file gone), read null (an I/O error, not the content's) or an
   * unsettled file: forgets it.
   */
  record(name: string, sig: FileSignature | null, read: IndexedRead | null): void;
  /** Drops what this run did not visit (deleted files, sessions no profile names any more). */
  finish(): void;
}

/** Starts a run over the index for the cache folder `dir`. */
export function startFactsRun(index: FactsIndex, dir: string): FactsRun {
  if (index.dir !== dir) {
    index.changed ||= index.dir !== '' || Object.keys(index.entries).length > 0;
    index.dir = dir;
    index.entries = record();
  }
  const seenNames = new Set<string>();
  const seenSessions = new Set<string>();
  const drop = (from: Record<string, unknown>, seen: Set<string>): void => {
    for (const key in from) {
      if (!seen.has(key)) {
        delete from[key];
        index.changed = true;
      }
    }
  };
  return {
    fileName(loginSession, hashHex) {
      seenSessions.add(loginSession);
      const known = index.names[loginSession];
      if (typeof known === 'string' && CACHE_FILE_NAME.test(known)) return known;
      const name = hashHex(loginSession);
      index.names[loginSession] = name;
      index.changed = true;
      return name;
    },
    lookup(name, sig) {
      seenNames.add(name);
      return readOf(index.entries[name], sig);
    },
    record(name, sig, read) {
      seenNames.add(name);
      if (sig !== null && read !== null && hasSettled(sig)) {
        index.entries[name] = storedEntry(sig, read);
        index.changed = true;
      } else if (name in index.entries) {
        delete index.entries[name];
        index.changed = true;
      }
    },
    finish() {
      drop(index.entries, seenNames);
      drop(index.names, seenSessions);
    },
  };
}

/** The stored form: small, versioned, one line. */
export function serialiseFactsIndex(index: FactsIndex): string {
  return JSON.stringify({ version: FACTS_INDEX_VERSION, dir: index.dir, names: index.names, entries: index.entries }) + '\n';
}

const isPlainRecord = (v: unknown): v is Record<string, unknown> => isObject(v) && !Array.isArray(v);

/**
 * The index stored as `text` (null: none yet). Never throws: a corrupt index, or one of another
 * version, is ignored (and marked changed, so it is replaced); a malformed entry is ignored when
 * used, then replaced.
 */
export function parseFactsIndex(text: string | null): FactsIndex {
  const index = emptyFactsIndex();
  if (text === null) return index;
  let data: unknown;
  try {
    data = JSON.parse(text);
  } catch {
    data = null;
  }
  if (!isPlainRecord(data) || data.version !== FACTS_INDEX_VERSION || typeof data.dir !== 'string' || !isPlainRecord(data.names) || !isPlainRecord(data.entries)) {
    index.changed = true;
    return index;
  }
  // No prototype: a key like "__proto__" or "constructor" is then just a key.
  index.dir = data.dir;
  index.names = Object.setPrototypeOf(data.names, null) as Record<string, unknown>;
  index.entries = Object.setPrototypeOf(data.entries, null) as Record<string, unknown>;
  return index;
}
