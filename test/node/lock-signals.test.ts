import { spawn } from 'node:child_process';
import { existsSync, mkdirSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { hostname } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { lockFileName } from '../../src/node/lock';
import { sessionLockName } from '../../src/node/session-lock';
import { buildHelper } from '../support/built-helper';
import { fakeAwsCalls, FAKE_SESSION, makeAwsSandbox } from '../support/fake-aws';
import { writeLoginCache } from '../support/login-cache';

/** A lock held by this (live) test process, as any other live holder would. */
function holdLock(dir: string, name: string): { path: string; content: string } {
  mkdirSync(dir, { recursive: true });
  const path = join(dir, lockFileName(name));
  const content = JSON.stringify({ pid: process.pid, hostname: hostname(), createdAt: Date.now(), token: 'held-by-the-test' });
  writeFileSync(path, content);
  return { path, content };
}

function start(args: string[], env: Record<string, string>) {
  const child = spawn(process.execPath, args, { env, stdio: ['ignore', 'pipe', 'pipe'] });
  let out = '';
  let err = '';
  child.stdout!.on('data', (d: Buffer) => (out += d.toString()));
  child.stderr!.on('data', (d: Buffer) => (err += d.toString()));
  const exited = new Promise<{ code: number | null; signal: NodeJS.Signals | null; stdout: string; stderr: string }>((resolve) =>
    child.on('close', (code, signal) => resolve({ code, signal, stdout: out, stderr: err })),
  );
  return { child, exited };
}

const SIGNIN = `[profile dev-signin]\nregion = eu-west-1\nlogin_session = ${FAKE_SESSION}\n`;

describe('signals end a lock wait and release nothing they do not own', () => {
  it('aws-login-tray login waiting for another login: SIGTERM cancels it at once (exit 1, one line), the holder keeps its lock', async () => {
    const { cli } = buildHelper();
    const sandbox = makeAwsSandbox(SIGNIN);
    const held = holdLock(join(sandbox.appHome, 'locks'), 'login-dev-signin');
    const run = start([cli, 'login', 'dev-signin'], sandbox.env);
    // It has found aws (the version check ran) before it waits for the lock.
    await expect.poll(() => existsSync(join(sandbox.appHome, 'state', 'aws-cli-version.json')), { timeout: 20_000 }).toBe(true);
    await new Promise((r) => setTimeout(r, 300));
    run.child.kill('SIGTERM');
    const r = await run.exited;
    expect(r.code, r.stderr).toBe(1);
    expect(`${r.stdout}${r.stderr}`).toContain('was cancelled');
    expect(r.stderr).not.toMatch(/\n\s+at /);
    expect(readFileSync(held.path, 'utf8')).toBe(held.content);
    expect(readdirSync(join(sandbox.appHome, 'locks'))).toEqual([lockFileName('login-dev-signin')]);
    expect(fakeAwsCalls(sandbox.logFile, 'login')).toEqual([]);
  });

  it('the credential helper waiting for another refresh: SIGTERM ends it, the holder keeps its lock', async () => {
    const { helper } = buildHelper();
    const sandbox = makeAwsSandbox(SIGNIN, { DISPLAY: ':99' });
    writeLoginCache(sandbox.loginCacheDir, FAKE_SESSION, { expiresAt: Date.now() + 60_000 }); // due: the slow path refreshes under the session lock
    const held = holdLock(join(sandbox.appHome, 'locks'), sessionLockName(FAKE_SESSION));
    const run = start([helper, '--profile', 'dev-signin'], sandbox.env);
    await new Promise((r) => setTimeout(r, 1_500));
    run.child.kill('SIGTERM');
    const r = await run.exited; // the session lock's own bound is 120 s: only the signal can end it this soon
    expect(r.signal ?? r.code).not.toBe(0);
    expect(r.stdout).toBe('');
    expect(r.stderr).not.toMatch(/\n\s+at /);
    expect(readFileSync(held.path, 'utf8')).toBe(held.content);
    expect(readdirSync(join(sandbox.appHome, 'locks'))).toEqual([lockFileName(sessionLockName(FAKE_SESSION))]);
  });
});

describe('a broken lock path reaches the person as one line, at once', () => {
  it('the credential helper: a folder where the session lock belongs is exit 2 with its name', async () => {
    const { helper } = buildHelper();
    const sandbox = makeAwsSandbox(SIGNIN, { DISPLAY: ':99' });
    writeLoginCache(sandbox.loginCacheDir, FAKE_SESSION, { expiresAt: Date.now() + 60_000 });
    const path = join(sandbox.appHome, 'locks', lockFileName(sessionLockName(FAKE_SESSION)));
    mkdirSync(path, { recursive: true });
    const r = await start([helper, '--profile', 'dev-signin'], sandbox.env).exited;
    expect([r.code, r.stdout]).toEqual([2, '']);
    expect(r.stderr).toBe(`aws-login-tray: ${path} is a folder, not a lock file. No aws-login-tray process makes that: remove it, then try again.\n`);
  });

  it('aws-login-tray login: a FIFO where the login lock belongs is exit 2 with its name', async () => {
    const { cli } = buildHelper();
    const sandbox = makeAwsSandbox(SIGNIN);
    const dir = join(sandbox.appHome, 'locks');
    mkdirSync(dir, { recursive: true });
    const path = join(dir, lockFileName('login-dev-signin'));
    await new Promise((resolve) => spawn('mkfifo', [path]).on('exit', resolve));
    const r = await start([cli, 'login', 'dev-signin'], sandbox.env).exited;
    expect(r.code, r.stderr).toBe(2);
    expect(`${r.stdout}${r.stderr}`).toContain(`${path} is a FIFO (named pipe), not a lock file.`);
    expect(r.stderr).not.toMatch(/\n\s+at /);
    expect(fakeAwsCalls(sandbox.logFile, 'login')).toEqual([]);
  });
});
