import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { parseLauncherRuntime } from '../../src/core/launcher-script';
import type { Platform } from '../../src/core/ports';
import type { Settings } from '../../src/core/settings';
import { launcherPath } from '../../src/node/launcher';
import { createTrayBackend, type TrayBackend } from '../../src/node/tray-backend';
import type { StatusReport } from '../../src/shared/ipc-contract';
import { FAKE_SESSION, makeAwsSandbox, type AwsSandbox } from '../support/fake-aws';

const platform: Platform = process.platform === 'darwin' || process.platform === 'win32' ? process.platform : 'linux';
const CONFIG = `[profile dev]\nregion = eu-west-1\nlogin_session = ${FAKE_SESSION}\n`;

const backends: TrayBackend[] = [];
afterEach(() => backends.splice(0).forEach((b) => b.service.close()));

function backendFor(sandbox: AwsSandbox, extra: { onSettingsSaved?: (s: Settings) => void; appHome?: string } = {}): TrayBackend {
  const helper = join(sandbox.root, 'helper.cjs');
  writeFileSync(helper, '');
  const backend = createTrayBackend({ env: sandbox.env, platform, homeDir: sandbox.home, helperRuntime: { execPath: process.execPath, args: [helper] }, ...extra });
  backends.push(backend);
  return backend;
}

describe('createTrayBackend', () => {
  it('keeps its store under AWS_LOGIN_TRAY_HOME unless an app home is given, and reports saved settings', async () => {
    const sandbox = makeAwsSandbox(CONFIG);
    const saved: Settings[] = [];
    const { service, store } = backendFor(sandbox, { onSettingsSaved: (s) => saved.push(s) });
    expect(store.home).toBe(sandbox.appHome);
    const result = await service['settings:save']({ startAtLogin: false });
    expect(JSON.parse(readFileSync(join(sandbox.appHome, 'settings.json'), 'utf8'))).toMatchObject({ startAtLogin: false });
    expect(saved).toEqual([result]);

    const elsewhere = join(sandbox.root, 'other-home');
    expect(backendFor(makeAwsSandbox(CONFIG), { appHome: elsewhere }).store.home).toBe(elsewhere);
  });

  it('wires the auto-login switch to the given helper runtime', async () => {
    const sandbox = makeAwsSandbox(CONFIG);
    const { service } = backendFor(sandbox);
    expect(await service['profile:set-auto-login']('dev', true)).toMatchObject({ ok: true });
    expect(parseLauncherRuntime(readFileSync(launcherPath(sandbox.appHome, platform), 'utf8'))).toEqual({ execPath: process.execPath, args: [join(sandbox.root, 'helper.cjs')] });
    expect((await service['status:get']()).profiles.map((p) => [p.name, p.kind])).toEqual([['dev', 'auto-login'], ['dev-signin', 'login']]);
    expect(await service['profile:set-auto-login']('dev', false)).toMatchObject({ ok: true });
    expect(readFileSync(sandbox.configFile, 'utf8')).toBe(CONFIG);
  });

  it('marks profiles a credential helper is waiting on', async () => {
    const sandbox = makeAwsSandbox(CONFIG);
    const { service, store } = backendFor(sandbox);
    await store.updateJson('auto-login-waiting', () => ({ dev: { since: 1234, pid: process.pid } }));
    expect((await service['status:get']()).profiles[0]!.waitingForSignInSince).toBe(1234);
  });

  it('watches the AWS config and pushes the new status', async () => {
    const sandbox = makeAwsSandbox(CONFIG);
    const { service } = backendFor(sandbox);
    const pushed: StatusReport[] = [];
    service.onStatusChanged((s) => pushed.push(s));
    writeFileSync(sandbox.configFile, `${CONFIG}\n[profile added]\nregion = us-east-1\n`);
    await expect.poll(() => pushed.at(-1)?.profiles.map((p) => p.name), { timeout: 10_000 }).toEqual(['dev', 'added']);
  });
});
