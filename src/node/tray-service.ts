import type { Clock } from '../core/clock';
import { resolveAppHome } from '../core/app-home';
import { AUTO_LOGIN_WAITING_STATE } from '../core/auto-login-waiting';
import { resolveAwsPaths, resolveHome } from '../core/config/locations';
import type { Env, FilePort, Platform } from '../core/ports';
import type { Settings } from '../core/settings';
import { emptyFactsIndex } from '../core/session/facts-index';
import { readLoginOutput, type LoginProgress } from '../core/login-output';
import { buildStatusReport } from '../core/status';
import type { ActionResult, LoginOptions, StatusReport, TrayApi, UserError } from '../shared/ipc-contract';
import type { Channel, ChannelArgs } from '../shared/ipc-contract';
import { userErrorOf } from '../shared/api-result';
import { validateArgs } from '../shared/validate-args';
import { login, logout, logoutAll, type ActionDeps } from './actions';
import { openAppStore, type AppStore } from './app-store';
import { checkProgramSettings } from './aws-cli/verify';
import { nodeFilePort } from './fs-port';
import { readWaitingSignIns } from './auto-login-waiting';
import { loadKnowledge } from './session-knowledge-store';
import { nativeSha256Hex } from './native-sha256';
import { systemClock } from './system-clock';
import { watchTargets, type WatchTarget } from './watch';
import { readProfileSnapshot, type ProfileSnapshot } from '../core/config/snapshot';

/** Thrown by requests whose result is not an ActionResult; carries the UserError to show. */
export class TrayServiceError extends Error {
  constructor(readonly userError: UserError) {
    super(userError.message);
    this.name = 'TrayServiceError';
  }
}

/** Watches the files the status depends on and calls onChange after they change. */
export type WatchStatusFiles = (onChange: () => void) => { close(): void };

/**
 * The usual `watch` dependency: the AWS config, credentials and login cache that the env points at,
 * and (with the store) the state file where credential helpers say they wait on a browser sign-in.
 */
export function watchStatusFiles(env: Env, platform: Platform, homeDir: string, store?: AppStore): WatchStatusFiles {
  const paths = resolveAwsPaths(env, platform, homeDir);
  const targets: WatchTarget[] = [
    { path: paths.configFile, kind: 'file' },
    { path: paths.credentialsFile, kind: 'file' },
    { path: paths.loginCacheDir, kind: 'dir' },
  ];
  if (store) targets.push({ path: store.stateFile(AUTO_LOGIN_WAITING_STATE), kind: 'file' });
  return (onChange) => watchTargets(targets).on('changed', onChange);
}

/** Everything the service reads from the outside world; the Electron main process and the preview both pass process values. */
export interface TrayServiceDeps {
  /** The process environment: AWS_CONFIG_FILE, AWS_SHARED_CREDENTIALS_FILE, AWS_LOGIN_CACHE_DIRECTORY, AWS_LOGIN_TRAY_HOME, AWS_LOGIN_TRAY_AWS_CLI, HOME. */
  env: Env;
  platform: Platform;
  /** os.homedir(), used only when HOME (USERPROFILE on Windows) is unset. */
  homeDir: string;
  clock?: Clock;
  files?: FilePort;
  /** Defaults to the store under the app home (AWS_LOGIN_TRAY_HOME, else the platform folder). */
  store?: AppStore;
  /** Turns auto-login on or off for a profile; without it the switch answers that it is not available. */
  setAutoLogin?: (profile: string, enabled: boolean) => Promise<ActionResult>;
  /** Feeds onStatusChanged; without it the status is pushed only after this service's own actions. */
  watch?: WatchStatusFiles;
  /** Called after settings are saved (the Electron main process applies startAtLogin there). */
  onSettingsSaved?: (settings: Settings) => void;
}

const AUTO_LOGIN_UNAVAILABLE: UserError = {
  code: 'internal',
  message: 'Auto-login is not available yet',
  hint: 'For now, set up auto-login by hand in your AWS config file.',
};

/** Requests that name a profile: only these need the config parsed before they are checked. */
const PROFILE_CHANNELS: ReadonlySet<Channel> = new Set(['profile:login', 'profile:cancel-login', 'profile:login-code', 'profile:logout', 'profile:set-auto-login']);

/** Output kept per running login, enough for the URL and the code prompt. */
const MAX_LOGIN_OUTPUT = 64 * 1024;

/** A login this service started and still runs: its progress, its cancel and (with --remote) its stdin. */
interface RunningLogin {
  progress: LoginProgress;
  output: string;
  controller: AbortController;
  write: ((text: string) => void) | null;
}

