import { spawn, type ChildProcess } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync, statSync, writeFileSync } from 'node:fs';
import { hostname, tmpdir } from 'node:os';
import { join } from 'node:path';
import { buildSync } from 'esbuild';
import { beforeAll, describe, expect, it } from 'vitest';
import { acquireLock, LockTimeoutError, lockFileName, withLock } from '../../src/node/lock';

let bundle: string;
let holder: string;
beforeAll(() => {
  const dir = mkdtempSync(join(tmpdir(), 'alt-lock-bundle-'));
  bundle = join(dir, 'lock.cjs');
  buildSync({ entryPoints: [join(__dirname, '../../src/node/lock.ts')], bundle: true, platform: 'node', format: 'cjs', outfile: bundle, logLevel: 'silent' });
  holder = join(dir, 'holder.cjs');
  // argv: bundle dir name holdMs log; logs "start pid" / "end pid" around the critical section.
  writeFileSync(holder, `
    const fs = require('node:fs');
    const [bundle, dir, name, holdMs, log] = process.argv.slice(2);
    require(bundle).withLock(name, async () => {
      fs.appendFileSync(log, 'start ' + process.pid + '\\n');
      process.stdout.write('holding\\n');
      await new Promise((r) => setTimeout(r, Number(holdMs)));
      fs.appendFileSync(log, 'end ' + process.pid + '\\n');
    }, { dir, staleMs: 60000, waitMs: 60000 }).then(() => process.exit(0), (e) => { console.error(e.message); process.exit(1); });
  `);
});

function startHolder(dir: string, holdMs: number, log: string): ChildProcess {
  return spawn(process.execPath, [holder, bundle, dir, 'login-dev', String(holdMs), log], { stdio: ['ignore', 'pipe', 'inherit'] });
}
const exited = (c: ChildProcess) => new Promise<number | null>((r) => c.on('exit', (code) => r(code)));
const holding = (c: ChildProcess) => new Promise<void>((r) => c.stdout!.on('data', (d: Buffer) => { if (d.toString().includes('holding')) r(); }));

describe('withLock', () => {
  it('creates the locks folder 0700 and lock files 0600 (with the usual umask 022)', async () => {
    const dir = join(mkdtempSync(join(tmpdir(), 'alt-lock-')), 'locks');
    const old = process.umask(0o022);
    try {
      await withLock('login-dev', async (lock) => {
        expect(statSync(dir).mode & 0o777).toBe(0o700);
        expect(statSync(lock.path).mode & 0o777).toBe(0o600);
      }, { dir, waitMs: 10_000 });
    } finally {
      process.umask(old);
    }
  });

  it('lets only one of several processes in at a time', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'alt-lock-'));
    const log = join(dir, 'log');
    const children = [startHolder(dir, 300, log), startHolder(dir, 300, log), startHolder(dir, 300, log)];
    expect(await Promise.all(children.map(exited))).toEqual([0, 0, 0]);
    const lines = readFileSync(log, 'utf8').trim().split('\n');
    expect(lines).toHaveLength(6);
    for (let i = 0; i < 6; i += 2) {
      const pid = lines[i]!.split(' ')[1];
      expect([lines[i], lines[i + 1]]).toEqual([`start ${pid}`, `end ${pid}`]);
    }
    expect(existsSync(join(dir, lockFileName('login-dev')))).toBe(false);
  });

  it('takes over quickly from a holder killed with SIGKILL', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'alt-lock-'));
    const log = join(dir, 'log');
    const victim = startHolder(dir, 60_000, log);
    await holding(victim);
    const owner = JSON.parse(readFileSync(join(dir, lockFileName('login-dev')), 'utf8'));
    expect(owner).toMatchObject({ pid: victim.pid, hostname: hostname() });
    victim.kill('SIGKILL');
    await exited(victim);
    // staleMs is a minute, so only the dead-pid check can free it within waitMs.
    const lock = await acquireLock('login-dev', { dir, staleMs: 60_000, waitMs: 5_000 });
    expect(lock.waited).toBe(false);
    lock.release();
  });

  it('treats a lock not refreshed for staleMs as abandoned (a holder on another host)', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'alt-lock-'));
    const file = join(dir, lockFileName('x'));
    writeFileSync(file, JSON.stringify({ pid: 1, hostname: 'elsewhere', createdAt: 0, token: 't' }));
    // A holder on another host cannot be asked whether it lives: while the lock is fresh it is waited for.
    await expect(acquireLock('x', { dir, staleMs: 60_000, waitMs: 100 })).rejects.toBeInstanceOf(LockTimeoutError);
    await new Promise((r) => setTimeout(r, 120));
    const lock = await acquireLock('x', { dir, staleMs: 100, waitMs: 5_000 });
    // Taken over: the file now names this process, not the other host's.
    expect(JSON.parse(readFileSync(file, 'utf8'))).toMatchObject({ pid: process.pid, hostname: hostname() });
    lock.release();
    expect(existsSync(file)).toBe(false);
  });

  it('times out and can be aborted while a live holder keeps it', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'alt-lock-'));
    const first = await acquireLock('x', { dir, waitMs: 10_000 });
    await expect(acquireLock('x', { dir, waitMs: 100 })).rejects.toBeInstanceOf(LockTimeoutError);
    const ac = new AbortController();
    const pending = acquireLock('x', { dir, signal: ac.signal, waitMs: 60_000 });
    ac.abort(new Error('stop'));
    await expect(pending).rejects.toThrow('stop');
    first.release();
    const second = await withLock('x', async (l) => l.waited, { dir, waitMs: 10_000 });
    expect(second).toBe(false);
  });

  it('releases on error, and does not delete a lock someone else now holds', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'alt-lock-'));
    await expect(withLock('x', async () => { throw new Error('boom'); }, { dir, waitMs: 10_000 })).rejects.toThrow('boom');
    const a = await acquireLock('x', { dir, waitMs: 0 });
    writeFileSync(a.path, JSON.stringify({ pid: process.pid, hostname: hostname(), createdAt: 0, token: 'other' }));
    a.release();
    expect(existsSync(a.path)).toBe(true);
  });

  it('makes safe file names', () => {
    expect(lockFileName('login-a/b:c d')).toBe('login-a%2fb%3ac%20d.lock');
  });
});
