import { chmodSync, existsSync, mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { PINNED_AWS_ENV, runAws } from '../../../src/node/aws-cli/run';
import { readAwsCliVersion, supportsLogin } from '../../../src/node/aws-cli/version';
import { FAKE_AWS_PATH, makeAwsSandbox } from '../../support/fake-aws';
import { processAlive } from '../../support/process-alive';

function script(body: string): string {
  const file = join(mkdtempSync(join(tmpdir(), 'alt-run-')), 'tool');
  writeFileSync(file, `#!/usr/bin/env node\n${body}\n`);
  chmodSync(file, 0o755);
  return file;
}

describe('runAws', () => {
  it('passes arguments as an array (no shell) and captures both streams', async () => {
    const tool = script('process.stdout.write(JSON.stringify(process.argv.slice(2))); process.stderr.write("warn"); process.exit(3);');
    const r = await runAws(tool, ['login', '--profile', 'a b;$(x)']);
    expect(JSON.parse(r.stdout)).toEqual(['login', '--profile', 'a b;$(x)']);
    expect(r).toMatchObject({ exitCode: 3, stderr: 'warn', timedOut: false, cancelled: false, spawnError: null });
  });

  it('closes stdin so a prompt sees end-of-file instead of hanging', async () => {
    const tool = script('const n = require("fs").readSync(0, Buffer.alloc(10)); process.stdout.write(String(n));');
    expect((await runAws(tool, [], { timeoutMs: 10_000 })).stdout).toBe('0');
  });

  it('reports timeouts and cancellations', async () => {
    const sleeper = script('setTimeout(() => {}, 60000);');
    const t = await runAws(sleeper, [], { timeoutMs: 200 });
    expect(t.timedOut).toBe(true);
    const ac = new AbortController();
    const pending = runAws(sleeper, [], { signal: ac.signal });
    setTimeout(() => ac.abort(), 100);
    const c = await pending;
    expect(c.cancelled).toBe(true);
    expect(c.exitCode).toBeNull();
  });

  it('on timeout and on cancel ends what the CLI started too (its process group), not just its pid', async () => {
    for (const how of ['timeout', 'cancel'] as const) {
      const dir = mkdtempSync(join(tmpdir(), 'alt-run-tree-'));
      const pidFile = join(dir, 'grandchild.pid');
      const tool = join(dir, 'wrapper');
      // A wrapper that does not exec: the grandchild does the work, like Homebrew/pip launchers.
      writeFileSync(tool, `#!/bin/sh\nsleep 120 &\necho $! > '${pidFile}'\nwait\n`);
      chmodSync(tool, 0o755);
      const ac = new AbortController();
      const pending = runAws(tool, [], how === 'timeout' ? { timeoutMs: 300 } : { signal: ac.signal });
      await expect.poll(() => existsSync(pidFile) && readFileSync(pidFile, 'utf8').trim() !== '').toBe(true);
      if (how === 'cancel') ac.abort();
      const r = await pending;
      expect(how === 'timeout' ? r.timedOut : r.cancelled).toBe(true);
      const pid = Number(readFileSync(pidFile, 'utf8'));
      await expect.poll(() => processAlive(pid), { timeout: 10_000 }).toBe(false);
    }
  });

  it('returns once the CLI exits even if something it started keeps its stdout open (a browser)', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'alt-run-pipe-'));
    const pidFile = join(dir, 'bg.pid');
    const tool = join(dir, 'opener');
    writeFileSync(tool, `#!/bin/sh\nsleep 30 &\necho $! > '${pidFile}'\necho opened\nexit 0\n`);
    chmodSync(tool, 0o755);
    const r = await runAws(tool, [], { timeoutMs: 20_000 });
    expect(r).toMatchObject({ exitCode: 0, stdout: 'opened\n', timedOut: false });
    const pid = Number(readFileSync(pidFile, 'utf8'));
    // Left alone: a browser the CLI opened is the user's.
    expect(processAlive(pid)).toBe(true);
    process.kill(pid, 'SIGKILL');
  });

  it('reports a missing executable without throwing', async () => {
    const r = await runAws('/nonexistent/aws', ['--version']);
    expect(r.spawnError).toBe('ENOENT');
  });
});

describe('readAwsCliVersion', () => {
  it('reads the fake CLI version in both modes', async () => {
    const v = await readAwsCliVersion(FAKE_AWS_PATH);
    expect(v).toEqual({ major: 2, minor: 36, patch: 7 });
    expect(supportsLogin(v!)).toBe(true);
    const saved = process.env.FAKE_AWS_MODE;
    process.env.FAKE_AWS_MODE = 'old';
    try {
      expect(supportsLogin((await readAwsCliVersion(FAKE_AWS_PATH))!)).toBe(false);
    } finally {
      if (saved === undefined) delete process.env.FAKE_AWS_MODE; else process.env.FAKE_AWS_MODE = saved;
    }
  });
  it('is null for a missing CLI', async () => {
    expect(await readAwsCliVersion('/nonexistent/aws')).toBeNull();
  });
});

describe('runAws pins the error format and the auto-prompt', () => {
  it('a user\'s AWS_CLI_ERROR_FORMAT=json does not turn the CLI\'s errors into JSON (recorded: login-error-format-json-other-creds-process)', async () => {
    const sb = makeAwsSandbox('[profile dev]\nregion = us-east-1\ncredential_process = /usr/bin/false\n');
    const r = await runAws(FAKE_AWS_PATH, ['login', '--profile', 'dev'], { env: { ...sb.env, AWS_CLI_ERROR_FORMAT: 'json', AWS_CLI_AUTO_PROMPT: 'on' } });
    expect(r.exitCode).toBe(253);
    expect(r.stderr).toMatch(/^\naws: \[ERROR\]: Profile 'dev' is already configured with Credential Process credentials\./);
    expect(PINNED_AWS_ENV).toEqual({ AWS_CLI_ERROR_FORMAT: 'legacy', AWS_CLI_AUTO_PROMPT: 'off' });
  });
});
