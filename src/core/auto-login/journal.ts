import { profilesOf, isOurHelperLine } from './sections';
import { applyLineHunks, diffLines, textFingerprint } from './line-patch';
import type { AutoLoginUndo } from './types';

/** One text the config file may hold once an edit is over, and the undo record that goes with it. */
export interface EditOutcome {
  fingerprint: string;
  record: AutoLoginUndo | null;
}

/**
 * An enable/disable edit that has started: written before the config file is replaced, removed once
 * the undo record matches the file. After a kill, the file's fingerprint says which outcome happened.
 */
export interface PendingEdit {
  op: 'enable' | 'disable';
  profile: string;
  pid: number;
  startedAt: number;
  /** First the file as it was (with the undo record it had), then each text the edit put in place. */
  outcomes: EditOutcome[];
}

export function isPendingEdit(v: unknown): v is PendingEdit {
  const p = v as PendingEdit | null;
  return typeof p === 'object' && p !== null && (p.op === 'enable' || p.op === 'disable') && typeof p.profile === 'string'
    && typeof p.pid === 'number' && typeof p.startedAt === 'number' && Array.isArray(p.outcomes) && p.outcomes.length > 0
    && p.outcomes.every((o) => typeof o?.fingerprint === 'string');
}

/** True when `profile` runs our helper in the config text (auto-login is on). */
export function usesOurHelper(text: string, configFile: string, profile: string): boolean {
  const p = profilesOf(text, configFile, null).find((x) => x.name === profile);
  const line = p?.properties.credential_process;
  return line !== undefined && isOurHelperLine(line);
}

/**
 * The undo record that matches what the config file holds (`text`, null = no file) once a pending
 * edit is over: the outcome with that exact text; else (another program changed the file since) the
 * record after the edit when the file shows it happened (auto-login on after enable, off after
 * disable), the record before it otherwise.
 */
export function settledRecord(p: PendingEdit, text: string | null, configFile: string): AutoLoginUndo | null {
  const fp = textFingerprint(text ?? '');
  for (let i = p.outcomes.length - 1; i >= 0; i--) if (p.outcomes[i]!.fingerprint === fp) return p.outcomes[i]!.record;
  const on = text !== null && usesOurHelper(text, configFile, p.profile);
  const landed = p.op === 'enable' ? on : !on;
  return landed ? p.outcomes[p.outcomes.length - 1]!.record : p.outcomes[0]!.record;
}

/**
 * The undo record after enabling `base` into `next`. A first enable records its own undo; enabling
 * again (say, to repair the helper line) keeps the first record, which knows the file as it was
 * before auto-login, and moves its exact undo onto the new text when `base` is exactly what it knew.
 */
export function recordAfterEnable(existing: AutoLoginUndo | null, fresh: AutoLoginUndo | null, wasEnabled: boolean, base: string, next: string): AutoLoginUndo | null {
  if (!fresh) return existing;
  if (!(wasEnabled && existing)) return fresh;
  if (textFingerprint(base) !== existing.afterFingerprint) return existing;
  const original = applyLineHunks(base, existing.hunks);
  return { ...existing, afterFingerprint: textFingerprint(next), hunks: diffLines(original, next) };
}
