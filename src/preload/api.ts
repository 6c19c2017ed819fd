import { STATUS_CHANGED_EVENT, type Channel, type ChannelArgs, type ChannelResult, type IpcResult, type StatusReport, type WireApi } from '../shared/ipc-contract';

/** The two ipcRenderer methods the bridge uses (ipcRenderer itself is never exposed). */
export interface IpcRendererPort {
  invoke(channel: string, ...args: unknown[]): Promise<unknown>;
  on(channel: string, listener: (event: unknown, ...args: unknown[]) => void): unknown;
  removeListener(channel: string, listener: (event: unknown, ...args: unknown[]) => void): unknown;
}

/** The name the page finds the API under: `window.awsLoginTray`. */
export const API_NAME = 'awsLoginTray';

/**
 * The API the preload exposes: one named method per channel of the contract and a status
 * subscription. Only plain arguments and results cross; the IPC event object never reaches the page.
 */
export function buildApi(ipc: IpcRendererPort) {
  const call =
    <C extends Channel>(channel: C) =>
    (...args: ChannelArgs<C>): Promise<IpcResult<ChannelResult<C>>> =>
      ipc.invoke(channel, ...args) as Promise<IpcResult<ChannelResult<C>>>;
  return {
    'status:get': call('status:get'),
    'profile:login': call('profile:login'),
    'profile:cancel-login': call('profile:cancel-login'),
    'profile:login-code': call('profile:login-code'),
    'profile:logout': call('profile:logout'),
    'profile:logout-all': call('profile:logout-all'),
    'profile:set-auto-login': call('profile:set-auto-login'),
    'settings:get': call('settings:get'),
    'settings:save': call('settings:save'),
    onStatusChanged(listener: (status: StatusReport) => void): () => void {
      const forward = (_event: unknown, status: unknown) => listener(status as StatusReport);
      ipc.on(STATUS_CHANGED_EVENT, forward);
      return () => void ipc.removeListener(STATUS_CHANGED_EVENT, forward);
    },
  };
}

/** Exposes the API, and only the API, to the page under `window.awsLoginTray`. */
export function exposeApi(contextBridge: { exposeInMainWorld(key: string, api: unknown): void }, ipc: IpcRendererPort): void {
  contextBridge.exposeInMainWorld(API_NAME, buildApi(ipc));
}

/** The window's API type, derived from the object the preload exposes. */
export type PreloadApi = ReturnType<typeof buildApi>;

type Same<A, B> = [A] extends [B] ? ([B] extends [A] ? true : false) : false;
/** Fails to compile when the preload's API and the contract's WireApi drift apart. */
export const _preloadMatchesContract: Same<PreloadApi, WireApi> = true;
