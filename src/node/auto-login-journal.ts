import { isPendingEdit, settledRecord, type EditOutcome, type PendingEdit } from '../core/auto-login/journal';
import type { AutoLoginUndo } from '../core/auto-login';
import type { AppStore } from './app-store';
import { faultPoint } from './fault-points';
import { pidAlive as alive } from './lock';

/** App state file holding enable-auto-login's undo records (and edits under way), keyed by config file and profile. */
export const UNDO_STATE = 'auto-login-undo';
/** An edit whose process is gone, or that started this long ago, is over: settle it from the file. */
const PENDING_MAX_AGE_MS = 2 * 60_000;

const undoKey = (configFile: string, profile: string): string => `${configFile}#${profile}`;
const pendingKey = (configFile: string, profile: string): string => `pending:${undoKey(configFile, profile)}`;
const retiredKey = (configFile: string, profile: string): string => `disabled:${undoKey(configFile, profile)}`;
type State = Record<string, unknown>;

const asState = (v: unknown): State => ({ ...((v && typeof v === 'object' && !Array.isArray(v) ? v : {}) as State) });

function isUndo(rec: unknown): rec is AutoLoginUndo {
  const r = rec as AutoLoginUndo | null;
  return typeof r === 'object' && r !== null && typeof r.afterFingerprint === 'string' && Array.isArray(r.hunks);
}

function setRecord(state: State, key: string, record: AutoLoginUndo | null): void {
  if (record) state[key] = record;
  else delete state[key];
}

/** The undo record of `profile` in `configFile`, or null. */
export function readUndo(store: AppStore, configFile: string, profile: string): AutoLoginUndo | null {
  const rec = asState(store.readJson(UNDO_STATE))[undoKey(configFile, profile)];
  return isUndo(rec) ? rec : null;
}

/**
 * The record disable-auto-login last retired for `profile`: needed when another program that read
 * the file before that disable wrote it back afterwards, so auto-login is on again without a record.
 */
export function readRetiredUndo(store: AppStore, configFile: string, profile: string): AutoLoginUndo | null {
  const rec = asState(store.readJson(UNDO_STATE))[retiredKey(configFile, profile)];
  return isUndo(rec) ? rec : null;
}

/** Records, before the config file is replaced, what the undo record must be for each text it may then hold. */
export async function beginEdit(store: AppStore, configFile: string, profile: string, op: PendingEdit['op'], outcomes: EditOutcome[], nowMs: number): Promise<void> {
  faultPoint('journal: begin');
  await store.updateJson(UNDO_STATE, (current) => {
    const state = asState(current);
    const key = pendingKey(configFile, profile);
    const mine = state[key];
    // A re-applied edit (another program wrote meanwhile) adds its text to the outcomes of the same edit.
    const earlier = isPendingEdit(mine) && mine.pid === process.pid && mine.op === op ? mine.outcomes : [];
    const merged = [...earlier];
    for (const o of outcomes) if (!merged.some((m) => m.fingerprint === o.fingerprint)) merged.push(o);
    const pending: PendingEdit = { op, profile, pid: process.pid, startedAt: nowMs, outcomes: merged };
    state[key] = pending;
    return state;
  });
  faultPoint('journal: begun');
}

/** The edit is in the file: its undo record becomes the one of record (a record disable used is retired), and the pending entry goes. */
export async function commitEdit(store: AppStore, configFile: string, profile: string, record: AutoLoginUndo | null, retired: AutoLoginUndo | null = null): Promise<void> {
  faultPoint('journal: commit');
  await store.updateJson(UNDO_STATE, (current) => {
    const state = asState(current);
    setRecord(state, undoKey(configFile, profile), record);
    if (retired) state[retiredKey(configFile, profile)] = retired;
    delete state[pendingKey(configFile, profile)];
    return state;
  });
  faultPoint('journal: committed');
}

/** An edit that never replaced the file is dropped: the undo record stays as it was. */
export async function abandonEdit(store: AppStore, configFile: string, profile: string): Promise<void> {
  await store.updateJson(UNDO_STATE, (current) => {
    const state = asState(current);
    delete state[pendingKey(configFile, profile)];
    return state;
  });
}

/**
 * Settles edits of `configFile` that were cut short (a kill, a crash, an error after the write): each
 * gets the undo record that matches what the file holds now (`readText`, read only when there is
 * something to settle). Edits of a live process of ours younger than 2 minutes are left alone unless
 * named in `own`. Returns the profiles settled.
 */
export async function settleEdits(store: AppStore, configFile: string, readText: () => Promise<string | null>, nowMs: number, own: string | null = null): Promise<string[]> {
  const prefix = pendingKey(configFile, '');
  const due = (key: string, p: PendingEdit): boolean =>
    key === (own === null ? null : pendingKey(configFile, own)) || !alive(p.pid) || (p.pid !== process.pid && nowMs - p.startedAt > PENDING_MAX_AGE_MS);
  const look = asState(store.readJson(UNDO_STATE));
  if (!Object.entries(look).some(([k, v]) => k.startsWith(prefix) && isPendingEdit(v) && due(k, v))) return [];
  const text = await readText();
  const settled: string[] = [];
  await store.updateJson(UNDO_STATE, (current) => {
    const state = asState(current);
    for (const [key, value] of Object.entries(state)) {
      if (!key.startsWith(prefix)) continue;
      if (!isPendingEdit(value)) {
        delete state[key];
        continue;
      }
      if (!due(key, value)) continue;
      setRecord(state, undoKey(configFile, value.profile), settledRecord(value, text, configFile));
      delete state[key];
      settled.push(value.profile);
    }
    return state;
  });
  return settled;
}
