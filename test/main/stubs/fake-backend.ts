/** An in-memory TrayApi that records calls, standing in for src/node/tray-service.ts. */
import type { ProfileStatus, SessionState, StatusReport } from '../../../src/core/session/types';
import { DEFAULT_SETTINGS, type Settings } from '../../../src/core/settings';
import type { ActionResult, TrayApi } from '../../../src/shared/ipc-contract';
import { NO_SESSION, profileStatus } from '../../support/profile-status';

export const NOW = Date.UTC(2025, 11, 5, 9, 0, 0);
export const MIN = 60_000;

export function profile(name: string, state: SessionState, sessionExpiresAt: number | null = null): ProfileStatus {
  return profileStatus({ ...NO_SESSION, name, state, loginSession: `arn:aws:iam::123456789012:user/${name}`, sessionExpiresAt });
}

export function report(profiles: ProfileStatus[], generatedAt = NOW): StatusReport {
  return {
    generatedAt,
    configFile: '/home/u/.aws/config',
    credentialsFile: '/home/u/.aws/credentials',
    loginCacheDir: '/home/u/.aws/login/cache',
    configFound: true,
    profiles,
  };
}

export class FakeBackend implements TrayApi {
  calls: { channel: string; args: unknown[] }[] = [];
  status: StatusReport = report([profile('prod', 'active', NOW + 222 * MIN), profile('dev', 'logged-out')]);
  settings: Settings = structuredClone(DEFAULT_SETTINGS) as Settings;
  loginResult: ActionResult = { ok: true };
  /** When set, status:get rejects with it (e.g. a config file that cannot be parsed). */
  statusError: Error | null = null;
  private listeners = new Set<(s: StatusReport) => void>();

  private record(channel: string, args: unknown[]): void {
    this.calls.push({ channel, args });
  }
  /** Pushes a new status to every subscriber, as the real service does when files change. */
  push(status: StatusReport): void {
    this.status = status;
    for (const l of this.listeners) l(status);
  }
  get subscriberCount(): number {
    return this.listeners.size;
  }

  async 'status:get'(): Promise<StatusReport> {
    this.record('status:get', []);
    if (this.statusError) throw this.statusError;
    return this.status;
  }
  async 'profile:login'(profileName: string): Promise<ActionResult> {
    this.record('profile:login', [profileName]);
    return this.loginResult;
  }
  async 'profile:cancel-login'(profileName: string): Promise<ActionResult> {
    this.record('profile:cancel-login', [profileName]);
    return { ok: true };
  }
  async 'profile:login-code'(profileName: string, code: string): Promise<ActionResult> {
    this.record('profile:login-code', [profileName, code]);
    return { ok: true };
  }
  async 'profile:logout'(profileName: string): Promise<ActionResult> {
    this.record('profile:logout', [profileName]);
    return { ok: true };
  }
  async 'profile:logout-all'(): Promise<ActionResult> {
    this.record('profile:logout-all', []);
    return { ok: true };
  }
  async 'profile:set-auto-login'(profileName: string, enabled: boolean): Promise<ActionResult> {
    this.record('profile:set-auto-login', [profileName, enabled]);
    return { ok: true };
  }
  async 'settings:get'(): Promise<Settings> {
    this.record('settings:get', []);
    return this.settings;
  }
  async 'settings:save'(patch: Partial<Settings>): Promise<Settings> {
    this.record('settings:save', [patch]);
    this.settings = { ...this.settings, ...patch };
    return this.settings;
  }
  onStatusChanged(listener: (status: StatusReport) => void): () => void {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  }
}
