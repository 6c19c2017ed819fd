import { existsSync } from 'node:fs';
import { resolveAppHome } from '../core/app-home';
import { disableAutoLogin, enableAutoLogin, type AutoLoginUndo } from '../core/auto-login';
import { parseIni } from '../core/config/ini';
import { resolveAwsPaths } from '../core/config/locations';
import type { IniDocument } from '../core/config/types';
import { credentialProcessLine, type LauncherRuntime } from '../core/launcher-script';
import type { Env, Platform } from '../core/ports';
import type { UserError } from '../shared/errors';
import { openAppStore, type AppStore } from './app-store';
import { editConfigFile } from './config-file-writer';
import { nodeFilePort } from './fs-port';
import { ensureLauncher } from './launcher';

/** App state file holding enable-auto-login's undo records, keyed by config file and profile. */
export const UNDO_STATE = 'auto-login-undo';

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

const undoKey = (configFile: string, profile: string): string => `${configFile}#${profile}`;

function readUndo(store: AppStore, configFile: string, profile: string): AutoLoginUndo | null {
  const all = store.readJson(UNDO_STATE);
  const rec = all && typeof all === 'object' ? (all as Record<string, AutoLoginUndo | undefined>)[undoKey(configFile, profile)] : undefined;
  return rec && typeof rec.afterFingerprint === 'string' && Array.isArray(rec.hunks) ? rec : null;
}

function writeUndo(store: AppStore, configFile: string, profile: string, undo: AutoLoginUndo | null): void {
  store.updateJson(UNDO_STATE, (current) => {
    const next = { ...((current && typeof current === 'object' ? current : {}) as Record<string, unknown>) };
    if (undo) next[undoKey(configFile, profile)] = undo;
    else delete next[undoKey(configFile, profile)];
    return next;
  });
}

/** Runs one config edit; a Refused thrown by the edit becomes a report instead of a write. */
async function edit<T extends { text: string }>(configFile: string, plan: (text: string) => T): Promise<{ result: T; backupPath: string | null } | { error: UserError }> {
  let result: T | null = null;
  try {
    const r = await editConfigFile(configFile, (text) => (result = plan(text)).text);
    return { result: result!, backupPath: r.backupPath };
  } catch (err) {
    if (err instanceof Refused) return { error: err.error };
    throw err;
  }
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
  const done = await edit(configFile, (configText) => {
    const r = enableAutoLogin({
      configText, configFile, credentials, profile: t.profile, signinProfile: t.signinProfile, region: t.region,
      commandFor: (signin) => (line = credentialProcessLine(launcher.path, signin, t.platform)),
    });
    if (!r.ok) throw new Refused(r.error);
    return r;
  });
  if ('error' in done) return { ok: false, error: done.error };
  const r = done.result;
  // Re-enabling keeps the first record: it knows the file as it was before auto-login.
  if (r.undo && !(r.wasEnabled && readUndo(store, configFile, t.profile))) writeUndo(store, configFile, t.profile, r.undo);
  return { ok: true, changed: r.changed, signinProfile: r.signinProfile, notes: r.notes, configFile, backupPath: done.backupPath, launcherPath: launcher.path, credentialProcess: line };
}

/** disable-auto-login on disk: restores the config (byte for byte when nothing else changed). */
export async function disableAutoLoginOnDisk(t: AutoLoginTarget): Promise<AutoLoginReport> {
  const store = openAppStore(resolveAppHome(t.env, t.platform, t.homeDir));
  const { configFile, credentialsFile } = resolveAwsPaths(t.env, t.platform, t.homeDir);
  const undo = readUndo(store, configFile, t.profile);
  const credentials = readCredentials(credentialsFile);
  const done = await edit(configFile, (configText) => {
    const r = disableAutoLogin({ configText, configFile, credentials, profile: t.profile, undo });
    if (!r.ok) throw new Refused(r.error);
    return r;
  });
  if ('error' in done) return { ok: false, error: done.error };
  if (undo) writeUndo(store, configFile, t.profile, null);
  return { ok: true, changed: done.result.changed, signinProfile: done.result.signinProfile, notes: done.result.notes, configFile, backupPath: done.backupPath };
}
