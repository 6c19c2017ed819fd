import { CHANNELS, STATUS_CHANGED_EVENT, type Channel, type TrayApi } from '../shared/ipc-contract';
import { validateArgs } from '../shared/validate-args';
import type { InvokeEventLike, IpcMainPort } from './electron-ports';

export interface IpcDeps {
  ipcMain: IpcMainPort;
  backend: TrayApi;
  /** MainWindow.isTrustedSender: our page, main frame, our window. */
  isTrustedSender(event: InvokeEventLike): boolean;
  /** Names of the profiles in the parsed config: profile arguments must be one of them. */
  knownProfiles(): Promise<ReadonlySet<string>>;
}

/** Channels answered with an ActionResult: a bad request becomes a result the page can show. */
const ACTION_CHANNELS: ReadonlySet<Channel> = new Set(['profile:login', 'profile:logout', 'profile:logout-all', 'profile:set-auto-login']);
const NEEDS_PROFILES: ReadonlySet<Channel> = new Set(['profile:login', 'profile:logout', 'profile:set-auto-login']);

/**
 * Registers one handler per channel of the contract. Each handler refuses requests from anything
 * but our own window and checks the arguments before the backend sees them. Returns an undo.
 */
export function registerIpcHandlers(deps: IpcDeps): () => void {
  for (const channel of CHANNELS) {
    deps.ipcMain.handle(channel, async (event, ...args) => {
      if (!deps.isTrustedSender(event)) {
        throw new Error(`Refused "${channel}": the request did not come from the AWS Login Tray window.`);
      }
      const known = NEEDS_PROFILES.has(channel) ? await deps.knownProfiles() : new Set<string>();
      const checked = validateArgs(channel, args, known);
      if (!checked.ok) {
        if (ACTION_CHANNELS.has(channel)) return { ok: false, error: checked.error };
        throw new Error(checked.error.message);
      }
      const method = deps.backend[channel] as unknown as (...a: readonly unknown[]) => Promise<unknown>;
      return method.apply(deps.backend, checked.args);
    });
  }
  return () => {
    for (const channel of CHANNELS) deps.ipcMain.removeHandler(channel);
  };
}

/** Forwards every status change to the window (STATUS_CHANGED_EVENT). Returns the unsubscribe. */
export function forwardStatusChanges(backend: Pick<TrayApi, 'onStatusChanged'>, window: { send(channel: string, payload: unknown): void }): () => void {
  return backend.onStatusChanged((status) => window.send(STATUS_CHANGED_EVENT, status));
}
