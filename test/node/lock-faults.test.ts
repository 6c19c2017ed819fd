import { execFile, execFileSync, spawn } from 'node:child_process';
import { mkdirSync, mkdtempSync, readdirSync, readFileSync, utimesSync, writeFileSync } from 'node:fs';
import { hostname, tmpdir } from 'node:os';
import { join } from 'node:path';
import { buildSync } from 'esbuild';
import { beforeAll, describe, expect, it } from 'vitest';
import { acquireLock, acquireLockAt, lockFileName, LockPathError, LockTimeoutError, withLock } from '../../src/node/lock';

// Faults at the lock path run in a child process with a hard kill after 20 s: on a broken lock the
// old code spun at 100 % CPU (or blocked reading a FIFO) and would have frozen the test worker too.
let script: string;
beforeAll(() => {
  const dir = mkdtempSync(join(tmpdir(), 'alt-lock-faults-'));
  const out = join(dir, 'probe.cjs');
  buildSync({
    stdin: {
      contents: `import { acquireLock, acquireLockAt } from ${JSON.stringify(join(__dirname, '../../src/node/lock.ts'))};
        import { openAppStore } from ${JSON.stringify(join(__dirname, '../../src/node/app-store.ts'))};
        const [face, dir, name, staleMs, waitMs] = process.argv.slice(2);
        const opts = { dir, staleMs: Number(staleMs), waitMs: Number(waitMs) };
        const report = (r) => { process.stdout.write(JSON.stringify(r)); process.exit(0); };
        const fail = (e) => report({ error: e.name, message: e.message });
        try {
          if (face === 'async') acquireLock(name, opts).then((l) => (l.release(), report({ ok: true, waited: l.waited })), fail);
          else if (face === 'ahead') acquireLockAt(dir + '/' + name, { ...opts, aheadIsStale: true }).then((l) => (l.release(), report({ ok: true, waited: l.waited })), fail);
          else openAppStore(dir).updateJson(name, () => ({ n: 1 })).then(() => report({ ok: true }), fail);
        } catch (e) { fail(e); }`,
      resolveDir: process.cwd(),
      loader: 'ts',
    },
    bundle: true, platform: 'node', format: 'cjs', outfile: out, logLevel: 'silent',
  });
  script = out;
});

interface ProbeResult { ok?: true; waited?: boolean; error?: string; message?: string }

function probe(face: 'async' | 'ahead' | 'store', dir: string, name: string, staleMs = 30_000, waitMs = 60_000): Promise<ProbeResult> {
  return new Promise((resolve, reject) => {
    execFile(process.execPath, [script, face, dir, name, String(staleMs), String(waitMs)], { timeout: 20_000, killSignal: 'SIGKILL' }, (err, stdout) => {
      if (err) return reject(new Error(`the lock probe did not finish by itself (${err.message})`));
      resolve(JSON.parse(stdout) as ProbeResult);
    });
  });
}

const fresh = () => mkdtempSync(join(tmpdir(), 'alt-lock-'));

describe('a lock path that is not a regular file fails at once with a clear error', () => {
  it.each(['async', 'ahead'] as const)('a folder (%s), even one older than staleMs', async (face) => {
    const dir = fresh();
    const path = join(dir, face === 'async' ? lockFileName('login-dev') : 'x.lock');
    mkdirSync(path);
    const old = (Date.now() - 3_600_000) / 1000;
    utimesSync(path, old, old);
    const r = await probe(face, dir, face === 'async' ? 'login-dev' : 'x.lock');
    expect(r).toEqual({ error: 'LockPathError', message: `${path} is a folder, not a lock file. No aws-login-tray process makes that: remove it, then try again.` });
  });

  it.each(['async', 'ahead'] as const)('a FIFO (%s)', async (face) => {
    const dir = fresh();
    const path = join(dir, face === 'async' ? lockFileName('login-dev') : 'x.lock');
    execFileSync('mkfifo', [path]);
    const r = await probe(face, dir, face === 'async' ? 'login-dev' : 'x.lock');
    expect(r).toMatchObject({ error: 'LockPathError', message: expect.stringContaining(`${path} is a FIFO (named pipe), not a lock file.`) });
  });

  it('a symlink (to anything) is never followed', async () => {
    const dir = fresh();
    execFileSync('ln', ['-s', '/dev/zero', join(dir, lockFileName('login-dev'))]);
    expect(await probe('async', dir, 'login-dev')).toMatchObject({ error: 'LockPathError', message: expect.stringContaining('is a symbolic link') });
  });

  it('the app store names the state file lock that is a folder or FIFO', async () => {
    const home = fresh();
    mkdirSync(join(home, 'state', 'login-results.json.lock'), { recursive: true });
    expect(await probe('store', home, 'login-results')).toMatchObject({ error: 'Error', message: expect.stringContaining(`${join(home, 'state', 'login-results.json.lock')} is a folder, not a lock file`) });
    execFileSync('mkfifo', [join(home, 'state', 'recorded-logins.json.lock')]);
    expect(await probe('store', home, 'recorded-logins')).toMatchObject({ message: expect.stringContaining('is a FIFO') });
  });
});

/** A pid that is certainly dead: a child that has exited and been reaped. */
async function deadPid(): Promise<number> {
  const child = spawn(process.execPath, ['-e', '0']);
  await new Promise((resolve) => child.on('exit', resolve));
  return child.pid!;
}

