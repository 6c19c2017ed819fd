import { toResult } from '../shared/api-result';
import { CHANNELS, STATUS_CHANGED_EVENT, type TrayApi } from '../shared/ipc-contract';
import type { InvokeEventLike, IpcMainPort } from './electron-ports';

export interface IpcDeps {
  ipcMain: IpcMainPort;
  /** The tray service: it checks every request's arguments (and profile names) itself. */
  backend: TrayApi;
  /** MainWindow.isTrustedSender: our page, main frame, our window. */
  isTrustedSender(event: InvokeEventLike): boolean;
}

/**
 * Registers one handler per channel of the contract. Each handler refuses requests from anything
 * but our own window and hands the rest, as sent, to the backend, which checks the arguments
 * (one check for the window and the preview alike). Every handler answers an IpcResult and never
 * throws: Electron would pass only a thrown error's message, and the hint would be lost. Returns an undo.
 */
export function registerIpcHandlers(deps: IpcDeps): () => void {
  for (const channel of CHANNELS) {
    deps.ipcMain.handle(channel, (event, ...args) =>
      toResult(() => {
        if (!deps.isTrustedSender(event)) {
          throw new Error(`Refused "${channel}": the request did not come from the AWS Login Tray window.`);
        }
        const method = deps.backend[channel] as unknown as (...a: readonly unknown[]) => Promise<unknown>;
        return method.apply(deps.backend, args);
      }));
  }
  return () => {
    for (const channel of CHANNELS) deps.ipcMain.removeHandler(channel);
  };
}

/** Forwards every status change to the window (STATUS_CHANGED_EVENT). Returns the unsubscribe. */
export function forwardStatusChanges(backend: Pick<TrayApi, 'onStatusChanged'>, window: { send(channel: string, payload: unknown): void }): () => void {
  return backend.onStatusChanged((status) => window.send(STATUS_CHANGED_EVENT, status));
}
