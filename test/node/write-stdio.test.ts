import { buildSync } from 'esbuild';
import { spawn } from 'node:child_process';
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';

let script = '';

beforeAll(() => {
  // A real process writing through writeAllSync, so the test sees real pipes.
  script = join(mkdtempSync(join(tmpdir(), 'alt-write-stdio-')), 'writer.cjs');
  const entry = resolve(__dirname, '../../src/node/write-stdio.ts');
  buildSync({
    stdin: {
      contents: `import { writeAllSync, ClosedPipeError } from ${JSON.stringify(entry)};
        const chunk = 'é'.repeat(100_000) + '\\n';
        try { for (let i = 0; i < 20; i++) writeAllSync(1, chunk); writeAllSync(2, 'done\\n'); }
        catch (e) { writeAllSync(2, e instanceof ClosedPipeError ? 'closed\\n' : 'other\\n'); }`,
      resolveDir: process.cwd(),
      loader: 'ts',
    },
    bundle: true, platform: 'node', format: 'cjs', outfile: script, logLevel: 'silent',
  });
});

function runWriter(readAll: boolean): Promise<{ bytes: number; stderr: string; code: number | null }> {
  return new Promise((done) => {
    const child = spawn(process.execPath, [script], { stdio: ['ignore', 'pipe', 'pipe'] });
    let bytes = 0;
    let stderr = '';
    child.stdout.on('data', (d: Buffer) => {
      bytes += d.length;
      if (!readAll) child.stdout.destroy();
    });
    child.stderr.on('data', (d: Buffer) => void (stderr += d.toString()));
    child.on('close', (code) => done({ bytes, stderr, code }));
  });
}

describe('writeAllSync', () => {
  it('writes every byte of output far larger than a pipe buffer, as UTF-8', async () => {
    const r = await runWriter(true);
    expect(r).toEqual({ bytes: 20 * 200_001, stderr: 'done\n', code: 0 });
  });

  it('reports a reader that went away as ClosedPipeError', async () => {
    const r = await runWriter(false);
    expect(r.stderr).toBe('closed\n');
    expect(r.code).toBe(0);
  });
});