function configError(err: unknown): UserError {
  const message = err instanceof Error ? err.message : String(err);
  return { code: 'config-error', message, hint: 'Fix that line of the file, then try again.' };
}

/** The TrayApi backed by the real core and adapters: one implementation for the Electron window and the browser preview. */
export function createTrayService(deps: TrayServiceDeps): TrayApi & { close(): void; refresh(): void } {
  const clock = deps.clock ?? systemClock;
  const files = deps.files ?? nodeFilePort;
  const store = deps.store ?? openAppStore(resolveAppHome(deps.env, deps.platform, resolveHome(deps.env, deps.platform, deps.homeDir)));
  const listeners = new Set<(status: StatusReport) => void>();
  // Long-lived: kept in memory so each refresh reads only the cache files that changed.
  const factsIndex = emptyFactsIndex();

  const running = new Map<string, RunningLogin>();
  const withProgress = (report: StatusReport): StatusReport =>
    running.size === 0 ? report : { ...report, profiles: report.profiles.map((p) => {
      const r = running.get(p.name);
      return r ? { ...p, loginInProgress: { ...r.progress } } : p;
    }) };

  const status = (snapshot?: ProfileSnapshot): StatusReport =>
    withProgress(buildStatusReport({
      snapshot,
      files,
      env: deps.env,
      platform: deps.platform,
      clock,
      homeDir: deps.homeDir,
      settings: store.loadSettings(),
      recordedLogins: store.loadRecordedLogins(),
      knowledge: loadKnowledge(store),
      waitingSignIns: readWaitingSignIns(store),
      factsIndex,
      sha256Hex: nativeSha256Hex,
    }));

  const emit = (snapshot?: ProfileSnapshot): void => {
    if (listeners.size === 0) return;
    let report: StatusReport;
    try {
      report = status(snapshot);
    } catch {
      return; // A half-written or broken config: the next status:get shows the error.
    }
    for (const listener of listeners) listener(report);
  };

  /** The config and credentials files right now, read once for this request: parsed only, no login cache read. */
  const snapshotNow = (): ProfileSnapshot => readProfileSnapshot(files, resolveAwsPaths(deps.env, deps.platform, deps.homeDir));

  /**
   * Checks a request against the contract and the profiles in the config right now. The one place
   * requests are checked: the Electron IPC handlers and the preview server pass them on unchecked.
   */
  const check = <C extends Channel>(channel: C, args: unknown[]): { ok: true; args: ChannelArgs<C>; snapshot?: ProfileSnapshot } | { ok: false; error: UserError } => {
    let known = new Set<string>();
    let snapshot: ProfileSnapshot | undefined;
    if (PROFILE_CHANNELS.has(channel)) {
      try {
        snapshot = snapshotNow();
        known = new Set(snapshot.profiles.map((p) => p.name));
      } catch (err) {
        return { ok: false, error: configError(err) };
      }
    }
    const valid = validateArgs(channel, args, known);
    return valid.ok ? { ...valid, snapshot } : valid;
  };

  /** One request's files: read once by check, handed to the action, refreshed when the action reads them again. */
  interface RequestFiles {
    snapshot?: ProfileSnapshot;
    /** False once the action changed the config itself (the auto-login switch): the push reads it again. */
    reusable: boolean;
  }

  const actionDeps = (req: RequestFiles): ActionDeps => ({
    env: deps.env, platform: deps.platform, homeDir: deps.homeDir, store, clock, files,
    snapshot: req.snapshot,
    onSnapshot: (s) => {
      req.snapshot = s;
    },
  });


  /** Runs one login with its output followed (URL, code prompt) and a Cancel; one at a time per profile. */
  const runLogin = async (name: string, options: LoginOptions = {}, req: RequestFiles = { reusable: true }): Promise<ActionResult> => {
    if (running.has(name)) {
      return { ok: false, error: { code: 'login-in-progress', message: `A login to ${name} is already running.`, hint: 'Finish it in the browser, or press Cancel.' } };
    }
    const entry: RunningLogin = { progress: { url: null, needsCode: false, remote: options.remote === true, startedAt: clock.now() }, output: '', controller: new AbortController(), write: null };
    running.set(name, entry);
    // Progress pushes show the files as this request read them: the login itself changes only the login cache.
    emit(req.snapshot);
    try {
      return await login(name, {
        ...actionDeps(req),
        signal: entry.controller.signal,
        ...(options.region ? { region: options.region } : {}),
        remote: options.remote === true,
        onLoginOutput: (text) => {
          if (entry.output.length >= MAX_LOGIN_OUTPUT) return;
          entry.output += text.slice(0, MAX_LOGIN_OUTPUT - entry.output.length);
          const seen = readLoginOutput(entry.output);
          if (seen.url !== entry.progress.url || seen.needsCode !== entry.progress.needsCode) {
            entry.progress = { ...entry.progress, ...seen };
            emit(req.snapshot);
          }
        },
        onLoginStdin: (write) => void (entry.write = write),
      });
    } finally {
      running.delete(name);
    }
  };

  const cancelLogin = async (name: string): Promise<ActionResult> => {
    const entry = running.get(name);
    if (!entry) return { ok: true, message: `No login to ${name} is running.` };
    entry.controller.abort();
    return { ok: true, message: `Cancelled the login to ${name}.` };
  };

  const sendCode = async (name: string, code: string): Promise<ActionResult> => {
    const entry = running.get(name);
    if (!entry?.write || !entry.progress.needsCode) {
      return { ok: false, error: { code: 'invalid-argument', message: `No login to ${name} is waiting for a code.`, hint: 'Start it with "Log in on another device".' } };
    }
    entry.write(`${code.trim()}\n`);
    entry.progress = { ...entry.progress, needsCode: false };
    emit();
    return { ok: true, message: 'Code sent; finishing the sign-in…' };
  };

  const action = async <C extends Channel>(
    channel: C, args: unknown[], run: (valid: ChannelArgs<C>, req: RequestFiles) => Promise<ActionResult>,
  ): Promise<ActionResult> => {
    const valid = check(channel, args);
    if (!valid.ok) return { ok: false, error: valid.error };
    const req: RequestFiles = { snapshot: valid.snapshot, reusable: true };
    try {
      return await run(valid.args, req);
    } catch (err) {
      return { ok: false, error: userErrorOf(err) };
    } finally {
      // One status push per action, from the files as the action last read them.
      emit(req.reusable ? req.snapshot : undefined);
    }
  };

  const orThrow = <C extends Channel>(channel: C, args: unknown[]): ChannelArgs<C> => {
    const valid = check(channel, args);
    if (!valid.ok) throw new TrayServiceError(valid.error);
    return valid.args;
  };

  const watcher = deps.watch?.(() => emit()) ?? null;

  return {
    async 'status:get'(...args: unknown[]) {
      orThrow('status:get', args);
      try {
        return status();
      } catch (err) {
        throw new TrayServiceError(configError(err));
      }
    },
    'profile:login': (...args: unknown[]) => action('profile:login', args, ([name, options], req) => runLogin(name, options, req)),
    'profile:cancel-login': (...args: unknown[]) => action('profile:cancel-login', args, ([name]) => cancelLogin(name)),
    'profile:login-code': (...args: unknown[]) => action('profile:login-code', args, ([name, code]) => sendCode(name, code)),
    'profile:logout': (...args: unknown[]) => action('profile:logout', args, ([name], req) => logout(name, actionDeps(req))),
    'profile:logout-all': (...args: unknown[]) => action('profile:logout-all', args, (_args, req) => logoutAll(actionDeps(req))),
    'profile:set-auto-login': (...args: unknown[]) =>
      action('profile:set-auto-login', args, ([name, enabled], req) => {
        req.reusable = false; // the switch edits the config
        return deps.setAutoLogin ? deps.setAutoLogin(name, enabled) : Promise.resolve({ ok: false, error: AUTO_LOGIN_UNAVAILABLE });
      }),
    async 'settings:get'(...args: unknown[]) {
      orThrow('settings:get', args);
      return store.loadSettings();
    },
    async 'settings:save'(...args: unknown[]) {
      const [patch] = orThrow('settings:save', args);
      // A setting naming a program must be an AWS CLI before any login runs it (README, threat model).
      const notAwsCli = await checkProgramSettings(patch, store.loadSettings(), deps.env);
      if (notAwsCli) throw new TrayServiceError(notAwsCli);
      let saved: Settings;
      try {
        saved = await store.saveSettings(patch);
      } catch (err) {
        throw new TrayServiceError({ code: 'invalid-argument', message: err instanceof Error ? err.message : String(err), hint: `Nothing was saved to ${store.home}.` });
      }
      deps.onSettingsSaved?.(saved);
      emit();
      return saved;
    },
    onStatusChanged(listener) {
      listeners.add(listener);
      return () => listeners.delete(listener);
    },
    /** Pushes a new status to the listeners (something outside the watched files changed, e.g. a session check). */
    refresh: () => emit(),
    close() {
      watcher?.close();
      listeners.clear();
      for (const entry of running.values()) entry.controller.abort();
    },
  };
}