describe('stale locks', () => {
  it('a lock whose mtime is in the future (clock stepped back) and is never refreshed is stale after staleMs of waiting, or at once with aheadIsStale', async () => {
    for (const face of ['async', 'ahead'] as const) {
      const dir = fresh();
      const name = face === 'async' ? 'login-dev' : 'x.lock';
      const path = join(dir, face === 'async' ? lockFileName(name) : name);
      // A live owner on this host (the test process), so only staleness can free it.
      writeFileSync(path, JSON.stringify({ pid: process.pid, hostname: hostname(), createdAt: 0, token: 'frozen' }));
      const future = Date.now() / 1000 + 3_600;
      utimesSync(path, future, future);
      expect(await probe(face, dir, name, 300, 15_000), face).toEqual({ ok: true, waited: face === 'async' });
    }
  });

  it('a holder that keeps refreshing is never taken over, whatever its first mtime', async () => {
    const dir = fresh();
    const held = await acquireLock('x', { dir, staleMs: 1_000, waitMs: 1_000 });
    const future = Date.now() / 1000 + 3_600;
    utimesSync(held.path, future, future);
    await expect(acquireLock('x', { dir, staleMs: 1_000, waitMs: 2_500 })).rejects.toBeInstanceOf(LockTimeoutError);
    held.release();
  });

  it('takes over at once from a dead holder on this host; a bad pid in the file is no owner', async () => {
    const dir = fresh();
    const path = join(dir, 'y.lock');
    writeFileSync(path, JSON.stringify({ pid: await deadPid(), hostname: hostname(), createdAt: 0, token: 'dead' }));
    const lock = await acquireLockAt(path, { staleMs: 60_000, waitMs: 0 });
    expect(lock.waited).toBe(false);
    lock.release();
    // pid -1 or 0 would make process.kill(pid, 0) ask about whole process groups: not an owner.
    writeFileSync(path, JSON.stringify({ pid: -1, hostname: hostname(), createdAt: 0, token: 't' }));
    await expect(acquireLockAt(path, { staleMs: 60_000, waitMs: 0 })).rejects.toThrow(LockTimeoutError);
  });

  it('several processes racing to take over one stale lock still get in one at a time', async () => {
    const dir = fresh();
    const log = join(dir, 'log');
    const holder = join(dir, 'holder.cjs');
    buildSync({
      stdin: {
        contents: `import { withLock } from ${JSON.stringify(join(__dirname, '../../src/node/lock.ts'))};
          import { appendFileSync } from 'node:fs';
          const [dir, log] = process.argv.slice(2);
          withLock('login-dev', async () => {
            appendFileSync(log, 'start ' + process.pid + '\\n');
            await new Promise((r) => setTimeout(r, 150));
            appendFileSync(log, 'end ' + process.pid + '\\n');
          }, { dir, staleMs: 60000, waitMs: 30000 }).then(() => process.exit(0), (e) => { console.error(e.message); process.exit(1); });`,
        resolveDir: process.cwd(), loader: 'ts',
      },
      bundle: true, platform: 'node', format: 'cjs', outfile: holder, logLevel: 'silent',
    });
    writeFileSync(join(dir, lockFileName('login-dev')), JSON.stringify({ pid: await deadPid(), hostname: hostname(), createdAt: 0, token: 'dead' }));
    const runs = Array.from({ length: 5 }, () => new Promise<number | null>((resolve) => spawn(process.execPath, [holder, dir, log], { stdio: 'ignore' }).on('exit', resolve)));
    expect(await Promise.all(runs)).toEqual([0, 0, 0, 0, 0]);
    const lines = readFileSync(log, 'utf8').trim().split('\n');
    expect(lines).toHaveLength(10);
    for (let i = 0; i < 10; i += 2) expect(lines[i + 1]).toBe(lines[i]!.replace('start', 'end'));
    expect(readdirSync(dir).sort()).toEqual(['holder.cjs', 'log']);
  });
});

describe('the app store\'s state-file locks', () => {
  it('take over at once a lock stamped more than 10 s in the future (clock stepped back), even with a live owner', async () => {
    const home = fresh();
    mkdirSync(join(home, 'state'), { recursive: true });
    const lock = join(home, 'state', 'login-results.json.lock');
    writeFileSync(lock, JSON.stringify({ pid: process.pid, hostname: hostname(), createdAt: 0, token: 'frozen' }));
    const future = Date.now() / 1000 + 3_600;
    utimesSync(lock, future, future);
    expect(await probe('store', home, 'login-results')).toEqual({ ok: true });
  });
});

describe('bounded waits', () => {
  it('refuses a wait without a finite bound', async () => {
    await expect(acquireLock('x', { dir: fresh(), waitMs: Infinity })).rejects.toThrow(/must be a finite time/);
    await expect(acquireLockAt(join(fresh(), 'x.lock'), { waitMs: Number.NaN })).rejects.toThrow(/must be a finite time/);
  });

  it('an aborted wait removes nothing: the holder keeps its lock, byte for byte', async () => {
    const dir = fresh();
    const held = await acquireLock('x', { dir, waitMs: 0 });
    const before = readFileSync(held.path, 'utf8');
    const ac = new AbortController();
    const waiting = withLock('x', async () => 'got it', { dir, waitMs: 60_000, signal: ac.signal });
    setTimeout(() => ac.abort(new Error('stop')), 100);
    await expect(waiting).rejects.toThrow('stop');
    expect(readFileSync(held.path, 'utf8')).toBe(before);
    expect(readdirSync(dir)).toEqual([lockFileName('x')]);
    held.release();
  });

  it('LockPathError and LockTimeoutError are distinct, named errors', () => {
    expect(new LockPathError('/p', 'a folder').name).toBe('LockPathError');
    expect(new LockTimeoutError('/p', null).name).toBe('LockTimeoutError');
  });
});
