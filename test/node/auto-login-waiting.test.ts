import { spawnSync } from 'node:child_process';
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import type { Platform } from '../../src/core/ports';
import { openAppStore } from '../../src/node/app-store';
import { markWaiting, readWaitingSignIns } from '../../src/node/auto-login-waiting';
import { pidAlive as processAlive } from '../../src/node/lock';
import { createTrayService, watchStatusFiles } from '../../src/node/tray-service';
import type { StatusReport } from '../../src/shared/ipc-contract';
import { FAKE_SESSION, makeAwsSandbox } from '../support/fake-aws';

const CONFIG = `[profile dev]\nregion = eu-west-1\ncredential_process = /x/aws-login-tray-credential-process --profile dev-signin\n\n[profile dev-signin]\nregion = eu-west-1\nlogin_session = ${FAKE_SESSION}\n\n[profile solo]\nregion = eu-west-1\nlogin_session = ${FAKE_SESSION}\n`;

/** The pid of a process that has exited (a real child, waited for). */
function deadPid(): number {
  const r = spawnSync(process.execPath, ['-e', '0']);
  return r.pid!;
}

const closers: { close(): void }[] = [];
afterEach(() => closers.splice(0).forEach((c) => c.close()));

function setUp() {
  const sandbox = makeAwsSandbox(CONFIG);
  const store = openAppStore(sandbox.appHome);
  const platform = process.platform as Platform;
  // As the tray backend wires it: the waiting state is an input of the status, and its file is watched.
  const service = createTrayService({ env: sandbox.env, platform, homeDir: sandbox.home, store, watch: watchStatusFiles(sandbox.env, platform, sandbox.home, store) });
  closers.push(service);
  return { store, service };
}

const waiting = (r: StatusReport) => Object.fromEntries(r.profiles.map((p) => [p.name, p.waitingForSignInSince ?? null]));

describe('auto-login waiting', () => {
  it('reads only the entries of helpers that are still running', async () => {
    const { store } = setUp();
    expect(processAlive(process.pid)).toBe(true);
    await store.updateJson('auto-login-waiting', () => ({ 'dev-signin': { since: 1000, pid: process.pid }, solo: { since: 2000, pid: deadPid() } }));
    expect([...readWaitingSignIns(store)]).toEqual([['dev-signin', 1000]]);
  });

  it('shows in status:get on the sign-in profile and its auto-login profile', async () => {
    const { store, service } = setUp();
    expect(waiting(await service['status:get']())).toEqual({ dev: null, 'dev-signin': null, solo: null });
    await store.updateJson('auto-login-waiting', () => ({ 'dev-signin': { since: 1000, pid: process.pid } }));
    expect(waiting(await service['status:get']())).toEqual({ dev: 1000, 'dev-signin': 1000, solo: null });
  });

  it('pushes a new status when a helper starts and stops waiting', async () => {
    const { store, service } = setUp();
    const pushed: StatusReport[] = [];
    service.onStatusChanged((r) => pushed.push(r));
    await store.updateJson('auto-login-waiting', () => ({ solo: { since: 3000, pid: process.pid } }));
    await expect.poll(() => pushed.some((r) => waiting(r).solo === 3000), { timeout: 10_000 }).toBe(true);
    await store.updateJson('auto-login-waiting', () => ({}));
    await expect.poll(() => pushed.length > 0 && waiting(pushed.at(-1)!).solo === null, { timeout: 10_000 }).toBe(true);
    // The service's own pushes (after an action) are marked too.
    await store.updateJson('auto-login-waiting', () => ({ solo: { since: 4000, pid: process.pid } }));
    await service['settings:save']({});
    expect(waiting(pushed.at(-1)!).solo).toBe(4000);
  });
});

describe('markWaiting', () => {
  it('writes and removes one sign-in profile, keeping the others, and readWaitingSignIns reads it back', async () => {
    const store = openAppStore(mkdtempSync(join(tmpdir(), 'alt-waiting-')));
    await markWaiting(store, 'a', { since: 1_700_000_000_000, pid: process.pid });
    await markWaiting(store, 'b', { since: 1_700_000_001_000, pid: process.pid });
    await markWaiting(store, 'a', null);
    expect([...readWaitingSignIns(store)]).toEqual([['b', 1_700_000_001_000]]);
  });
});
