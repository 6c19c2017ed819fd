import { spawn } from 'node:child_process';
import { mkdirSync, mkdtempSync, writeFileSync } from 'node:fs';
import { hostname, tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { helperErrorOutcome } from '../../src/helper/exit-codes';
import { openAppStore } from '../../src/node/app-store';
import { LockTimeoutError, lockFileName } from '../../src/node/lock';
import { sessionLockName, withSessionLock } from '../../src/node/session-lock';

// The helper's worst case (README, "Reliability") is the sum of these bounds; each one ends.
const live = (token: string) => JSON.stringify({ pid: process.pid, hostname: hostname(), createdAt: Date.now(), token });

describe('every wait of the helper ends', () => {
  it('the session lock: a live holder that never lets go gives LockTimeoutError after waitMs, and the helper says so in one line (exit 1)', async () => {
    const home = mkdtempSync(join(tmpdir(), 'alt-bounds-'));
    mkdirSync(join(home, 'locks'));
    const session = 'arn:aws:sts::123456789012:assumed-role/Admin/alice';
    writeFileSync(join(home, 'locks', lockFileName(sessionLockName(session))), live('stuck'));
    let ran = false;
    const err = await withSessionLock(home, session, async () => void (ran = true), 300).catch((e: unknown) => e);
    expect(err).toBeInstanceOf(LockTimeoutError);
    expect(ran).toBe(false);
    const outcome = helperErrorOutcome(err);
    expect(outcome.code).toBe(1);
    expect(outcome.code !== 0 && outcome.message).toMatch(/^aws-login-tray: Timed out waiting for .* \(held by process \d+ on .*\)\. Try again when it has finished\.$/);
  });

  it('a state file update waits at most 5 s for a live holder that keeps its lock fresh, then says which lock to delete', async () => {
    const home = mkdtempSync(join(tmpdir(), 'alt-bounds-'));
    const store = openAppStore(home);
    mkdirSync(join(home, 'state'), { recursive: true });
    const lock = `${store.stateFile('login-results')}.lock`;
    // Another process that holds the lock and keeps touching it (never stale), until killed.
    const holder = spawn(process.execPath, ['-e', `
      const fs = require('node:fs');
      fs.writeFileSync(${JSON.stringify(lock)}, JSON.stringify({ pid: process.pid, hostname: require('node:os').hostname(), createdAt: Date.now(), token: 'stuck' }));
      process.stdout.write('held\\n');
      setInterval(() => { const t = new Date(); fs.utimesSync(${JSON.stringify(lock)}, t, t); }, 200);`], { stdio: ['ignore', 'pipe', 'inherit'] });
    try {
      await new Promise<void>((resolve) => holder.stdout!.once('data', () => resolve()));
      await expect(store.updateJson('login-results', () => ({}))).rejects.toThrow(`${lock}: another aws-login-tray process (process ${holder.pid}) holds this lock. If none is running, delete the file.`);
    } finally {
      holder.kill('SIGKILL');
    }
  }, 20_000);
});
