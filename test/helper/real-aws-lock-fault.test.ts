import { execFileSync } from 'node:child_process';
import { mkdirSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { lockFileName } from '../../src/node/lock';
import { buildHelper, run } from '../support/built-helper';
import { fakeAwsCalls, makeAwsSandbox } from '../support/fake-aws';

// The attack run: a FIFO where a lock belongs kept `aws sts get-caller-identity` through the helper
// blocked for good. Now the real AWS CLI (Debian's 2.9, which runs credential_process) gets one line back at once.
describe('the real AWS CLI through the helper, with a FIFO where the login lock belongs', () => {
  it('fails at once with the helper\'s one line naming the lock, and starts no login', async () => {
    const built = buildHelper();
    const sb = makeAwsSandbox('[profile dev]\nregion = eu-west-1\n', { DISPLAY: ':0', AWS_LOGIN_TRAY_HELPER_SCRIPT: built.helper });
    expect((await run(process.execPath, [built.cli, 'enable-auto-login', 'dev'], sb.env)).code).toBe(0);
    const locks = join(sb.appHome, 'locks');
    mkdirSync(locks, { recursive: true });
    const fifo = join(locks, lockFileName('login-dev-signin'));
    execFileSync('mkfifo', [fifo]);
    const r = await run('/usr/bin/aws', ['configure', 'export-credentials', '--profile', 'dev', '--format', 'process'], sb.env, 25_000);
    expect(r.code).not.toBe(0);
    expect(r.code).not.toBeNull(); // not killed by our 25 s bound
    expect(r.stdout).toBe('');
    expect(r.stderr).toContain(`${fifo} is a FIFO (named pipe), not a lock file.`);
    expect(fakeAwsCalls(sb.logFile, 'login')).toEqual([]);
  });
});
