import { spawn } from 'node:child_process';
import { openSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { buildHelper } from '../support/built-helper';
import { FAKE_SESSION, makeAwsSandbox } from '../support/fake-aws';
import { writeLoginCache } from '../support/login-cache';

interface Run { code: number | null; stderr: string }

/** Runs node `args` with stdout closed by its reader before anything is written (EPIPE), or on /dev/full (ENOSPC). */
function runWithBrokenStdout(args: string[], env: Record<string, string>, how: 'epipe' | 'full'): Promise<Run> {
  return new Promise((resolve) => {
    const stdout = how === 'full' ? openSync('/dev/full', 'w') : 'pipe';
    const child = spawn(process.execPath, args, { env, stdio: ['ignore', stdout, 'pipe'] });
    if (how === 'epipe') child.stdout!.destroy(); // the reader is gone before the child starts
    let stderr = '';
    child.stderr!.on('data', (d: Buffer) => (stderr += d.toString()));
    child.on('close', (code) => resolve({ code, stderr }));
  });
}

/** `sh -c 'CLI ... | head -c0'` as a person types it; reports the CLI's own exit status, not head's. */
function runIntoHeadC0(args: string[], env: Record<string, string>): Promise<Run> {
  const quoted = [process.execPath, ...args].map((a) => `'${a.replace(/'/g, `'\\''`)}'`).join(' ');
  return new Promise((resolve) => {
    const child = spawn('bash', ['-c', `${quoted} | head -c0; exit \${PIPESTATUS[0]}`], { env, stdio: ['ignore', 'ignore', 'pipe'] });
    let stderr = '';
    child.stderr.on('data', (d: Buffer) => (stderr += d.toString()));
    child.on('close', (code) => resolve({ code, stderr }));
  });
}

const CONFIG = `[profile dev]\nregion = eu-west-1\nlogin_session = ${FAKE_SESSION}\n` + Array.from({ length: 400 }, (_, i) => `\n[profile p${i}]\nregion = eu-west-1\n`).join('');

describe('the CLI on a broken stdout: never a stack trace', () => {
  const commands = [['status', '--json'], ['status'], ['--help'], ['status', '--watch', '--json'], ['doctor', '--json']].map((c) => [c.join(' '), c] as const);

  // Like `yes | head`: the command stops where it was, exit 0 (doctor had not yet found anything to report).
  it.each(commands)('%s: a reader that went away (| head -c0) ends it quietly, exit 0', async (_name, cmd) => {
    const { cli } = buildHelper();
    const sandbox = makeAwsSandbox(CONFIG);
    for (const r of [await runIntoHeadC0([cli, ...cmd], sandbox.env), await runWithBrokenStdout([cli, ...cmd], sandbox.env, 'epipe')]) {
      expect(r.stderr).toBe('');
      expect(r.code).toBe(0);
    }
  });

  it.each(commands)('%s: stdout on a full disk (/dev/full) is one line and exit 2', async (_name, cmd) => {
    const { cli } = buildHelper();
    const sandbox = makeAwsSandbox(CONFIG);
    const r = await runWithBrokenStdout([cli, ...cmd], sandbox.env, 'full');
    expect(r).toEqual({ code: 2, stderr: 'aws-login-tray: cannot write the output: no space left on device (ENOSPC).\n' });
  });
});

describe('the credential helper on a broken stdout', () => {
  it.each([
    ['epipe', 'the reader went away (EPIPE)'],
    ['full', 'no space left on device (ENOSPC)'],
  ] as const)('%s: one line, exit 1 (no credentials delivered)', async (how, why) => {
    const { helper } = buildHelper();
    const sandbox = makeAwsSandbox(`[profile dev-signin]\nregion = eu-west-1\nlogin_session = ${FAKE_SESSION}\n`);
    writeLoginCache(sandbox.loginCacheDir, FAKE_SESSION, { expiresAt: Date.now() + 60 * 60_000 });
    const r = await runWithBrokenStdout([helper, '--profile', 'dev-signin'], sandbox.env, how);
    expect(r).toEqual({ code: 1, stderr: `aws-login-tray: could not write the credentials to stdout: ${why}.\n` });
  });
});
