import type { Settings } from '../core/settings';
import type { StatusReport } from '../core/session/types';
import { unwrapResult, type IpcResult } from './api-result';
import type { ActionResult } from './errors';

export type { Settings, StatusReport, ActionResult, IpcResult };
export type { ProfileStatus, SessionState } from '../core/session/types';
export type { ProfileKind } from '../core/profile-kind-types';
export type { UserError, UserErrorCode } from './errors';
export type { LoginProgress } from '../core/login-output';

/** How the window asks for a login: a region for a profile that has none, or `--remote`. */
export interface LoginOptions {
  region?: string;
  remote?: boolean;
}

/**
 * The one IPC contract: every request channel with its arguments and result. The Electron preload,
 * the main-process handlers and the browser preview (over HTTP) are all typed from this map.
 */
export interface IpcContract {
  'status:get': { args: []; result: StatusReport };
  'profile:login': { args: [profile: string, options?: LoginOptions]; result: ActionResult };
  /** Ends a login this app is running for the profile (and the whole `aws login` process tree). */
  'profile:cancel-login': { args: [profile: string]; result: ActionResult };
  /** Types the code the browser shows into a running `aws login --remote`. */
  'profile:login-code': { args: [profile: string, code: string]; result: ActionResult };
  'profile:logout': { args: [profile: string]; result: ActionResult };
  'profile:logout-all': { args: []; result: ActionResult };
  'profile:set-auto-login': { args: [profile: string, enabled: boolean]; result: ActionResult };
  'settings:get': { args: []; result: Settings };
  'settings:save': { args: [patch: Partial<Settings>]; result: Settings };
}

export type Channel = keyof IpcContract;
export type ChannelArgs<C extends Channel> = IpcContract[C]['args'];
export type ChannelResult<C extends Channel> = IpcContract[C]['result'];

/** Every channel, checked at compile time against the contract in both directions. */
export const CHANNELS = [
  'status:get',
  'profile:login',
  'profile:cancel-login',
  'profile:login-code',
  'profile:logout',
  'profile:logout-all',
  'profile:set-auto-login',
  'settings:get',
  'settings:save',
] as const satisfies readonly Channel[];

type Missing = Exclude<Channel, (typeof CHANNELS)[number]>;
/** Fails to compile when a channel of the contract is missing from CHANNELS. */
export const _allChannelsListed: [Missing] extends [never] ? true : Missing = true;

/** Main → renderer push: the status changed (login elsewhere, a countdown crossed a threshold). */
export const STATUS_CHANGED_EVENT = 'status:changed';

/**
 * What the preload exposes and IPC carries: every channel answers an IpcResult (a thrown error
 * would arrive as its message only). The window turns it back into a TrayApi (unwrapWireApi).
 */
export type WireApi = {
  [C in Channel]: (...args: ChannelArgs<C>) => Promise<IpcResult<ChannelResult<C>>>;
} & {
  onStatusChanged(listener: (status: StatusReport) => void): () => void;
};

/** The TrayApi over a WireApi: each result's value, or an ApiError carrying its UserError. */
export function unwrapWireApi(wire: WireApi): TrayApi {
  const api = { onStatusChanged: (listener: (status: StatusReport) => void) => wire.onStatusChanged(listener) } as Record<string, unknown>;
  for (const channel of CHANNELS) {
    const method = wire[channel] as unknown as (...args: unknown[]) => Promise<unknown>;
    api[channel] = async (...args: unknown[]) => unwrapResult(await method(...args));
  }
  return api as TrayApi;
}

/** The API the window uses, whether backed by Electron IPC or by the preview's HTTP server. */
export type TrayApi = {
  [C in Channel]: (...args: ChannelArgs<C>) => Promise<ChannelResult<C>>;
} & {
  onStatusChanged(listener: (status: StatusReport) => void): () => void;
};
