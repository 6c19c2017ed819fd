import { execFile } from 'node:child_process';
import { chmodSync, copyFileSync, mkdirSync, mkdtempSync, readFileSync, readdirSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { promisify } from 'node:util';
import { beforeAll, describe, expect, it } from 'vitest';
import { buildCli } from '../../scripts/cli-build.mjs';
import { COMMANDS } from '../../src/cli/commands/index';

const ROOT = resolve(__dirname, '../..');
const run = promisify(execFile);
let dir = '';

beforeAll(async () => {
  // The production layout: bin/aws-login-tray + dist/cli.cjs + dist/cli-<command>.cjs.
  dir = mkdtempSync(join(tmpdir(), 'alt-cli-build-'));
  await buildCli(ROOT, join(dir, 'dist'), { bundle: true, platform: 'node', target: 'node20', format: 'cjs', logLevel: 'silent', legalComments: 'none' });
  mkdirSync(join(dir, 'bin'));
  copyFileSync(join(ROOT, 'bin', 'aws-login-tray'), join(dir, 'bin', 'aws-login-tray'));
  chmodSync(join(dir, 'bin', 'aws-login-tray'), 0o755);
}, 60_000);

describe('buildCli', () => {
  it('emits one bundle per command, and a cli.cjs that holds none of them', () => {
    const files = readdirSync(join(dir, 'dist'));
    for (const c of COMMANDS) expect(files).toContain(`cli-${c.name}.cjs`);
    const main = readFileSync(join(dir, 'dist', 'cli.cjs'), 'utf8');
    expect(main).toContain('require("./cli-status.cjs")');
    expect(main).not.toMatch(/node_modules\/(execa|@aws-sdk)/);
  });

  it('keeps execa and the AWS SDK out of the status bundle (it is benchmarked)', () => {
    const status = readFileSync(join(dir, 'dist', 'cli-status.cjs'), 'utf8');
    expect(status).not.toMatch(/node_modules\/(execa|@aws-sdk|@smithy)/);
  });

  it('runs: --help loads every command bundle, status runs from its own', async () => {
    const bin = join(dir, 'bin', 'aws-login-tray');
    const help = await run(process.execPath, [bin, '--help']);
    for (const c of COMMANDS) expect(help.stdout).toContain(`  ${c.name} `);
    const root = mkdtempSync(join(tmpdir(), 'alt-cli-build-run-'));
    const env = { PATH: process.env.PATH ?? '', HOME: root, AWS_CONFIG_FILE: join(root, 'none'), AWS_LOGIN_TRAY_HOME: join(root, 'app') };
    const status = await run(process.execPath, [bin, 'status', '--json'], { env });
    expect(status.stdout).toBe('{"profiles":[]}\n');
  });
});
