import { spawnSync } from 'node:child_process';
import { beforeAll, describe, expect, it } from 'vitest';
import { buildCliBin, startCli } from '../../support/cli-process';
import { FAKE_AWS_PATH, makeAwsSandbox } from '../../support/fake-aws';

let bin: string;
beforeAll(() => {
  bin = buildCliBin();
});

describe('aws-login-tray status --watch (piped)', () => {
  it('prints a new table when a login happens, and stops cleanly on Ctrl-C', async () => {
    const sb = makeAwsSandbox('[profile dev]\nregion = eu-west-1\nlogin_session = arn:aws:sts::123456789012:assumed-role/Admin/alice\n');
    const p = startCli(bin, ['status', '--watch'], sb.env);
    await p.waitFor(/Logged out/);
    expect(spawnSync(FAKE_AWS_PATH, ['login', '--profile', 'dev'], { env: sb.env, stdio: 'ignore' }).status).toBe(0);
    await p.waitFor(/Active/);
    p.child.kill('SIGINT');
    const r = await p.done;
    expect(r.code).toBe(0);
    expect(r.stderr).toBe('');
    // Piped output gets whole tables, never cursor movement.
    expect(r.stdout).not.toContain('\x1b[');
    expect(r.stdout.match(/^NAME\s+KIND/gm)).toHaveLength(2);
  });

  it('--json prints one JSON line per change', async () => {
    const sb = makeAwsSandbox('[profile dev]\nregion = eu-west-1\n');
    const p = startCli(bin, ['status', '--watch', '--json'], sb.env);
    await p.waitFor(/\n/);
    spawnSync(FAKE_AWS_PATH, ['login', '--profile', 'dev'], { env: sb.env, stdio: 'ignore' });
    await p.waitFor(/"active"/);
    p.child.kill('SIGTERM');
    const r = await p.done;
    expect(r.code).toBe(0);
    const lines = r.stdout.trim().split('\n').map((l) => JSON.parse(l) as { profiles: { state: string | null }[] });
    expect(lines[0]!.profiles[0]!.state).toBeNull();
    expect(lines[lines.length - 1]!.profiles[0]!.state).toBe('active');
  });
});
