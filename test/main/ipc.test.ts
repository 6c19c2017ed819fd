import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import type { FilePort, Platform } from '../../src/core/ports';
import { ApiError } from '../../src/shared/api-result';
import { CHANNELS, STATUS_CHANGED_EVENT, unwrapWireApi, type TrayApi } from '../../src/shared/ipc-contract';
import { buildApi } from '../../src/preload/api';
import { forwardStatusChanges, registerIpcHandlers } from '../../src/main/ipc';
import { nodeFilePort } from '../../src/node/fs-port';
import { createTrayService, TrayServiceError } from '../../src/node/tray-service';
import { fakeAwsCalls, FAKE_SESSION, makeAwsSandbox } from '../support/fake-aws';
import { FakeBackend, profile, report } from './stubs/fake-backend';
import { StubIpcMain, StubWebContents } from './stubs/electron';

const ours = new StubWebContents();
const good = { sender: ours, senderFrame: { url: 'app://tray/index.html', parent: null } };

function register<B extends TrayApi>(backend: B) {
  const ipcMain = new StubIpcMain();
  const undo = registerIpcHandlers({
    ipcMain,
    backend,
    isTrustedSender: (event) => event.sender === ours && event.senderFrame?.url === 'app://tray/index.html',
  });
  return { ipcMain, backend, good, undo };
}

const setup = () => register(new FakeBackend());

/** The window's side, as in the app: the preload's API over ipcRenderer (here the strict stub), unwrapped by the renderer. */
function windowApi(ipcMain: StubIpcMain, event: typeof good): TrayApi {
  const ipcRenderer = { invoke: (channel: string, ...args: unknown[]) => ipcMain.invoke(event, channel, ...args), on: () => undefined, removeListener: () => undefined };
  return unwrapWireApi(buildApi(ipcRenderer));
}

const closers: { close(): void }[] = [];
afterEach(() => closers.splice(0).forEach((c) => c.close()));

/** The real tray service over a sandbox, counting every file it reads or stats. */
function realService() {
  const sandbox = makeAwsSandbox(`[profile dev]\nregion = eu-west-1\nlogin_session = ${FAKE_SESSION}\n`);
  const touched: string[] = [];
  const files: FilePort = {
    readText: (path) => (touched.push(path), nodeFilePort.readText(path)),
    stat: (path) => (touched.push(path), nodeFilePort.stat(path)),
    signature: (path) => (touched.push(path), nodeFilePort.signature!(path)),
  };
  const service = createTrayService({ env: sandbox.env, platform: process.platform as Platform, homeDir: sandbox.home, files, setAutoLogin: async () => ({ ok: true }) });
  closers.push(service);
  return { sandbox, service, touched };
}

