import { existsSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import type { FilePort, Platform } from '../../src/core/ports';
import { nodeFilePort } from '../../src/node/fs-port';
import { createTrayService, TrayServiceError, type TrayServiceDeps } from '../../src/node/tray-service';
import type { ActionResult, StatusReport } from '../../src/shared/ipc-contract';
import { fakeAwsCalls, FAKE_SESSION, makeAwsSandbox, type AwsSandbox } from '../support/fake-aws';

const CONFIG = `[profile dev]\nregion = eu-west-1\nlogin_session = ${FAKE_SESSION}\n\n[profile keys]\naws_access_key_id = AKIAFAKEEXAMPLE\naws_secret_access_key = fakeSecretNotReal\n`;

const services: { close(): void }[] = [];
function serviceFor(sandbox: AwsSandbox, deps: Partial<TrayServiceDeps> = {}) {
  const s = createTrayService({ env: sandbox.env, platform: process.platform as Platform, homeDir: sandbox.home, ...deps });
  services.push(s);
  return s;
}
afterEach(() => services.splice(0).forEach((s) => s.close()));

const call = (api: object, channel: string, ...args: unknown[]) => (api as Record<string, (...a: unknown[]) => Promise<unknown>>)[channel]!(...args);

describe('createTrayService', () => {
  it('reports every profile of the sandbox config, honouring AWS_CONFIG_FILE and the login cache folder', async () => {
    const sandbox = makeAwsSandbox(CONFIG);
    const status = await serviceFor(sandbox)['status:get']();
    expect(status.configFile).toBe(sandbox.configFile);
    expect(status.loginCacheDir).toBe(sandbox.loginCacheDir);
    expect(status.profiles.map((p) => [p.name, p.kind, p.state])).toEqual([
      ['dev', 'login', 'logged-out'],
      ['keys', 'static-keys', null],
    ]);
  });

  it('refuses an unknown profile without running aws', async () => {
    const sandbox = makeAwsSandbox(CONFIG);
    const result = (await call(serviceFor(sandbox), 'profile:login', 'nope')) as ActionResult;
    expect(result).toMatchObject({ ok: false, error: { code: 'unknown-profile' } });
    expect(fakeAwsCalls(sandbox.logFile, 'login')).toEqual([]);
  });

  it('checks a profile name against the config and credentials files only, without building a status report', async () => {
    const sandbox = makeAwsSandbox(CONFIG);
    const touched: string[] = [];
    const files: FilePort = {
      readText: (path) => (touched.push(path), nodeFilePort.readText(path)),
      stat: (path) => (touched.push(path), nodeFilePort.stat(path)),
      signature: (path) => (touched.push(path), nodeFilePort.signature!(path)),
    };
    const api = serviceFor(sandbox, { files, setAutoLogin: async () => ({ ok: true }) });
    expect(await api['profile:set-auto-login']('dev', true)).toEqual({ ok: true });
    expect(await api['profile:set-auto-login']('nope', true)).toMatchObject({ ok: false, error: { code: 'unknown-profile' } });
    expect(touched).toEqual([sandbox.configFile, sandbox.credentialsFile, sandbox.configFile, sandbox.credentialsFile]);
    // A profile that exists only in the credentials file is known too.
    writeFileSync(sandbox.credentialsFile, '[only-creds]\naws_access_key_id = AKIAFAKEEXAMPLE\naws_secret_access_key = fakeSecretNotReal\n');
    expect(await api['profile:set-auto-login']('only-creds', true)).toEqual({ ok: true });
  });

  it('refuses option-like names, wrong argument counts and wrong types', async () => {
    const api = serviceFor(makeAwsSandbox(CONFIG));
    expect(await call(api, 'profile:logout', '--all')).toMatchObject({ ok: false, error: { code: 'invalid-argument' } });
    expect(await call(api, 'profile:login')).toMatchObject({ ok: false, error: { code: 'invalid-argument' } });
    expect(await call(api, 'profile:login', 'dev', 'extra')).toMatchObject({ ok: false, error: { code: 'invalid-argument' } });
    expect(await call(api, 'profile:set-auto-login', 'dev', 'yes')).toMatchObject({ ok: false, error: { code: 'invalid-argument' } });
    expect(await call(api, 'profile:logout-all', 'dev')).toMatchObject({ ok: false, error: { code: 'invalid-argument' } });
    await expect(call(api, 'status:get', 'x')).rejects.toBeInstanceOf(TrayServiceError);
    await expect(call(api, 'settings:save', [])).rejects.toMatchObject({ userError: { code: 'invalid-argument' } });
  });

  it('logs in and out through aws, and pushes the new status to listeners', async () => {
    const sandbox = makeAwsSandbox(CONFIG);
    const api = serviceFor(sandbox);
    const pushed: StatusReport[] = [];
    api.onStatusChanged((s) => pushed.push(s));
    expect(await api['profile:login']('dev')).toMatchObject({ ok: true });
    expect(fakeAwsCalls(sandbox.logFile, 'login').map((c) => c.argv)).toEqual([expect.arrayContaining(['login', '--profile', 'dev'])]);
    expect((await api['status:get']()).profiles[0]!.state).toBe('active');
    expect(pushed.at(-1)!.profiles[0]!.state).toBe('active');
    expect(await api['profile:logout']('dev')).toMatchObject({ ok: true });
    expect((await api['status:get']()).profiles[0]!.state).toBe('logged-out');
  });

  it('answers the auto-login switch with an error until a setAutoLogin is given, then delegates to it', async () => {
    const sandbox = makeAwsSandbox(CONFIG);
    expect(await serviceFor(sandbox)['profile:set-auto-login']('dev', true)).toEqual({
      ok: false,
      error: expect.objectContaining({ message: 'Auto-login is not available yet' }),
    });
    const seen: [string, boolean][] = [];
    const api = serviceFor(sandbox, { setAutoLogin: async (p, on) => (seen.push([p, on]), { ok: true }) });
    expect(await api['profile:set-auto-login']('dev', false)).toEqual({ ok: true });
    expect(await api['profile:set-auto-login']('ghost', true)).toMatchObject({ ok: false, error: { code: 'unknown-profile' } });
    expect(seen).toEqual([['dev', false]]);
  });

  it('saves settings to settings.json under AWS_LOGIN_TRAY_HOME and refuses bad values without writing', async () => {
    const sandbox = makeAwsSandbox(CONFIG);
    const saved: unknown[] = [];
    const api = serviceFor(sandbox, { onSettingsSaved: (s) => saved.push(s) });
    const file = join(sandbox.appHome, 'settings.json');
    await expect(api['settings:save']({ defaultMaxSessionHours: 99 })).rejects.toMatchObject({ userError: { code: 'invalid-argument', message: expect.stringContaining('defaultMaxSessionHours') } });
    expect(existsSync(file)).toBe(false);
    const result = await api['settings:save']({ warningLeadMinutes: [5, 30], maxSessionHours: { dev: 1 } });
    expect(result.warningLeadMinutes).toEqual([30, 5]);
    expect(JSON.parse(readFileSync(file, 'utf8'))).toMatchObject({ warningLeadMinutes: [30, 5], maxSessionHours: { dev: 1 } });
    expect(await api['settings:get']()).toEqual(result);
    expect(saved).toEqual([result]);
  });

  it('turns a broken config into a config-error naming the file, for status and for actions', async () => {
    const sandbox = makeAwsSandbox(CONFIG);
    writeFileSync(sandbox.configFile, '[profile dev\nregion = x\n');
    const api = serviceFor(sandbox);
    await expect(api['status:get']()).rejects.toMatchObject({ userError: { code: 'config-error', message: expect.stringContaining(sandbox.configFile) } });
    expect(await api['profile:login']('dev')).toMatchObject({ ok: false, error: { code: 'config-error' } });
    // Settings stay usable while the AWS config is broken.
    await expect(api['settings:save']({ startAtLogin: false })).resolves.toMatchObject({ startAtLogin: false });
  });

  it('pushes a fresh status when the watcher reports a change, and stops the watcher on close', async () => {
    const sandbox = makeAwsSandbox(CONFIG);
    let fire = (): void => undefined;
    let closed = false;
    const api = createTrayService({ env: sandbox.env, platform: process.platform as Platform, homeDir: sandbox.home, watch: (onChange) => ((fire = onChange), { close: () => (closed = true) }) });
    const pushed: StatusReport[] = [];
    api.onStatusChanged((s) => pushed.push(s));
    writeFileSync(sandbox.configFile, CONFIG + '\n[profile added]\nregion = us-east-1\n');
    fire();
    expect(pushed.at(-1)!.profiles.map((p) => p.name)).toEqual(['dev', 'keys', 'added']);
    api.close();
    expect(closed).toBe(true);
  });
});
