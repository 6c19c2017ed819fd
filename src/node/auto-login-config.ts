import { existsSync } from 'node:fs';
import { resolveAppHome } from '../core/app-home';
import { disableAutoLogin, enableAutoLogin, type AutoLoginUndo } from '../core/auto-login';
import { recordAfterEnable, usesOurHelper, type EditOutcome } from '../core/auto-login/journal';
import { textFingerprint } from '../core/auto-login/line-patch';
import { parseIni } from '../core/config/ini';
import { resolveAwsPaths } from '../core/config/locations';
import type { IniDocument } from '../core/config/types';
import { credentialProcessLine, type LauncherRuntime } from '../core/launcher-script';
import type { Env, Platform } from '../core/ports';
import type { UserError } from '../shared/errors';
import { openAppStore, type AppStore } from './app-store';
export { UNDO_STATE } from './auto-login-journal';
import { abandonEdit, beginEdit, commitEdit, readRetiredUndo, readUndo, settleEdits } from './auto-login-journal';
import { removeLeftovers } from './config-backups';
import { readOrNull, readSettled, resolveTarget } from './config-file-io';
import { ConfigEditConflict, editConfigFile } from './config-file-writer';
import { nodeFilePort } from './fs-port';
import { ensureLauncher } from './launcher';

export interface AutoLoginTarget {
  env: Env;
  platform: Platform;
  homeDir: string;
  profile: string;
}

/** What enable/disable did, for people; or why nothing was done. */
export type AutoLoginReport =
  | { ok: true; changed: boolean; signinProfile: string; notes: string[]; configFile: string; backupPath: string | null; launcherPath?: string; credentialProcess?: string }
  | { ok: false; error: UserError };

/** Thrown inside the edit callback to abort the write with a refusal. */
class Refused extends Error {
  constructor(readonly error: UserError) {
    super(error.message);
  }
}

function readCredentials(file: string): IniDocument | null {
  const text = nodeFilePort.readText(file);
  return text === null ? null : parseIni(text, file, 'credentials');
}

/** Where an edit that did not finish cleanly left the file, for the message. */
export class AutoLoginEditError extends Error {
  constructor(
    message: string,
    /** The config file holds this edit (auto-login is now on after enable, off after disable). */
    readonly applied: boolean,
    override readonly cause: unknown,
  ) {
    super(message);
  }
}

const now = (): number => Date.now();

/** The config text once two reads 20 ms apart agree (null = no file): what a journal entry is settled against. */
async function settledText(configFile: string): Promise<string | null> {
  const bytes = await readSettled(() => readOrNull(configFile));
  return bytes === null ? null : bytes.toString('utf8');
}

/**
 * Runs one config edit under the undo journal: before each replace, `outcomes` records which undo
 * record goes with which text; afterwards `commit` gets the plan that is now in the file. A Refused
 * thrown by the plan becomes a report instead of a write. Any other failure settles the journal from
 * what the file holds and says whether the edit is in it.
 */
async function journaledEdit<T extends { text: string }>(
  store: AppStore, configFile: string, profile: string, op: 'enable' | 'disable',
  plan: (text: string) => T,
  /** `carried`: the record of the text this edit last put in place (a re-applied pass may start from a version holding our edit). */
  outcomes: (result: T, base: string, carried: AutoLoginUndo | null) => EditOutcome[],
  commit: (result: T | null, base: string | null, carried: AutoLoginUndo | null) => AutoLoginUndo | null,
  /** The record a disable used, kept aside (see undoFor). */
  retire: () => AutoLoginUndo | null = () => null,
): Promise<{ result: T | null; backupPath: string | null; changed: boolean } | { error: UserError }> {
  // An edit of ours that was cut short (killed) is settled first, so the record read next matches the file.
  await settleEdits(store, configFile, () => settledText(configFile), now());
  let result: T | null = null;
  let base: string | null = null;
  let began = false;
  let replaced = false;
  let carried: AutoLoginUndo | null = null;
  try {
    const r = await editConfigFile(configFile, (text) => {
      base = text;
      return (result = plan(text)).text;
    }, {
      beforeReplace: async (step) => {
        const list = outcomes(result!, step.base, carried);
        await beginEdit(store, configFile, profile, op, list, now());
        carried = list[list.length - 1]!.record;
        began = true;
      },
      afterReplace: () => {
        replaced = true;
      },
    });
    // Also without a write when the record changes (a disable drops it; an enable takes back a retired one).
    const record = commit(result, base, carried);
    if (began || (result !== null && JSON.stringify(record) !== JSON.stringify(readUndo(store, configFile, profile)))) {
      await commitEdit(store, configFile, profile, record, retire());
    }
    return { result, backupPath: r.backupPath, changed: r.changed };
  } catch (err) {
    // Refused on a later try (another program changed the file meanwhile) or failed. Never replaced:
    // the record stays. Replaced: settle from what the file holds once it settles (it may be mid-write).
    const text = replaced ? await settledText(configFile).catch(() => null) : null;
    try {
      if (replaced) await settleEdits(store, configFile, async () => text, now(), profile);
      else if (began) await abandonEdit(store, configFile, profile);
    } catch {
      // The state file is locked or unwritable too: the entry stays, and the next run settles it from the file.
    }
    if (err instanceof Refused) return { error: err.error };
    const applied = (err instanceof ConfigEditConflict && err.applied)
      || (replaced && text !== null && usesOurHelperSafe(text, configFile, profile) === (op === 'enable'));
    throw new AutoLoginEditError(err instanceof Error ? err.message : String(err), applied, err);
  }
}