describe('registerIpcHandlers', () => {
  it('registers exactly one handler per channel of the contract, and removes them again', () => {
    const { ipcMain, undo } = setup();
    expect([...ipcMain.handlers.keys()].sort()).toEqual([...CHANNELS].sort());
    undo();
    expect(ipcMain.handlers.size).toBe(0);
  });

  it('refuses requests from another sender on every channel without calling the backend, as a result', async () => {
    const { ipcMain, backend } = setup();
    const stranger = { sender: new StubWebContents(), senderFrame: { url: 'app://tray/index.html', parent: null } };
    for (const channel of CHANNELS) {
      expect(await ipcMain.invoke(stranger, channel)).toMatchObject({ ok: false, error: { code: 'internal', message: expect.stringMatching(/did not come from the AWS Login Tray window/) } });
    }
    expect(backend.calls).toEqual([]);
  });

  it('routes each channel to its own backend method and returns that answer as a result, structured-cloned', async () => {
    // Each method answers with its own name and arguments, so a handler wired to the wrong method shows.
    const made: object[] = [];
    const answers = new Proxy(new FakeBackend(), {
      get: (target, key) => (key === 'onStatusChanged' ? Reflect.get(target, key) : async (...args: unknown[]) => {
        const answer = { method: key, args, at: new Date(0) };
        made.push(answer);
        return answer;
      }),
    });
    const { ipcMain } = register(answers);
    const sent: [string, unknown[]][] = [
      ['status:get', []], ['profile:login', ['dev']], ['profile:cancel-login', ['dev']], ['profile:login-code', ['dev', 'abc']],
      ['profile:logout', ['prod']], ['profile:logout-all', []],
      ['profile:set-auto-login', ['prod', true]], ['settings:get', []], ['settings:save', [{ startAtLogin: false }]],
    ];
    for (const [channel, args] of sent) {
      const result = (await ipcMain.invoke(good, channel, ...args)) as { ok: true; value: { method: string; args: unknown[]; at: unknown } };
      expect(result).toEqual({ ok: true, value: { method: channel, args, at: new Date(0) } });
      // A structured clone: a Date stays a Date, but it is not the object the backend made.
      expect(result.value.at).toBeInstanceOf(Date);
      expect(result.value).not.toBe(made[made.length - 1]);
      expect(result.value.at).not.toBe((made[made.length - 1] as { at: Date }).at);
    }
    expect(sent.map(([c]) => c).sort()).toEqual([...CHANNELS].sort());
  });

  it("brings a failure's hint to the window through Electron's serialisation (a thrown error would lose it)", async () => {
    const { ipcMain, backend, good } = setup();
    backend.statusError = new TrayServiceError({ code: 'config-error', message: '/h/.aws/config:3: bad line', hint: 'Fix that line of the file, then try again.' });
    const api = windowApi(ipcMain, good);
    const err = await api['status:get']().catch((e: unknown) => e);
    expect(err).toBeInstanceOf(ApiError);
    expect((err as ApiError).userError).toEqual({ code: 'config-error', message: '/h/.aws/config:3: bad line', hint: 'Fix that line of the file, then try again.' });
    // The stub is as strict as Electron: a handler that throws reaches the window as its message only.
    ipcMain.removeHandler('status:get');
    ipcMain.handle('status:get', () => {
      throw backend.statusError;
    });
    const raw = await ipcMain.invoke(good, 'status:get').catch((e: unknown) => e);
    expect((raw as Error).message).toBe("Error invoking remote method 'status:get': TrayServiceError: /h/.aws/config:3: bad line");
    expect((raw as { userError?: unknown }).userError).toBeUndefined();
  });

  it('hands the arguments to the backend as sent: the backend checks them', async () => {
    const seen: unknown[][] = [];
    const backend = new Proxy(new FakeBackend(), {
      get: (target, key) => (key === 'onStatusChanged' ? Reflect.get(target, key) : async (...args: unknown[]) => seen.push([key, ...args])),
    });
    const { ipcMain } = register(backend);
    await ipcMain.invoke(good, 'profile:login', '--debug', 'extra');
    await ipcMain.invoke(good, 'status:get', 'x');
    expect(seen).toEqual([['profile:login', '--debug', 'extra'], ['status:get', 'x']]);
  });

  it('with the real tray service, answers bad profile arguments with an error result and never runs aws', async () => {
    const { sandbox, service } = realService();
    const { ipcMain, good } = register(service);
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
      const result = (await ipcMain.invoke(good, channel, ...args)) as { ok: true; value: { ok: boolean; error: { code: string } } };
      expect(result.value.ok, `${channel} ${JSON.stringify(args)}`).toBe(false);
      expect(['invalid-argument', 'unknown-profile']).toContain(result.value.error.code);
    }
    expect((await ipcMain.invoke(good, 'profile:login', 'nope')) as object).toMatchObject({ ok: true, value: { error: { code: 'unknown-profile' } } });
    expect(fakeAwsCalls(sandbox.logFile, 'login')).toEqual([]);
    expect(fakeAwsCalls(sandbox.logFile, 'logout')).toEqual([]);
  });

  it('with the real tray service, rejects bad arguments on data channels', async () => {
    const { sandbox, service } = realService();
    const { ipcMain, good } = register(service);
    expect(await ipcMain.invoke(good, 'status:get', 'x')).toMatchObject({ ok: false, error: { code: 'invalid-argument', message: expect.stringMatching(/takes no arguments/) } });
    const api = windowApi(ipcMain, good);
    await expect(api['settings:save']('startAtLogin' as never)).rejects.toThrow(/one object of settings/);
    await expect(api['settings:save'](null as never)).rejects.toThrow(/one object of settings/);
    expect(fakeAwsCalls(sandbox.logFile, 'login')).toEqual([]);
  });

  it('checks a profile request once: the same files are read as by a direct service call, and no login cache', async () => {
    const { sandbox, service, touched } = realService();
    const { ipcMain, good } = register(service);
    expect(await service['profile:set-auto-login']('dev', true)).toEqual({ ok: true });
    const direct = touched.splice(0);
    expect(await ipcMain.invoke(good, 'profile:set-auto-login', 'dev', true)).toEqual({ ok: true, value: { ok: true } });
    expect(touched).toEqual(direct);
    expect(direct.filter((p) => p === sandbox.configFile)).toHaveLength(1);
    expect(direct.filter((p) => p.startsWith(sandbox.loginCacheDir))).toEqual([]);
  });

  it('saves settings through the real service: on disk, and in the next settings:get', async () => {
    const { sandbox, service } = realService();
    const { ipcMain } = register(service);
    const api = windowApi(ipcMain, good);
    const saved = await api['settings:save']({ startAtLogin: false, loginTimeoutSeconds: 120 });
    expect(saved).toMatchObject({ startAtLogin: false, loginTimeoutSeconds: 120 });
    expect(JSON.parse(readFileSync(join(sandbox.appHome, 'settings.json'), 'utf8'))).toMatchObject({ startAtLogin: false, loginTimeoutSeconds: 120 });
    expect(await api['settings:get']()).toEqual(saved);
  });

  it('uses the profiles in the config at the time of the request', async () => {
    const { sandbox, service } = realService();
    const { ipcMain, good } = register(service);
    const api = windowApi(ipcMain, good);
    expect(await api['profile:set-auto-login']('staging', true)).toMatchObject({ ok: false, error: { code: 'unknown-profile' } });
    writeFileSync(sandbox.configFile, '[profile staging]\nregion = eu-west-1\n');
    expect(await api['profile:set-auto-login']('staging', true)).toEqual({ ok: true });
    expect(await api['profile:set-auto-login']('dev', true)).toMatchObject({ ok: false, error: { code: 'unknown-profile' } });
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
