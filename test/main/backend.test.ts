import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { parseLauncherRuntime } from '../../src/core/launcher-script';
import type { Platform } from '../../src/core/ports';
import { appHelperRuntime, createBackend, warningProblem, whenRuntimeSettles, type Backend } from '../../src/main/backend';
import { launcherPath } from '../../src/node/launcher';
import { FAKE_SESSION, makeAwsSandbox } from '../support/fake-aws';

const platform: Platform = process.platform === 'darwin' || process.platform === 'win32' ? process.platform : 'linux';
const backends: Backend[] = [];
afterEach(() => backends.splice(0).forEach((b) => (b.scheduler.stop(), b.service.close())));

describe('appHelperRuntime', () => {
  it('runs the packaged app as Node on the unpacked helper, and Node on dist/helper.cjs in development', () => {
    expect(appHelperRuntime({ isPackaged: true, execPath: '/opt/ALT/alt', distDir: '/opt/ALT/resources/app.asar/dist', env: {} }).now).toEqual({
      execPath: '/opt/ALT/alt', args: ['/opt/ALT/resources/app.asar.unpacked/dist/helper.cjs'], env: { ELECTRON_RUN_AS_NODE: '1' },
    });
    expect(appHelperRuntime({ isPackaged: false, execPath: '/x/electron', distDir: '/repo/dist', env: { npm_node_execpath: '/usr/bin/node' } }).now).toEqual({
      execPath: '/usr/bin/node', args: ['/repo/dist/helper.cjs'],
    });
    expect(appHelperRuntime({ isPackaged: false, execPath: '/x/electron', distDir: '/repo/dist', env: { AWS_LOGIN_TRAY_HELPER_SCRIPT: '/t/h.cjs' } }).now).toEqual({
      execPath: 'node', args: ['/t/h.cjs'],
    });
  });
});

describe('createBackend', () => {
  it('wires the auto-login switch: the window request edits the config and writes the launcher for the given runtime', async () => {
    const original = `[profile dev]\nregion = eu-west-1\nlogin_session = ${FAKE_SESSION}\n`;
    const sandbox = makeAwsSandbox(original);
    const helper = join(sandbox.root, 'helper.cjs');
    writeFileSync(helper, '');
    const helperRuntime = { execPath: process.execPath, args: [helper], env: { ELECTRON_RUN_AS_NODE: '1' } };
    const errors: string[] = [];
    const backend = createBackend({
      env: sandbox.env, platform, homeDir: sandbox.home, appHome: sandbox.appHome, helperRuntime,
      notify: () => undefined, onSettingsSaved: () => undefined, reportProblem: (_s, m) => void (m && errors.push(m)),
    });
    backends.push(backend);
    const { service } = backend;

    expect(await service['profile:set-auto-login']('dev', true)).toMatchObject({ ok: true });
    expect(parseLauncherRuntime(readFileSync(launcherPath(sandbox.appHome, platform), 'utf8'))).toEqual(helperRuntime);
    const rows = (await service['status:get']()).profiles.map((p) => [p.name, p.kind, p.signinProfile]);
    expect(rows).toEqual([['dev', 'auto-login', 'dev-signin'], ['dev-signin', 'login', null]]);

    expect(await service['profile:set-auto-login']('dev', false)).toMatchObject({ ok: true });
    expect(readFileSync(sandbox.configFile, 'utf8')).toBe(original);
    expect(errors).toEqual([]);
  });
});

describe('the warning scheduler in the app', () => {
  it('does not notify a broken config (the tray shows it), but does report other problems', async () => {
    const sandbox = makeAwsSandbox('[profile dev]\nregion = eu-west-1\nthis line is not valid\n');
    const problems: (string | null)[] = [];
    const backend = createBackend({
      env: sandbox.env, platform, homeDir: sandbox.home, appHome: sandbox.appHome, helperRuntime: { execPath: process.execPath, args: [] },
      notify: () => undefined, onSettingsSaved: () => undefined, reportProblem: (_source, m) => void problems.push(m),
    });
    backends.push(backend);
    await expect(backend.service['status:get']()).rejects.toThrow(sandbox.configFile);
    await backend.scheduler.start();
    await backend.scheduler.replan();
    await backend.scheduler.replan();
    expect(problems).toEqual([]);
    expect(warningProblem(new Error('state/fired-warnings.json is not valid JSON'))).toBe('Session warnings: state/fired-warnings.json is not valid JSON');
  });
});

describe('a helper runtime that settles after start (an AppImage)', () => {
  it('switches to the settled runtime only when it differs, and the switch then writes that runtime into the launcher', async () => {
    const sandbox = makeAwsSandbox(`[profile dev]\nregion = eu-west-1\nlogin_session = ${FAKE_SESSION}\n`);
    // Helpers that exist (the switch refuses a launcher for a missing one).
    for (const f of ['mount-helper.cjs', 'copy-helper.cjs']) writeFileSync(join(sandbox.root, f), '');
    const now = { execPath: process.execPath, args: [join(sandbox.root, 'mount-helper.cjs')] };
    const better = { execPath: process.execPath, args: [join(sandbox.root, 'copy-helper.cjs')] };
    const used: unknown[] = [];
    await whenRuntimeSettles({ now, settled: Promise.resolve({ ...now }) }, (r) => used.push(r));
    await whenRuntimeSettles({ now }, (r) => used.push(r));
    expect(used).toEqual([]);

    let current = now;
    const backend = createBackend({
      env: sandbox.env, platform, homeDir: sandbox.home, appHome: sandbox.appHome, helperRuntime: () => current,
      notify: () => undefined, onSettingsSaved: () => undefined, reportProblem: () => undefined,
    });
    backends.push(backend);
    await whenRuntimeSettles({ now, settled: Promise.resolve(better) }, (r) => {
      used.push(r);
      current = r;
    });
    expect(used).toEqual([better]);
    expect(await backend.service['profile:set-auto-login']('dev', true)).toMatchObject({ ok: true });
    expect(parseLauncherRuntime(readFileSync(launcherPath(sandbox.appHome, platform), 'utf8'))).toEqual(better);
  });
});
