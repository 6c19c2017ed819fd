import { AUTO_LOGIN_WAITING_STATE, markWaitingForSignIn, parseWaitingState } from '../core/auto-login-waiting';
import type { StatusReport, TrayApi } from '../shared/ipc-contract';
import type { AppStore } from './app-store';
import { watchTargets } from './watch';

/** True while process `pid` exists (EPERM: it exists but is someone else's). */
export function processAlive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch (err) {
    return (err as NodeJS.ErrnoException).code === 'EPERM';
  }
}

/** Sign-in profile -> since when a live helper waits for it; entries of helpers that died are ignored. */
export function readWaitingSignIns(store: AppStore, isAlive: (pid: number) => boolean = processAlive): Map<string, number> {
  let json: unknown = null;
  try {
    json = store.readJson(AUTO_LOGIN_WAITING_STATE);
  } catch {
    // Unreadable state is only a missing courtesy: show no waiting.
  }
  const out = new Map<string, number>();
  for (const [signin, e] of parseWaitingState(json)) if (isAlive(e.pid)) out.set(signin, e.since);
  return out;
}

export interface WaitingOptions {
  store: AppStore;
  isAlive?: (pid: number) => boolean;
  /** Push a new status when the waiting state file changes (default true). */
  watch?: boolean;
}

/**
 * The service with "waiting for browser sign-in" marked on its status reports (status:get and the
 * pushes), and a push when a helper starts or stops waiting: for the tray, the window and the preview.
 */
export function withAutoLoginWaiting<T extends TrayApi & { close(): void }>(service: T, o: WaitingOptions): T {
  const mark = (report: StatusReport): StatusReport => markWaitingForSignIn(report, readWaitingSignIns(o.store, o.isAlive));
  const listeners = new Set<(status: StatusReport) => void>();
  const push = (report: StatusReport): void => {
    if (listeners.size === 0) return;
    const marked = mark(report);
    for (const listener of listeners) listener(marked);
  };
  const unsubscribe = service.onStatusChanged(push);
  const watcher = o.watch === false ? null : watchTargets([{ path: o.store.stateFile(AUTO_LOGIN_WAITING_STATE), kind: 'file' }]).on('changed', () => {
    if (listeners.size > 0) service['status:get']().then(push, () => undefined); // A broken config: status:get shows it.
  });
  return {
    ...service,
    'status:get': async (...args: []) => mark(await service['status:get'](...args)),
    onStatusChanged(listener: (status: StatusReport) => void) {
      listeners.add(listener);
      return () => listeners.delete(listener);
    },
    close() {
      watcher?.close();
      unsubscribe();
      listeners.clear();
      service.close();
    },
  };
}
