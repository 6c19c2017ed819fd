import { spawn, spawnSync, type ChildProcess } from 'node:child_process';
import { existsSync, readFileSync, readdirSync, statSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { FAKE_SESSION, makeAwsSandbox, type AwsSandbox } from '../../support/fake-aws';
import { privateBuild } from '../../support/private-build';

/**
 * enable/disable-auto-login over and over (a bounded count) while other programs rewrite the config
 * in place, as the AWS CLI does: two loops of Debian's real `aws configure set` and a Node writer.
 * Whatever collides, every version announced as "saved at" still exists at the end, and every undo
 * record matches what the command said it did.
 */
const CYCLES = 12;
const ORIGINAL = `[profile dev]\nregion = eu-west-1\nlogin_session = ${FAKE_SESSION}\n\n[profile w]\ncounter = 0\n`;

/** Rewrites the config in place (truncate + write, like the AWS CLI's writer) every 20-40 ms until the stop file appears; at most 20,000 times. */
const WRITER = `
const fs = require('fs');
const [file, stop] = process.argv.slice(1);
for (let i = 1; i <= 20000 && !fs.existsSync(stop); i++) {
  const text = fs.readFileSync(file, 'utf8');
  if (text.includes('counter = ')) fs.writeFileSync(file, text.replace(/counter = \\d+/, 'counter = ' + i));
  Atomics.wait(new Int32Array(new SharedArrayBuffer(4)), 0, 0, 20 + (i % 21));
}
`;

interface Run {
  args: string[];
  status: number | null;
  stdout: string;
  stderr: string;
}

let bin: string;
beforeAll(() => {
  bin = privateBuild().bin;
});

function run(sb: AwsSandbox, args: string[]): Run {
  const r = spawnSync(process.execPath, [bin, ...args], { env: sb.env, encoding: 'utf8', timeout: 30_000 });
  return { args, status: r.status, stdout: r.stdout, stderr: r.stderr };
}

function undoState(sb: AwsSandbox): Record<string, unknown> {
  const file = join(sb.appHome, 'state', 'auto-login-undo.json');
  return existsSync(file) ? (JSON.parse(readFileSync(file, 'utf8')) as Record<string, unknown>) : {};
}

/** Debian's real `aws configure set` (it rewrites the file in place), `times` runs one after another. */
function realAwsWriter(sb: AwsSandbox, times: number, key: string): Promise<void> {
  return new Promise((done) => {
    let n = 0;
    const next = (): void => {
      if (n++ >= times) return done();
      const child = spawn('/usr/bin/aws', ['configure', 'set', key, String(n), '--profile', 'w'], {
        env: { PATH: '/usr/bin:/bin', HOME: sb.home, AWS_CONFIG_FILE: sb.configFile, AWS_SHARED_CREDENTIALS_FILE: sb.credentialsFile },
        stdio: 'ignore',
      });
      child.on('close', next);
    };
    next();
  });
}

describe('enable/disable-auto-login under concurrent in-place writers', () => {
  it(`${CYCLES} enable/disable cycles: 0 announced versions pruned, 0 undo records that disagree with what was reported`, async () => {
    const sb = makeAwsSandbox(ORIGINAL);
    const stop = join(sb.root, 'stop');
    const writer: ChildProcess = spawn(process.execPath, ['-e', WRITER, sb.configFile, stop], { stdio: 'ignore' });
    const writerDone = new Promise((r) => writer.on('close', r));
    const aws = Promise.all([realAwsWriter(sb, 8, 'a'), realAwsWriter(sb, 8, 'b')]);
    const runs: Run[] = [];
    const key = `${sb.configFile}#dev`;
    const problems: string[] = [];
    try {
      for (let i = 0; i < CYCLES; i++) {
        for (const cmd of ['enable-auto-login', 'disable-auto-login']) {
          const r = run(sb, [cmd, 'dev']);
          runs.push(r);
          await new Promise((res) => setImmediate(res)); // let the writers' events through
          const state = undoState(sb);
          const pending = Object.keys(state).filter((k) => k.startsWith('pending:'));
          if (pending.length > 0) problems.push(`${cmd}: pending edit left: ${pending.join(', ')} (exit ${r.status}: ${r.stdout}${r.stderr})`);
          if (r.status !== 0 && r.status !== 1 && r.status !== 2) problems.push(`${cmd}: exit ${r.status}: ${r.stderr}`);
          if (/\n\s+at /.test(r.stderr)) problems.push(`${cmd}: stack trace: ${r.stderr}`);
          const applied = r.status === 0 || /^aws-login-tray: Auto-login is (on|off) for dev \(the config file has this change/.test(r.stderr);
          if (cmd === 'enable-auto-login' && applied && !(key in state)) problems.push(`enable reported done but left no undo record: ${r.stdout}${r.stderr}`);
          if (cmd === 'disable-auto-login' && applied && key in state) problems.push(`disable reported done but kept the undo record: ${r.stdout}${r.stderr}`);
        }
      }
    } finally {
      writeFileSync(stop, '');
      await writerDone;
      await aws;
    }
    const announced = runs.flatMap((r) => [...r.stderr.matchAll(/saved at (\S+?)(?= \(|\. )/g)].map((m) => m[1]!));
    const pruned = announced.filter((p) => !existsSync(p));
    expect(pruned).toEqual([]);
    expect(problems).toEqual([]);
    expect(runs.filter((r) => r.status === 0).length).toBeGreaterThanOrEqual(CYCLES / 2); // the stress did not just fail every time

    // Writers stopped: one more disable if a collision left auto-login on; the session is never dropped from the file.
    const final = readFileSync(sb.configFile, 'utf8');
    if (final.includes('credential_process')) expect(run(sb, ['disable-auto-login', 'dev']).status).toBe(0);
    expect(readFileSync(sb.configFile, 'utf8')).toContain(`login_session = ${FAKE_SESSION}`);
    const dir = dirname(sb.configFile);
    expect(readdirSync(dir).filter((n) => n.includes('.aws-login-tray-tmp-'))).toEqual([]);
    const backups = readdirSync(dir).filter((n) => n.includes('.aws-login-tray-backup-'));
    expect(backups.length).toBeLessThanOrEqual(5);
    expect(backups.filter((n) => statSync(join(dir, n)).size === 0)).toEqual([]);
  }, 180_000);
});
