import { mkdtempSync, readFileSync, readdirSync, statSync, writeFileSync } from 'node:fs';
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
