import { spawnSync } from 'node:child_process';
import { existsSync, mkdirSync, readFileSync, readdirSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { privateBuild } from '../../support/private-build';
import { FAKE_SESSION, makeAwsSandbox, type AwsSandbox } from '../../support/fake-aws';

/**
 * A real CLI process kills itself with SIGKILL at step N of its edit (AWS_LOGIN_TRAY_TEST_KILL_AT_STEP),
 * for every N; what the next runs find must be coherent: the config old or new, and the undo exact.
 */
const ORIGINAL = `# mine\r\n[profile dev]\r\nregion = eu-west-1\r\nlogin_session = ${FAKE_SESSION}\r\n\r\n[profile other]\r\nregion = us-east-1\r\n`;

interface Run {
  status: number | null;
  signal: NodeJS.Signals | null;
  stdout: string;
  stderr: string;
}

let bin: string;
beforeAll(() => {
  bin = privateBuild().bin;
});

function run(sb: AwsSandbox, args: string[], extra: Record<string, string> = {}): Run {
  const r = spawnSync(process.execPath, [bin, ...args], { env: { ...sb.env, ...extra }, encoding: 'utf8', timeout: 20_000 });
  return { status: r.status, signal: r.signal, stdout: r.stdout, stderr: r.stderr };
}

/** One sandbox reused for every N (same paths, so the enabled bytes are the same each time), reset to `config`. */
function reset(sb: AwsSandbox, config: string): void {
  rmSync(sb.appHome, { recursive: true, force: true });
  const dir = dirname(sb.configFile);
  for (const name of readdirSync(dir)) rmSync(join(dir, name), { recursive: true, force: true });
  mkdirSync(dir, { recursive: true });
  writeFileSync(sb.configFile, config);
}

/** The labelled steps one run goes through (AWS_LOGIN_TRAY_TEST_STEP_LOG). */
function steps(sb: AwsSandbox, args: string[]): string[] {
  const log = join(sb.root, 'steps.log');
  rmSync(log, { force: true });
  const r = run(sb, args, { AWS_LOGIN_TRAY_TEST_STEP_LOG: log });
  expect(r.status, r.stderr).toBe(0);
  return readFileSync(log, 'utf8').trim().split('\n');
}

/** Files our edits leave beside the config that should not be there once a run is over. */
function leftovers(sb: AwsSandbox): string[] {
  const dir = dirname(sb.configFile);
  return readdirSync(dir).filter((n) => n.includes('.aws-login-tray-tmp-') || (n.includes('.aws-login-tray-backup-') && statSync(join(dir, n)).size === 0));
}

/**
 * Disables dev until it says something final. A state lock left by the killed process is the one
 * refusal allowed: it must say the file was not changed, and the user's next step (delete the lock
 * when nothing runs) then works.
 */
function disableAfterCrash(sb: AwsSandbox, context: string): Run {
  let r = run(sb, ['disable-auto-login', 'dev']);
  const lock = /(\S+\.lock): another aws-login-tray process holds this lock/.exec(r.stderr);
  if (lock) {
    expect(r.stderr, context).toContain('the config file does not have this change');
    rmSync(lock[1]!, { force: true });
    r = run(sb, ['disable-auto-login', 'dev']);
  }
  return r;
}

describe('enable/disable-auto-login killed (SIGKILL) at every step', () => {
  it('enable killed at step N, then disable: the config is old or new, and disable gives the original bytes back or says there is nothing to undo', () => {
    const sb = makeAwsSandbox(ORIGINAL);
    const labels = steps(sb, ['enable-auto-login', 'dev']);
    const enabled = readFileSync(sb.configFile, 'utf8');
    expect(enabled).not.toBe(ORIGINAL);
    expect(labels.length).toBeGreaterThan(8);
    const outcomes: Record<string, number> = { restored: 0, 'never enabled': 0 };
    for (let n = 1; n <= labels.length; n++) {
      const at = `killed at step ${labels[n - 1]}`;
      reset(sb, ORIGINAL);
      const killed = run(sb, ['enable-auto-login', 'dev'], { AWS_LOGIN_TRAY_TEST_KILL_AT_STEP: String(n) });
      expect(killed.signal, at).toBe('SIGKILL');
      const after = readFileSync(sb.configFile, 'utf8');
      expect([ORIGINAL, enabled], at).toContain(after);

      const r = disableAfterCrash(sb, at);
      if (after === enabled) {
        expect(r.status, `${at}: ${r.stderr}`).toBe(0);
        expect(r.stdout, at).toContain('Restored');
        outcomes.restored!++;
      } else {
        expect(r.status, at).toBe(1);
        expect(r.stderr, at).toContain('does not use aws-login-tray auto-login; nothing to disable');
        outcomes['never enabled']!++;
      }
      // Never "success" with login_session dropped: the file is exactly the original.
      expect(readFileSync(sb.configFile, 'utf8'), at).toBe(ORIGINAL);
      expect(leftovers(sb), at).toEqual([]);
    }
    // Both sides of the rename were hit.
    expect(outcomes.restored).toBeGreaterThan(0);
    expect(outcomes['never enabled']).toBeGreaterThan(0);
  });

  it('disable killed at step N, then disable again: the config is enabled or original, and ends exactly original', () => {
    const sb = makeAwsSandbox(ORIGINAL);
    expect(run(sb, ['enable-auto-login', 'dev']).status).toBe(0);
    const enabled = readFileSync(sb.configFile, 'utf8');
    const labels = steps(sb, ['disable-auto-login', 'dev']);
    expect(readFileSync(sb.configFile, 'utf8')).toBe(ORIGINAL);
    for (let n = 1; n <= labels.length; n++) {
      const at = `killed at step ${labels[n - 1]}`;
      reset(sb, ORIGINAL);
      expect(run(sb, ['enable-auto-login', 'dev']).status).toBe(0);
      expect(readFileSync(sb.configFile, 'utf8')).toBe(enabled);
      const killed = run(sb, ['disable-auto-login', 'dev'], { AWS_LOGIN_TRAY_TEST_KILL_AT_STEP: String(n) });
      expect(killed.signal, at).toBe('SIGKILL');
      const after = readFileSync(sb.configFile, 'utf8');
      expect([ORIGINAL, enabled], at).toContain(after);

      const r = disableAfterCrash(sb, at);
      expect(r.status, `${at}: ${r.stderr}`).toBe(after === enabled ? 0 : 1);
      expect(readFileSync(sb.configFile, 'utf8'), at).toBe(ORIGINAL);
      // Once disabled, the undo record is gone: enabling again starts a fresh one that undoes exactly.
      expect(run(sb, ['enable-auto-login', 'dev']).status, at).toBe(0);
      expect(run(sb, ['disable-auto-login', 'dev']).status, at).toBe(0);
      expect(readFileSync(sb.configFile, 'utf8'), at).toBe(ORIGINAL);
      expect(leftovers(sb), at).toEqual([]);
    }
  });

  it('a kill right after the config was replaced, with the file then changed by another program, still moves login_session back', () => {
    const sb = makeAwsSandbox(ORIGINAL);
    const labels = steps(sb, ['enable-auto-login', 'dev']);
    const n = labels.findIndex((l) => l.endsWith('edit: renamed')) + 1;
    expect(n).toBeGreaterThan(0);
    reset(sb, ORIGINAL);
    expect(run(sb, ['enable-auto-login', 'dev'], { AWS_LOGIN_TRAY_TEST_KILL_AT_STEP: String(n) }).signal).toBe('SIGKILL');
    writeFileSync(sb.configFile, readFileSync(sb.configFile, 'utf8') + '[profile later]\r\nregion = ap-south-1\r\n');
    const r = run(sb, ['disable-auto-login', 'dev']);
    expect(r.status, r.stderr).toBe(0);
    expect(r.stdout).toContain('Moved login_session back from dev-signin to dev.');
    const text = readFileSync(sb.configFile, 'utf8');
    expect(text).toContain(`[profile dev]\r\nregion = eu-west-1\r\nlogin_session = ${FAKE_SESSION}\r\n`);
    expect(text).not.toContain('dev-signin');
    expect(text).not.toContain('credential_process');
    expect(existsSync(join(sb.appHome, 'state', 'auto-login-undo.json.lock'))).toBe(false);
  });
});
