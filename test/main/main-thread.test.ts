import { spawn, type ChildProcess } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { build } from 'esbuild';
import { afterEach, describe, expect, it } from 'vitest';
import type { Platform } from '../../src/core/ports';
import { registerIpcHandlers } from '../../src/main/ipc';
import { createTrayBackend } from '../../src/node/tray-backend';
import type { IpcResult } from '../../src/shared/api-result';
import type { Settings } from '../../src/core/settings';
import { FAKE_SESSION, makeAwsSandbox, type AwsSandbox } from '../support/fake-aws';
import { StubIpcMain, StubWebContents } from './stubs/electron';

// The Electron main process runs the tray menu, the window's IPC and every timer on one thread: a
// state-file lock held by another aws-login-tray process (the CLI, a credential helper) must be
// waited for on timers, never with Atomics.wait. These tests hold the lock from a real process.

const ROOT = join(__dirname, '..', '..');
const ours = new StubWebContents();
const window = { sender: ours, senderFrame: { url: 'app://tray/index.html', parent: null } };

/**
 * Another process holding `lock` as lock.ts writes it (live pid, this host), touching it so it never
 * looks stale. On "release" on stdin it first runs `beforeRelease` (its own update), then lets go.
 */
function holdLock(lock: string, beforeRelease = ''): Promise<ChildProcess> {
  const child = spawn(process.execPath, ['-e', `
    const fs = require('node:fs');
    const lock = ${JSON.stringify(lock)};
    fs.mkdirSync(require('node:path').dirname(lock), { recursive: true });
    fs.writeFileSync(lock, JSON.stringify({ pid: process.pid, hostname: require('node:os').hostname(), createdAt: Date.now(), token: 'other' }), { flag: 'wx' });
    const touch = setInterval(() => { const t = new Date(); fs.utimesSync(lock, t, t); }, 200);
    process.stdout.write('held\\n');
    process.stdin.once('data', () => { ${beforeRelease}; fs.unlinkSync(lock); clearInterval(touch); process.stdout.write('released\\n'); process.exit(0); });`],
  { stdio: ['pipe', 'pipe', 'inherit'] });
  children.push(child);
  return new Promise((resolve, reject) => {
    child.once('error', reject);
    child.stdout!.once('data', () => resolve(child));
  });
}

const children: ChildProcess[] = [];
const closers: { close(): void }[] = [];
afterEach(() => {
  for (const c of children.splice(0)) c.kill('SIGKILL');
  for (const c of closers.splice(0)) c.close();
});

/** The real backend behind the real IPC handlers, over the strict ipcMain stub (as src/main/start.ts wires it). */
function mainProcess(sandbox: AwsSandbox) {
  const { service, store } = createTrayBackend({
    env: sandbox.env, platform: process.platform as Platform, homeDir: sandbox.home, checkSessions: false,
    helperRuntime: { execPath: process.execPath, args: [join(ROOT, 'dist', 'helper.cjs')] },
  });
  closers.push(service);
  const ipcMain = new StubIpcMain();
  registerIpcHandlers({ ipcMain, backend: service, isTrustedSender: (e) => e.sender === ours });
  const invoke = <T>(channel: string, ...args: unknown[]) => ipcMain.invoke(window, channel, ...args) as Promise<IpcResult<T>>;
  return { invoke, store };
}

/** Counts 10 ms timer ticks until stopped: how much the event loop ran meanwhile. */
function ticker() {
  let ticks = 0;
  const timer = setInterval(() => ticks++, 10);
  return { ticks: () => ticks, stop: () => clearInterval(timer) };
}

const pause = (ms: number) => new Promise((r) => setTimeout(r, ms));

/** Tracks whether a promise has settled yet. */
function watch<T>(p: Promise<T>) {
  const w = { done: false, promise: p.finally(() => void (w.done = true)) };
  return w;
}

describe('the main process never blocks on a state-file lock', () => {
  it('settings:save waits for a lock another process holds while timers and other IPC requests still run, then lands on top of that process\'s write', async () => {
    const sandbox = makeAwsSandbox(`[profile dev]\nregion = eu-west-1\nlogin_session = ${FAKE_SESSION}\n`);
    const { invoke, store } = mainProcess(sandbox);
    const settingsFile = join(store.home, 'settings.json');
    // The other process, while it holds the lock, saves its own setting (as `aws-login-tray` or another window would).
    const holder = await holdLock(`${settingsFile}.lock`, `fs.writeFileSync(${JSON.stringify(settingsFile)}, JSON.stringify({ mutedProfiles: ['dev'] }))`);

    const t = ticker();
    const save = watch(invoke<Settings>('settings:save', { warningLeadMinutes: [30, 0] }));
    await pause(1_000);
    // Meanwhile: timers fired (a blocked thread would have run none), and other requests were answered.
    expect(t.ticks()).toBeGreaterThan(30);
    expect(await invoke('status:get')).toMatchObject({ ok: true });
    expect(await invoke('settings:get')).toMatchObject({ ok: true, value: { warningLeadMinutes: [15, 5, 0] } });
    expect(save.done).toBe(false);

    holder.stdin!.write('release\n');
    const saved = await save.promise;
    t.stop();
    // Written after the release, re-read under the lock: the other process's change is kept.
    expect(saved).toMatchObject({ ok: true, value: { warningLeadMinutes: [30, 0], mutedProfiles: ['dev'] } });
    expect(JSON.parse(readFileSync(settingsFile, 'utf8'))).toMatchObject({ warningLeadMinutes: [30, 0], mutedProfiles: ['dev'] });
  }, 20_000);

  it('a tray login records its result while another process holds the results lock, without freezing the thread, and loses neither entry', async () => {
    const sandbox = makeAwsSandbox(`[profile dev]\nregion = eu-west-1\nlogin_session = ${FAKE_SESSION}\n`);
    const { invoke, store } = mainProcess(sandbox);
    const results = store.stateFile('login-results');
    const holder = await holdLock(`${results}.lock`, `fs.writeFileSync(${JSON.stringify(results)}, JSON.stringify({ other: { ok: true, error: null, finishedAt: 1, loginSession: null } }))`);

    const t = ticker();
    const login = watch(invoke('profile:login', 'dev'));
    // The login itself (the fake aws) finishes, then its result waits for the lock.
    await expect.poll(() => store.loadRecordedLogins()[FAKE_SESSION], { timeout: 10_000 }).toBeTypeOf('number');
    const before = t.ticks();
    await pause(500);
    expect(t.ticks() - before).toBeGreaterThan(15);
    expect(await invoke('status:get')).toMatchObject({ ok: true });
    expect(login.done).toBe(false);

    holder.stdin!.write('release\n');
    expect(await login.promise).toMatchObject({ ok: true, value: { ok: true } });
    t.stop();
    expect(Object.keys(JSON.parse(readFileSync(results, 'utf8'))).sort()).toEqual(['dev', 'other']);
  }, 20_000);

  it('the main process bundle has no Atomics.wait (the only way Node code can sleep the thread)', async () => {
    const out = await build({
      entryPoints: [join(ROOT, 'src/main/index.ts')], bundle: true, platform: 'node', format: 'cjs', external: ['electron'], write: false, logLevel: 'silent',
    });
    const code = out.outputFiles[0]!.text;
    expect(code).toContain('createTrayBackend'); // the whole tray path is in it
    expect(code.match(/.{0,80}Atomics\s*\.\s*wait.{0,40}/g)).toBeNull();
  });
});
