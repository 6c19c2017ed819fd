import { execFile } from 'node:child_process';
import { mkdirSync, mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';

const ROOT = join(__dirname, '..', '..');
const load = () => import(join(ROOT, 'scripts', 'start.mjs')) as Promise<{ findElectron(fromDir?: string, env?: NodeJS.ProcessEnv): { ok: boolean; why?: string; binary?: string } }>;

function runStart(env: Record<string, string>): Promise<{ code: number | null; stdout: string; stderr: string }> {
  return new Promise((done) => {
    execFile(process.execPath, [join(ROOT, 'scripts', 'start.mjs')], { env: { PATH: process.env.PATH ?? '', ...env }, timeout: 20_000 }, (err, stdout, stderr) => {
      done({ code: err ? ((err as { code?: number }).code ?? null) : 0, stdout, stderr });
    });
  });
}

describe('npm start (scripts/start.mjs)', () => {
  it("without Electron's binary: one line saying why and pointing to npm run preview, exit 1, no stack, no download", async () => {
    // An empty folder as Electron's dist: the binary is absent whatever this machine has installed.
    const empty = mkdtempSync(join(tmpdir(), 'alt-no-electron-'));
    const r = await runStart({ ELECTRON_OVERRIDE_DIST_PATH: empty });
    expect(r.code).toBe(1);
    expect(r.stdout).toBe('');
    expect(r.stderr.trimEnd().split('\n')).toHaveLength(1);
    expect(r.stderr).toMatch(/^aws-login-tray: cannot start the tray app: Electron's binary was never downloaded .*; use the same window in a browser instead: npm run preview\n$/);
    expect(r.stderr).not.toMatch(/\bat .*:\d+:\d+|Downloading|delete/);
  });

  it('finds the binary where the electron package says it is (not run)', async () => {
    const { findElectron } = await load();
    const dir = mkdtempSync(join(tmpdir(), 'alt-electron-stub-'));
    const pkg = join(dir, 'node_modules', 'electron');
    mkdirSync(join(pkg, 'dist'), { recursive: true });
    writeFileSync(join(dir, 'package.json'), '{}');
    writeFileSync(join(pkg, 'package.json'), '{"name":"electron","version":"45.0.0","main":"index.js"}');
    writeFileSync(join(pkg, 'path.txt'), 'electron');
    expect(findElectron(dir, {})).toMatchObject({ ok: false });
    writeFileSync(join(pkg, 'dist', 'electron'), '');
    expect(findElectron(dir, {})).toEqual({ ok: true, binary: join(pkg, 'dist', 'electron') });
    expect(findElectron(mkdtempSync(join(tmpdir(), 'alt-none-')), {})).toMatchObject({ ok: false, why: expect.stringContaining('not installed') });
  });

  it('engines names the Node the CLI, the helper and the preview run on (20), and the runtime dependencies accept it', () => {
    const pkg = JSON.parse(readFileSync(join(ROOT, 'package.json'), 'utf8')) as { engines: { node: string }; dependencies: Record<string, string> };
    expect(pkg.engines).toEqual({ node: '>=20' });
    for (const dep of Object.keys(pkg.dependencies)) {
      const wanted = (JSON.parse(readFileSync(join(ROOT, 'node_modules', dep, 'package.json'), 'utf8')) as { engines?: { node?: string } }).engines?.node ?? '';
      // Every runtime dependency runs on Node 20 (">=18", ">=20.0.0", "^20 || ..." and so on).
      expect(wanted === '' || /(>=\s*(1[0-9]|20)(\.0)*(\.0)?\b|\^20\b)/.test(wanted), `${dep}: ${wanted}`).toBe(true);
    }
  });
});
