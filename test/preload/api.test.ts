import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { API_NAME, buildApi, exposeApi, type IpcRendererPort } from '../../src/preload/api';
import { CHANNELS, STATUS_CHANGED_EVENT, type StatusReport } from '../../src/shared/ipc-contract';

type Listener = (event: unknown, ...args: unknown[]) => void;

class StubIpcRenderer implements IpcRendererPort {
  invoked: { channel: string; args: unknown[] }[] = [];
  listeners = new Map<string, Set<Listener>>();
  async invoke(channel: string, ...args: unknown[]): Promise<unknown> {
    this.invoked.push({ channel, args });
    return { answered: channel };
  }
  on(channel: string, listener: Listener): this {
    if (!this.listeners.has(channel)) this.listeners.set(channel, new Set());
    this.listeners.get(channel)!.add(listener);
    return this;
  }
  removeListener(channel: string, listener: Listener): this {
    this.listeners.get(channel)?.delete(listener);
    return this;
  }
  emit(channel: string, ...args: unknown[]): void {
    const event = { sender: 'the IPC event, which must not reach the page' };
    for (const l of this.listeners.get(channel) ?? []) l(event, ...args);
  }
}

describe('preload API', () => {
  it('exposes exactly one method per channel plus onStatusChanged, under window.awsLoginTray', () => {
    const exposed: [string, unknown][] = [];
    exposeApi({ exposeInMainWorld: (key, api) => void exposed.push([key, api]) }, new StubIpcRenderer());
    expect(exposed).toHaveLength(1);
    const [key, api] = exposed[0]!;
    // The renderer looks for exactly this name (src/renderer/app.ts reads window.awsLoginTray).
    expect(key).toBe(API_NAME);
    expect(readFileSync(join(__dirname, '../../src/renderer/app.ts'), 'utf8')).toContain(`window.${API_NAME}`);
    expect(Object.keys(api as object).sort()).toEqual([...CHANNELS, 'onStatusChanged'].sort());
    for (const value of Object.values(api as object)) expect(typeof value).toBe('function');
  });

  it('turns each method into an invoke on its own channel with its arguments', async () => {
    const ipc = new StubIpcRenderer();
    const api = buildApi(ipc);
    expect(await api['status:get']()).toEqual({ answered: 'status:get' });
    await api['profile:login']('prod');
    await api['profile:logout']('prod');
    await api['profile:logout-all']();
    await api['profile:set-auto-login']('dev', true);
    await api['settings:get']();
    await api['settings:save']({ startAtLogin: false });
    expect(ipc.invoked).toEqual([
      { channel: 'status:get', args: [] },
      { channel: 'profile:login', args: ['prod'] },
      { channel: 'profile:logout', args: ['prod'] },
      { channel: 'profile:logout-all', args: [] },
      { channel: 'profile:set-auto-login', args: ['dev', true] },
      { channel: 'settings:get', args: [] },
      { channel: 'settings:save', args: [{ startAtLogin: false }] },
    ]);
  });

  it('passes status pushes to the listener without the IPC event, until unsubscribed', () => {
    const ipc = new StubIpcRenderer();
    const api = buildApi(ipc);
    const seen: unknown[][] = [];
    const stop = api.onStatusChanged((...args) => void seen.push(args));
    const status = { generatedAt: 1, profiles: [] } as unknown as StatusReport;
    ipc.emit(STATUS_CHANGED_EVENT, status);
    stop();
    ipc.emit(STATUS_CHANGED_EVENT, status);
    expect(seen).toEqual([[status]]);
    expect(ipc.listeners.get(STATUS_CHANGED_EVENT)?.size).toBe(0);
  });
});
