import { spawn, type ChildProcess } from 'node:child_process';
import { chmodSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { buildHelper } from '../support/built-helper';
import { processAlive } from '../support/process-alive';
import { fakeAwsCalls, FAKE_AWS_PATH, FAKE_SESSION, makeAwsSandbox, type AwsSandbox } from '../support/fake-aws';

/**
 * An `aws` launcher that runs the fake as a child instead of exec'ing it, as the Homebrew and pip
 * wrappers and PyInstaller's bootloader do: killing only the launcher's pid leaves the real CLI running.
 */
function wrappedAws(sandbox: AwsSandbox): string {
  const path = join(sandbox.root, 'aws-wrapper');
  writeFileSync(path, `#!/bin/sh\n'${process.execPath}' '${FAKE_AWS_PATH}' "$@"\n`);
  chmodSync(path, 0o755);
  return path;
}

const alive = processAlive;

/** Waits (bounded by the test timeout) until the fake has logged `count` logins; returns their pids. */
async function loginPids(sandbox: AwsSandbox, count: number): Promise<number[]> {
  await expect.poll(() => fakeAwsCalls(sandbox.logFile, 'login').length, { timeout: 20_000, interval: 50 }).toBeGreaterThanOrEqual(count);
  return fakeAwsCalls(sandbox.logFile, 'login').map((c) => c.pid);
}

function start(args: string[], env: Record<string, string>): { child: ChildProcess; exited: Promise<[number | null, NodeJS.Signals | null]>; stderr(): string } {
  const child = spawn(process.execPath, args, { env, stdio: ['ignore', 'pipe', 'pipe'] });
  let err = '';
  child.stderr!.on('data', (d: Buffer) => (err += d.toString()));
  child.stdout!.resume();
  const exited = new Promise<[number | null, NodeJS.Signals | null]>((resolve) => child.on('exit', (code, signal) => resolve([code, signal])));
  return { child, exited, stderr: () => err };
}

const sandboxes: AwsSandbox[] = [];
afterEach(() => {
  // Whatever a failing run left behind: only the fakes this file started, by their logged pids.
  for (const sb of sandboxes.splice(0)) for (const c of fakeAwsCalls(sb.logFile, 'login')) if (alive(c.pid)) process.kill(c.pid, 'SIGKILL');
});

describe('a killed login leaves no aws login behind', () => {
  const cases: [string, (b: ReturnType<typeof buildHelper>) => string[], NodeJS.Signals][] = [
    ['aws-login-tray login, SIGTERM', (b) => [b.cli, 'login', 'dev-signin'], 'SIGTERM'],
    ['aws-login-tray login, SIGINT (Ctrl-C)', (b) => [b.cli, 'login', 'dev-signin'], 'SIGINT'],
    ['the credential helper, SIGTERM', (b) => [b.helper, '--profile', 'dev-signin'], 'SIGTERM'],
    ['the credential helper, SIGHUP (terminal closed)', (b) => [b.helper, '--profile', 'dev-signin'], 'SIGHUP'],
  ];
  it.each(cases)('%s', async (_name, argv, signal) => {
    const built = buildHelper();
    const sandbox = makeAwsSandbox(`[profile dev-signin]\nregion = eu-west-1\nlogin_session = ${FAKE_SESSION}\n`, { FAKE_AWS_MODE: 'hang', DISPLAY: ':99' });
    sandboxes.push(sandbox);
    const env = { ...sandbox.env, AWS_LOGIN_TRAY_AWS_CLI: wrappedAws(sandbox) };
    const first = start(argv(built), env);
    const [pid] = await loginPids(sandbox, 1);
    expect(alive(pid!)).toBe(true);
    first.child.kill(signal);
    const [code, sig] = await first.exited;
    expect(code !== 0 || sig !== null, first.stderr()).toBe(true);
    expect(first.stderr()).not.toMatch(/\n\s+at /); // one line, never a stack trace
    await expect.poll(() => alive(pid!), { timeout: 10_000, interval: 50 }).toBe(false);

    // The next login is the only one running.
    const second = start(argv(built), env);
    const pids = await loginPids(sandbox, 2);
    expect(pids.filter(alive)).toEqual([pids[1]]);
    second.child.kill('SIGTERM');
    await second.exited;
    await expect.poll(() => alive(pids[1]!), { timeout: 10_000, interval: 50 }).toBe(false);
  }, 60_000);
});
