import { chmodSync, mkdirSync, mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { nodeFilePort } from '../../src/node/fs-port';

const dir = () => mkdtempSync(join(tmpdir(), 'alt-fs-port-'));

describe('nodeFilePort', () => {
  it('reads text and stats a file', () => {
    const d = dir();
    const f = join(d, 'a.txt');
    writeFileSync(f, 'héllo', { mode: 0o640 });
    chmodSync(f, 0o640);
    expect(nodeFilePort.readText(f)).toBe('héllo');
    const info = nodeFilePort.stat(f);
    expect(info?.mode).toBe(0o640);
    expect(info?.birthtimeMs).toBeGreaterThan(0);
  });

  it('gives null for a missing file or a missing folder on the way', () => {
    const d = dir();
    expect(nodeFilePort.readText(join(d, 'nope'))).toBeNull();
    expect(nodeFilePort.stat(join(d, 'nope'))).toBeNull();
    writeFileSync(join(d, 'file'), '');
    expect(nodeFilePort.readText(join(d, 'file', 'below'))).toBeNull();
  });

  it('throws a one-line error naming the path for a folder', () => {
    const d = dir();
    mkdirSync(join(d, 'sub'));
    expect(() => nodeFilePort.readText(join(d, 'sub'))).toThrow(`${join(d, 'sub')}: is a folder, not a file.`);
  });

});
