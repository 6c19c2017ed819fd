import { spawn } from 'node:child_process';
import { once } from 'node:events';
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { build } from 'esbuild';
import { beforeAll, describe, expect, it } from 'vitest';
import { FAKE_SESSION, makeAwsSandbox } from '../support/fake-aws';
import { buildRenderer } from '../support/preview-browser';

let bundleDir: string;

beforeAll(async () => {
  // Built like scripts/build.mjs does (preview.cjs next to renderer/), but in a temp folder.
  bundleDir = mkdtempSync(join(tmpdir(), 'alt-preview-dist-'));
  await buildRenderer(join(bundleDir, 'renderer'));
  await build({ bundle: true, platform: 'node', target: 'node20', format: 'cjs', entryPoints: [join(__dirname, '../../src/preview/index.ts')], outfile: join(bundleDir, 'preview.cjs'), logLevel: 'silent' });
});

function startPreview(args: string[], env: Record<string, string>) {
  const child = spawn(process.execPath, [join(bundleDir, 'preview.cjs'), ...args], { env, stdio: ['ignore', 'pipe', 'pipe'] });
  let stdout = '';
  let stderr = '';
  child.stdout.setEncoding('utf8').on('data', (c: string) => (stdout += c));
  child.stderr.setEncoding('utf8').on('data', (c: string) => (stderr += c));
  return { child, out: () => stdout, err: () => stderr };
}

describe('npm run preview (dist/preview.cjs)', () => {
  it('with --port 0 picks a free port, prints the URL, serves the window and its API, and exits cleanly on Ctrl-C', async () => {
    const sandbox = makeAwsSandbox(`[profile dev]\nregion = eu-west-1\nlogin_session = ${FAKE_SESSION}\n`);
    const p = startPreview(['--port', '0'], sandbox.env);
    await expect.poll(() => p.out(), { timeout: 10_000 }).toContain('Ctrl-C');
    // One link a person can click: the whole URL, token included, alone on its line after the label.
    const lines = p.out().split('\n');
    expect(lines[0]).toMatch(/^AWS Login Tray preview: http:\/\/127\.0\.0\.1:\d+\/#token=[A-Za-z0-9_-]{43}$/);
    const link = new URL(lines[0]!.slice('AWS Login Tray preview: '.length));
    expect(Number(link.port)).toBeGreaterThan(0);
    const origin = link.origin;
    const page = await fetch(origin);
    expect(await page.text()).toContain('<div id="app"');
    const statusGet = (token?: string) => fetch(`${origin}/api/status:get`, { method: 'POST', headers: { 'content-type': 'application/json', ...(token ? { 'x-preview-token': token } : {}) }, body: '{"args":[]}' });
    expect((await statusGet()).status).toBe(401);
    const status = await statusGet(new URLSearchParams(link.hash.slice(1)).get('token')!);
    expect((await status.json()).profiles.map((x: { name: string }) => x.name)).toEqual(['dev']);
    p.child.kill('SIGINT');
    const [code] = await once(p.child, 'exit');
    expect(code).toBe(0);
    expect(p.err()).toBe('');
  });

  it('explains a bad --port and exits with status 2', async () => {
    const p = startPreview(['--port', 'eighty'], makeAwsSandbox('').env);
    const [code] = await once(p.child, 'exit');
    expect(code).toBe(2);
    expect(p.err()).toContain('--port must be a number from 0 to 65535 (got "eighty")');
  });
});