function usesOurHelperSafe(text: string, configFile: string, profile: string): boolean | null {
  try {
    return usesOurHelper(text, configFile, profile);
  } catch {
    return null;
  }
}

/**
 * The undo record for `profile`: the one of record, else (auto-login on again without one: a program
 * that read the file before our disable wrote it back after) the one that disable retired.
 */
function undoFor(store: AppStore, configFile: string, profile: string, text: string | null): AutoLoginUndo | null {
  const active = readUndo(store, configFile, profile);
  if (active || text === null) return active;
  const retired = readRetiredUndo(store, configFile, profile);
  return retired && usesOurHelperSafe(text, configFile, profile) ? retired : null;
}

/**
 * Finishes what a killed edit of `configFile` left (doctor runs it; enable/disable do before editing):
 * removes our temp files and empty backups beside it and settles undo records of edits cut short.
 */
export async function recoverConfigEdits(store: AppStore, configFile: string): Promise<void> {
  await removeLeftovers(await resolveTarget(configFile));
  await settleEdits(store, configFile, () => settledText(configFile), now());
}

/**
 * enable-auto-login on disk: writes (or repairs) the stable launcher, edits the config file
 * atomically (with a backup), and records how to undo the edit.
 */
export async function enableAutoLoginOnDisk(
  t: AutoLoginTarget & { signinProfile?: string; region?: string; runtime: LauncherRuntime },
): Promise<AutoLoginReport> {
  const script = t.runtime.args[0];
  if (script !== undefined && !existsSync(script)) {
    return { ok: false, error: { code: 'internal', message: `The credential helper ${script} does not exist.`, hint: 'Build it first (npm run build), or reinstall aws-login-tray.' } };
  }
  const store = openAppStore(resolveAppHome(t.env, t.platform, t.homeDir));
  const { configFile, credentialsFile } = resolveAwsPaths(t.env, t.platform, t.homeDir);
  const launcher = ensureLauncher({ appHome: store.home, runtime: t.runtime, platform: t.platform });
  const credentials = readCredentials(credentialsFile);
  let line = '';
  const existing = (text: string | null): AutoLoginUndo | null => undoFor(store, configFile, t.profile, text);
  const done = await journaledEdit(store, configFile, t.profile, 'enable', (text) => {
    const r = enableAutoLogin({
      configText: text, configFile, credentials, profile: t.profile, signinProfile: t.signinProfile, region: t.region,
      commandFor: (signin) => (line = credentialProcessLine(launcher.path, signin, t.platform)),
    });
    if (!r.ok) throw new Refused(r.error);
    return r;
  }, (r, base, carried) => {
    const before = existing(base) ?? carried;
    return [
      { fingerprint: textFingerprint(base), record: before },
      { fingerprint: textFingerprint(r.text), record: recordAfterEnable(before, r.undo, r.wasEnabled, base, r.text) },
    ];
  }, (r, base, carried) => {
    const before = existing(base) ?? carried;
    return r && base !== null ? recordAfterEnable(before, r.undo, r.wasEnabled, base, r.text) : before;
  });
  if ('error' in done) return { ok: false, error: done.error };
  const r = done.result!;
  return { ok: true, changed: r.changed, signinProfile: r.signinProfile, notes: r.notes, configFile, backupPath: done.backupPath, launcherPath: launcher.path, credentialProcess: line };
}

/** disable-auto-login on disk: restores the config (byte for byte when nothing else changed). */
export async function disableAutoLoginOnDisk(t: AutoLoginTarget): Promise<AutoLoginReport> {
  const store = openAppStore(resolveAppHome(t.env, t.platform, t.homeDir));
  const { configFile, credentialsFile } = resolveAwsPaths(t.env, t.platform, t.homeDir);
  const credentials = readCredentials(credentialsFile);
  let undo: AutoLoginUndo | null = null;
  const done = await journaledEdit(store, configFile, t.profile, 'disable', (text) => {
    undo = undoFor(store, configFile, t.profile, text); // after the journal is settled
    const r = disableAutoLogin({ configText: text, configFile, credentials, profile: t.profile, undo });
    if (!r.ok) throw new Refused(r.error);
    return r;
  }, (r, base) => [
    { fingerprint: textFingerprint(base), record: undo },
    { fingerprint: textFingerprint(r.text), record: null },
  ], () => null, () => undo);
  if ('error' in done) return { ok: false, error: done.error };
  const r = done.result!;
  return { ok: true, changed: r.changed, signinProfile: r.signinProfile, notes: r.notes, configFile, backupPath: done.backupPath };
}
