import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { build } from 'esbuild';
import { execFile } from 'node:child_process';
import * as fs from 'node:fs';
import * as os from 'node:os';
import { join } from 'node:path';
import { CONTENT_SECURITY_POLICY } from '../../src/main/window';
import { CHANNELS } from '../../src/shared/ipc-contract';
import { OFFLINE_SIGNIN_URL } from '../support/offline';

const ROOT = join(__dirname, '..', '..');
let dir = '';

beforeAll(async () => {
  dir = fs.mkdtempSync(join(os.tmpdir(), 'main-wiring-'));
  const common = { bundle: true, platform: 'node', target: 'node20', format: 'cjs', logLevel: 'silent' } as const;
  await build({ ...common, entryPoints: [join(ROOT, 'src/main/index.ts')], outfile: join(dir, 'dist', 'main.cjs'), external: ['electron'] });
  await build({ ...common, entryPoints: [join(__dirname, 'stubs', 'fake-electron.ts')], outfile: join(dir, 'node_modules', 'electron', 'index.js') });
  fs.mkdirSync(join(dir, 'dist', 'renderer'));
  fs.writeFileSync(join(dir, 'dist', 'renderer', 'index.html'), '<title>the window</title>');
  fs.mkdirSync(join(dir, 'aws'));
  fs.writeFileSync(join(dir, 'aws', 'config'), '[profile prod]\nlogin_session = arn:aws:iam::123456789012:user/alice\nregion = eu-west-1\n');
});
afterAll(() => fs.rmSync(dir, { recursive: true, force: true }));

function runMain(): Promise<{ code: number | null; stdout: string; stderr: string }> {
  const env = {
    PATH: process.env.PATH,
    HOME: join(dir, 'home'),
    AWS_CONFIG_FILE: join(dir, 'aws', 'config'),
    AWS_SHARED_CREDENTIALS_FILE: join(dir, 'aws', 'credentials'),
    AWS_LOGIN_CACHE_DIRECTORY: join(dir, 'aws', 'login-cache'),
    AWS_ENDPOINT_URL_SIGNIN: OFFLINE_SIGNIN_URL,
    AWS_LOGIN_TRAY_HOME: join(dir, 'app-home'),
  };
  return new Promise((resolve) => {
    execFile(process.execPath, [join(dir, 'dist', 'main.cjs')], { cwd: dir, env, timeout: 20_000 }, (error, stdout, stderr) =>
      resolve({ code: error ? (typeof error.code === 'number' ? error.code : -1) : 0, stdout, stderr }),
    );
  });
}

describe('src/main/index.ts wiring (against a fake electron module)', () => {
  it('shows the real status in the tray, guards IPC, watches power events, and exits cleanly on quit', async () => {
    const { code, stdout, stderr } = await runMain();
    expect(stderr).toBe('');
    const [json, quit] = stdout.trim().split('\n');
    const report = JSON.parse(json!);
    expect(report.paths).toEqual({ userData: join(dir, 'app-home'), sessionData: join(dir, 'app-home', 'electron') });
    expect(report.image).toBe(join(dir, 'assets', 'tray', `tray-logged-out${process.platform === 'darwin' ? 'Template' : ''}.png`));
    expect(report.menu).toEqual(['prod — Logged out', '---', 'Log Out All', '---', 'Open Window…', 'Start at Login', '---', 'Quit AWS Login Tray']);
    expect(report.channels).toEqual([...CHANNELS].sort());
    expect(report.powerEvents).toEqual([1, 1]);
    expect(report.singleInstanceListeners).toBe(1);
    expect(report.refused).toMatch(/did not come from the AWS Login Tray window/);
    // app: was made privileged before ready (the stub throws otherwise) and serves dist/renderer only.
    expect(report.privileged).toEqual([{ scheme: 'app', privileges: { standard: true, secure: true } }]);
    expect(report.page).toEqual({ status: 200, type: 'text/html; charset=utf-8', csp: CONTENT_SECURITY_POLICY, text: '<title>the window</title>' });
    expect(report.outside).toBe(400);
    // The process ends by itself: every timer and file watcher was stopped by the quit.
    expect(quit).toBe('QUIT');
    expect(code).toBe(0);
  });
});
