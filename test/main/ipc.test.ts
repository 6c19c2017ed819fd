import { describe, expect, it } from 'vitest';
import { CHANNELS, STATUS_CHANGED_EVENT } from '../../src/shared/ipc-contract';
import { forwardStatusChanges, registerIpcHandlers } from '../../src/main/ipc';
import type { Settings } from '../../src/core/settings';
import { FakeBackend, profile, report } from './stubs/fake-backend';
import { StubIpcMain, StubWebContents } from './stubs/electron';

function setup() {
  const ipcMain = new StubIpcMain();
  const backend = new FakeBackend();
  const ours = new StubWebContents();
  const undo = registerIpcHandlers({
    ipcMain,
    backend,
    isTrustedSender: (event) => event.sender === ours && event.senderFrame?.url === 'file:///app/dist/renderer/index.html',
    knownProfiles: async () => new Set(backend.status.profiles.map((p) => p.name)),
  });
  const good = { sender: ours, senderFrame: { url: 'file:///app/dist/renderer/index.html', parent: null } };
  return { ipcMain, backend, good, undo };
}

describe('registerIpcHandlers', () => {
  it('registers exactly one handler per channel of the contract, and removes them again', () => {
    const { ipcMain, undo } = setup();
    expect([...ipcMain.handlers.keys()].sort()).toEqual([...CHANNELS].sort());
    undo();
    expect(ipcMain.handlers.size).toBe(0);
  });

  it('refuses requests from another sender on every channel without calling the backend', async () => {
    const { ipcMain, backend } = setup();
    const stranger = { sender: new StubWebContents(), senderFrame: { url: 'file:///app/dist/renderer/index.html', parent: null } };
    for (const channel of CHANNELS) {
      await expect(ipcMain.invoke(stranger, channel)).rejects.toThrow(/did not come from the AWS Login Tray window/);
    }
    expect(backend.calls).toEqual([]);
  });

  it('calls the backend for good requests and returns its answer', async () => {
    const { ipcMain, backend, good } = setup();
    expect(await ipcMain.invoke(good, 'status:get')).toBe(backend.status);
    expect(await ipcMain.invoke(good, 'profile:login', 'dev')).toEqual({ ok: true });
    expect(await ipcMain.invoke(good, 'profile:logout', 'prod')).toEqual({ ok: true });
    expect(await ipcMain.invoke(good, 'profile:logout-all')).toEqual({ ok: true });
    expect(await ipcMain.invoke(good, 'profile:set-auto-login', 'prod', true)).toEqual({ ok: true });
    expect(await ipcMain.invoke(good, 'settings:get')).toEqual(backend.settings);
    expect(backend.calls).toEqual([
      { channel: 'status:get', args: [] },
      { channel: 'profile:login', args: ['dev'] },
      { channel: 'profile:logout', args: ['prod'] },
      { channel: 'profile:logout-all', args: [] },
      { channel: 'profile:set-auto-login', args: ['prod', true] },
      { channel: 'settings:get', args: [] },
    ]);
  });

  it('answers bad profile arguments with an error result and never calls the backend', async () => {
    const { ipcMain, backend, good } = setup();
    const bad: [string, unknown[]][] = [
      ['profile:login', ['--debug']],
      ['profile:login', ['nope']],
      ['profile:login', []],
      ['profile:login', [42]],
      ['profile:logout', ['dev', 'extra']],
      ['profile:logout-all', ['prod']],
      ['profile:set-auto-login', ['prod', 'yes']],
    ];
    for (const [channel, args] of bad) {
      const result = (await ipcMain.invoke(good, channel, ...args)) as { ok: boolean; error: { code: string } };
      expect(result.ok, `${channel} ${JSON.stringify(args)}`).toBe(false);
      expect(['invalid-argument', 'unknown-profile']).toContain(result.error.code);
    }
    expect((await ipcMain.invoke(good, 'profile:login', 'nope')) as object).toMatchObject({ error: { code: 'unknown-profile' } });
    expect(backend.calls).toEqual([]);
  });

  it('rejects bad arguments on data channels', async () => {
    const { ipcMain, backend, good } = setup();
    await expect(ipcMain.invoke(good, 'status:get', 'x')).rejects.toThrow(/takes no arguments/);
    await expect(ipcMain.invoke(good, 'settings:save', 'startAtLogin')).rejects.toThrow(/one object of settings/);
    await expect(ipcMain.invoke(good, 'settings:save', null)).rejects.toThrow(/one object of settings/);
    expect(backend.calls).toEqual([]);
  });

  it('saves settings through the backend', async () => {
    const { ipcMain, backend, good } = setup();
    const result = (await ipcMain.invoke(good, 'settings:save', { startAtLogin: false })) as Settings;
    expect(result.startAtLogin).toBe(false);
    expect(backend.calls).toEqual([{ channel: 'settings:save', args: [{ startAtLogin: false }] }]);
  });

  it('uses the profiles of the current status', async () => {
    const { ipcMain, backend, good } = setup();
    backend.status = report([profile('staging', 'logged-out')]);
    expect(await ipcMain.invoke(good, 'profile:login', 'staging')).toEqual({ ok: true });
    expect(await ipcMain.invoke(good, 'profile:login', 'dev')).toMatchObject({ ok: false });
  });
});

describe('forwardStatusChanges', () => {
  it('pushes each status change to the window until unsubscribed', () => {
    const backend = new FakeBackend();
    const wc = new StubWebContents();
    const stop = forwardStatusChanges(backend, { send: (channel, payload) => wc.send(channel, payload) });
    const next = report([profile('prod', 'expired')]);
    backend.push(next);
    stop();
    backend.push(report([]));
    expect(wc.sent).toEqual([{ channel: STATUS_CHANGED_EVENT, args: [next] }]);
  });
});
