import { execFile } from 'node:child_process';
import { chmodSync, chownSync, mkdirSync, readdirSync, statSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { buildHelper } from '../support/built-helper';
import { FAKE_SESSION, makeAwsSandbox, type AwsSandbox } from '../support/fake-aws';
import { writeLoginCache } from '../support/login-cache';

// Permission problems are real: the helper runs as a user who may not read the file. As root
// (CI containers) the files stay root's and the helper runs as `nobody` through setpriv.
const AS_ROOT = process.getuid?.() === 0;
const NOBODY = 65534;

function chownTree(path: string): void {
  chownSync(path, NOBODY, NOBODY);
  if (statSync(path).isDirectory()) for (const f of readdirSync(path)) chownTree(join(path, f));
}

/** Makes `file` unreadable for the helper: owned by root and 0600 (as root), or 0000 (as a user). */
function lockOut(sandbox: AwsSandbox, file: string): void {
  if (AS_ROOT) {
    chownTree(sandbox.root);
    chmodSync(sandbox.root, 0o755);
    chownSync(file, 0, 0);
    chmodSync(file, 0o600);
  } else {
    chmodSync(file, 0o000);
  }
}

function runHelperAs(helper: string, env: Record<string, string>): Promise<{ code: number | null; stdout: string; stderr: string }> {
  const [cmd, args] = AS_ROOT
    ? ['setpriv', [`--reuid=${NOBODY}`, `--regid=${NOBODY}`, '--clear-groups', process.execPath, helper, '--profile', 'dev-signin']]
    : [process.execPath, [helper, '--profile', 'dev-signin']];
  return new Promise((resolve) => {
    execFile(cmd, args as string[], { env, timeout: 30_000 }, (err, stdout, stderr) => {
      resolve({ code: err ? (typeof err.code === 'number' ? err.code : null) : 0, stdout, stderr });
    });
  });
}

/** The helper bundle, readable by `nobody` when we are root (test builds live in 0700 temp folders). */
function readableHelper(): string {
  const { helper } = buildHelper();
  if (AS_ROOT) for (let d = dirname(helper); d !== dirname(d); d = dirname(d)) chmodSync(d, statSync(d).mode | 0o055);
  return helper;
}

const SIGNIN = `[profile dev-signin]\nregion = eu-west-1\nlogin_session = ${FAKE_SESSION}\n`;

describe('the helper on files it may not read: one line, exit 2', () => {
  it.each([
    ['the config file', (sb: AwsSandbox) => sb.configFile],
    ['the credentials file', (sb: AwsSandbox) => (writeFileSync(sb.credentialsFile, '[other]\nregion = x\n'), sb.credentialsFile)],
    ['the login cache file (due for refresh)', (sb: AwsSandbox) => writeLoginCache(sb.loginCacheDir, FAKE_SESSION, { expiresAt: Date.now() + 60_000 }).file],
    ['settings.json', (sb: AwsSandbox) => (mkdirSync(sb.appHome, { recursive: true }), writeFileSync(join(sb.appHome, 'settings.json'), '{}'), join(sb.appHome, 'settings.json'))],
  ])('%s', async (_what, target) => {
    const helper = readableHelper();
    const sandbox = makeAwsSandbox(SIGNIN, { DISPLAY: ':99' });
    if (!_what.startsWith('the login cache')) writeLoginCache(sandbox.loginCacheDir, FAKE_SESSION, { expiresAt: Date.now() + 60_000 });
    const file = target(sandbox);
    lockOut(sandbox, file);
    const r = await runHelperAs(helper, sandbox.env);
    expect(r.stdout).toBe('');
    expect(r.stderr.split('\n')).toHaveLength(2); // one line and its newline
    expect(r.stderr).toMatch(new RegExp(`^aws-login-tray: .*${file.replace(/[.*+?^${}()|[\]\\/]/g, '\\$&')}.*permission denied`, 'i'));
    expect(r.stderr).not.toMatch(/unexpected error|Please report/);
    expect(r.code, r.stderr).toBe(2);
  });
});
