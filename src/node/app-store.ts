import { mkdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { isPlausibleTime } from '../core/session/time-range';
import { mergeSettings, parseSettings, type Settings } from '../core/settings';
import { writeFileAtomicSync } from './atomic-write';
import { LockPathError, LockTimeoutError, withLockAt } from './lock';

/**
 * State-file locks are held for milliseconds: one this old (or this far in the future) was left by a
 * crash; a dead holder on this host is taken over at once.
 */
const LOCK_STALE_MS = 10_000;
/** The longest a state-file update waits (on timers: the thread stays free, e.g. the tray's menu and IPC). */
const LOCK_TIMEOUT_MS = 5_000;
const RECORDED_LOGINS = 'recorded-logins';
/** Recorded logins older than this can no longer date a live session (sessions last <= 12 h). */
const RECORDED_LOGIN_MAX_AGE_MS = 7 * 24 * 3_600_000;

/**
 * Settings and small state files under the app home, shared by the tray, the CLI and helper
 * processes. Each concern has its own file; every update re-reads under a lock so no writer loses
 * another's entries.
 */
export interface AppStore {
  readonly home: string;
  /** Path of the state file `name` (lower-case letters, digits, dashes): <home>/state/<name>.json. */
  stateFile(name: string): string;
  /** A state file's JSON, or null when it is missing or unreadable as JSON. */
  readJson(name: string): unknown;
  /** Read-modify-write of a state file under its lock (waited for on timers, never blocking); resolves to what was written. */
  updateJson<T>(name: string, fn: (current: unknown) => T): Promise<T>;
  /** The settings; defaults when settings.json is missing or broken (see settingsProblem). */
  loadSettings(): Settings;
  /** Why settings.json is being ignored (`<file>:<line>: not valid JSON; fix or delete it.`), or null: for callers to show. */
  settingsProblem(): string | null;
  /**
   * Validates the patch (throws a clear Error) and saves the merged settings. Refuses (throws
   * settingsProblem's message) while settings.json is broken, so a hand edit with a typo is never
   * replaced by defaults.
   */
  saveSettings(patch: Partial<Settings>): Promise<Settings>;
  /** login_session -> when this app saw it log in (epoch ms). */
  loadRecordedLogins(): Record<string, number>;
  recordLogin(loginSession: string, atMs: number): Promise<void>;
}

/** One line naming the file, keeping the fs code (the helper tells permission problems from bugs by it). */
function unreadable(path: string, err: unknown): Error {
  const code = (err as NodeJS.ErrnoException).code;
  const why = code === 'EACCES' || code === 'EPERM' ? 'permission denied; check the file is yours and readable (chmod 600)' : (code ?? String(err));
  return Object.assign(new Error(`${path}: cannot be read (${why}).`), { code, path, syscall: 'read' });
}

function readJsonFile(path: string): unknown {
  let text: string;
  try {
    text = readFileSync(path, 'utf8');
  } catch (err) {
    if ((err as NodeJS.ErrnoException).code === 'ENOENT') return null;
    throw unreadable(path, err);
  }
  try {
    return JSON.parse(text) as unknown;
  } catch {
    return null;
  }
}

/** settings.json's JSON (null when missing), or why it cannot be used. */
function readSettingsJson(path: string): { json: unknown; problem: string | null } {
  let text: string;
  try {
    text = readFileSync(path, 'utf8');
  } catch (err) {
    if ((err as NodeJS.ErrnoException).code === 'ENOENT') return { json: null, problem: null };
    throw unreadable(path, err);
  }
  let json: unknown;
  try {
    json = JSON.parse(text) as unknown;
  } catch (err) {
    const at = /at position (\d+)/.exec(err instanceof Error ? err.message : '');
    const line = at ? text.slice(0, Number(at[1])).split('\n').length : null;
    return { json: null, problem: `${path}${line === null ? '' : `:${line}`}: not valid JSON; fix or delete it.` };
  }
  if (!isRecord(json)) return { json: null, problem: `${path}: not a JSON object of settings; fix or delete it.` };
  return { json, problem: null };
}

/**
 * Runs fn while holding `<path>.lock` (the shared lock module: owner token, dead-pid takeover, stale
 * when 10 s old or 10 s in the future, at most 5 s of waiting, on timers). fn itself is synchronous,
 * so the read-modify-write between taking and releasing the lock is never interleaved.
 */
export async function withFileLock<T>(path: string, fn: () => T): Promise<T> {
  try {
    return await withLockAt(`${path}.lock`, fn, { staleMs: LOCK_STALE_MS, waitMs: LOCK_TIMEOUT_MS, aheadIsStale: true });
  } catch (err) {
    if (err instanceof LockTimeoutError) {
      const who = err.owner ? ` (process ${err.owner.pid})` : '';
      throw new Error(`${err.lockPath}: another aws-login-tray process${who} holds this lock. If none is running, delete the file.`);
    }
    if (err instanceof LockPathError) throw new Error(err.message);
    throw err;
  }
}

function isRecord(v: unknown): v is Record<string, unknown> {
  return typeof v === 'object' && v !== null && !Array.isArray(v);
}

function recordedLogins(json: unknown): Record<string, number> {
  const out: Record<string, number> = {};
  if (!isRecord(json)) return out;
  for (const [k, v] of Object.entries(json)) if (isPlausibleTime(v)) out[k] = v; // 1e20 would crash every status
  return out;
}

/** Opens (lazily: nothing is created until the first write) the store under `home`. */
export function openAppStore(home: string): AppStore {
  const settingsPath = join(home, 'settings.json');
  const stateFile = (name: string): string => {
    if (!/^[a-z0-9][a-z0-9-]*$/.test(name)) throw new Error(`Bad state file name "${name}".`);
    return join(home, 'state', `${name}.json`);
  };
  const write = (path: string, value: unknown): void => writeFileAtomicSync(path, JSON.stringify(value, null, 2) + '\n');
  const update = async <T>(path: string, fn: (current: unknown) => T): Promise<T> => {
    mkdirSync(join(path, '..'), { recursive: true, mode: 0o700 });
    return await withFileLock(path, () => {
      const next = fn(readJsonFile(path));
      write(path, next);
      return next;
    });
  };
  return {
    home,
    stateFile,
    readJson: (name) => readJsonFile(stateFile(name)),
    updateJson: (name, fn) => update(stateFile(name), fn),
    loadSettings: () => parseSettings(readSettingsJson(settingsPath).json),
    settingsProblem: () => readSettingsJson(settingsPath).problem,
    saveSettings: async (patch) => {
      // Validate before taking the lock so a bad value never touches the file.
      const first = readSettingsJson(settingsPath);
      if (first.problem) throw new Error(first.problem);
      mergeSettings(parseSettings(first.json), patch);
      return await update(settingsPath, () => {
        const now = readSettingsJson(settingsPath); // again under the lock: someone may have broken it meanwhile
        if (now.problem) throw new Error(now.problem);
        return mergeSettings(parseSettings(now.json), patch);
      });
    },
    loadRecordedLogins: () => recordedLogins(readJsonFile(stateFile(RECORDED_LOGINS))),
    recordLogin: async (loginSession, atMs) => {
      await update(stateFile(RECORDED_LOGINS), (current) => {
        const next = recordedLogins(current);
        for (const [k, v] of Object.entries(next)) if (atMs - v > RECORDED_LOGIN_MAX_AGE_MS) delete next[k];
        next[loginSession] = atMs;
        return next;
      });
    },
  };
}
