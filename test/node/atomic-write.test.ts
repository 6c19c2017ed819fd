import { mkdirSync, mkdtempSync, readFileSync, readdirSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { writeFileAtomic, writeFileAtomicSync } from '../../src/node/atomic-write';

describe('writeFileAtomic', () => {
  it('creates parent folders and writes a private (0600) file', async () => {
    const d = mkdtempSync(join(tmpdir(), 'alt-atomic-'));
    const f = join(d, 'a', 'b', 'x.json');
    await writeFileAtomic(f, '{"a":1}');
    expect(readFileSync(f, 'utf8')).toBe('{"a":1}');
    expect(statSync(f).mode & 0o777).toBe(0o600);
    expect(statSync(join(d, 'a')).mode & 0o777).toBe(0o700);
  });

  it('replaces a wider-open file with the requested mode and leaves no temp files', () => {
    const d = mkdtempSync(join(tmpdir(), 'alt-atomic-'));
    const f = join(d, 'x');
    writeFileSync(f, 'old', { mode: 0o644 });
    writeFileAtomicSync(f, 'new');
    expect(readFileSync(f, 'utf8')).toBe('new');
    expect(statSync(f).mode & 0o777).toBe(0o600);
    writeFileAtomicSync(f, 'shared', { mode: 0o640 });
    expect(statSync(f).mode & 0o777).toBe(0o640);
    expect(readdirSync(d)).toEqual(['x']);
  });
});

describe('writeFileAtomic failures', () => {
  it('leaves the old file and no temp file when the rename cannot happen (the target is a folder)', async () => {
    const d = mkdtempSync(join(tmpdir(), 'alt-atomic-'));
    const target = join(d, 'x');
    mkdirSync(join(target, 'inside'), { recursive: true });
    expect(() => writeFileAtomicSync(target, 'new')).toThrow();
    await expect(writeFileAtomic(target, 'new')).rejects.toThrow();
    expect(readdirSync(d)).toEqual(['x']);
  });

  it('keeps the exact mode whatever the umask', () => {
    const d = mkdtempSync(join(tmpdir(), 'alt-atomic-'));
    const old = process.umask(0o077);
    try {
      writeFileAtomicSync(join(d, 'launcher'), '#!/bin/sh\n', { mode: 0o755 });
    } finally {
      process.umask(old);
    }
    expect(statSync(join(d, 'launcher')).mode & 0o777).toBe(0o755);
  });
});
